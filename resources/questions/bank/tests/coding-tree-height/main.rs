fn tree_height(parent: &[i32]) -> i32 {
    let mut children = vec![Vec::new(); parent.len()];
    let mut root = 0;
    for (node, &p) in parent.iter().enumerate() {
        if p == -1 {
            root = node;
        } else {
            children[p as usize].push(node);
        }
    }
    let mut height = -1;
    let mut level = vec![root];
    while !level.is_empty() {
        height += 1;
        level = level.iter().flat_map(|&node| children[node].iter().copied()).collect();
    }
    height
}

fn main() {
    println!("{:?}", tree_height(&[-1, 0, 0, 1, 3]));
}
