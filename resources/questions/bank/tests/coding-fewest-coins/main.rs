fn fewest_coins(coins: &[i32], amount: i32) -> i32 {
    let amount = amount as usize;
    let mut best: Vec<Option<i32>> = vec![None; amount + 1];
    best[0] = Some(0);
    for a in 1..=amount {
        for &c in coins {
            let c = c as usize;
            if c <= a {
                if let Some(b) = best[a - c] {
                    if best[a].map_or(true, |cur| b + 1 < cur) {
                        best[a] = Some(b + 1);
                    }
                }
            }
        }
    }
    best[amount].unwrap_or(-1)
}

fn main() {
    println!("{:?}", fewest_coins(&[1, 3, 4], 6));
}
