fn edit_distance(source: &str, target: &str) -> i32 {
    let (s, t) = (source.as_bytes(), target.as_bytes());
    let mut prev: Vec<i32> = (0..=t.len() as i32).collect();
    let mut cur = vec![0; t.len() + 1];
    for i in 1..=s.len() {
        cur[0] = i as i32;
        for j in 1..=t.len() {
            cur[j] = if s[i - 1] == t[j - 1] { prev[j - 1] } else { 1 + prev[j].min(cur[j - 1]).min(prev[j - 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[t.len()]
}

fn main() {
    println!("{:?}", edit_distance("kitten", "sitting"));
}
