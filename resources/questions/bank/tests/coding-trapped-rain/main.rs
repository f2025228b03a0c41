fn trapped_water(heights: &[i32]) -> i32 {
    if heights.is_empty() {
        return 0;
    }
    let (mut left, mut right) = (0usize, heights.len() - 1);
    let (mut left_max, mut right_max, mut total) = (0, 0, 0i32);
    while left <= right {
        if left_max <= right_max {
            left_max = left_max.max(heights[left]);
            total += left_max - heights[left];
            left += 1;
        } else {
            right_max = right_max.max(heights[right]);
            total += right_max - heights[right];
            if right == 0 {
                break;
            }
            right -= 1;
        }
    }
    total
}

fn main() {
    println!("{:?}", trapped_water(&[3, 0, 1, 0, 4, 0, 2]));
}
