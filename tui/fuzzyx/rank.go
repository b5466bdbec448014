package fuzzyx

import (
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// The constants and the walk below mirror github.com/sahilm/fuzzy v0.1.3 (FindFromIterNoSort)
// step for step. They are used only to decide WHICH entries can reach the top n; the rows
// returned to callers are always scored by sahilm/fuzzy itself, and Top cross-checks every
// score it returns against this walk (see finish in top.go). Keep them in lock-step with the
// fuzzy version pinned in go.mod; TestRankAgreesWithFuzzy and FuzzRankAgreesWithFuzzy guard it.
const (
	firstCharMatchBonus            = 10
	matchFollowingSeparatorBonus   = 20
	camelCaseMatchBonus            = 20
	adjacentMatchBonus             = 5
	unmatchedLeadingCharPenalty    = -5
	maxUnmatchedLeadingCharPenalty = -15

	// maxBoundedPattern is the longest pattern for which the score bound is computed: the
	// adjacency bonus triples per adjacent match, so beyond this int arithmetic (in fuzzy as
	// well as here) can wrap and a bound would mean nothing. Longer patterns rank without
	// pruning, which is still exact.
	maxBoundedPattern = 24
)

// Character classes for ASCII, indexed by byte.
const (
	clsLower = 1 << iota
	clsUpper
	clsSep
)

var (
	// foldASCII maps an ASCII byte to the representative of its case class (the lower-case
	// letter); bytes >= 0x80 are never looked up.
	foldASCII  [256]byte
	classASCII [256]uint8
)

func init() {
	for b := 0; b < 0x80; b++ {
		foldASCII[b] = byte(b)
		if 'A' <= b && b <= 'Z' {
			foldASCII[b] = byte(b + 'a' - 'A')
			classASCII[b] = clsUpper
		}
		if 'a' <= b && b <= 'z' {
			classASCII[b] = clsLower
		}
	}
	for _, sep := range "/-_ .\\" { // fuzzy's separators
		classASCII[sep] = clsSep
	}
}

// Codes a pattern position can hold for comparison with ASCII bytes: noASCII when the
// pattern rune folds to no ASCII character, endOfPattern after the last rune (fuzzy's
// nextp == 0, which equals no character of a NUL-free string).
const (
	noASCII      = 0xFF
	endOfPattern = 0xFE
)

type stopSet [256]bool

// query is a pattern compiled once per Top call.
type query struct {
	pattern string
	runes   []rune
	codes   []byte // len(runes)+1; codes[p] is compared with foldASCII[b]
	// stops[p] marks the bytes rank must look at while matching runes[p]: those of
	// runes[p] or runes[p+1] in any case, and every byte of a non-ASCII rune.
	stops   []stopSet
	mask    uint64 // fold classes every matching entry must contain
	hasNUL  bool   // fuzzy can never match a NUL pattern rune
	bounded bool
	pow3    []int    // pow3[r] = 3^r
	adjMax  []int    // adjMax[r] = most adjacency bonus r adjacent matches can add from zero
	idx     []uint8  // idx[p] is the mask bit number of runes[p] (see bitIndex)
	bits    []uint64 // bits[p] = 1 << idx[p]
	pairs   []uint64 // pairs[p] is the pairBit of runes[p-1] and runes[p] (p >= 1)
	orbits  [][]rune // orbits[p] are the runes equal to runes[p] under fuzzy's equalFold
}

func compile(pattern string) *query {
	runes := []rune(pattern)
	q := &query{pattern: pattern, runes: runes, codes: make([]byte, len(runes)+1)}
	q.pairs = make([]uint64, len(runes))
	for p, r := range runes {
		if r == 0 {
			q.hasNUL = true
		}
		q.codes[p] = asciiCode(r)
		q.idx = append(q.idx, bitIndex(r))
		q.bits = append(q.bits, 1<<q.idx[p])
		q.mask |= q.bits[p]
		if p > 0 {
			q.pairs[p] = pairBit(q.idx[p-1], q.idx[p])
		}
		q.orbits = append(q.orbits, orbit(r))
	}
	q.codes[len(runes)] = endOfPattern
	q.stops = make([]stopSet, len(runes))
	for p := range runes {
		for b := range 256 {
			q.stops[p][b] = b >= utf8.RuneSelf || foldASCII[b] == q.codes[p] || foldASCII[b] == q.codes[p+1]
		}
	}
	q.bounded = len(runes) <= maxBoundedPattern
	if q.bounded {
		q.pow3 = make([]int, len(runes)+1)
		q.adjMax = make([]int, len(runes)+1)
		q.pow3[0] = 1
		for r := 1; r <= len(runes); r++ {
			q.pow3[r] = 3 * q.pow3[r-1]
			q.adjMax[r] = 3*q.adjMax[r-1] + adjacentMatchBonus
		}
	}
	return q
}

// asciiCode returns foldASCII of an ASCII character equal to r under fuzzy's equalFold
// (for example U+212A KELVIN SIGN gives 'k'), or noASCII.
func asciiCode(r rune) byte {
	c := foldCanon(r)
	if c < utf8.RuneSelf {
		return foldASCII[c]
	}
	return noASCII
}

// foldCanon returns the smallest rune of r's simple case-folding orbit: two runes are equal
// under fuzzy's equalFold exactly when their orbits, hence their canonical runes, coincide.
func foldCanon(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	if caseless(r) || r < 0 || r > unicode.MaxRune {
		return r
	}
	lo := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		lo = min(lo, f)
	}
	return lo
}

// orbit lists the runes equal to r under fuzzy's equalFold: r's simple case-folding orbit.
func orbit(r rune) []rune {
	o := []rune{r}
	if caseless(r) || r < 0 || r > unicode.MaxRune {
		return o
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		o = append(o, f)
	}
	return o
}

// caseless reports, quickly, that r is in a block without case (Hebrew, Arabic, Indic,
// CJK, Arabic presentation forms...): not lower, not upper, its own only fold.
// TestCaselessRunesHaveNoCase checks these ranges against package unicode.
func caseless(r rune) bool {
	return 0x0589 <= r && r < 0x10A0 || 0x2D2E <= r && r < 0xA640 ||
		0xABC0 <= r && r < 0xFB00 || 0xFB18 <= r && r < 0xFF21
}

// upperBound is the best score an entry of byte length l could still reach once `total`
// has been scored, with `bonuses` of the remaining pattern runes able to take a separator or
// camel-case bonus, at most `steps` of them adjacent to the match before, and the adjacency
// bonus standing at adj. Each adjacency step adds 2*adj+5 and raises adj by as much
// (adj -> 3*adj+5); the final unmatched-character penalty is len(pattern)-l.
func (q *query) upperBound(total, bonuses, adj, steps, l int) int {
	return total + matchFollowingSeparatorBonus*bonuses + (q.pow3[steps]-1)*adj + q.adjMax[steps] + len(q.runes) - l
}

// room is what an entry offers the pattern runes after the first, read from its meta.
type room struct {
	bonuses int // runes whose class starts a word in the entry (entryMeta.words)
	steps   int // runes that, with the rune before, form a pair in the entry (entryMeta.pairs)
}

func (q *query) room(md *entryMeta) room {
	var r room
	for p := 1; p < len(q.runes); p++ {
		if q.bits[p]&md.words != 0 {
			r.bonuses++
		}
		if q.pairs[p]&md.pairs != 0 {
			r.steps++
		}
	}
	return r
}

// initialBound is the best score an entry could reach before it is read. The first
// pattern rune scores 10 on the entry's first rune; anywhere else at most 20 (if its class
// starts a word) less a leading penalty of at least 5. Every later rune can take a word
// bonus if its class starts a word, and an adjacency step if it pairs with the rune before.
func (q *query) initialBound(md *entryMeta, r room) int {
	first := unmatchedLeadingCharPenalty
	if q.bits[0]&md.words != 0 {
		first = matchFollowingSeparatorBonus + unmatchedLeadingCharPenalty
	}
	if md.first == q.idx[0] {
		first = max(first, firstCharMatchBonus)
	}
	return first + matchFollowingSeparatorBonus*r.bonuses + q.adjMax[r.steps] + len(q.runes) - int(md.clean)
}

// rank returns the score fuzzy.Find gives s (already cut at its first NUL) and whether s
// matches at all. It gives up (ok=false) as soon as the score is known to stay below need;
// need = math.MinInt never gives up. md is s's meta and left what it offers the runes after
// the first (q.room(md)).
func (q *query) rank(s string, md *entryMeta, left room, need int) (score int, ok bool) {
	codes := q.codes
	m, l := len(q.runes), len(s)
	prune := q.bounded && need != math.MinInt
	p := 0
	total := 0
	matched := 0
	lastMatch := -1
	bestScore := -1
	matchedIndex := -1
	adj := 0
	var lastCls uint8
	lastIndex := 0
	for j := 0; j < l; {
		// Runes that neither match the current pattern rune nor come just before the next
		// one change nothing but `last`, which the rune before a stop sets again: skip them.
		if stop := &q.stops[p]; !stop[s[j]] {
			for j+1 < l && !stop[s[j+1]] {
				j++
			}
		}
		var size int
		var cls uint8
		var hit bool
		if b := s[j]; b < utf8.RuneSelf {
			size, cls = 1, classASCII[b]
			hit = foldASCII[b] == codes[p]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[j:])
			cls = runeClass(r)
			hit = slices.Contains(q.orbits[p], r)
		}
		if hit {
			sc := 0
			if j == 0 {
				sc += firstCharMatchBonus
			}
			if lastCls&clsLower != 0 && cls&clsUpper != 0 {
				sc += camelCaseMatchBonus
			}
			if j != 0 && lastCls&clsSep != 0 {
				sc += matchFollowingSeparatorBonus
			}
			if matched > 0 && lastIndex == lastMatch {
				bonus := adj*2 + adjacentMatchBonus
				sc += bonus
				adj += bonus
			}
			if sc > bestScore {
				bestScore = sc
				matchedIndex = j
			}
		}
		next := j + size
		commit := next >= l
		if !commit {
			if nb := s[next]; nb < utf8.RuneSelf {
				commit = foldASCII[nb] == codes[p+1]
			} else if p+1 < m {
				nr, _ := utf8.DecodeRuneInString(s[next:])
				commit = slices.Contains(q.orbits[p+1], nr)
			}
		}
		if commit && matchedIndex > -1 {
			if matched == 0 {
				bestScore += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			total += bestScore
			matched++
			lastMatch = matchedIndex
			bestScore = -1
			p++
			if p == m {
				// Only possible on the last character: nothing else can change the score.
				break
			}
			if prune && q.hopeless(p, j, matchedIndex, total, adj, l, md, &left, need) {
				return 0, false
			}
		}
		lastIndex = j
		lastCls = cls
		j = next
	}
	if matched != m {
		return 0, false
	}
	return total + matched - l, true
}

// hopeless is rank's check after matching runes[p-1] at matchedIndex, having read up to j:
// it updates what the entry offers the runes still to come and says whether even the best
// of it stays below need.
func (q *query) hopeless(p, j, matchedIndex, total, adj, l int, md *entryMeta, left *room, need int) bool {
	if p > 1 { // runes[p-1], just matched, is no longer to come
		if q.bits[p-1]&md.words != 0 {
			left.bonuses--
		}
		if q.pairs[p-1]&md.pairs != 0 {
			left.steps--
		}
	}
	// runes[p] can only be adjacent to this match if the match is the rune just read (the
	// next one being runes[p]).
	steps := left.steps
	if matchedIndex != j && q.pairs[p]&md.pairs != 0 {
		steps--
	}
	return q.upperBound(total, left.bonuses, adj, steps, l) < need
}

func runeClass(r rune) uint8 {
	if caseless(r) {
		return 0
	}
	var c uint8
	if unicode.IsLower(r) {
		c |= clsLower
	}
	if unicode.IsUpper(r) {
		c |= clsUpper
	}
	return c // every separator is ASCII
}
