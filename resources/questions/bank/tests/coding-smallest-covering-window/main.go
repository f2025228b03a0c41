package main

import "fmt"

func smallestWindow(text string, pattern string) string {
	var need [256]int
	for i := 0; i < len(pattern); i++ {
		need[pattern[i]]++
	}
	missing, left, bestLength, bestStart := len(pattern), 0, -1, 0
	for right := 0; right < len(text); right++ {
		if need[text[right]] > 0 {
			missing--
		}
		need[text[right]]--
		for missing == 0 {
			if bestLength == -1 || right-left+1 < bestLength {
				bestLength, bestStart = right-left+1, left
			}
			need[text[left]]++
			if need[text[left]] > 0 {
				missing++
			}
			left++
		}
	}
	if bestLength == -1 {
		return ""
	}
	return text[bestStart : bestStart+bestLength]
}

func main() {
	fmt.Println(smallestWindow("ADOBECODEBANC", "ABC"))
}
