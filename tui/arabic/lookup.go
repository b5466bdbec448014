package arabic

import (
	"cmp"
	"slices"
)

// The generated tables other than the dense blocks are arrays sorted by rune, not maps: Go lays
// them out as static data, so the package costs nothing at start-up; a lookup is a binary search.

type bracketEntry struct {
	r rune
	b bracket
}

type mirrorEntry struct{ r, mirror rune }

type joiningEntry struct {
	r rune
	j joining
}

type formsEntry struct {
	r     rune
	forms [4]rune
}

type lamAlefEntry struct {
	alef rune
	lig  [2]rune
}

func (e bracketEntry) key() rune { return e.r }
func (e mirrorEntry) key() rune  { return e.r }
func (e joiningEntry) key() rune { return e.r }
func (e formsEntry) key() rune   { return e.r }
func (e lamAlefEntry) key() rune { return e.alef }

// find looks r up in a table sorted by key.
func find[E interface{ key() rune }](table []E, r rune) (E, bool) {
	i, ok := slices.BinarySearchFunc(table, r, func(e E, r rune) int { return cmp.Compare(e.key(), r) })
	if !ok {
		var zero E
		return zero, false
	}
	return table[i], true
}

func bracketOf(r rune) (bracket, bool) {
	e, ok := find(brackets[:], r)
	return e.b, ok
}

// mirrorOf runs for every rune at an odd level (all of an Arabic name): a plain search, no
// generic dispatch.
func mirrorOf(r rune) (rune, bool) {
	lo, hi := 0, len(mirrors)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch k := mirrors[m].r; {
		case k == r:
			return mirrors[m].mirror, true
		case k < r:
			lo = m + 1
		default:
			hi = m
		}
	}
	return 0, false
}

func lamAlefOf(alef rune) ([2]rune, bool) {
	e, ok := find(lamAlef[:], alef)
	return e.lig, ok
}
