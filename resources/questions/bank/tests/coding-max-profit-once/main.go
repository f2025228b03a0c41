package main

import "fmt"

func maxProfit(prices []int) int {
	lowest, best := prices[0], 0
	for _, price := range prices {
		if price-lowest > best {
			best = price - lowest
		}
		if price < lowest {
			lowest = price
		}
	}
	return best
}

func main() {
	fmt.Println(maxProfit([]int{8, 3, 6, 1, 7, 4}))
}
