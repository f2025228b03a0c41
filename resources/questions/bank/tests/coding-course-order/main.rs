use std::cmp::Reverse;
use std::collections::BinaryHeap;

fn course_order(n: i32, prereqs: &[Vec<i32>]) -> Vec<i32> {
    let n = n as usize;
    let mut dependants = vec![Vec::new(); n];
    let mut indegree = vec![0; n];
    for p in prereqs {
        dependants[p[1] as usize].push(p[0] as usize);
        indegree[p[0] as usize] += 1;
    }
    let mut ready: BinaryHeap<Reverse<usize>> = (0..n).filter(|&c| indegree[c] == 0).map(Reverse).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(Reverse(course)) = ready.pop() {
        order.push(course as i32);
        for &next in &dependants[course] {
            indegree[next] -= 1;
            if indegree[next] == 0 {
                ready.push(Reverse(next));
            }
        }
    }
    if order.len() == n {
        order
    } else {
        Vec::new()
    }
}

fn main() {
    println!("{:?}", course_order(4, &[vec![1, 0], vec![2, 0], vec![3, 1], vec![3, 2]]));
}
