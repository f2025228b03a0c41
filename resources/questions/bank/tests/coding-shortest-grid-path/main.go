package main

import "fmt"

func shortestPath(grid [][]int, k int) int {
	rows, cols := len(grid), len(grid[0])
	if k >= rows+cols-2 {
		return rows + cols - 2
	}
	seen := make([]bool, rows*cols*(k+1))
	state := func(r, c, used int) int { return (r*cols+c)*(k+1) + used }
	type step struct{ r, c, used, dist int }
	queue := []step{{0, 0, 0, 0}}
	seen[state(0, 0, 0)] = true
	moves := [][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}}
	for head := 0; head < len(queue); head++ {
		s := queue[head]
		if s.r == rows-1 && s.c == cols-1 {
			return s.dist
		}
		for _, m := range moves {
			nr, nc := s.r+m[0], s.c+m[1]
			if nr < 0 || nr >= rows || nc < 0 || nc >= cols {
				continue
			}
			used := s.used + grid[nr][nc]
			if used <= k && !seen[state(nr, nc, used)] {
				seen[state(nr, nc, used)] = true
				queue = append(queue, step{nr, nc, used, s.dist + 1})
			}
		}
	}
	return -1
}

func main() {
	fmt.Println(shortestPath([][]int{{0, 1, 0}, {0, 1, 0}, {0, 1, 0}}, 1))
}
