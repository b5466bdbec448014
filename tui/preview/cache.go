package preview

import (
	"container/list"
	"image"
	"sync"
)

// Key identifies one version of a file: a file rewritten in place gets a new key.
type Key struct {
	Path    string
	Size    int64
	ModNano int64
}

// KeyOf is the cache key for what Inspect saw.
func KeyOf(i Info) Key { return Key{Path: i.Path, Size: i.Size, ModNano: i.ModTime.UnixNano()} }

// Cache keeps the most recent decoded samples (and decode failures); safe for concurrent use
// from command goroutines.
type Cache struct {
	mu    sync.Mutex
	max   int
	order *list.List // front = most recent; values are Key
	items map[Key]cacheItem
}

type cacheItem struct {
	img  *image.RGBA
	err  error
	elem *list.Element
}

// NewCache keeps up to max samples (at most SampleSide² × 4 bytes each).
func NewCache(max int) *Cache {
	if max < 1 {
		max = 1
	}
	return &Cache{max: max, order: list.New(), items: map[Key]cacheItem{}}
}

// Get returns the sample or decode error stored for k.
func (c *Cache) Get(k Key) (img *image.RGBA, err error, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[k]
	if !ok {
		return nil, nil, false
	}
	c.order.MoveToFront(it.elem)
	return it.img, it.err, true
}

// Put stores a sample (or the error decoding it) for k, evicting the least recently used.
func (c *Cache) Put(k Key, img *image.RGBA, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if it, ok := c.items[k]; ok {
		c.order.MoveToFront(it.elem)
		c.items[k] = cacheItem{img: img, err: err, elem: it.elem}
		return
	}
	c.items[k] = cacheItem{img: img, err: err, elem: c.order.PushFront(k)}
	for c.order.Len() > c.max {
		old := c.order.Back()
		c.order.Remove(old)
		delete(c.items, old.Value.(Key))
	}
}

// Len reports how many entries are cached.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
