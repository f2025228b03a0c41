package main

import (
	"fmt"
	"sort"
)

func groupAnagrams(words []string) [][]string {
	index := map[string]int{}
	groups := [][]string{}
	for _, word := range words {
		letters := []byte(word)
		sort.Slice(letters, func(a, b int) bool { return letters[a] < letters[b] })
		key := string(letters)
		if i, ok := index[key]; ok {
			groups[i] = append(groups[i], word)
		} else {
			index[key] = len(groups)
			groups = append(groups, []string{word})
		}
	}
	return groups
}

func main() {
	fmt.Println(groupAnagrams([]string{"listen", "google", "silent", "enlist", "gogole", "cat"}))
}
