fn smallest_window(text: &str, pattern: &str) -> String {
    let (t, p) = (text.as_bytes(), pattern.as_bytes());
    let mut need = [0i64; 256];
    for &b in p {
        need[b as usize] += 1;
    }
    let mut missing = p.len();
    let mut left = 0;
    let mut best: Option<(usize, usize)> = None;
    for right in 0..t.len() {
        let ch = t[right] as usize;
        if need[ch] > 0 {
            missing -= 1;
        }
        need[ch] -= 1;
        while missing == 0 {
            if best.map_or(true, |(len, _)| right - left + 1 < len) {
                best = Some((right - left + 1, left));
            }
            let out = t[left] as usize;
            need[out] += 1;
            if need[out] > 0 {
                missing += 1;
            }
            left += 1;
        }
    }
    best.map(|(len, start)| text[start..start + len].to_string()).unwrap_or_default()
}

fn main() {
    println!("{:?}", smallest_window("ADOBECODEBANC", "ABC"));
}
