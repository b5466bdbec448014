package fuzzyx

import (
	"math"
	"math/bits"
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
	// runes[p] or runes[p+1] in any case, and the first bytes of the non-ASCII runes equal
	// to either (every byte >= 0x80 when either is U+FFFD, which fuzzy sees for any invalid
	// byte). Other non-ASCII runes, an Arabic name say, are skipped like ASCII ones: every
	// byte of theirs used to be a stop, which made such entries three times as slow.
	stops   []stopSet
	mask    uint64 // fold classes every matching entry must contain
	hasNUL  bool   // fuzzy can never match a NUL pattern rune
	bounded bool
	pow3    []int    // pow3[r] = 3^r
	adjMax  []int    // adjMax[r] = most adjacency bonus r adjacent matches can add from zero
	idx     []uint8  // idx[p] is the mask bit number of runes[p] (see bitIndex)
	bits    []uint64 // bits[p] = 1 << idx[p]
	// pairs[p] and pairWord[p] are the pairSlot of runes[p-1] and runes[p] (p >= 1).
	pairs    []uint64
	pairWord []uint8
	orbits   [][]rune // orbits[p] are the runes equal to runes[p] under fuzzy's equalFold
	// afterSep[p]: runes[p-1] is a separator, so runes[p] can take a separator bonus and an
	// adjacency step at once; camelPair[p] is the camelBit of runes[p-1] and runes[p], with
	// which it can take a camel-case bonus and a step at once (refinedBound).
	afterSep  []bool
	camelPair []uint64
	// bits[1:] and pairs[1:] (per word of entryMeta.pairs) spread by layer, for room.
	bitLayers  []uint64
	pairLayers []pairLayer
	seq        []seqRune // for mayMatch
	// most is the initial bound of an entry of length 0 offering the pattern everything.
	most int
}

func compile(pattern string) *query {
	runes := []rune(pattern)
	q := &query{pattern: pattern, runes: runes, codes: make([]byte, len(runes)+1)}
	q.pairs = make([]uint64, len(runes))
	q.pairWord = make([]uint8, len(runes))
	var pairLayers [pairWords][]uint64
	for p, r := range runes {
		if r == 0 {
			q.hasNUL = true
		}
		q.codes[p] = asciiCode(r)
		q.idx = append(q.idx, bitIndex(r))
		q.bits = append(q.bits, 1<<q.idx[p])
		q.mask |= q.bits[p]
		if p > 0 {
			w, pb := pairSlot(q.idx[p-1], q.idx[p])
			q.pairs[p], q.pairWord[p] = pb, w
			q.bitLayers = layer(q.bitLayers, q.bits[p])
			pairLayers[w] = layer(pairLayers[w], pb)
		}
		q.orbits = append(q.orbits, orbit(r))
		q.afterSep = append(q.afterSep, p > 0 && isSeparator(runes[p-1]))
		var camel uint64
		if p > 0 && hasCase(q.orbits[p-1], unicode.IsLower) && hasCase(q.orbits[p], unicode.IsUpper) {
			camel = camelBit(q.idx[p-1], q.idx[p])
		}
		q.camelPair = append(q.camelPair, camel)
	}
	for w, layers := range pairLayers {
		for _, l := range layers {
			q.pairLayers = append(q.pairLayers, pairLayer{uint8(w), l})
		}
	}
	q.codes[len(runes)] = endOfPattern
	q.stops = make([]stopSet, len(runes))
	for p := range runes {
		for b := range 256 {
			q.stops[p][b] = b < utf8.RuneSelf && (foldASCII[b] == q.codes[p] || foldASCII[b] == q.codes[p+1])
		}
		for k := p; k <= p+1 && k < len(runes); k++ {
			for _, r := range q.orbits[k] {
				switch {
				case r == utf8.RuneError:
					for b := utf8.RuneSelf; b < 256; b++ {
						q.stops[p][b] = true
					}
				case r >= utf8.RuneSelf:
					q.stops[p][string(r)[0]] = true
				}
			}
		}
	}
	q.seq = compileSeq(q)
	q.bounded = 0 < len(runes) && len(runes) <= maxBoundedPattern
	if q.bounded {
		q.pow3 = make([]int, len(runes)+1)
		q.adjMax = make([]int, len(runes)+1)
		q.pow3[0] = 1
		for r := 1; r <= len(runes); r++ {
			q.pow3[r] = 3 * q.pow3[r-1]
			q.adjMax[r] = 3*q.adjMax[r-1] + adjacentMatchBonus
		}
		m := len(runes)
		everything := entryMeta{mask: ^uint64(0), words: ^uint64(0), first: q.idx[0], at1: q.idx[0], at2: q.idx[0], firstWord: 1}
		for w := range everything.pairs {
			everything.pairs[w] = ^uint64(0)
		}
		q.most = q.initialBound(&everything, room{bonuses: m - 1, steps: m - 1})
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

func isSeparator(r rune) bool {
	return 0 <= r && r < utf8.RuneSelf && classASCII[r]&clsSep != 0
}

func hasCase(runes []rune, is func(rune) bool) bool {
	return slices.ContainsFunc(runes, is)
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

// room counts, with a few popcounts, the pattern positions after the first whose bit (for
// bonuses) or pair bit (for steps) the entry has: see layer.
func (q *query) room(md *entryMeta) room {
	var r room
	for _, l := range q.bitLayers {
		r.bonuses += bits.OnesCount64(l & md.words)
	}
	for _, l := range q.pairLayers {
		r.steps += bits.OnesCount64(l.bits & md.pairs[l.word%pairWords])
	}
	return r
}

// hasPair says whether the entry may hold runes[p-1] and runes[p] next to each other.
func (q *query) hasPair(md *entryMeta, p int) bool {
	return md.pairs[q.pairWord[p]%pairWords]&q.pairs[p] != 0
}

// pairLayer is a layer (see layer) of the pattern's pair bits in one word of entryMeta.pairs.
type pairLayer struct {
	word uint8
	bits uint64
}

// layer spreads bits over masks so that a bit set in k of them occurred k times: counting
// the positions whose bit an entry has is then a popcount per mask, not a loop over the
// pattern.
func layer(masks []uint64, bit uint64) []uint64 {
	for k := range masks {
		if masks[k]&bit == 0 {
			masks[k] |= bit
			return masks
		}
	}
	return append(masks, bit)
}

// initialBound is the best score an entry could reach before it is read: the first
// pattern rune's best (firstBound), then every later rune a word bonus if its class starts
// a word in the entry and an adjacency step if it pairs with the rune before.
func (q *query) initialBound(md *entryMeta, r room) int {
	return q.firstBound(md) + matchFollowingSeparatorBonus*r.bonuses + q.adjMax[r.steps] + len(q.runes) - int(md.clean)
}

// firstBound is the most the first pattern rune can score, leading penalty included: 10
// on byte 0; on byte j >= 1 a word bonus of 20 if its class starts a word there or later,
// less 5 per byte up to 15. Bytes 1 and 2 count only if the rune there is of its class.
func (q *query) firstBound(md *entryMeta) int {
	word := 0
	if q.bits[0]&md.words != 0 {
		word = matchFollowingSeparatorBonus
	}
	best := word + maxUnmatchedLeadingCharPenalty // byte 3 on
	if md.at1 == q.idx[0] {
		b := unmatchedLeadingCharPenalty
		if md.firstWord <= 1 {
			b += word
		}
		best = max(best, b)
	}
	if md.at2 == q.idx[0] {
		b := 2 * unmatchedLeadingCharPenalty
		if md.firstWord <= 2 {
			b += word
		}
		best = max(best, b)
	}
	if md.first == q.idx[0] {
		best = max(best, firstCharMatchBonus)
	}
	return best
}

// refinedBound tightens initialBound, at the cost of a loop over the pattern, with what a
// rune adjacent to the one before cannot have: a separator bonus unless the rune before is
// a separator, a camel-case bonus unless the entry has the two, lower then upper case, next
// to each other (query.camelPair, entryMeta.camels). Where a rune can take the word bonus
// or the adjacency step but not both, it takes one. Taking the word bonus (20) wastes at
// best the smallest of the entry's steps: the adjacency bonus never resets, so the k-th
// step an entry takes is worth 5·3^(k-1) whichever runes take the others; with x runes
// choosing words the steps add at most adjMax[steps]-adjMax[x]. So the words gain at
// most 20x-adjMax[x]: 15 for one such rune, 20 for two, less for more.
func (q *query) refinedBound(md *entryMeta) int {
	m := len(q.runes)
	words, steps, either := 0, 0, 0
	for p := 1; p < m; p++ {
		w := q.bits[p]&md.words != 0
		s := q.hasPair(md, p)
		if s {
			steps++
		}
		if w {
			if !s || q.afterSep[p] || q.camelPair[p]&md.camels != 0 {
				words++
			} else {
				either++
			}
		}
	}
	gain := [...]int{0, 15, 20}[min(either, 2)]
	return q.firstBound(md) + matchFollowingSeparatorBonus*words + q.adjMax[steps] + gain + m - int(md.clean)
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
		// A stop is always where fuzzy starts decoding a rune (an ASCII byte, or one >= 0xC0
		// that no rune continues with), so the byte before it ends a rune.
		skipped := false
		if stop := &q.stops[p]; !stop[s[j]] {
			for j+1 < l && !stop[s[j+1]] {
				j++
			}
			skipped = true
		}
		var size int
		var cls uint8
		var hit bool
		if b := s[j]; b < utf8.RuneSelf {
			size, cls = 1, classASCII[b]
			hit = foldASCII[b] == codes[p]
		} else if skipped {
			// The last byte of a rune that is neither runes[p] nor runes[p+1] (its first byte
			// is no stop): only its class counts. lastIndex becomes this byte rather than
			// the rune's first, which compares with lastMatch (an earlier rune) all the same.
			r, _ := utf8.DecodeLastRuneInString(s[:j+1])
			size, cls = 1, runeClass(r)
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
		if q.hasPair(md, p-1) {
			left.steps--
		}
	}
	// runes[p] can only be adjacent to this match if the match is the rune just read (the
	// next one being runes[p]).
	steps := left.steps
	if matchedIndex != j && q.hasPair(md, p) {
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
