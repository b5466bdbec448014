// Package fuzzyx answers sahilm/fuzzy's best N matches fast over large lists.
//
// fuzzy.Find scores every entry and sorts every match, which a person typing into a list of
// 1,000,000 paths feels on every key (figures: docs/PERFORMANCE.md). Top returns exactly the first n rows fuzzy.Find would
// (same strings, indexes, scores, matched positions, order) by
//   - rejecting entries that lack a pattern character, from a per-entry bit mask built once,
//     or whose bounds (from the same index) stay below the n-th best score so far;
//   - rejecting entries that do not hold the pattern in order, eight bytes at a time
//     (mayMatch), while that pays;
//   - walking the rest with a port of fuzzy's scorer that gives up as soon as an upper bound
//     on the score the entry could still reach falls below the n-th best score so far;
//   - keeping the best n in a heap per core instead of sorting every match;
//   - handing only those n entries to fuzzy.FindFrom, whose rows are returned.
//
// The port only chooses; fuzzy scores. Every returned score is checked against the port,
// and a disagreement falls back to the plain fuzzy.Find (counted in Stats).
package fuzzyx

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Index is built once per list (off the UI loop) and answers many queries. Its methods are
// safe for concurrent use; a nil *Index is an empty list (a picker can filter before its
// index arrives).
type Index struct {
	mu      sync.RWMutex
	entries []string
	meta    []entryMeta
	build   BuildCost

	queries, fallbacks atomic.Int64
}

// BuildCost is what building (and appending to) an index cost, for the performance notes.
type BuildCost struct {
	Entries  int
	Duration time.Duration
	Bytes    int // memory the index holds besides the entries themselves
}

// Stats counts queries; Fallbacks must stay zero (see the package comment).
type Stats struct {
	Queries   int64
	Fallbacks int64
}

// parallelBuildMin is the list size from which building uses every core.
const parallelBuildMin = 32 << 10

// NewIndex indexes entries, using every core for large lists. The index keeps entries (it
// does not copy the strings); the caller must not modify the slice afterwards.
func NewIndex(entries []string) *Index {
	ix := &Index{}
	ix.Append(entries...)
	return ix
}

// Len is the number of entries.
func (ix *Index) Len() int {
	if ix == nil {
		return 0
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.entries)
}

// Entries returns the indexed entries; callers must not modify them.
func (ix *Index) Entries() []string {
	if ix == nil {
		return nil
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.entries
}

// Append indexes more entries, for lists that arrive in pieces (a directory read in
// batches). Indexes given by Top count from the first entry ever indexed.
func (ix *Index) Append(entries ...string) {
	start := time.Now()
	meta := make([]entryMeta, len(entries))
	describeAll(entries, meta)
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.entries == nil {
		// Clip so that a later Append never writes into the caller's backing array.
		ix.entries = slices.Clip(entries)
		ix.meta = meta
	} else {
		ix.entries = append(ix.entries, entries...)
		ix.meta = append(ix.meta, meta...)
	}
	ix.build.Entries = len(ix.entries)
	ix.build.Duration += time.Since(start)
	ix.build.Bytes = cap(ix.meta) * int(unsafe.Sizeof(entryMeta{}))
}

// Cost reports what building the index has cost so far.
func (ix *Index) Cost() BuildCost {
	if ix == nil {
		return BuildCost{}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.build
}

// Stats reports the queries answered so far.
func (ix *Index) Stats() Stats {
	if ix == nil {
		return Stats{}
	}
	return Stats{Queries: ix.queries.Load(), Fallbacks: ix.fallbacks.Load()}
}

func describeAll(entries []string, meta []entryMeta) {
	workers := runtime.GOMAXPROCS(0)
	if len(entries) < parallelBuildMin || workers == 1 {
		for i, s := range entries {
			meta[i] = describe(s)
		}
		return
	}
	var wg sync.WaitGroup
	per := (len(entries) + workers - 1) / workers
	for lo := 0; lo < len(entries); lo += per {
		hi := min(lo+per, len(entries))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				meta[i] = describe(entries[i])
			}
		})
	}
	wg.Wait()
}
