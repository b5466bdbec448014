package fuzzyx

import (
	"sync"
	"testing"

	"github.com/sahilm/fuzzy"
)

// The picker shows at most this many rows.
const benchRows = 200

var benchLists = map[int]func() []string{
	100_000:   sync.OnceValue(func() []string { return scanPaths(100_000, 1) }),
	1_000_000: sync.OnceValue(func() []string { return scanPaths(1_000_000, 1) }),
}

var benchIndexes = map[int]func() *Index{
	100_000:   sync.OnceValue(func() *Index { return NewIndex(benchLists[100_000]()) }),
	1_000_000: sync.OnceValue(func() *Index { return NewIndex(benchLists[1_000_000]()) }),
}

func benchTop(b *testing.B, size int, pattern string) {
	ix := benchIndexes[size]()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if rows := ix.Top(pattern, benchRows); len(rows) == 0 {
			b.Fatalf("no rows for %q", pattern)
		}
	}
}

// benchFuzzyFind is the stock path the picker would otherwise take, cut to the same rows.
func benchFuzzyFind(b *testing.B, size int, pattern string) {
	entries := benchLists[size]()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows := fuzzy.Find(pattern, entries)
		if rows = rows[:min(benchRows, len(rows))]; len(rows) == 0 {
			b.Fatalf("no rows for %q", pattern)
		}
	}
}

func BenchmarkTop_100k_passport(b *testing.B)       { benchTop(b, 100_000, "passport") }
func BenchmarkFuzzyFind_100k_passport(b *testing.B) { benchFuzzyFind(b, 100_000, "passport") }
func BenchmarkTop_100k_pas(b *testing.B)            { benchTop(b, 100_000, "pas") }
func BenchmarkFuzzyFind_100k_pas(b *testing.B)      { benchFuzzyFind(b, 100_000, "pas") }
func BenchmarkTop_100k_p(b *testing.B)              { benchTop(b, 100_000, "p") }
func BenchmarkFuzzyFind_100k_p(b *testing.B)        { benchFuzzyFind(b, 100_000, "p") }

func BenchmarkTop_1M_passport(b *testing.B)       { benchTop(b, 1_000_000, "passport") }
func BenchmarkFuzzyFind_1M_passport(b *testing.B) { benchFuzzyFind(b, 1_000_000, "passport") }
func BenchmarkTop_1M_pas(b *testing.B)            { benchTop(b, 1_000_000, "pas") }
func BenchmarkFuzzyFind_1M_pas(b *testing.B)      { benchFuzzyFind(b, 1_000_000, "pas") }
func BenchmarkTop_1M_p(b *testing.B)              { benchTop(b, 1_000_000, "p") }
func BenchmarkFuzzyFind_1M_p(b *testing.B)        { benchFuzzyFind(b, 1_000_000, "p") }

func benchNewIndex(b *testing.B, size int) {
	entries := benchLists[size]()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if ix := NewIndex(entries); ix.Len() != size {
			b.Fatalf("indexed %d of %d", ix.Len(), size)
		}
	}
}

func BenchmarkNewIndex_100k(b *testing.B) { benchNewIndex(b, 100_000) }
func BenchmarkNewIndex_1M(b *testing.B)   { benchNewIndex(b, 1_000_000) }
