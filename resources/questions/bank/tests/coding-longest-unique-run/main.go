package main

import "fmt"

func longestUniqueRun(s string) int {
	var last [256]int
	for i := range last {
		last[i] = -1
	}
	left, best := 0, 0
	for right := 0; right < len(s); right++ {
		if last[s[right]] >= left {
			left = last[s[right]] + 1
		}
		last[s[right]] = right
		if right-left+1 > best {
			best = right - left + 1
		}
	}
	return best
}

func main() {
	fmt.Println(longestUniqueRun("abcabcbb"))
}
