package main

import "fmt"

func trappedWater(heights []int) int {
	left, right := 0, len(heights)-1
	leftMax, rightMax, total := 0, 0, 0
	for left <= right {
		if leftMax <= rightMax {
			if heights[left] > leftMax {
				leftMax = heights[left]
			}
			total += leftMax - heights[left]
			left++
		} else {
			if heights[right] > rightMax {
				rightMax = heights[right]
			}
			total += rightMax - heights[right]
			right--
		}
	}
	return total
}

func main() {
	fmt.Println(trappedWater([]int{3, 0, 1, 0, 4, 0, 2}))
}
