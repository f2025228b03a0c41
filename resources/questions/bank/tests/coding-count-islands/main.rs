fn count_islands(grid: &[Vec<i32>]) -> i32 {
    let (rows, cols) = (grid.len(), grid[0].len());
    let mut seen = vec![vec![false; cols]; rows];
    let mut count = 0;
    for r in 0..rows {
        for c in 0..cols {
            if grid[r][c] != 1 || seen[r][c] {
                continue;
            }
            count += 1;
            seen[r][c] = true;
            let mut stack = vec![(r, c)];
            while let Some((cr, cc)) = stack.pop() {
                let mut next = Vec::with_capacity(4);
                if cr + 1 < rows {
                    next.push((cr + 1, cc));
                }
                if cr > 0 {
                    next.push((cr - 1, cc));
                }
                if cc + 1 < cols {
                    next.push((cr, cc + 1));
                }
                if cc > 0 {
                    next.push((cr, cc - 1));
                }
                for (nr, nc) in next {
                    if grid[nr][nc] == 1 && !seen[nr][nc] {
                        seen[nr][nc] = true;
                        stack.push((nr, nc));
                    }
                }
            }
        }
    }
    count
}

fn main() {
    let grid = vec![vec![1, 1, 0, 0], vec![1, 0, 0, 1], vec![0, 0, 1, 1], vec![0, 0, 0, 0]];
    println!("{:?}", count_islands(&grid));
}
