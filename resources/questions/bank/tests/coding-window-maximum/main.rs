use std::collections::VecDeque;

fn window_maximums(readings: &[i32], k: i32) -> Vec<i32> {
    let k = k as usize;
    let mut window: VecDeque<usize> = VecDeque::new();
    let mut out = Vec::new();
    for (i, &value) in readings.iter().enumerate() {
        while let Some(&back) = window.back() {
            if readings[back] > value {
                break;
            }
            window.pop_back();
        }
        window.push_back(i);
        if window[0] + k <= i {
            window.pop_front();
        }
        if i + 1 >= k {
            out.push(readings[window[0]]);
        }
    }
    out
}

fn main() {
    println!("{:?}", window_maximums(&[4, 2, 12, 3, 8, 7, 1], 3));
}
