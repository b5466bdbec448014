// Package fuzzyx answers sahilm/fuzzy's best N matches fast over large lists.
package fuzzyx

// CONTRACT STUB — the fuzzyx helper replaces this file (same names and signatures).

import "github.com/sahilm/fuzzy"

// Index is built once per list (off the UI loop) and answers many queries.
type Index struct{ entries []string }

func NewIndex(entries []string) *Index { return &Index{entries: entries} }

func (ix *Index) Len() int { return len(ix.entries) }

// Top returns exactly the first n rows fuzzy.Find(pattern, entries) would return (strings,
// scores, matched positions, order).
func (ix *Index) Top(pattern string, n int) fuzzy.Matches {
	m := fuzzy.Find(pattern, ix.entries)
	if len(m) > n {
		m = m[:n]
	}
	return m
}
