package main

import (
	"container/list"
	"fmt"
)

type entry struct{ key, value int }

type LRUCache struct {
	capacity int
	order    *list.List // most recently used at the front
	index    map[int]*list.Element
}

func newLRUCache(capacity int) *LRUCache {
	return &LRUCache{capacity: capacity, order: list.New(), index: map[int]*list.Element{}}
}

func (c *LRUCache) get(key int) int {
	e, ok := c.index[key]
	if !ok {
		return -1
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry).value
}

func (c *LRUCache) put(key int, value int) {
	if e, ok := c.index[key]; ok {
		e.Value.(*entry).value = value
		c.order.MoveToFront(e)
		return
	}
	c.index[key] = c.order.PushFront(&entry{key, value})
	if c.order.Len() > c.capacity {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.index, last.Value.(*entry).key)
	}
}

func main() {
	cache := newLRUCache(2)
	cache.put(1, 1)
	cache.put(2, 2)
	fmt.Println(cache.get(1))
	cache.put(3, 3)
	fmt.Println(cache.get(2))
	fmt.Println(cache.get(3))
}
