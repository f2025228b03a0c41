package main

import "fmt"

func treeHeight(parent []int) int {
	children := make([][]int, len(parent))
	root := -1
	for node, p := range parent {
		if p == -1 {
			root = node
		} else {
			children[p] = append(children[p], node)
		}
	}
	height := -1
	level := []int{root}
	for len(level) > 0 {
		height++
		next := []int{}
		for _, node := range level {
			next = append(next, children[node]...)
		}
		level = next
	}
	return height
}

func main() {
	fmt.Println(treeHeight([]int{-1, 0, 0, 1, 3}))
}
