package fuzzyx

import (
	"context"
	"testing"

	"github.com/sahilm/fuzzy"
)

func TestCountIsHowManyRowsFuzzyFindReturns(t *testing.T) {
	paths := scanPaths(5_000, 42)
	crowded := crowdedStrings(5_000, 17)
	for _, tt := range []struct {
		name     string
		entries  []string
		patterns []string
	}{
		{"realistic paths", paths, append(randomPatterns(paths, 20, 5), "zzzzqx", "a", "")},
		{"crowded short strings", crowded, randomPatterns(crowded, 10, 6)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(tt.entries)
			for _, p := range tt.patterns {
				got, err := ix.Count(context.Background(), p)
				if want := len(fuzzy.Find(p, tt.entries)); err != nil || got != want {
					t.Fatalf("Count(%q) = %d, %v; fuzzy.Find returns %d rows", p, got, err, want)
				}
			}
		})
	}
}

func TestCountStopsWhenCancelled(t *testing.T) {
	ix := NewIndex(scanPaths(20_000, 42))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Count(ctx, "scan"); err != context.Canceled {
		t.Errorf("Count after cancel: %v, want context.Canceled", err)
	}
}
