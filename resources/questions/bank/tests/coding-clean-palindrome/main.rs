fn is_clean_palindrome(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return true;
    }
    let (mut left, mut right) = (0usize, bytes.len() - 1);
    while left < right {
        if !bytes[left].is_ascii_alphanumeric() {
            left += 1;
        } else if !bytes[right].is_ascii_alphanumeric() {
            right -= 1;
        } else {
            if bytes[left].to_ascii_lowercase() != bytes[right].to_ascii_lowercase() {
                return false;
            }
            left += 1;
            right -= 1;
        }
    }
    true
}

fn main() {
    println!("{:?}", is_clean_palindrome("Never odd or even."));
}
