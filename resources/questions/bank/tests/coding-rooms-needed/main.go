package main

import (
	"fmt"
	"sort"
)

func roomsNeeded(meetings [][]int) int {
	starts := make([]int, len(meetings))
	ends := make([]int, len(meetings))
	for i, m := range meetings {
		starts[i], ends[i] = m[0], m[1]
	}
	sort.Ints(starts)
	sort.Ints(ends)
	rooms, best, e := 0, 0, 0
	for _, s := range starts {
		for e < len(ends) && ends[e] <= s {
			e++
			rooms--
		}
		rooms++
		if rooms > best {
			best = rooms
		}
	}
	return best
}

func main() {
	fmt.Println(roomsNeeded([][]int{{0, 30}, {5, 10}, {15, 20}, {10, 15}}))
}
