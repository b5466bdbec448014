package arabic

import (
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Display renders one logical line for drawing in mode m. Only the drawn string changes; values are
// stored and sent in logical order.
//
//   - ModeTerminal and ModeOff return the line as it is (logical order): bidi-aware terminals reorder
//     it themselves, and "off" asks for no help at all.
//   - ModeApp resolves the line as one paragraph with its direction taken from the first strong
//     character (UAX #9 P2–P3), joins the Arabic letters in logical order (Shape), mirrors brackets at
//     right-to-left levels (L4) and reorders grapheme clusters (L2), so harakat stay on their letters.
//     A line with no right-to-left character is returned unchanged without allocating.
//
// One line means one screen line: a caller that wraps must call Display per wrapped line, because
// rule L1 and reordering apply per line. The line must be plain text: style (colours, borders) is
// added after Display, since reordering would scatter escape sequences. Measure the result with
// Width.
func Display(line string, m Mode) string {
	return DisplayIn(line, m, DirAuto)
}

// DisplayIn is Display with the paragraph's direction given. A caller that wraps one paragraph
// (a sentence, a value) into several screen lines draws every line with the direction of the
// whole paragraph (ParagraphDirection), as UAX #9 reorders each line at the paragraph's level
// (rule L1): a line of an English sentence that happens to begin with an Arabic name stays a
// left-to-right line, and a line of an Arabic sentence that begins with a Latin word stays
// right-to-left. DirAuto takes the direction from the line itself, as Display does.
func DisplayIn(line string, m Mode, dir Direction) string {
	if m != ModeApp || (dir != DirRTL && !needsBidi(line)) {
		return line
	}
	return render(line, dir, true)
}

// ParagraphDirection is the direction of s as one paragraph (UAX #9 rules P2–P3): DirRTL when
// its first strong character outside isolates is right-to-left, else DirLTR.
func ParagraphDirection(s string) Direction {
	depth := 0 // isolates open; P2 skips their content
	for _, r := range s {
		switch c := classOf(r); {
		case isIsolateInitiator(c):
			depth++
		case c == classPDI:
			depth = max(depth-1, 0)
		case c == classB:
			return DirLTR
		case depth > 0:
		case c == classL:
			return DirLTR
		case c == classR || c == classAL:
			return DirRTL
		}
	}
	return DirLTR
}

// Reorder returns s in visual order for paragraph direction dir (UAX #9 rules up to L2 and the
// mirroring of L4), reordering whole grapheme clusters so combining marks stay after their base. It
// does not shape. Text without right-to-left characters under DirAuto or DirLTR comes back as is.
func Reorder(s string, dir Direction) string {
	if dir != DirRTL && !needsBidi(s) {
		return s
	}
	return render(s, dir, false)
}

func render(s string, dir Direction, doShape bool) string {
	shaped, bounds, order := visualClusters(s, dir, doShape)
	var b strings.Builder
	b.Grow(len(shaped))
	for _, k := range order {
		b.WriteString(shaped[bounds[k]:bounds[k+1]])
	}
	return b.String()
}

// visualClusters resolves s as one paragraph, shapes it (if doShape) and mirrors at odd levels. It
// returns the result in logical order, the byte offsets where its grapheme clusters start (plus its
// length), and the clusters' visual order: cluster k is shaped[bounds[k]:bounds[k+1]], and a cluster
// takes the level of its first rune.
func visualClusters(s string, dir Direction, doShape bool) (shaped string, bounds []int, order []int) {
	runes := []rune(s)
	p := newParagraph(runes, dir)
	out, levels := runes, p.levels
	if doShape {
		out, levels = shape(runes, p.levels)
	}
	for i, r := range out {
		if levels[i]&1 == 1 {
			if m, ok := mirrorOf(r); ok {
				out[i] = m
			}
		}
	}
	shaped = string(out)
	n := len(out)
	ibuf := make([]int, 2*n+1)
	bounds, order = ibuf[:0:n+1], ibuf[n+1:n+1]
	clevels := levels[:0] // reused: cluster k starts at rune index ≥ k
	state, rest, pos, ri := -1, shaped, 0, 0
	for len(rest) > 0 {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		clevels = append(clevels, levels[ri])
		order = append(order, len(bounds))
		bounds = append(bounds, pos)
		pos += len(c)
		ri += utf8.RuneCountInString(c)
	}
	bounds = append(bounds, pos)
	reverseRuns(clevels, order)
	return shaped, bounds, order
}

// needsBidi reports whether reordering s could change it: it holds a right-to-left character, an
// Arabic number (neutrals between two Arabic numbers resolve to right-to-left, N1), or an explicit
// right-to-left embedding, override or isolate. Without any of these every level is even, and
// reordering even levels changes nothing.
func needsBidi(s string) bool {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return false // ASCII has no right-to-left character
	}
	for _, r := range s[i:] {
		if r < utf8.RuneSelf {
			continue
		}
		switch classOf(r) {
		case classR, classAL, classAN, classRLE, classRLO, classRLI, classFSI:
			return true
		}
	}
	return false
}

// HasLTR reports whether s holds any left-to-right character (bidi class L: Latin letters, among
// others; not digits or punctuation).
func HasLTR(s string) bool {
	for _, r := range s {
		if classOf(r) == classL {
			return true
		}
	}
	return false
}

// HasRTL reports whether s holds any right-to-left character (bidi class R or AL).
func HasRTL(s string) bool {
	for _, r := range s {
		if r >= 0x0590 {
			if c := classOf(r); c == classR || c == classAL {
				return true
			}
		}
	}
	return false
}
