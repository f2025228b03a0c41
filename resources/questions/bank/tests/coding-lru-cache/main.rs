use std::collections::{BTreeMap, HashMap};

struct LRUCache {
    capacity: usize,
    clock: u64,
    // key -> (value, when it was last used); when -> key, oldest first.
    items: HashMap<i32, (i32, u64)>,
    by_use: BTreeMap<u64, i32>,
}

impl LRUCache {
    fn new(capacity: i32) -> Self {
        LRUCache { capacity: capacity as usize, clock: 0, items: HashMap::new(), by_use: BTreeMap::new() }
    }

    fn touch(&mut self, key: i32, value: i32) {
        self.clock += 1;
        if let Some((_, used)) = self.items.insert(key, (value, self.clock)) {
            self.by_use.remove(&used);
        }
        self.by_use.insert(self.clock, key);
    }

    fn get(&mut self, key: i32) -> i32 {
        match self.items.get(&key) {
            Some(&(value, _)) => {
                self.touch(key, value);
                value
            }
            None => -1,
        }
    }

    fn put(&mut self, key: i32, value: i32) {
        self.touch(key, value);
        if self.items.len() > self.capacity {
            let (&oldest, &victim) = self.by_use.iter().next().unwrap();
            self.by_use.remove(&oldest);
            self.items.remove(&victim);
        }
    }
}

fn main() {
    let mut cache = LRUCache::new(2);
    cache.put(1, 1);
    cache.put(2, 2);
    println!("{:?}", cache.get(1));
    cache.put(3, 3);
    println!("{:?}", cache.get(2));
    println!("{:?}", cache.get(3));
}
