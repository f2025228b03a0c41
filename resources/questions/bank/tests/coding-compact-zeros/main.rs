fn move_zeros(nums: &[i32]) -> Vec<i32> {
    let mut out = nums.to_vec();
    let mut write = 0;
    for read in 0..out.len() {
        if out[read] != 0 {
            out.swap(write, read);
            write += 1;
        }
    }
    out
}

fn main() {
    println!("{:?}", move_zeros(&[0, 4, 0, 3, 12]));
}
