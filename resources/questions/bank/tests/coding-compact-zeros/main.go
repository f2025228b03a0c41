package main

import "fmt"

func moveZeros(nums []int) []int {
	write := 0
	for read := range nums {
		if nums[read] != 0 {
			nums[write], nums[read] = nums[read], nums[write]
			write++
		}
	}
	return nums
}

func main() {
	fmt.Println(moveZeros([]int{0, 4, 0, 3, 12}))
}
