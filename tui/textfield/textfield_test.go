package textfield

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func keys(f Field, msgs ...tea.KeyMsg) Field {
	for _, k := range msgs {
		f, _ = f.Update(k)
	}
	return f
}

func runes(s string) tea.KeyMsg      { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
func press(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

func TestEditingKeys(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start string
		keys  []tea.KeyMsg
		want  string
		pos   int
	}{
		{"typing appends", "", []tea.KeyMsg{runes("APP-"), runes("1042")}, "APP-1042", 8},
		{"typing at the cursor", "AP-1", []tea.KeyMsg{press(tea.KeyHome), press(tea.KeyRight), runes("P")}, "APP-1", 2},
		{"space", "A", []tea.KeyMsg{press(tea.KeySpace), runes("B")}, "A B", 3},
		{"backspace and delete", "abcd", []tea.KeyMsg{press(tea.KeyLeft), press(tea.KeyBackspace), press(tea.KeyDelete)}, "ab", 2},
		{"ctrl+u deletes to the start", "hello world", []tea.KeyMsg{press(tea.KeyLeft), press(tea.KeyCtrlU)}, "d", 0},
		{"ctrl+k deletes to the end", "hello world", []tea.KeyMsg{press(tea.KeyCtrlA), press(tea.KeyRight), press(tea.KeyCtrlK)}, "h", 1},
		{"ctrl+w deletes the word before", "عمر يوسف الحداد", []tea.KeyMsg{press(tea.KeyCtrlW)}, "عمر يوسف ", 9},
		{"alt+backspace too", "one two", []tea.KeyMsg{{Type: tea.KeyBackspace, Alt: true}}, "one ", 4},
		{"a pasted line loses the line break it ends with", "", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("APP-1042\r\n"), Paste: true}}, "APP-1042", 8},
		{"alt+letter is not text", "", []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("x"), Alt: true}}, "", 0},
		{"Arabic with a joiner kept", "", []tea.KeyMsg{runes("لا\u200dم")}, "لا\u200dم", 4},
		{"end and home", "abc", []tea.KeyMsg{press(tea.KeyHome), press(tea.KeyEnd), press(tea.KeyLeft)}, "abc", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := New("", "", 0)
			f.SetValue(tc.start)
			f = keys(f, tc.keys...)
			if f.Value() != tc.want || f.Cursor() != tc.pos {
				t.Fatalf("value %q cursor %d, want %q cursor %d", f.Value(), f.Cursor(), tc.want, tc.pos)
			}
		})
	}
}

func TestTheSafetyLimitHoldsAndSaysWhatItLeftOut(t *testing.T) {
	f := New("", "", 5)
	f = keys(f, runes("abc"), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("defgh"), Paste: true})
	if f.Value() != "abcde" {
		t.Fatalf("typed past the limit: %q", f.Value())
	}
	if got, want := f.Dropped(), "3 characters past the field's limit of 5 were not taken."; got != want {
		t.Fatalf("Dropped() = %q, want %q", got, want)
	}
	f.SetValue("0123456789")
	if f.Value() != "01234" || f.Cursor() != 5 {
		t.Fatalf("SetValue past the limit: %q at %d", f.Value(), f.Cursor())
	}
	if got, want := f.Dropped(), "5 characters past the field's limit of 5 were not taken."; got != want {
		t.Fatalf("after SetValue, Dropped() = %q, want %q", got, want)
	}
	f.Reset()
	if f.Dropped() != "" {
		t.Fatalf("Reset keeps the note %q", f.Dropped())
	}
}

func TestABlurredFieldTakesNoKeysAndShowsNoCursor(t *testing.T) {
	f := New("ID › ", "", 0)
	f.SetValue("APP")
	f.Blur()
	f = keys(f, runes("X"), press(tea.KeyBackspace))
	st := Styles{Cursor: func(s string) string { return "[" + s + "]" }}
	if f.Value() != "APP" || f.View(st) != "ID › APP" {
		t.Fatalf("blurred: value %q view %q", f.Value(), f.View(st))
	}
	f.Focus()
	if got := f.View(st); got != "ID › APP[ ]" {
		t.Fatalf("focused view %q", got)
	}
}

func TestViewShowsThePlaceholderUnderTheCursorAndMasksPasswords(t *testing.T) {
	st := Styles{
		Cursor:      func(s string) string { return "[" + s + "]" },
		Placeholder: func(s string) string { return "(" + s + ")" },
	}
	f := New("Password › ", "the customer types it", 0)
	if got := f.View(st); got != "Password › [t](he customer types it)" {
		t.Fatalf("empty view %q", got)
	}
	f.Mask = '•'
	f = keys(f, runes("Demo@2026"), press(tea.KeyLeft))
	got := f.View(st)
	if got != "Password › ••••••••[•]" || strings.Contains(got, "Demo") {
		t.Fatalf("masked view %q", got)
	}
	if f.Value() != "Demo@2026" {
		t.Fatalf("the value behind the mask is %q", f.Value())
	}
}

// FuzzEditing drives a field with arbitrary keys: it never panics, the cursor stays inside the
// value, the limit holds, and no control character gets in.
func FuzzEditing(f *testing.F) {
	f.Add("APP-1042", []byte{0, 1, 2, 3}, 8)
	f.Add("عمر يوسف\r\n", []byte{5, 6, 7, 9, 10, 11}, 0)
	f.Fuzz(func(t *testing.T, text string, ops []byte, limit int) {
		limit = max(limit%64, 0)
		fld := New("", "", limit)
		keys := []tea.KeyType{tea.KeyRunes, tea.KeyBackspace, tea.KeyDelete, tea.KeyLeft, tea.KeyRight,
			tea.KeyHome, tea.KeyEnd, tea.KeyCtrlU, tea.KeyCtrlK, tea.KeyCtrlW, tea.KeySpace, tea.KeyCtrlA}
		for i, op := range ops {
			k := tea.KeyMsg{Type: keys[int(op)%len(keys)], Paste: op&0x80 != 0}
			if k.Type == tea.KeyRunes {
				k.Runes = []rune(text)
				if i%3 == 0 && len(k.Runes) > 1 {
					k.Runes = k.Runes[:1]
				}
			}
			fld, _ = fld.Update(k)
			if fld.Cursor() < 0 || fld.Cursor() > len([]rune(fld.Value())) {
				t.Fatalf("cursor %d outside %q", fld.Cursor(), fld.Value())
			}
			if limit > 0 && len([]rune(fld.Value())) > limit {
				t.Fatalf("%q is longer than the limit %d", fld.Value(), limit)
			}
			for _, r := range fld.Value() {
				if r < 0x20 || r == 0x7f {
					t.Fatalf("control character %U got in: %q", r, fld.Value())
				}
			}
		}
	})
}
