fn first_unique_index(s: &str) -> i32 {
    let bytes = s.as_bytes();
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    for (i, &b) in bytes.iter().enumerate() {
        if counts[b as usize] == 1 {
            return i as i32;
        }
    }
    -1
}

fn main() {
    println!("{:?}", first_unique_index("interview"));
}
