package fuzzyx

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// A quick necessary test that an entry matches at all, eight bytes at a time: fuzzy only
// matches an entry holding the pattern runes in order, and the entries fuzzy walks in full
// without matching (a pattern whose characters are all in the entry, but not in order) cost
// as much as the matching ones. For a query like "a2apssrc6" nine walks in ten were such.

const (
	lowBytes  = 0x0101010101010101
	highBytes = 0x8080808080808080
)

// seqRune is how to find pattern rune p in eight entry bytes: a byte b is a candidate if
// b|or == eq (its ASCII letters in either case, or the one ASCII character), if b == lead
// (the first byte of a non-ASCII rune equal to it), or, when anyHigh, if b >= 0x80. That is
// a superset of the bytes that start a rune fuzzy's equalFold finds equal, so a greedy scan
// for the runes in order never misses an entry that matches.
type seqRune struct {
	or, eq, lead uint64
	anyHigh      bool
}

func compileSeq(q *query) []seqRune {
	seq := make([]seqRune, len(q.runes))
	for p := range q.runes {
		sr := seqRune{eq: 0xFF * lowBytes} // 0xFF starts no rune: no ASCII byte is a candidate
		if c := q.codes[p]; c != noASCII {
			sr.eq = uint64(c) * lowBytes
			if 'a' <= c && c <= 'z' {
				sr.or = 0x20 * lowBytes
			}
		}
		for _, r := range q.orbits[p] {
			if r < utf8.RuneSelf {
				continue
			}
			lead := uint64(string(r)[0]) * lowBytes
			switch {
			case r == utf8.RuneError: // fuzzy sees it for every invalid byte
				sr.anyHigh = true
			case sr.lead == 0:
				sr.lead = lead
			case sr.lead != lead:
				sr.anyHigh = true
			}
		}
		seq[p] = sr
	}
	return seq
}

// candidates has the high bit set in every byte of w that may start runes[p] (see
// seqRune); only the lowest set byte is exact, which is the one used.
func (sr *seqRune) candidates(w uint64) uint64 {
	x := (w | sr.or) ^ sr.eq
	t := (x - lowBytes) &^ x
	if sr.lead != 0 {
		y := w ^ sr.lead
		t |= (y - lowBytes) &^ y
	}
	t &= highBytes
	if sr.anyHigh {
		t |= w & highBytes
	}
	return t
}

// mayMatch is false only if s does not hold the pattern runes in order, so fuzzy cannot
// match it.
func (q *query) mayMatch(s string) bool {
	seq := q.seq
	l := len(s)
	b := unsafe.Slice(unsafe.StringData(s), l)
	p := 0
	for j := 0; j < l; {
		var w uint64
		switch {
		case j+8 <= l:
			w = binary.LittleEndian.Uint64(b[j:])
		case l >= 8: // the last eight bytes, those already seen shifted out (zeros in)
			w = binary.LittleEndian.Uint64(b[l-8:]) >> (8 * (j + 8 - l))
		default:
			for k := j; k < l; k++ {
				w |= uint64(b[k]) << (8 * (k - j))
			}
		}
		t := seq[p].candidates(w)
		if t == 0 {
			j += 8
			continue
		}
		j += bits.TrailingZeros64(t)>>3 + 1
		if p++; p == len(seq) {
			return true
		}
	}
	return false
}
