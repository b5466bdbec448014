package fuzzyx

import (
	"context"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// Count returns how many entries fuzzy.Find(pattern, entries) would return, so that a screen
// showing Top's best n can say how many it left out. It walks every entry that holds the
// pattern's characters, without Top's score bounds, on every core; ctx stops it early.
func (ix *Index) Count(ctx context.Context, pattern string) (int, error) {
	if ix == nil || pattern == "" {
		return 0, ctx.Err()
	}
	q := compile(pattern)
	if q.hasNUL {
		return 0, ctx.Err()
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	entries, meta := ix.entries, ix.meta
	blocks := int64((len(entries) + blockSize - 1) / blockSize)
	var next, total atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), int(max(blocks, 1))) {
		wg.Go(func() {
			n := 0
			for {
				b := next.Add(1) - 1
				if b >= blocks || ctx.Err() != nil {
					break
				}
				for i := int(b) * blockSize; i < min(int(b+1)*blockSize, len(entries)); i++ {
					md := &meta[i]
					if q.mask&^md.mask != 0 {
						continue
					}
					e := entries[i][:md.clean]
					if len(q.runes) > 1 && !q.mayMatch(e) {
						continue
					}
					if _, ok := q.rank(e, md, room{}, math.MinInt); ok {
						n++
					}
				}
			}
			total.Add(int64(n))
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return int(total.Load()), nil
}
