package main

import "fmt"

func productExceptSelf(nums []int) []int {
	n := len(nums)
	out := make([]int, n)
	left := 1
	for i := 0; i < n; i++ {
		out[i] = left
		left *= nums[i]
	}
	right := 1
	for i := n - 1; i >= 0; i-- {
		out[i] *= right
		right *= nums[i]
	}
	return out
}

func main() {
	fmt.Println(productExceptSelf([]int{2, 3, 4, 5}))
}
