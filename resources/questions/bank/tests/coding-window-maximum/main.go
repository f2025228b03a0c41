package main

import "fmt"

func windowMaximums(readings []int, k int) []int {
	window := make([]int, 0, len(readings))
	head := 0
	out := []int{}
	for i, value := range readings {
		for len(window) > head && readings[window[len(window)-1]] <= value {
			window = window[:len(window)-1]
		}
		window = append(window, i)
		if window[head] <= i-k {
			head++
		}
		if i >= k-1 {
			out = append(out, readings[window[head]])
		}
	}
	return out
}

func main() {
	fmt.Println(windowMaximums([]int{4, 2, 12, 3, 8, 7, 1}, 3))
}
