use std::collections::VecDeque;

fn shortest_path(grid: &[Vec<i32>], k: i32) -> i32 {
    let (rows, cols) = (grid.len(), grid[0].len());
    if k as usize >= rows + cols - 2 {
        return (rows + cols - 2) as i32;
    }
    let k = k as usize;
    let index = |r: usize, c: usize, used: usize| (r * cols + c) * (k + 1) + used;
    let mut seen = vec![false; rows * cols * (k + 1)];
    let mut queue = VecDeque::from([(0usize, 0usize, 0usize, 0i32)]);
    seen[index(0, 0, 0)] = true;
    while let Some((r, c, used, dist)) = queue.pop_front() {
        if r == rows - 1 && c == cols - 1 {
            return dist;
        }
        let moves = [(r + 1, c), (r.wrapping_sub(1), c), (r, c + 1), (r, c.wrapping_sub(1))];
        for (nr, nc) in moves {
            if nr >= rows || nc >= cols {
                continue;
            }
            let nu = used + grid[nr][nc] as usize;
            if nu <= k && !seen[index(nr, nc, nu)] {
                seen[index(nr, nc, nu)] = true;
                queue.push_back((nr, nc, nu, dist + 1));
            }
        }
    }
    -1
}

fn main() {
    println!("{:?}", shortest_path(&[vec![0, 1, 0], vec![0, 1, 0], vec![0, 1, 0]], 1));
}
