fn lowest_common_manager(manager: &[i32], a: i32, b: i32) -> i32 {
    let mut chain = vec![false; manager.len()];
    let mut x = a;
    while x != -1 {
        chain[x as usize] = true;
        x = manager[x as usize];
    }
    let mut y = b;
    while !chain[y as usize] {
        y = manager[y as usize];
    }
    y
}

fn main() {
    println!("{:?}", lowest_common_manager(&[-1, 0, 0, 1, 1, 2], 3, 4));
}
