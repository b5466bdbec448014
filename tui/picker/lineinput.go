package picker

import (
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// lineInput is the one-line text field of the filter, search and path modes. (bubbles/textinput
// would do, but it pulls in a clipboard module this build does not carry; pasting arrives as
// runes anyway.) The cursor is drawn static, so no blink ticks run.
type lineInput struct {
	value []rune
	pos   int
}

func (l lineInput) Value() string { return string(l.value) }

func (l *lineInput) SetValue(s string) { l.value, l.pos = []rune(s), len([]rune(s)) }

func (l *lineInput) Reset() { l.value, l.pos = nil, 0 }

// Update edits the value: typed or pasted runes, backspace/delete, left/right, home/end,
// ctrl+a/ctrl+e, ctrl+u (to start), ctrl+k (to end), ctrl+w (word back).
func (l lineInput) Update(msg tea.KeyMsg) lineInput {
	switch msg.Type {
	case tea.KeyRunes, tea.KeySpace:
		runes := msg.Runes
		if msg.Type == tea.KeySpace {
			runes = []rune{' '}
		}
		clean := make([]rune, 0, len(runes))
		for _, r := range runes {
			if unicode.IsPrint(r) || r == ' ' {
				clean = append(clean, r)
			}
		}
		l.value = append(l.value[:l.pos:l.pos], append(clean, l.value[l.pos:]...)...)
		l.pos += len(clean)
	case tea.KeyBackspace:
		if l.pos > 0 {
			l.value = append(l.value[:l.pos-1:l.pos-1], l.value[l.pos:]...)
			l.pos--
		}
	case tea.KeyDelete:
		if l.pos < len(l.value) {
			l.value = append(l.value[:l.pos:l.pos], l.value[l.pos+1:]...)
		}
	case tea.KeyLeft:
		l.pos = max(l.pos-1, 0)
	case tea.KeyRight:
		l.pos = min(l.pos+1, len(l.value))
	case tea.KeyHome, tea.KeyCtrlA:
		l.pos = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		l.pos = len(l.value)
	case tea.KeyCtrlU:
		l.value, l.pos = append([]rune(nil), l.value[l.pos:]...), 0
	case tea.KeyCtrlK:
		l.value = l.value[:l.pos:l.pos]
	case tea.KeyCtrlW:
		i := l.pos
		for i > 0 && l.value[i-1] == ' ' {
			i--
		}
		for i > 0 && l.value[i-1] != ' ' {
			i--
		}
		l.value, l.pos = append(l.value[:i:i], l.value[l.pos:]...), i
	}
	return l
}

// View shows the value with the cursor as a block (reverse video) or, without colour, as "▏",
// keeping the end in view when the value is wider than width. Typed text is shown escaped.
func (l lineInput) View(width int, cursor func(string) string) string {
	before := escapeName(string(l.value[:l.pos]))
	at, after := " ", ""
	if l.pos < len(l.value) {
		at = escapeName(string(l.value[l.pos]))
		after = escapeName(string(l.value[l.pos+1:]))
	}
	if w := ansi.StringWidth(before) + 1; w > width && width > 1 {
		before = ansi.TruncateLeft(before, w-width, "…")
	}
	s := before + cursor(at) + after
	return ansi.Truncate(s, max(width, 0), "…")
}
