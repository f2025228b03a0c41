use std::collections::HashMap;

fn top_k_frequent(nums: &[i32], k: i32) -> Vec<i32> {
    let mut counts: HashMap<i32, i32> = HashMap::new();
    for &n in nums {
        *counts.entry(n).or_insert(0) += 1;
    }
    let mut values: Vec<i32> = counts.keys().copied().collect();
    values.sort_by(|a, b| counts[b].cmp(&counts[a]).then(a.cmp(b)));
    values.truncate(k as usize);
    values
}

fn main() {
    println!("{:?}", top_k_frequent(&[4, 1, 1, 2, 2, 3, 4, 4], 2));
}
