package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"example.com/passport-update/styles"
	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/textfield"
)

// common is what every step reads: size, theme, display mode, clock. The root owns it and
// hands a pointer to views only (steps never keep it).
type common struct {
	th     *styles.Theme // shared, never copied: a Theme is many styles
	field  textfield.Styles
	width  int
	height int
	mode   arabic.Mode
	now    func() time.Time
	demo   *Demo
	// receipts: a receipt is written for every customer (so the screens may say that corrections
	// are kept in it).
	receipts bool
}

// Minimum terminal size; below it the "make me bigger" screen shows.
const (
	minWidth  = 60
	minHeight = 20
)

// noticeKind sorts the one message area under the header.
type noticeKind int

const (
	noticeNone noticeKind = iota
	noticeInfo
	noticeWarning
	noticeError
)

// notice is the one place errors and warnings appear; retry names the key that retries
// safely, when there is one.
type notice struct {
	kind     noticeKind
	sentence string
	retry    string
}

// newInput is a focused single-line input with a steady cursor (no blink ticks to redraw for).
func newInput(prompt, placeholder string, limit int) textfield.Field {
	return textfield.New(prompt, placeholder, limit)
}

// fieldStyles draws the text fields: the placeholder muted, the cursor in reverse video, or
// without colour as "▏" before its cell (reverse video would not show at all).
func fieldStyles(t *styles.Theme) textfield.Styles {
	return textfield.Styles{
		Placeholder: func(s string) string { return t.Muted.Render(s) },
		Cursor:      textfield.Cursor(t.R.NewStyle(), t.R.ColorProfile() == termenv.Ascii),
	}
}

// truncate cuts s to w cells with an ellipsis.
func truncate(s string, w int) string {
	if w <= 1 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// clipLines keeps at most n lines of s.
func clipLines(s string, n int) string {
	if n <= 0 {
		return ""
	}
	idx := 0
	for i := 0; i < n; i++ {
		j := strings.IndexByte(s[idx:], '\n')
		if j < 0 {
			return s
		}
		idx += j + 1
	}
	return strings.TrimSuffix(s[:idx], "\n")
}

// valueLines is a value or a sentence as drawn in mode m, broken into lines of at most w cells,
// never cut. The breaks are made in logical order (between words where a word fits, else between
// grapheme clusters) and each line is then drawn on its own at the direction of the whole text,
// because UAX #9 reorders a line at a time at the paragraph's level (rule L1): so the first word
// starts the first line in either direction, at the right of it in app mode, and a line of an
// English sentence that begins with an Arabic name is still read left to right. v must be plain
// text ready to draw (arabic.Visible of a value from outside). In app mode a right-to-left text
// that takes more than one line is aligned to the right of w, where a reader of Arabic starts
// each line.
func valueLines(v string, m arabic.Mode, w int) []string {
	return linesIn(v, m, w, arabic.ParagraphDirection(v))
}

// linesIn is valueLines for a text whose direction is dir.
func linesIn(v string, m arabic.Mode, w int, dir arabic.Direction) []string {
	w = max(w, 1)
	drawn := func(s string) int { return arabic.Width(arabic.DisplayIn(s, m, dir)) }
	if drawn(v) <= w {
		return []string{arabic.DisplayIn(v, m, dir)}
	}
	var lines []string
	line := ""
	for _, word := range strings.Split(v, " ") {
		next := word
		if line != "" {
			next = line + " " + word
		}
		if drawn(next) <= w {
			line = next
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		// A word wider than the line is broken between its grapheme clusters.
		for drawn(word) > w {
			b := arabic.Clusters(word)
			k := 1
			for k+1 < len(b) && drawn(word[:b[k+1]]) <= w {
				k++
			}
			lines = append(lines, word[:b[k]])
			word = word[b[k]:]
		}
		line = word
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	rtlRight := m == arabic.ModeApp && dir == arabic.DirRTL
	for i, l := range lines {
		lines[i] = arabic.DisplayIn(l, m, dir)
		if rtlRight {
			lines[i] = strings.Repeat(" ", max(w-arabic.Width(lines[i]), 0)) + lines[i]
		}
	}
	return lines
}

// sentence is the one way a sentence is drawn, whatever it holds from outside (a server's
// message, a name part a check refers to, a value in a finding): cleaned for the screen
// (arabic.Visible), broken into lines of at most w cells between words (a hyphen is part of its
// word: "--receipt" stays whole; a word is broken only when it is wider than the line: nothing
// is cut), and each line drawn in the display mode, so in app mode the Arabic inside reads as it
// does in a value. Style each line after: reordering would scatter escape sequences.
//
// A sentence is read left to right, as the wizard's own words are, even when it begins with a
// server's Arabic message ("كلمة المرور غير صحيحة. Ask the customer to type it again."): the
// Arabic is one run read right to left inside it. Only a sentence with no left-to-right letter
// at all (a server's message alone) is a right-to-left paragraph.
func (c *common) sentence(s string, w int) []string { return sentenceLines(s, c.mode, w) }

// sentenceLines is common.sentence for display mode m, for a component that draws in the mode
// it is given (the file picker).
func sentenceLines(s string, m arabic.Mode, w int) []string {
	s = arabic.Visible(s)
	dir := arabic.DirLTR
	if arabic.HasRTL(s) && !arabic.HasLTR(s) {
		dir = arabic.DirRTL
	}
	return linesIn(s, m, w, dir)
}

// block draws a sentence as the notice of its kind (an error, a warning or information): a
// block with a rule at its left, w cells wide, its lines drawn by sentence.
func (c *common) block(kind noticeKind, s string, w int) string {
	// The theme's blocks take a rule and a space before the text.
	text := strings.Join(c.sentence(s, max(w-3, 9)), "\n")
	switch kind {
	case noticeError:
		return c.th.Error(text, w)
	case noticeWarning:
		return c.th.Warning(text, w)
	}
	return c.th.Info(text, w)
}
