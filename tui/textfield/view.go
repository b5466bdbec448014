package textfield

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"example.com/passport-update/tui/arabic"
)

// ShortHelp and FullHelp are the field's editing keys (KeyMap's), for the footer while it is edited.
func (f Field) ShortHelp() []key.Binding  { return f.keys().ShortHelp() }
func (f Field) FullHelp() [][]key.Binding { return f.keys().FullHelp() }

// visual reports whether the field draws its value as it reads (app mode) rather than in logical
// order. A masked value shows no letters to reorder.
func (f Field) visual() bool { return f.Mode == arabic.ModeApp && f.Mask == 0 }

// item is one drawn cell of the value: a grapheme cluster (shaped, in app mode) or the blank cell
// after the value, where the cursor stands at its end.
type item struct {
	text       string
	start, end int // runes of the value it draws; start == end == len(value) for the end cell
	pos        int // where ← or → onto this cell puts the cursor
}

func (it item) isEnd() bool { return it.start == it.end }

// items is the value's cells left to right, with the end cell at the side where the value ends
// (the left of a right-to-left value in app mode), and the index of the cell the cursor is on.
func (f Field) items() ([]item, int) {
	v := string(f.value)
	mode := arabic.ModeTerminal
	if f.visual() {
		mode = arabic.ModeApp
	}
	cells, rtl := arabic.Layout(v, mode)
	// Byte offsets to rune indices.
	runeAt := make([]int, len(v)+1)
	n := 0
	for i := range v {
		runeAt[i] = n
		n++
	}
	runeAt[len(v)] = n
	items := make([]item, 0, len(cells)+1)
	end := item{text: " ", start: n, end: n, pos: n}
	if rtl {
		items = append(items, end)
	}
	for _, c := range cells {
		it := item{text: c.Text, start: runeAt[c.Start], end: runeAt[c.End]}
		it.pos = it.start
		if f.Mask != 0 {
			it.text = string(f.Mask)
		}
		items = append(items, it)
	}
	if !rtl {
		items = append(items, end)
	}
	at := 0
	for i, it := range items {
		if f.pos == n && it.isEnd() || f.pos >= it.start && f.pos < it.end {
			at = i
			break
		}
	}
	return items, at
}

// View is the prompt and the value with the cursor (the placeholder, its first cell under the
// cursor, while the value is empty). A blurred field shows no cursor. With a Width, the line is
// at most that wide: a longer value shows the part around the cursor, with "…" on each side
// where text is out of view.
func (f Field) View(st Styles) string {
	out := apply(st.Prompt, f.Prompt)
	avail := 0
	if f.Width > 0 {
		avail = max(f.Width-arabic.Width(f.Prompt), 1)
	}
	if len(f.value) == 0 && f.Placeholder != "" {
		ph := f.Placeholder
		if avail > 0 && arabic.Width(ph) > avail {
			ph = ansi.Truncate(ph, avail, "…")
		}
		if f.blurred {
			return out + apply(st.Placeholder, ph)
		}
		first := ph[:arabic.Clusters(ph)[1]]
		return out + apply(st.Cursor, first) + apply(st.Placeholder, ph[len(first):])
	}
	items, at := f.items()
	widths := make([]int, len(items))
	for i, it := range items {
		if i == at && !f.blurred {
			widths[i] = arabic.Width(apply(st.Cursor, it.text))
		} else {
			widths[i] = arabic.Width(it.text)
		}
	}
	// The end cell is drawn only where the cursor is, or to keep a right-to-left value still.
	keep := func(i int) bool {
		it := items[i]
		return !it.isEnd() || !f.blurred && (i == at || i == 0)
	}
	for i := range widths {
		if !keep(i) {
			widths[i] = 0
		}
	}
	lo, hi := 0, len(items)
	if avail > 0 {
		rtl := len(items) > 0 && items[0].isEnd()
		lo, hi = window(widths, at, avail, rtl)
	}
	hidden := func(from, to int) bool {
		for i := from; i < to; i++ {
			if widths[i] > 0 {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	b.WriteString(out)
	if hidden(0, lo) {
		b.WriteString(apply(st.Text, "…"))
	}
	var run strings.Builder
	flush := func() {
		b.WriteString(apply(st.Text, run.String()))
		run.Reset()
	}
	for i := lo; i < hi; i++ {
		if !keep(i) {
			continue
		}
		if i == at && !f.blurred {
			flush()
			b.WriteString(apply(st.Cursor, items[i].text))
			continue
		}
		run.WriteString(items[i].text)
	}
	flush()
	if hidden(hi, len(items)) {
		b.WriteString(apply(st.Text, "…"))
	}
	return b.String()
}

// window picks the cells [lo, hi) drawn in avail columns so that cell k is in view: as near the
// start of the text as possible (the left, or the right when fromRight), leaving a column for
// "…" on each side where cells are hidden.
func window(w []int, k, avail int, fromRight bool) (lo, hi int) {
	n := len(w)
	if fromRight {
		r := make([]int, n)
		for i := range w {
			r[n-1-i] = w[i]
		}
		l, h := window(r, n-1-k, avail, false)
		return n - h, n - l
	}
	total := 0
	for _, x := range w {
		total += x
	}
	if total <= avail {
		return 0, n
	}
	// From the start, with room for the "…" on the right.
	sum := 0
	for hi < n && sum+w[hi] <= avail-1 {
		sum += w[hi]
		hi++
	}
	if k < hi {
		return 0, hi
	}
	// Scrolled: the cursor's cell is the last one drawn.
	hi = k + 1
	room := avail - 1
	if hi < n {
		room--
	}
	lo, sum = hi, 0
	for lo > 0 && sum+w[lo-1] <= room {
		lo--
		sum += w[lo]
	}
	if lo == hi {
		lo = k // a cell wider than the field is still drawn
	}
	return lo, hi
}
