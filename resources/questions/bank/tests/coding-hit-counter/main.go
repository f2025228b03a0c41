package main

import "fmt"

type second struct{ t, hits int }

type HitCounter struct {
	seconds []second // the last 300 seconds with hits, oldest first
	total   int
}

func newHitCounter() *HitCounter {
	return &HitCounter{}
}

func (c *HitCounter) expire(t int) {
	drop := 0
	for drop < len(c.seconds) && c.seconds[drop].t <= t-300 {
		c.total -= c.seconds[drop].hits
		drop++
	}
	c.seconds = c.seconds[drop:]
}

func (c *HitCounter) hit(t int) {
	c.expire(t)
	if n := len(c.seconds); n > 0 && c.seconds[n-1].t == t {
		c.seconds[n-1].hits++
	} else {
		c.seconds = append(c.seconds, second{t, 1})
	}
	c.total++
}

func (c *HitCounter) count(t int) int {
	c.expire(t)
	return c.total
}

func main() {
	counter := newHitCounter()
	counter.hit(1)
	counter.hit(2)
	counter.hit(2)
	counter.hit(300)
	fmt.Println(counter.count(300))
	fmt.Println(counter.count(301))
	fmt.Println(counter.count(302))
	fmt.Println(counter.count(700))
}
