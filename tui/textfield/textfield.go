// Package textfield is the wizard's one-line text input: the applicant ID, the password, a Review
// edit and the picker's filter, search and path lines.
//
// It replaces bubbles/textinput, which links a clipboard module whose package init scans $PATH
// for xclip, xsel, wl-copy, termux and clip.exe at every start of the program, and whose model
// is 5 KB of styles and key bindings copied with every step model. Pasting needs no clipboard
// module: the terminal sends a paste as bracketed-paste runes. The cursor is drawn steady, so no
// blink ticks redraw the screen.
package textfield

import (
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Field is a value: Update returns the edited copy.
type Field struct {
	Prompt      string
	Placeholder string // shown, dimmed, while the value is empty
	Limit       int    // in runes; 0 = no limit
	Mask        rune   // drawn for every rune of the value (passwords); 0 = the value itself
	blurred     bool
	value       []rune
	pos         int
}

// New is a focused field.
func New(prompt, placeholder string, limit int) Field {
	return Field{Prompt: prompt, Placeholder: placeholder, Limit: limit}
}

func (f Field) Value() string { return string(f.value) }

// SetValue replaces the value (cut to Limit) and puts the cursor at its end.
func (f *Field) SetValue(s string) {
	f.value = []rune(s)
	if f.Limit > 0 && len(f.value) > f.Limit {
		f.value = f.value[:f.Limit]
	}
	f.pos = len(f.value)
}

// CursorEnd puts the cursor after the last rune.
func (f *Field) CursorEnd() { f.pos = len(f.value) }

// Reset empties the field.
func (f *Field) Reset() { f.value, f.pos = nil, 0 }

// Focus and Blur give and take the keys (and the drawn cursor).
func (f *Field) Focus() { f.blurred = false }
func (f *Field) Blur()  { f.blurred = true }

// Cursor is the cursor's place, in runes from the start.
func (f Field) Cursor() int { return f.pos }

func (f Field) shown(r rune) rune {
	if f.Mask != 0 {
		return f.Mask
	}
	return r
}

// Update edits the value on a key while focused: typed or pasted runes (control characters and
// line breaks dropped), backspace/delete, left/right, home/end, ctrl+a/ctrl+e, ctrl+u (delete to
// the start), ctrl+k (to the end), ctrl+w and alt+backspace (the word before the cursor). It
// never returns a command; the signature matches the other step models.
func (f Field) Update(msg tea.Msg) (Field, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || f.blurred {
		return f, nil
	}
	switch k.Type {
	case tea.KeyRunes, tea.KeySpace:
		if k.Alt && !k.Paste {
			return f, nil // alt+letter is a shortcut elsewhere, not text
		}
		runes := k.Runes
		if k.Type == tea.KeySpace {
			runes = []rune{' '}
		}
		clean := make([]rune, 0, len(runes))
		for _, r := range runes {
			if unicode.IsPrint(r) || r == ' ' || r == '\u200c' || r == '\u200d' {
				clean = append(clean, r)
			}
		}
		if f.Limit > 0 {
			clean = clean[:min(len(clean), max(f.Limit-len(f.value), 0))]
		}
		f.value = append(f.value[:f.pos:f.pos], append(clean, f.value[f.pos:]...)...)
		f.pos += len(clean)
	case tea.KeyBackspace:
		if k.Alt {
			return f.deleteWordBack(), nil
		}
		if f.pos > 0 {
			f.value = append(f.value[:f.pos-1:f.pos-1], f.value[f.pos:]...)
			f.pos--
		}
	case tea.KeyDelete, tea.KeyCtrlD:
		if f.pos < len(f.value) {
			f.value = append(f.value[:f.pos:f.pos], f.value[f.pos+1:]...)
		}
	case tea.KeyLeft, tea.KeyCtrlB:
		f.pos = max(f.pos-1, 0)
	case tea.KeyRight, tea.KeyCtrlF:
		f.pos = min(f.pos+1, len(f.value))
	case tea.KeyHome, tea.KeyCtrlA:
		f.pos = 0
	case tea.KeyEnd, tea.KeyCtrlE:
		f.pos = len(f.value)
	case tea.KeyCtrlU:
		f.value, f.pos = append([]rune(nil), f.value[f.pos:]...), 0
	case tea.KeyCtrlK:
		f.value = f.value[:f.pos:f.pos]
	case tea.KeyCtrlW:
		return f.deleteWordBack(), nil
	}
	return f, nil
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

// Parts splits what the field shows at the cursor: the text before it, the cell under it (" "
// at the end) and the text after it, masked for a password.
func (f Field) Parts() (before, at, after string) {
	shown := make([]rune, len(f.value))
	for i, r := range f.value {
		shown[i] = f.shown(r)
	}
	at = " "
	if f.pos < len(shown) {
		at = string(shown[f.pos])
		after = string(shown[f.pos+1:])
	}
	return string(shown[:f.pos]), at, after
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

// View is the prompt and the value with the cursor (the placeholder, its first cell under the
// cursor, while the value is empty). A blurred field shows no cursor.
func (f Field) View(st Styles) string {
	apply := func(style func(string) string, s string) string {
		if style == nil || s == "" {
			return s
		}
		return style(s)
	}
	out := apply(st.Prompt, f.Prompt)
	if len(f.value) == 0 && f.Placeholder != "" {
		ph := []rune(f.Placeholder)
		if f.blurred {
			return out + apply(st.Placeholder, f.Placeholder)
		}
		return out + apply(st.Cursor, string(ph[0])) + apply(st.Placeholder, string(ph[1:]))
	}
	before, at, after := f.Parts()
	if f.blurred {
		if at != " " {
			before += at
		}
		return out + apply(st.Text, before+after)
	}
	return out + apply(st.Text, before) + apply(st.Cursor, at) + apply(st.Text, after)
}
