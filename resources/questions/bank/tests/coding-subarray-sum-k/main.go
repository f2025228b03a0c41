package main

import "fmt"

func countSubarraysWithSum(nums []int, k int) int {
	counts := map[int]int{0: 1}
	running, total := 0, 0
	for _, x := range nums {
		running += x
		total += counts[running-k]
		counts[running]++
	}
	return total
}

func main() {
	fmt.Println(countSubarraysWithSum([]int{1, 2, 3, -2, 2}, 3))
}
