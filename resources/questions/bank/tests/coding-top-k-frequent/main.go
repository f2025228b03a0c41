package main

import (
	"fmt"
	"sort"
)

func topKFrequent(nums []int, k int) []int {
	counts := map[int]int{}
	for _, n := range nums {
		counts[n]++
	}
	values := make([]int, 0, len(counts))
	for v := range counts {
		values = append(values, v)
	}
	sort.Slice(values, func(a, b int) bool {
		if counts[values[a]] != counts[values[b]] {
			return counts[values[a]] > counts[values[b]]
		}
		return values[a] < values[b]
	})
	return values[:k]
}

func main() {
	fmt.Println(topKFrequent([]int{4, 1, 1, 2, 2, 3, 4, 4}, 2))
}
