package preview

import (
	"container/list"
	"image"
	"sync"

	"example.com/passport-update/internal/imagecheck"
)

// Key identifies one version of a file: a file rewritten in place gets a new key.
type Key struct {
	Path    string
	Size    int64
	ModNano int64
}

// KeyOf is the cache key for what imagecheck.Inspect saw.
func KeyOf(i imagecheck.Info) Key {
	return Key{Path: i.Path, Size: i.Size, ModNano: i.ModTime.UnixNano()}
}

// Cache keeps the most recent decoded samples (and decode failures) within a byte budget; safe
// for concurrent use from command goroutines.
type Cache struct {
	mu     sync.Mutex
	budget int64
	used   int64
	order  *list.List // front = most recent; values are Key
	items  map[Key]cacheItem
}

// DefaultCacheBytes holds a few dozen samples: every photo of a busy scan folder the user looks
// at twice, and a small, fixed share of the memory the wizard may use.
const DefaultCacheBytes = 8 << 20

// entryOverhead is what an entry costs besides its pixels (key, list element, map slot).
const entryOverhead = 256

func cost(img *image.RGBA) int64 {
	if img == nil {
		return entryOverhead
	}
	return int64(len(img.Pix)) + entryOverhead
}

type cacheItem struct {
	img  *image.RGBA
	err  error
	elem *list.Element
}

// NewCache keeps samples up to budget bytes (pixels plus a small overhead each); the most
// recently used entry is always kept, whatever its size. budget ≤ 0 means DefaultCacheBytes.
func NewCache(budget int64) *Cache {
	if budget <= 0 {
		budget = DefaultCacheBytes
	}
	return &Cache{budget: budget, order: list.New(), items: map[Key]cacheItem{}}
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
		c.used += cost(img) - cost(it.img)
		c.items[k] = cacheItem{img: img, err: err, elem: it.elem}
	} else {
		c.items[k] = cacheItem{img: img, err: err, elem: c.order.PushFront(k)}
		c.used += cost(img)
	}
	for c.used > c.budget && c.order.Len() > 1 {
		old := c.order.Back()
		c.order.Remove(old)
		c.used -= cost(c.items[old.Value.(Key)].img)
		delete(c.items, old.Value.(Key))
	}
}

// Bytes reports what the cached entries hold, as counted against the budget.
func (c *Cache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}

// Len reports how many entries are cached.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}
