package fuzzyx

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/sahilm/fuzzy"
)

// mayMatch stays on while it rejects at least filterShare/8 of the entries it sees: below that
// share its own cost outweighs the walks it saves (figures: docs/PERFORMANCE.md).
const filterShare = 3

// sampleEvery is how often mayMatch looks at an entry while it is off, and filterWindow
// after how many looks it is turned on or off.
const (
	sampleEvery  = 16
	filterWindow = 64
)

// blockSize is how many entries a worker takes at a time: small enough to share the work
// evenly between cores and notice a cancelled context quickly, large enough that taking a
// block costs nothing.
const blockSize = 4096

// Top returns exactly the first n rows fuzzy.Find(pattern, entries) would return (strings,
// scores, matched positions, order). Like fuzzy.Find it returns nil for an empty pattern or
// when nothing matches; n <= 0 also gives nil.
func (ix *Index) Top(pattern string, n int) fuzzy.Matches {
	m, _ := ix.TopContext(context.Background(), pattern, n)
	return m
}

// TopContext is Top that stops early, returning ctx.Err(), when ctx is done: a search
// made stale by the next key press is abandoned rather than finished.
func (ix *Index) TopContext(ctx context.Context, pattern string, n int) (fuzzy.Matches, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ix == nil {
		return nil, nil
	}
	ix.queries.Add(1)
	if pattern == "" || n <= 0 {
		return nil, nil
	}
	q := compile(pattern)
	if q.hasNUL {
		return nil, nil // fuzzy never matches a NUL, so nothing matches
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	best, err := ix.scan(ctx, q, n)
	if err != nil {
		return nil, err
	}
	return ix.finish(q, best, n), nil
}

// candidate is an entry the port has scored.
type candidate struct {
	score int
	index int
}

// before is the order of fuzzy.Find's result: score descending, then (sort.Stable) index.
func before(a, b candidate) bool {
	return a.score > b.score || a.score == b.score && a.index < b.index
}

// scan returns, in no particular order, a set of scored entries that contains the top n.
func (ix *Index) scan(ctx context.Context, q *query, n int) ([]candidate, error) {
	blocks := (len(ix.entries) + blockSize - 1) / blockSize
	workers := min(runtime.GOMAXPROCS(0), blocks)
	s := scanState{ix: ix, q: q, n: n, ctx: ctx, blocks: int64(blocks)}
	s.floor.Store(math.MinInt)
	if workers <= 1 {
		best := s.work()
		return best, ctx.Err()
	}
	results := make([][]candidate, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { results[w] = s.work() })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return slices.Concat(results...), nil
}

type scanState struct {
	ix     *Index
	q      *query
	n      int
	ctx    context.Context
	blocks int64
	next   atomic.Int64
	// floor is the largest n-th best score any worker holds: an entry scoring below it
	// cannot be in the top n, whichever worker sees it.
	floor atomic.Int64
}

// work scans blocks, in increasing order, until none are left and returns its best n.
// Because a worker's indexes only grow, a new entry that merely ties its n-th best
// loses the tie (fuzzy sorts stably), so it needs to beat it.
func (s *scanState) work() []candidate {
	q, entries, meta := s.q, s.ix.entries, s.ix.meta
	h := worstFirst{n: s.n}
	// mayMatch costs about a third of a walk: worth it while enough entries fail it. Off,
	// it still sees one entry in sampleEvery so that it comes back on when that changes.
	filter := len(q.runes) > 1
	var tried, rejected, tick int
	for {
		b := s.next.Add(1) - 1
		if b >= s.blocks || s.ctx.Err() != nil {
			return h.items
		}
		floor := int(s.floor.Load())
		need := max(h.need(), floor)
		lo := int(b) * blockSize
		hi := min(lo+blockSize, len(entries))
		for i := lo; i < hi; i++ {
			md := &meta[i]
			if q.mask&^md.mask != 0 {
				continue
			}
			var r room
			if q.bounded && need != math.MinInt {
				// Long entries fail the bound without looking at what they offer.
				if q.most-int(md.clean) < need {
					continue
				}
				if r = q.room(md); q.initialBound(md, r) < need || q.refinedBound(md) < need {
					continue
				}
			}
			e := entries[i][:md.clean]
			if tick++; filter || tick%sampleEvery == 0 {
				tried++
				pass := q.mayMatch(e)
				if !pass {
					rejected++
				}
				if tried == filterWindow {
					filter = rejected*8 >= tried*filterShare
					tried, rejected = tried/2, rejected/2 // the recent entries weigh more
				}
				if !pass {
					continue
				}
			}
			score, ok := q.rank(e, md, r, need)
			if !ok || !h.offer(candidate{score, i}) {
				continue
			}
			need = max(h.need(), floor)
		}
		if h.full() {
			raise(&s.floor, h.items[0].score)
		}
	}
}

func raise(v *atomic.Int64, to int) {
	for {
		cur := v.Load()
		if int64(to) <= cur || v.CompareAndSwap(cur, int64(to)) {
			return
		}
	}
}

// worstFirst keeps the best n candidates with the worst at items[0] (a binary heap).
type worstFirst struct {
	n     int
	items []candidate
}

func (h *worstFirst) full() bool { return len(h.items) >= h.n }

// need is the least score a later entry must have to be kept.
func (h *worstFirst) need() int {
	if !h.full() {
		return math.MinInt
	}
	return h.items[0].score + 1
}

// worse says which of two candidates goes first in the heap.
func worse(a, b candidate) bool { return before(b, a) }

func (h *worstFirst) offer(c candidate) bool {
	if !h.full() {
		h.items = append(h.items, c)
		for i := len(h.items) - 1; i > 0; {
			parent := (i - 1) / 2
			if !worse(h.items[i], h.items[parent]) {
				break
			}
			h.items[i], h.items[parent] = h.items[parent], h.items[i]
			i = parent
		}
		return true
	}
	if !before(c, h.items[0]) {
		return false
	}
	h.items[0] = c
	for i := 0; ; {
		l, r, w := 2*i+1, 2*i+2, i
		if l < len(h.items) && worse(h.items[l], h.items[w]) {
			w = l
		}
		if r < len(h.items) && worse(h.items[r], h.items[w]) {
			w = r
		}
		if w == i {
			return true
		}
		h.items[i], h.items[w] = h.items[w], h.items[i]
		i = w
	}
}

// finish has fuzzy score the chosen entries and returns its rows, with indexes into the
// whole list. If fuzzy disagrees with the port on any of them (a fuzzy upgrade the port
// does not know about), the answer comes from fuzzy.Find over everything instead.
func (ix *Index) finish(q *query, best []candidate, n int) fuzzy.Matches {
	slices.SortFunc(best, func(a, b candidate) int {
		if before(a, b) {
			return -1
		}
		if before(b, a) {
			return 1
		}
		return 0
	})
	best = best[:min(n, len(best))]
	if len(best) == 0 {
		return nil
	}
	view := subset{entries: ix.entries, ids: make([]int, len(best))}
	for k, c := range best {
		view.ids[k] = c.index
	}
	slices.Sort(view.ids)
	rows := fuzzy.FindFrom(q.pattern, view)
	agree := len(rows) == len(best)
	for k := 0; agree && k < len(rows); k++ {
		rows[k].Index = view.ids[rows[k].Index]
		agree = rows[k].Index == best[k].index && rows[k].Score == best[k].score
	}
	if agree {
		return rows
	}
	ix.fallbacks.Add(1)
	all := fuzzy.Find(q.pattern, ix.entries)
	return all[:min(n, len(all))]
}

// subset is a fuzzy.Source over some entries of the list, in index order.
type subset struct {
	entries []string
	ids     []int
}

func (v subset) String(i int) string { return v.entries[v.ids[i]] }
func (v subset) Len() int            { return len(v.ids) }
