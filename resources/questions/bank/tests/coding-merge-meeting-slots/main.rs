fn merge_slots(slots: &[Vec<i32>]) -> Vec<Vec<i32>> {
    let mut sorted = slots.to_vec();
    sorted.sort();
    let mut merged: Vec<Vec<i32>> = Vec::new();
    for slot in sorted {
        match merged.last_mut() {
            Some(last) if slot[0] <= last[1] => last[1] = last[1].max(slot[1]),
            _ => merged.push(slot),
        }
    }
    merged
}

fn main() {
    println!("{:?}", merge_slots(&[vec![60, 90], vec![0, 30], vec![25, 45], vec![90, 120]]));
}
