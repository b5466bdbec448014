package tui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"passport-update/styles"
	"passport-update/tui/arabic"
	"passport-update/tui/textfield"
)

// common is what every step reads: size, theme, display mode, clock. The root owns it and
// hands a pointer to views only (steps never keep it).
type common struct {
	th     *styles.Theme // shared, never copied: a Theme is 14 KB of styles
	field  textfield.Styles
	width  int
	height int
	mode   arabic.Mode
	now    func() time.Time
	demo   *Demo
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
