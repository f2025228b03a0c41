use std::collections::HashMap;

fn pair_with_sum(nums: &[i32], target: i32) -> Vec<i32> {
    let mut seen: HashMap<i32, usize> = HashMap::new();
    for (i, &x) in nums.iter().enumerate() {
        if let Some(&j) = seen.get(&(target - x)) {
            return vec![j as i32, i as i32];
        }
        seen.insert(x, i);
    }
    Vec::new()
}

fn main() {
    println!("{:?}", pair_with_sum(&[3, 9, 14, 4], 7));
}
