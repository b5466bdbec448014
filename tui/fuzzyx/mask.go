package fuzzyx

import (
	"strings"
	"unicode/utf8"
)

// An entry's mask has one bit per fold class it contains (possibly shared by several
// classes). fuzzy only matches an entry whose characters include every pattern character
// (under its case folding), so an entry missing one of the pattern's bits is rejected
// without being read. Bits: 0–25 letters, 26–35 digits, 36–41 fuzzy's separators, 42–47
// other ASCII, 48–63 everything else (hashed).
var indexASCII [128]uint8

func init() {
	next := 42
	for b := 0; b < 0x80; b++ {
		switch c := foldCanon(rune(b)); {
		case 'A' <= c && c <= 'Z':
			indexASCII[b] = uint8(c - 'A')
		case '0' <= c && c <= '9':
			indexASCII[b] = uint8(26 + c - '0')
		default:
			if i := strings.IndexRune("/-_ .\\", c); i >= 0 {
				indexASCII[b] = uint8(36 + i)
			} else {
				indexASCII[b] = uint8(next)
				next = 42 + (next-42+1)%6
			}
		}
	}
}

// bitIndex is the mask bit number of r's fold class.
func bitIndex(r rune) uint8 {
	if r >= 0 && r < utf8.RuneSelf {
		return indexASCII[r]
	}
	c := foldCanon(r)
	if c >= 0 && c < utf8.RuneSelf {
		return indexASCII[c] // U+212A KELVIN SIGN is a 'k', U+017F LONG S an 's'
	}
	return uint8(48 + uint32(c)*2654435761>>28)
}

// camelBit is the bit of two consecutive runes, by their bit numbers, in entryMeta.camels.
func camelBit(a, b uint8) uint64 {
	return 1 << ((uint32(a)<<6 | uint32(b)) * 2654435761 >> 26)
}

// pairWords is the size of entryMeta.pairs in 64-bit words. A path has 40–60 distinct
// pairs of consecutive runes: in one word nearly every pattern pair looked present (about
// half of the bits were set), which let the adjacency bonus, the largest in fuzzy's score,
// into almost every bound. In 256 bits about one in five looks present by accident.
const pairWords = 4

// pairSlot is the word and bit of two consecutive runes, by their bit numbers, in
// entryMeta.pairs.
func pairSlot(a, b uint8) (word uint8, bit uint64) {
	h := (uint32(a)<<6 | uint32(b)) * 2654435761 >> 24 // 0..255
	return uint8(h >> 6), 1 << (h & 63)
}

// entryMeta is what the index keeps per entry (64 bytes).
type entryMeta struct {
	mask uint64
	// words has the bits of the runes fuzzy gives a separator or camel-case bonus: those
	// after one of its separators, and upper case after lower case.
	words uint64
	// pairs has a pairBit for every two consecutive runes: fuzzy's adjacency bonus needs
	// two consecutive pattern runes next to each other in the entry.
	pairs [pairWords]uint64
	// camels has a camelBit for every lower-case rune followed by an upper-case one: the
	// only way a rune adjacent to the one before can also take a camel-case bonus. Paths
	// have few, so unlike pairs this word stays sparse.
	camels uint64
	// clean is the byte length fuzzy scores: up to the first NUL.
	clean uint32
	// first is the bit number of the first rune (fuzzy's first-character bonus), noFirst
	// for an empty entry.
	first uint8
	// at1 and at2 are the bit numbers of the runes starting at bytes 1 and 2, noFirst if
	// none does: where the first pattern rune pays a leading penalty of only 5 or 10.
	at1, at2 uint8
	// firstWord is the byte offset of the first rune in words, at most 3: a first pattern
	// rune matched there or later pays a leading penalty of 5 per byte, at most 15.
	firstWord uint8
}

const noFirst = 0xFF

func describe(s string) entryMeta {
	md := entryMeta{first: noFirst, at1: noFirst, at2: noFirst, firstWord: 3}
	clean := len(s)
	var last uint8 // class of the rune before, as in rank
	var lastIdx uint8
	for j := 0; j < len(s); {
		var idx, cls uint8
		size := 1
		if b := s[j]; b < utf8.RuneSelf {
			if b == 0 {
				clean = j
				break
			}
			idx, cls = indexASCII[b], classASCII[b]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[j:])
			idx, cls = bitIndex(r), runeClass(r)
		}
		bit := uint64(1) << idx
		switch j {
		case 1:
			md.at1 = idx
		case 2:
			md.at2 = idx
		}
		if j == 0 {
			md.first = idx
		} else {
			camel := last&clsLower != 0 && cls&clsUpper != 0
			if last&clsSep != 0 || camel {
				if md.words == 0 {
					md.firstWord = uint8(min(j, 3))
				}
				md.words |= bit
			}
			if camel {
				md.camels |= camelBit(lastIdx, idx)
			}
			w, pb := pairSlot(lastIdx, idx)
			md.pairs[w] |= pb
		}
		md.mask |= bit
		last, lastIdx = cls, idx
		j += size
	}
	md.clean = uint32(clean)
	return md
}
