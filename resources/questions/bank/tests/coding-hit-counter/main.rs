use std::collections::VecDeque;

struct HitCounter {
    // (second, hits) in the last 300 seconds, oldest first.
    seconds: VecDeque<(i64, i32)>,
    total: i32,
}

impl HitCounter {
    fn new() -> Self {
        HitCounter { seconds: VecDeque::new(), total: 0 }
    }

    fn expire(&mut self, t: i32) {
        while let Some(&(s, hits)) = self.seconds.front() {
            if s > t as i64 - 300 {
                break;
            }
            self.total -= hits;
            self.seconds.pop_front();
        }
    }

    fn hit(&mut self, t: i32) {
        self.expire(t);
        match self.seconds.back_mut() {
            Some(last) if last.0 == t as i64 => last.1 += 1,
            _ => self.seconds.push_back((t as i64, 1)),
        }
        self.total += 1;
    }

    fn count(&mut self, t: i32) -> i32 {
        self.expire(t);
        self.total
    }
}

fn main() {
    let mut counter = HitCounter::new();
    counter.hit(1);
    counter.hit(2);
    counter.hit(2);
    counter.hit(300);
    println!("{:?}", counter.count(300));
    println!("{:?}", counter.count(301));
    println!("{:?}", counter.count(302));
    println!("{:?}", counter.count(700));
}
