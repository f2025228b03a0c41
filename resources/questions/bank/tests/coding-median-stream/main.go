package main

import (
	"container/heap"
	"fmt"
)

// ints is a heap of ints; `max` makes it a max-heap.
type ints struct {
	items []int
	max   bool
}

func (h ints) Len() int { return len(h.items) }
func (h ints) Less(a, b int) bool {
	if h.max {
		return h.items[a] > h.items[b]
	}
	return h.items[a] < h.items[b]
}
func (h ints) Swap(a, b int)       { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *ints) Push(x interface{}) { h.items = append(h.items, x.(int)) }
func (h *ints) Pop() interface{} {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

type RunningMedian struct {
	low, high *ints
}

func newRunningMedian() *RunningMedian {
	return &RunningMedian{low: &ints{max: true}, high: &ints{}}
}

func (s *RunningMedian) add(value int) {
	heap.Push(s.low, value)
	heap.Push(s.high, heap.Pop(s.low))
	if s.high.Len() > s.low.Len() {
		heap.Push(s.low, heap.Pop(s.high))
	}
}

func (s *RunningMedian) median() float64 {
	if s.low.Len() > s.high.Len() {
		return float64(s.low.items[0])
	}
	return float64(s.low.items[0]+s.high.items[0]) / 2
}

func main() {
	stream := newRunningMedian()
	stream.add(5)
	fmt.Println(stream.median())
	stream.add(15)
	fmt.Println(stream.median())
	stream.add(1)
	fmt.Println(stream.median())
	stream.add(3)
	fmt.Println(stream.median())
}
