fn days_until_warmer(temps: &[i32]) -> Vec<i32> {
    let mut answer = vec![0; temps.len()];
    let mut waiting: Vec<usize> = Vec::new();
    for (i, &t) in temps.iter().enumerate() {
        while let Some(&j) = waiting.last() {
            if temps[j] >= t {
                break;
            }
            waiting.pop();
            answer[j] = (i - j) as i32;
        }
        waiting.push(i);
    }
    answer
}

fn main() {
    println!("{:?}", days_until_warmer(&[21, 19, 22, 18, 18, 23, 20]));
}
