use std::collections::HashMap;

fn group_anagrams(words: &[&str]) -> Vec<Vec<String>> {
    let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for &word in words {
        let mut key = word.as_bytes().to_vec();
        key.sort_unstable();
        match index.get(&key) {
            Some(&i) => groups[i].push(word.to_string()),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![word.to_string()]);
            }
        }
    }
    groups
}

fn main() {
    println!("{:?}", group_anagrams(&["listen", "google", "silent", "enlist", "gogole", "cat"]));
}
