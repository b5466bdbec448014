// Package textfield is the wizard's one-line text input: the applicant ID, the password, a Review
// edit and the picker's filter, search and path lines.
//
// It replaces bubbles/textinput, which links a clipboard module whose package init scans $PATH
// for xclip, xsel, wl-copy, termux and clip.exe at every start of the program, and whose model
// is 5 KB of styles and key bindings copied with every step model. Pasting needs no clipboard
// module: the terminal sends a paste as bracketed-paste runes. The cursor is drawn steady, so no
// blink ticks redraw the screen.
//
// Nothing typed or pasted is left out without a sentence: every kind of space and line break is
// stored as a space (so two names never merge), and what the field cannot hold (control
// characters, invisible characters, text past its limit) is counted and said by Dropped.
package textfield

import (
	"fmt"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rivo/uniseg"

	"example.com/passport-update/api/fullname"
	"example.com/passport-update/tui/arabic"
)

// MaxLen is the limit of a field whose Limit is 0: room for any real value, but not for a
// mistaken paste of a whole document.
const MaxLen = 4096

// Field is a value: Update returns the edited copy. The zero value is a focused field with the
// default keys.
type Field struct {
	Prompt      string
	Placeholder string // shown, dimmed, while the value is empty
	// Limit is a safety limit in characters (runes); 0 means MaxLen. It is not a rule about the
	// value: text past it is not taken and Dropped says how much. Check a value's length where
	// the value is judged (fullname.Validate for the Arabic name).
	Limit int
	Mask  rune // drawn for every character of the value (passwords); 0 = the value itself
	// Mode is how right-to-left text is drawn: in arabic.ModeApp the field is drawn as it reads
	// (visual order, letters joined) and ←/→ move the cursor left and right on the screen; in
	// the other modes it is drawn in logical order for the terminal to reorder, and ←/→ move to
	// the previous and next character.
	Mode arabic.Mode
	// Width is the most cells the field's line takes, prompt included; 0 = as wide as the value.
	// A longer value scrolls to keep the cursor in view, with "…" where text is out of view.
	Width int
	// KeyMap is the editing keys; nil means DefaultKeyMap. A pointer, because the field is copied
	// with every step model and the keys rarely change.
	KeyMap *KeyMap

	blurred bool
	value   []rune
	pos     int // in runes; always at the start of a grapheme cluster or at the end
	dropped dropped
}

// dropped counts what the field did not take since its value was last set.
type dropped struct {
	controls, bidi, invisible, unprintable, overLimit int
	limit                                             int
}

// New is a focused field with a safety limit (0 = MaxLen).
func New(prompt, placeholder string, limit int) Field {
	return Field{Prompt: prompt, Placeholder: placeholder, Limit: limit}
}

// SetWidth sets Width: the most cells the field's line takes, prompt included.
func (f *Field) SetWidth(w int) { f.Width = w }

func (f Field) Value() string { return string(f.value) }

// SetValue replaces the value, taken as a paste is (spaces and line breaks become spaces, what
// cannot be shown is left out and counted in Dropped), and puts the cursor at its end.
func (f *Field) SetValue(s string) {
	f.value, f.pos, f.dropped = nil, 0, dropped{}
	f.insert([]rune(s))
}

// CursorEnd puts the cursor after the last character.
func (f *Field) CursorEnd() { f.pos = len(f.value) }

// Reset empties the field.
func (f *Field) Reset() { f.value, f.pos, f.dropped = nil, 0, dropped{} }

// Focus and Blur give and take the keys (and the drawn cursor).
func (f *Field) Focus() { f.blurred = false }
func (f *Field) Blur()  { f.blurred = true }

// Cursor is the cursor's place, in runes from the start.
func (f Field) Cursor() int { return f.pos }

// Dropped is a sentence saying what was typed, pasted or set but is not in the value, since the
// value was last set or reset; empty when everything was taken. Show it under the field.
func (f Field) Dropped() string {
	d := f.dropped
	var parts []string
	count := func(n int, one, many string) {
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	count(d.controls, "control character", "control characters")
	count(d.bidi, "direction mark", "direction marks")
	count(d.invisible, "invisible character", "invisible characters")
	count(d.unprintable, "character that cannot be shown", "characters that cannot be shown")
	s := ""
	if len(parts) > 0 {
		s = "Left out of what was typed or pasted: " + joinWords(parts) + "."
	}
	if d.overLimit > 0 {
		if s != "" {
			s += " "
		}
		s += fmt.Sprintf("%d characters past the field's limit of %d were not taken.", d.overLimit, d.limit)
	}
	return s
}

func joinWords(w []string) string {
	if len(w) == 1 {
		return w[0]
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

func (f Field) limit() int {
	if f.Limit > 0 {
		return f.Limit
	}
	return MaxLen
}

// take turns typed or pasted runes into what the field stores: every space and line break (a CR
// LF pair is one) becomes a space; control characters, bidi controls, invisible characters other
// than ZWJ and ZWNJ (they decide how Arabic letters join) and characters with no glyph are left
// out and counted.
func (f *Field) take(in []rune) []rune {
	out := make([]rune, 0, len(in))
	for i, r := range in {
		switch {
		case r == '\r' && i+1 < len(in) && in[i+1] == '\n':
		case fullname.IsSpace(r):
			out = append(out, ' ')
		case r == 0x200C || r == 0x200D:
			out = append(out, r)
		case unicode.IsControl(r):
			f.dropped.controls++
		case r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
			f.dropped.bidi++
		case fullname.IsDefaultIgnorable(r):
			f.dropped.invisible++
		case !unicode.IsPrint(r):
			f.dropped.unprintable++
		default:
			out = append(out, r)
		}
	}
	return out
}

// insert puts runes at the cursor, up to the limit, and moves the cursor after them.
func (f *Field) insert(in []rune) {
	clean := f.take(in)
	if room := max(f.limit()-len(f.value), 0); len(clean) > room {
		f.dropped.overLimit += len(clean) - room
		f.dropped.limit = f.limit()
		clean = clean[:room]
	}
	f.value = append(f.value[:f.pos:f.pos], append(clean, f.value[f.pos:]...)...)
	f.pos += len(clean)
	f.pos = f.snap(f.pos)
}

// stops are the cursor's places: the rune index where each grapheme cluster starts, and the end.
func stops(v []rune) []int {
	out := make([]int, 0, len(v)+1)
	state, rest, pos := -1, string(v), 0
	for len(rest) > 0 {
		var c string
		c, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		out = append(out, pos)
		pos += len([]rune(c))
	}
	return append(out, pos)
}

// snap moves a rune index inside a cluster to the end of that cluster (where typing a haraka
// leaves it).
func (f Field) snap(p int) int {
	for _, s := range stops(f.value) {
		if s >= p {
			return s
		}
	}
	return len(f.value)
}

// prevStop and nextStop are the cursor places before and after p.
func (f Field) prevStop(p int) int {
	prev := 0
	for _, s := range stops(f.value) {
		if s >= p {
			break
		}
		prev = s
	}
	return prev
}

func (f Field) nextStop(p int) int {
	for _, s := range stops(f.value) {
		if s > p {
			return s
		}
	}
	return len(f.value)
}

// Update edits the value on a key while focused: typed or pasted runes, and the keys of KeyMap.
// It never returns a command; the signature matches the other step models.
func (f Field) Update(msg tea.Msg) (Field, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || f.blurred {
		return f, nil
	}
	km := f.keys()
	switch {
	case k.Type == tea.KeyRunes || k.Type == tea.KeySpace:
		if k.Alt && !k.Paste {
			return f, nil // alt+letter is a shortcut elsewhere, not text
		}
		runes := k.Runes
		if k.Type == tea.KeySpace {
			runes = []rune{' '}
		}
		if k.Paste {
			// A copied line ends in a line break that is not part of the text.
			for len(runes) > 0 && (runes[len(runes)-1] == '\n' || runes[len(runes)-1] == '\r') {
				runes = runes[:len(runes)-1]
			}
		}
		f.insert(runes)
	case km.matches(k, km.DeleteWordBackward):
		f = f.deleteWordBack()
	case km.matches(k, km.DeleteCharacterBackward):
		// One character: a haraka typed by mistake goes without its letter.
		if f.pos > 0 {
			f.value = append(f.value[:f.pos-1:f.pos-1], f.value[f.pos:]...)
			f.pos = f.snap(f.pos - 1)
		}
	case km.matches(k, km.DeleteCharacterForward):
		// The whole letter with its harakat: harakat left alone would land on the letter before.
		if f.pos < len(f.value) {
			end := f.nextStop(f.pos)
			f.value = append(f.value[:f.pos:f.pos], f.value[end:]...)
		}
	case km.matches(k, km.CharacterBackward):
		f.pos = f.move(-1)
	case km.matches(k, km.CharacterForward):
		f.pos = f.move(+1)
	case km.matches(k, km.LineStart):
		f.pos = 0
	case km.matches(k, km.LineEnd):
		f.pos = len(f.value)
	case km.matches(k, km.DeleteBeforeCursor):
		f.value, f.pos = append([]rune(nil), f.value[f.pos:]...), 0
	case km.matches(k, km.DeleteAfterCursor):
		f.value = f.value[:f.pos:f.pos]
	}
	return f, nil
}

// move is the cursor's place after ← (dir −1) or → (+1): in app mode one cell left or right on
// the screen, elsewhere one grapheme cluster back or forward.
func (f Field) move(dir int) int {
	if f.visual() {
		items, at := f.items()
		if i := at + dir; i >= 0 && i < len(items) {
			return items[i].pos
		}
		return f.pos
	}
	if dir < 0 {
		return f.prevStop(f.pos)
	}
	return f.nextStop(f.pos)
}

func (f Field) deleteWordBack() Field {
	i := f.pos
	for i > 0 && f.value[i-1] == ' ' {
		i--
	}
	for i > 0 && f.value[i-1] != ' ' {
		i--
	}
	f.value, f.pos = append(f.value[:i:i], f.value[f.pos:]...), i
	return f
}

// Parts splits what the field shows at the cursor in logical order: the text before it, the
// character (grapheme cluster) under it (" " at the end) and the text after it, masked for a
// password.
func (f Field) Parts() (before, at, after string) {
	mask := func(rs []rune) string {
		if f.Mask == 0 {
			return string(rs)
		}
		return strings.Repeat(string(f.Mask), uniseg.GraphemeClusterCount(string(rs)))
	}
	at = " "
	if f.pos < len(f.value) {
		end := f.nextStop(f.pos)
		at = mask(f.value[f.pos:end])
		after = mask(f.value[end:])
	}
	return mask(f.value[:f.pos]), at, after
}

// Cursor draws the cursor cell in reverse video, or without colour (where reverse video would
// not show at all) as "▏" before the cell. Every field of the wizard and of the picker draws its
// cursor with it.
func Cursor(style lipgloss.Style, noColour bool) func(string) string {
	reverse := style.Reverse(true)
	return func(s string) string {
		if noColour {
			return "▏" + strings.TrimSuffix(s, " ")
		}
		return reverse.Render(s)
	}
}

// Styles draws a field's parts; each is applied to plain text.
type Styles struct {
	Prompt, Text, Placeholder, Cursor func(string) string
}

func apply(style func(string) string, s string) string {
	if style == nil || s == "" {
		return s
	}
	return style(s)
}
