package main

import "fmt"

func pairWithSum(nums []int, target int) []int {
	seen := map[int]int{}
	for i, x := range nums {
		if j, ok := seen[target-x]; ok {
			return []int{j, i}
		}
		seen[x] = i
	}
	return []int{}
}

func main() {
	fmt.Println(pairWithSum([]int{3, 9, 14, 4}, 7))
}
