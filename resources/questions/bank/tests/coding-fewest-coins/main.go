package main

import "fmt"

func fewestCoins(coins []int, amount int) int {
	const none = -1
	best := make([]int, amount+1)
	for a := 1; a <= amount; a++ {
		best[a] = none
		for _, c := range coins {
			if c <= a && best[a-c] != none && (best[a] == none || best[a-c]+1 < best[a]) {
				best[a] = best[a-c] + 1
			}
		}
	}
	return best[amount]
}

func main() {
	fmt.Println(fewestCoins([]int{1, 3, 4}, 6))
}
