package main

import "fmt"

func editDistance(source string, target string) int {
	prev := make([]int, len(target)+1)
	cur := make([]int, len(target)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(source); i++ {
		cur[0] = i
		for j := 1; j <= len(target); j++ {
			if source[i-1] == target[j-1] {
				cur[j] = prev[j-1]
			} else {
				best := prev[j]
				if cur[j-1] < best {
					best = cur[j-1]
				}
				if prev[j-1] < best {
					best = prev[j-1]
				}
				cur[j] = best + 1
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(target)]
}

func main() {
	fmt.Println(editDistance("kitten", "sitting"))
}
