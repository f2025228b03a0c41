package main

import (
	"container/heap"
	"fmt"
)

type minInts []int

func (h minInts) Len() int            { return len(h) }
func (h minInts) Less(a, b int) bool  { return h[a] < h[b] }
func (h minInts) Swap(a, b int)       { h[a], h[b] = h[b], h[a] }
func (h *minInts) Push(x interface{}) { *h = append(*h, x.(int)) }
func (h *minInts) Pop() interface{} {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func courseOrder(n int, prereqs [][]int) []int {
	dependants := make([][]int, n)
	indegree := make([]int, n)
	for _, p := range prereqs {
		dependants[p[1]] = append(dependants[p[1]], p[0])
		indegree[p[0]]++
	}
	ready := &minInts{}
	for c := 0; c < n; c++ {
		if indegree[c] == 0 {
			heap.Push(ready, c)
		}
	}
	order := []int{}
	for ready.Len() > 0 {
		course := heap.Pop(ready).(int)
		order = append(order, course)
		for _, next := range dependants[course] {
			indegree[next]--
			if indegree[next] == 0 {
				heap.Push(ready, next)
			}
		}
	}
	if len(order) != n {
		return []int{}
	}
	return order
}

func main() {
	fmt.Println(courseOrder(4, [][]int{{1, 0}, {2, 0}, {3, 1}, {3, 2}}))
}
