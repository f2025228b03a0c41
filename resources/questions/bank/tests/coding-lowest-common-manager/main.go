package main

import "fmt"

func lowestCommonManager(manager []int, a int, b int) int {
	chain := make([]bool, len(manager))
	for x := a; x != -1; x = manager[x] {
		chain[x] = true
	}
	for !chain[b] {
		b = manager[b]
	}
	return b
}

func main() {
	fmt.Println(lowestCommonManager([]int{-1, 0, 0, 1, 1, 2}, 3, 4))
}
