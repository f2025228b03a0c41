package main

import (
	"container/heap"
	"fmt"
)

type arrival struct{ t, node int }
type arrivals []arrival

func (h arrivals) Len() int            { return len(h) }
func (h arrivals) Less(a, b int) bool  { return h[a].t < h[b].t }
func (h arrivals) Swap(a, b int)       { h[a], h[b] = h[b], h[a] }
func (h *arrivals) Push(x interface{}) { *h = append(*h, x.(arrival)) }
func (h *arrivals) Pop() interface{} {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func timeToReachAll(n int, links [][]int, start int) int {
	graph := make([][][2]int, n)
	for _, l := range links {
		graph[l[0]] = append(graph[l[0]], [2]int{l[1], l[2]})
	}
	settled := make([]int, n)
	for i := range settled {
		settled[i] = -1
	}
	h := &arrivals{{0, start}}
	reached, latest := 0, 0
	for h.Len() > 0 {
		a := heap.Pop(h).(arrival)
		if settled[a.node] != -1 {
			continue
		}
		settled[a.node] = a.t
		reached++
		if a.t > latest {
			latest = a.t
		}
		for _, e := range graph[a.node] {
			if settled[e[0]] == -1 {
				heap.Push(h, arrival{a.t + e[1], e[0]})
			}
		}
	}
	if reached != n {
		return -1
	}
	return latest
}

func main() {
	fmt.Println(timeToReachAll(4, [][]int{{0, 1, 4}, {0, 2, 1}, {2, 1, 2}, {1, 3, 1}}, 0))
}
