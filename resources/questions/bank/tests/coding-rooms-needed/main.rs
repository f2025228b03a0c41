use std::cmp::Reverse;
use std::collections::BinaryHeap;

fn rooms_needed(meetings: &[Vec<i32>]) -> i32 {
    let mut sorted = meetings.to_vec();
    sorted.sort();
    let mut ends: BinaryHeap<Reverse<i32>> = BinaryHeap::new();
    for m in sorted {
        if let Some(&Reverse(end)) = ends.peek() {
            if end <= m[0] {
                ends.pop();
            }
        }
        ends.push(Reverse(m[1]));
    }
    ends.len() as i32
}

fn main() {
    println!("{:?}", rooms_needed(&[vec![0, 30], vec![5, 10], vec![15, 20], vec![10, 15]]));
}
