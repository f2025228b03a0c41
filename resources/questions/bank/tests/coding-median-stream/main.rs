use std::cmp::Reverse;
use std::collections::BinaryHeap;

struct RunningMedian {
    low: BinaryHeap<i32>,
    high: BinaryHeap<Reverse<i32>>,
}

impl RunningMedian {
    fn new() -> Self {
        RunningMedian { low: BinaryHeap::new(), high: BinaryHeap::new() }
    }

    fn add(&mut self, value: i32) {
        self.low.push(value);
        let top = self.low.pop().unwrap();
        self.high.push(Reverse(top));
        if self.high.len() > self.low.len() {
            let Reverse(smallest) = self.high.pop().unwrap();
            self.low.push(smallest);
        }
    }

    fn median(&self) -> f64 {
        let low = *self.low.peek().unwrap() as f64;
        if self.low.len() > self.high.len() {
            low
        } else {
            (low + self.high.peek().unwrap().0 as f64) / 2.0
        }
    }
}

fn main() {
    let mut stream = RunningMedian::new();
    stream.add(5);
    println!("{:?}", stream.median());
    stream.add(15);
    println!("{:?}", stream.median());
    stream.add(1);
    println!("{:?}", stream.median());
    stream.add(3);
    println!("{:?}", stream.median());
}
