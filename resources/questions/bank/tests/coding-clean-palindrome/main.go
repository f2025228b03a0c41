package main

import "fmt"

func alnum(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isCleanPalindrome(text string) bool {
	left, right := 0, len(text)-1
	for left < right {
		if !alnum(text[left]) {
			left++
		} else if !alnum(text[right]) {
			right--
		} else {
			if lower(text[left]) != lower(text[right]) {
				return false
			}
			left++
			right--
		}
	}
	return true
}

func main() {
	fmt.Println(isCleanPalindrome("Never odd or even."))
}
