package arabic

import (
	"strings"

	"example.com/passport-update/api/fullname"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// Visible is what a value from outside becomes before it is drawn or measured: Clean (no escape
// sequence, control or bidi control), then every default-ignorable character removed except ZWJ and
// ZWNJ (they decide how letters join and draw nothing anywhere), and the Thai and Lao AM vowels
// decomposed (NFKD) into the two characters terminals draw them as. After Visible, Width is the
// number of cells a terminal draws, whether it measures character by character (wcwidth) or by
// grapheme cluster (lipgloss).
//
// Only the drawn string changes: store and send the value itself. A string with nothing to change
// is returned as is.
func Visible(s string) string {
	s = fullname.Clean(s)
	if isVisible(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == 0x200C || r == 0x200D:
			b.WriteRune(r)
		case fullname.IsDefaultIgnorable(r):
		case isSpacingAM(r):
			b.WriteString(norm.NFKD.String(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isVisible(s string) bool {
	for _, r := range s {
		if r >= 0xAD && (fullname.IsDefaultIgnorable(r) && r != 0x200C && r != 0x200D || isSpacingAM(r)) {
			return false
		}
	}
	return true
}

// isSpacingAM reports the Thai and Lao AM vowels: one grapheme cluster with the consonant before
// them, so lipgloss measures the pair as one cell, while terminals draw the vowel in a cell of its own.
func isSpacingAM(r rune) bool { return r == 0x0E33 || r == 0x0EB3 }

// Width is the number of terminal columns a drawn string takes, measured the way lipgloss.Width
// measures (grapheme clusters; harakat are zero-width), so one function serves layout and drawing.
// Measure what is drawn: after Visible, for a value from outside, and after Display, since a
// lam-alef ligature is one column where the logical text had two letters.
func Width(s string) int {
	return ansi.StringWidth(s)
}

// Clusters splits s into grapheme clusters, the units a cursor moves over: a letter with its
// harakat is one. It returns the byte offset where each cluster starts, plus len(s).
func Clusters(s string) []int {
	bounds := make([]int, 0, len(s)+1)
	state, rest, pos := -1, s, 0
	for len(rest) > 0 {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		bounds = append(bounds, pos)
		pos += len(c)
	}
	return append(bounds, pos)
}
