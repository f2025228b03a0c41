fn insert_position(nums: &[i32], target: i32) -> i32 {
    let (mut lo, mut hi) = (0usize, nums.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if nums[mid] < target {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo as i32
}

fn main() {
    println!("{:?}", insert_position(&[2, 5, 9, 14], 10));
}
