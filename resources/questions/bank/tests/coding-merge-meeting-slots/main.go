package main

import (
	"fmt"
	"sort"
)

func mergeSlots(slots [][]int) [][]int {
	sorted := append([][]int{}, slots...)
	sort.Slice(sorted, func(a, b int) bool {
		if sorted[a][0] != sorted[b][0] {
			return sorted[a][0] < sorted[b][0]
		}
		return sorted[a][1] < sorted[b][1]
	})
	merged := [][]int{}
	for _, s := range sorted {
		if n := len(merged); n > 0 && s[0] <= merged[n-1][1] {
			if s[1] > merged[n-1][1] {
				merged[n-1][1] = s[1]
			}
		} else {
			merged = append(merged, []int{s[0], s[1]})
		}
	}
	return merged
}

func main() {
	fmt.Println(mergeSlots([][]int{{60, 90}, {0, 30}, {25, 45}, {90, 120}}))
}
