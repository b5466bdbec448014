package arabic

import "slices"

// Direction is a paragraph direction for Reorder.
type Direction int

const (
	DirAuto Direction = iota // from the first strong character (UAX #9 rules P2–P3), LTR if none
	DirLTR
	DirRTL
)

// maxDepth is UAX #9's max_depth (BD2).
const maxDepth = 125

// paragraph is one paragraph under resolution (UAX #9 section 3.3). The whole text is treated as a
// single paragraph: a display line holds one value, and Clean turns paragraph separators into spaces.
type paragraph struct {
	runes   []rune
	initial []class // original bidi classes
	types   []class // classes as the rules resolve them
	levels  []uint8
	xlevels []uint8 // levels after X1–X8
	scratch []class // room for one isolating run sequence's types
	ibuf    []int   // room for two index lists of the paragraph's length
	level   uint8   // paragraph embedding level
	// matchingPDI[i] is the index of the PDI matching the isolate initiator at i (BD9), or -1;
	// matchingInitiator[i] the reverse, for a PDI.
	matchingPDI       []int
	matchingInitiator []int
}

func isRemovedByX9(c class) bool {
	switch c {
	case classLRE, classRLE, classLRO, classRLO, classPDF, classBN:
		return true
	}
	return false
}

func isIsolateInitiator(c class) bool { return c == classLRI || c == classRLI || c == classFSI }

// newParagraph resolves the embedding level of every rune (rules P2–P3, X1–X10, W1–W7, N0–N2,
// I1–I2 and L1). Runes removed by X9 get the level of the rune before them (or the paragraph level),
// so they travel with their neighbours when a line is reordered.
func newParagraph(runes []rune, dir Direction) *paragraph {
	n := len(runes)
	initial := make([]class, n, 3*n) // room for resolveParagraph's types and scratch
	for i, r := range runes {
		initial[i] = classOf(r)
	}
	return resolveParagraph(runes, initial, dir)
}

// resolveParagraph resolves a paragraph given its runes' bidi classes. runes may be nil (the
// class-only cases of BidiTest.txt): then no bracket pairs are found.
func resolveParagraph(runes []rune, initial []class, dir Direction) *paragraph {
	n := len(initial)
	p := &paragraph{runes: runes, initial: initial}
	// Few allocations: one buffer for the byte-sized arrays, one for the indices.
	var cbuf []class
	if cap(initial) >= 3*n {
		cbuf = initial[n : 3*n]
	} else {
		cbuf = make([]class, 2*n)
	}
	p.types, p.scratch = cbuf[:n:n], cbuf[n:]
	copy(p.types, p.initial)
	lbuf := make([]uint8, 2*n)
	p.levels, p.xlevels = lbuf[:n:n], lbuf[n:]
	ibuf := make([]int, 4*n)
	p.matchingPDI, p.matchingInitiator = ibuf[:n:n], ibuf[n:2*n:2*n]
	p.ibuf = ibuf[2*n:]
	p.matchIsolates()
	switch dir {
	case DirLTR:
		p.level = 0
	case DirRTL:
		p.level = 1
	default:
		if p.firstStrong(0, n) == 1 {
			p.level = 1
		}
	}
	p.explicit()
	// The isolating run sequences' sos and eos come from the levels X1–X8 gave, before any sequence
	// raises its levels in I1–I2.
	copy(p.xlevels, p.levels)
	p.resolveSequences()
	p.fillRemoved()
	p.resetWhitespace()
	return p
}

// matchIsolates implements BD9.
func (p *paragraph) matchIsolates() {
	var stack []int
	for i, c := range p.initial {
		p.matchingPDI[i], p.matchingInitiator[i] = -1, -1
		switch {
		case isIsolateInitiator(c):
			stack = append(stack, i)
		case c == classPDI && len(stack) > 0:
			j := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			p.matchingPDI[j], p.matchingInitiator[i] = i, j
		case c == classB:
			stack = stack[:0]
		}
	}
}

// firstStrong returns 0 for L, 1 for R or AL, -1 for none: the first strong type in [from, to),
// skipping isolates (P2).
func (p *paragraph) firstStrong(from, to int) int {
	for i := from; i < to; i++ {
		switch c := p.initial[i]; {
		case c == classL:
			return 0
		case c == classR || c == classAL:
			return 1
		case isIsolateInitiator(c):
			if p.matchingPDI[i] < 0 {
				return -1
			}
			i = p.matchingPDI[i]
		case c == classB:
			return -1
		}
	}
	return -1
}

type statusEntry struct {
	level    uint8
	override class // classON for none, else classL or classR
	isolate  bool
}

// explicit implements rules X1–X8.
func (p *paragraph) explicit() {
	var room [maxDepth + 2]statusEntry
	stack := room[:1]
	stack[0] = statusEntry{level: p.level, override: classON}
	overflowIsolates, overflowEmbeddings, validIsolates := 0, 0, 0
	for i, c := range p.initial {
		top := stack[len(stack)-1]
		switch c {
		case classRLE, classLRE, classRLO, classLRO:
			var next uint8
			if c == classRLE || c == classRLO {
				next = (top.level + 1) | 1
			} else {
				next = (top.level + 2) &^ 1
			}
			p.levels[i] = top.level
			if next <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				e := statusEntry{level: next, override: classON}
				if c == classRLO {
					e.override = classR
				} else if c == classLRO {
					e.override = classL
				}
				stack = append(stack, e)
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}
		case classRLI, classLRI, classFSI:
			p.levels[i] = top.level
			if top.override != classON {
				p.types[i] = top.override
			}
			rtl := c == classRLI
			if c == classFSI {
				end := p.matchingPDI[i]
				if end < 0 {
					end = len(p.initial)
				}
				rtl = p.firstStrong(i+1, end) == 1
			}
			var next uint8
			if rtl {
				next = (top.level + 1) | 1
			} else {
				next = (top.level + 2) &^ 1
			}
			if next <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				validIsolates++
				stack = append(stack, statusEntry{level: next, override: classON, isolate: true})
			} else {
				overflowIsolates++
			}
		case classPDI:
			switch {
			case overflowIsolates > 0:
				overflowIsolates--
			case validIsolates == 0:
			default:
				overflowEmbeddings = 0
				for !stack[len(stack)-1].isolate {
					stack = stack[:len(stack)-1]
				}
				stack = stack[:len(stack)-1]
				validIsolates--
			}
			top = stack[len(stack)-1]
			p.levels[i] = top.level
			if top.override != classON {
				p.types[i] = top.override
			}
		case classPDF:
			p.levels[i] = top.level
			switch {
			case overflowIsolates > 0:
			case overflowEmbeddings > 0:
				overflowEmbeddings--
			case !top.isolate && len(stack) >= 2:
				stack = stack[:len(stack)-1]
			}
		case classB:
			p.levels[i] = p.level
		default:
			p.levels[i] = top.level
			if top.override != classON && c != classBN {
				p.types[i] = top.override
			}
		}
	}
}

// resolveSequences builds the level runs and isolating run sequences (X9–X10, BD13) and resolves
// each one.
func (p *paragraph) resolveSequences() {
	// Level runs over the characters X9 keeps.
	var runs [][]int
	var cur []int
	n := len(p.initial)
	kept := p.ibuf[:0:n]
	for i, c := range p.initial {
		if !isRemovedByX9(c) {
			kept = append(kept, i)
		}
	}
	start := 0
	for k := range kept {
		if k > start && p.levels[kept[k]] != p.levels[kept[k-1]] {
			runs = append(runs, kept[start:k:k])
			start = k
		}
	}
	if start < len(kept) {
		runs = append(runs, kept[start:])
	}
	// runOf finds the level run starting at a given character index.
	runStart := make([]int32, len(p.initial)) // 1 + index of the level run starting at a character
	for ri, r := range runs {
		runStart[r[0]] = int32(ri) + 1
	}
	seq := p.ibuf[n:n]
	for _, r := range runs {
		first := r[0]
		if p.initial[first] == classPDI && p.matchingInitiator[first] >= 0 {
			continue // continues the sequence of its initiator
		}
		seq = seq[:0]
		cur = r
		for {
			seq = append(seq, cur...)
			last := cur[len(cur)-1]
			if !isIsolateInitiator(p.initial[last]) || p.matchingPDI[last] < 0 {
				break
			}
			ri := runStart[p.matchingPDI[last]]
			if ri == 0 {
				break
			}
			cur = runs[ri-1]
		}
		p.resolveSequence(seq)
	}
}

func dirOfLevel(l uint8) class {
	if l&1 == 1 {
		return classR
	}
	return classL
}

// strongDir maps a resolved type to L or R for N0–N2 (numbers count as R), or ON if neutral.
func strongDir(c class) class {
	switch c {
	case classL:
		return classL
	case classR, classAL, classEN, classAN:
		return classR
	}
	return classON
}

// resolveSequence applies W1–W7, N0–N2 and I1–I2 to one isolating run sequence (indices into p).
func (p *paragraph) resolveSequence(idx []int) {
	n := len(idx)
	level := p.levels[idx[0]]
	// sos and eos (X10).
	prev := idx[0] - 1
	for prev >= 0 && isRemovedByX9(p.initial[prev]) {
		prev--
	}
	prevLevel := p.level
	if prev >= 0 {
		prevLevel = p.xlevels[prev]
	}
	sos := dirOfLevel(max(prevLevel, level))
	last := idx[n-1]
	succLevel := p.level
	if !isIsolateInitiator(p.initial[last]) {
		next := last + 1
		for next < len(p.initial) && isRemovedByX9(p.initial[next]) {
			next++
		}
		if next < len(p.initial) {
			succLevel = p.xlevels[next]
		}
	}
	eos := dirOfLevel(max(succLevel, level))

	ts := p.scratch[:n]
	for k, i := range idx {
		ts[k] = p.types[i]
	}
	// W1.
	for k := range ts {
		if ts[k] == classNSM {
			switch {
			case k == 0:
				ts[k] = sos
			case isIsolateInitiator(ts[k-1]) || ts[k-1] == classPDI:
				ts[k] = classON
			default:
				ts[k] = ts[k-1]
			}
		}
	}
	// W2, W3.
	strong := sos
	for k, t := range ts {
		switch t {
		case classL, classR, classAL:
			strong = t
		case classEN:
			if strong == classAL {
				ts[k] = classAN
			}
		}
	}
	for k, t := range ts {
		if t == classAL {
			ts[k] = classR
		}
	}
	// W4.
	for k := 1; k+1 < n; k++ {
		switch ts[k] {
		case classES:
			if ts[k-1] == classEN && ts[k+1] == classEN {
				ts[k] = classEN
			}
		case classCS:
			if ts[k-1] == classEN && ts[k+1] == classEN {
				ts[k] = classEN
			} else if ts[k-1] == classAN && ts[k+1] == classAN {
				ts[k] = classAN
			}
		}
	}
	// W5.
	for k := 0; k < n; k++ {
		if ts[k] != classET {
			continue
		}
		end := k
		for end < n && ts[end] == classET {
			end++
		}
		if (k > 0 && ts[k-1] == classEN) || (end < n && ts[end] == classEN) {
			for j := k; j < end; j++ {
				ts[j] = classEN
			}
		}
		k = end - 1
	}
	// W6.
	for k, t := range ts {
		if t == classES || t == classET || t == classCS {
			ts[k] = classON
		}
	}
	// W7.
	strong = sos
	for k, t := range ts {
		switch t {
		case classL, classR:
			strong = t
		case classEN:
			if strong == classL {
				ts[k] = classL
			}
		}
	}
	p.resolveBrackets(idx, ts, level, sos)
	// N1, N2.
	e := dirOfLevel(level)
	for k := 0; k < n; k++ {
		if !isNeutral(ts[k]) {
			continue
		}
		end := k
		for end < n && isNeutral(ts[end]) {
			end++
		}
		before, after := sos, eos
		if k > 0 {
			before = strongDir(ts[k-1])
		}
		if end < n {
			after = strongDir(ts[end])
		}
		d := e
		if before == after {
			d = before
		}
		for j := k; j < end; j++ {
			ts[j] = d
		}
		k = end - 1
	}
	// I1, I2.
	for k, i := range idx {
		l := p.levels[i]
		switch t := ts[k]; {
		case l&1 == 0 && t == classR:
			l++
		case l&1 == 0 && (t == classAN || t == classEN):
			l += 2
		case l&1 == 1 && (t == classL || t == classEN || t == classAN):
			l++
		}
		p.levels[i] = l
		p.types[i] = ts[k]
	}
}

func isNeutral(c class) bool {
	switch c {
	case classB, classS, classWS, classON, classLRI, classRLI, classFSI, classPDI:
		return true
	}
	return false
}

// maxBracketDepth is BD16's stack size.
const maxBracketDepth = 63

// canonicalBracket maps the two brackets with canonical equivalents to them (BD16).
func canonicalBracket(r rune) rune {
	switch r {
	case 0x2329:
		return 0x3008
	case 0x232A:
		return 0x3009
	}
	return r
}

// resolveBrackets implements N0 with the pairs found by BD16.
func (p *paragraph) resolveBrackets(idx []int, ts []class, level uint8, sos class) {
	type opener struct {
		closer rune
		pos    int
	}
	type pair struct{ o, c int }
	if p.runes == nil {
		return
	}
	var stack []opener
	var pairs []pair
scan:
	for k, i := range idx {
		if ts[k] != classON {
			continue
		}
		r := p.runes[i]
		b, ok := bracketOf(r)
		if !ok {
			continue
		}
		if b.open {
			if len(stack) == maxBracketDepth {
				break scan
			}
			stack = append(stack, opener{canonicalBracket(b.pair), k})
			continue
		}
		c := canonicalBracket(r)
		for s := len(stack) - 1; s >= 0; s-- {
			if stack[s].closer == c {
				pairs = append(pairs, pair{stack[s].pos, k})
				stack = stack[:s]
				break
			}
		}
	}
	if len(pairs) == 0 {
		return
	}
	slices.SortFunc(pairs, func(a, b pair) int { return a.o - b.o })
	e := dirOfLevel(level)
	set := func(k int, d class) {
		ts[k] = d
		for j := k + 1; j < len(idx) && p.initial[idx[j]] == classNSM; j++ {
			ts[j] = d
		}
	}
	for _, pr := range pairs {
		foundE, foundOpp := false, false
		for k := pr.o + 1; k < pr.c; k++ {
			switch strongDir(ts[k]) {
			case e:
				foundE = true
			case classON:
			default:
				foundOpp = true
			}
			if foundE {
				break
			}
		}
		var d class
		switch {
		case foundE:
			d = e
		case foundOpp:
			ctx := sos
			for k := pr.o - 1; k >= 0; k-- {
				if s := strongDir(ts[k]); s != classON {
					ctx = s
					break
				}
			}
			d = e
			if ctx != e {
				d = ctx
			}
		default:
			continue
		}
		set(pr.o, d)
		set(pr.c, d)
	}
}

// fillRemoved gives the runes X9 removed the level of the rune before them.
func (p *paragraph) fillRemoved() {
	for i, c := range p.initial {
		if isRemovedByX9(c) {
			if i == 0 {
				p.levels[i] = p.level
			} else {
				p.levels[i] = p.levels[i-1]
			}
		}
	}
}

// resetWhitespace implements L1 for a line that is the whole paragraph.
func (p *paragraph) resetWhitespace() {
	isWS := func(c class) bool {
		switch c {
		case classWS, classLRI, classRLI, classFSI, classPDI:
			return true
		}
		return isRemovedByX9(c)
	}
	for i, c := range p.initial {
		if c == classS || c == classB {
			p.levels[i] = p.level
			for j := i - 1; j >= 0 && isWS(p.initial[j]); j-- {
				p.levels[j] = p.level
			}
		}
	}
	for j := len(p.initial) - 1; j >= 0 && isWS(p.initial[j]); j-- {
		p.levels[j] = p.level
	}
}

// reverseRuns applies rule L2 to units with the given levels: from the highest level down to the
// lowest odd one, reverse every maximal run at that level or higher. order holds the units' indices;
// both slices are permuted in place (levels travel with their units).
func reverseRuns(lv []uint8, order []int) {
	var hi, lowOdd uint8 = 0, 255
	for _, l := range lv {
		hi = max(hi, l)
		if l&1 == 1 {
			lowOdd = min(lowOdd, l)
		}
	}
	if lowOdd == 255 {
		// No odd level: runs at even levels ≥ 2 are reversed an even number of times.
		if hi < 2 {
			return
		}
		lowOdd = 1
	}
	for l := hi; l >= lowOdd && l > 0; l-- {
		for i := 0; i < len(lv); {
			if lv[i] < l {
				i++
				continue
			}
			j := i
			for j < len(lv) && lv[j] >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
				lv[a], lv[b] = lv[b], lv[a]
			}
			i = j
		}
	}
}
