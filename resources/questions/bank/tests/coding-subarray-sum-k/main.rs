use std::collections::HashMap;

fn count_subarrays_with_sum(nums: &[i32], k: i32) -> i32 {
    let mut counts: HashMap<i64, i32> = HashMap::new();
    counts.insert(0, 1);
    let (mut running, mut total) = (0i64, 0i32);
    for &x in nums {
        running += x as i64;
        total += counts.get(&(running - k as i64)).copied().unwrap_or(0);
        *counts.entry(running).or_insert(0) += 1;
    }
    total
}

fn main() {
    println!("{:?}", count_subarrays_with_sum(&[1, 2, 3, -2, 2], 3));
}
