package fuzzyx

import (
	"sync"
	"testing"
	"time"

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
	cpu := processCPU()
	for b.Loop() {
		if rows := ix.Top(pattern, benchRows); len(rows) == 0 {
			b.Fatalf("no rows for %q", pattern)
		}
	}
	reportCPU(b, cpu)
}

// reportCPU adds the CPU time per operation (both cores summed) since `since`.
func reportCPU(b *testing.B, since time.Duration) {
	b.ReportMetric(float64(processCPU()-since)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// benchFuzzyFind is the stock path the picker would otherwise take, cut to the same rows.
func benchFuzzyFind(b *testing.B, size int, pattern string) {
	entries := benchLists[size]()
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	for b.Loop() {
		rows := fuzzy.Find(pattern, entries)
		if rows = rows[:min(benchRows, len(rows))]; len(rows) == 0 {
			b.Fatalf("no rows for %q", pattern)
		}
	}
	reportCPU(b, cpu)
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
	cpu := processCPU()
	var ix *Index
	for b.Loop() {
		if ix = NewIndex(entries); ix.Len() != size {
			b.Fatalf("indexed %d of %d", ix.Len(), size)
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(ix.Cost().Bytes)/(1<<20), "index-MiB")
}

// The slowest of many typed queries, so that "any query" is measured, not three chosen
// ones: per op, every query runs once; slowest-ms is the worst wall time of one query
// over the run.
func benchTopAnyQuery(b *testing.B, size int) {
	ix := benchIndexes[size]()
	patterns := randomPatterns(benchLists[size](), 100, 99)
	b.ReportAllocs()
	b.ResetTimer()
	cpu := processCPU()
	var slowest time.Duration
	var slowestPattern string
	for b.Loop() {
		for _, p := range patterns {
			start := time.Now()
			ix.Top(p, benchRows)
			if d := time.Since(start); d > slowest {
				slowest, slowestPattern = d, p
			}
		}
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(slowest)/float64(time.Millisecond), "slowest-ms")
	b.ReportMetric(float64(b.Elapsed())/float64(time.Millisecond)/float64(b.N*len(patterns)), "ms/query")
	b.Logf("slowest query %q", slowestPattern)
}

func BenchmarkTop_100k_anyOf100Queries(b *testing.B) { benchTopAnyQuery(b, 100_000) }
func BenchmarkTop_1M_anyOf100Queries(b *testing.B)   { benchTopAnyQuery(b, 1_000_000) }

func BenchmarkNewIndex_100k(b *testing.B) { benchNewIndex(b, 100_000) }
func BenchmarkNewIndex_1M(b *testing.B)   { benchNewIndex(b, 1_000_000) }
