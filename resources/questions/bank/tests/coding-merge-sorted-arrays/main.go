package main

import "fmt"

func mergeSorted(a []int, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func main() {
	fmt.Println(mergeSorted([]int{1, 4, 4, 9}, []int{2, 4, 10}))
}
