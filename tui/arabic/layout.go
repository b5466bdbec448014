package arabic

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Cell is one grapheme cluster of a drawn line: Text as it is drawn (shaped and mirrored in app
// mode) and the bytes [Start, End) of the logical line it draws. A lam-alef ligature is one cell
// drawing two letters.
type Cell struct {
	Text       string
	Start, End int
}

// Layout is Display(line, m) cut into cells, left to right, each knowing which logical text it
// draws, so an editor can put its cursor where a person sees the insertion point. rtl reports a
// right-to-left paragraph in app mode, where the end of the line is drawn at the left; outside app
// mode the cells are the logical clusters in logical order and rtl is false, since the terminal (or
// nobody) reorders them.
func Layout(line string, m Mode) (cells []Cell, rtl bool) {
	if m != ModeApp || !needsBidi(line) {
		b := Clusters(line)
		cells = make([]Cell, 0, len(b)-1)
		for i := 0; i+1 < len(b); i++ {
			cells = append(cells, Cell{Text: line[b[i]:b[i+1]], Start: b[i], End: b[i+1]})
		}
		return cells, false
	}
	runes := []rune(line)
	p := newParagraph(runes, DirAuto)
	out, levels, from := shapeFrom(runes, p.levels, true)
	for i, r := range out {
		if levels[i]&1 == 1 {
			if mr, ok := mirrorOf(r); ok {
				out[i] = mr
			}
		}
	}
	// Byte offset of every logical rune, plus the end.
	offset := make([]int, len(runes)+1)
	for i, r := range runes {
		offset[i+1] = offset[i] + utf8.RuneLen(r)
	}
	shaped := string(out)
	var clevels []uint8
	var order []int
	state, rest, ri := -1, shaped, 0
	for len(rest) > 0 {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		n := utf8.RuneCountInString(c)
		end := len(runes)
		if ri+n < len(out) {
			end = from[ri+n]
		}
		order = append(order, len(cells))
		cells = append(cells, Cell{Text: c, Start: offset[from[ri]], End: offset[end]})
		clevels = append(clevels, levels[ri])
		ri += n
	}
	reverseRuns(clevels, order)
	visual := make([]Cell, len(order))
	for i, k := range order {
		visual[i] = cells[k]
	}
	return visual, p.level&1 == 1
}
