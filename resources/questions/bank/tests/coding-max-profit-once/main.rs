fn max_profit(prices: &[i32]) -> i32 {
    let mut lowest = prices[0];
    let mut best = 0;
    for &price in prices {
        best = best.max(price - lowest);
        lowest = lowest.min(price);
    }
    best
}

fn main() {
    println!("{:?}", max_profit(&[8, 3, 6, 1, 7, 4]));
}
