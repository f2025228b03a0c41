fn longest_unique_run(s: &str) -> i32 {
    let mut last = [-1i64; 256];
    let (mut left, mut best) = (0i64, 0i64);
    for (right, &b) in s.as_bytes().iter().enumerate() {
        let right = right as i64;
        if last[b as usize] >= left {
            left = last[b as usize] + 1;
        }
        last[b as usize] = right;
        best = best.max(right - left + 1);
    }
    best as i32
}

fn main() {
    println!("{:?}", longest_unique_run("abcabcbb"));
}
