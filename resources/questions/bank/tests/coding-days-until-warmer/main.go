package main

import "fmt"

func daysUntilWarmer(temps []int) []int {
	answer := make([]int, len(temps))
	waiting := []int{}
	for i, t := range temps {
		for len(waiting) > 0 && temps[waiting[len(waiting)-1]] < t {
			j := waiting[len(waiting)-1]
			waiting = waiting[:len(waiting)-1]
			answer[j] = i - j
		}
		waiting = append(waiting, i)
	}
	return answer
}

func main() {
	fmt.Println(daysUntilWarmer([]int{21, 19, 22, 18, 18, 23, 20}))
}
