use std::cmp::Reverse;
use std::collections::BinaryHeap;

fn time_to_reach_all(n: i32, links: &[Vec<i32>], start: i32) -> i32 {
    let n = n as usize;
    let mut graph = vec![Vec::new(); n];
    for l in links {
        graph[l[0] as usize].push((l[1] as usize, l[2] as i64));
    }
    let mut settled: Vec<Option<i64>> = vec![None; n];
    let mut heap = BinaryHeap::from([Reverse((0i64, start as usize))]);
    let (mut reached, mut latest) = (0usize, 0i64);
    while let Some(Reverse((t, node))) = heap.pop() {
        if settled[node].is_some() {
            continue;
        }
        settled[node] = Some(t);
        reached += 1;
        latest = latest.max(t);
        for &(next, ms) in &graph[node] {
            if settled[next].is_none() {
                heap.push(Reverse((t + ms, next)));
            }
        }
    }
    if reached == n {
        latest as i32
    } else {
        -1
    }
}

fn main() {
    println!("{:?}", time_to_reach_all(4, &[vec![0, 1, 4], vec![0, 2, 1], vec![2, 1, 2], vec![1, 3, 1]], 0));
}
