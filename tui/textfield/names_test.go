package textfield

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api/fullname"
	"example.com/passport-update/tui/arabic"
)

func paste(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }

// bracketed marks the cursor cell with [ ] and nothing else, so a test reads the drawn line.
var bracketed = Styles{Cursor: func(s string) string { return "[" + s + "]" }}

func TestEverySpaceAndLineBreakSeparatesNames(t *testing.T) {
	tests := []struct {
		name string
		keys []tea.KeyMsg
		want string
	}{
		{"no-break space pasted", []tea.KeyMsg{paste("محمد\u00a0علي حسن")}, "محمد علي حسن"},
		{"no-break space typed", []tea.KeyMsg{runes("محمد"), runes("\u00a0"), runes("علي حسن")}, "محمد علي حسن"},
		{"narrow no-break and thin spaces", []tea.KeyMsg{paste("محمد\u202fعلي\u2009حسن")}, "محمد علي حسن"},
		{"a line break inside a bracketed paste", []tea.KeyMsg{paste("محمد علي\nحسن")}, "محمد علي حسن"},
		{"CR LF is one line break", []tea.KeyMsg{paste("محمد علي\r\nحسن")}, "محمد علي حسن"},
		{"tab", []tea.KeyMsg{paste("محمد\tعلي حسن")}, "محمد علي حسن"},
		{"line and paragraph separators", []tea.KeyMsg{paste("محمد\u2028علي\u2029حسن")}, "محمد علي حسن"},
		{"zero width space", []tea.KeyMsg{paste("محمد\u200bعلي حسن")}, "محمد علي حسن"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := keys(New("", "", 0), tt.keys...)
			if f.Value() != tt.want {
				t.Fatalf("value %q %U, want %q", f.Value(), []rune(f.Value()), tt.want)
			}
			if n := len(strings.Fields(fullname.Normalize(f.Value()))); n != 3 {
				t.Fatalf("the value sent has %d names", n)
			}
		})
	}
}

func TestAValueSetFromOCRTakesSpacesAsTypingDoes(t *testing.T) {
	f := New("", "", 0)
	f.SetValue("محمد\u00a0علي\nحسن")
	if f.Value() != "محمد علي حسن" {
		t.Fatalf("SetValue stored %q", f.Value())
	}
}

func TestNothingIsLeftOutWithoutASentence(t *testing.T) {
	// 216 characters typed, 132 sent: a valid name that a limit counting harakat would cut.
	vocalised := strings.TrimSpace(strings.Repeat("مُحَمَّد بْن عَبْدِ الرَّحْمٰن ", 7))
	tests := []struct {
		name    string
		limit   int
		pasted  string
		value   string
		dropped string
	}{
		{"a vocalised name is taken whole by a field with no limit", 0, vocalised, vocalised, ""},
		{"past a limit, the field says how much it did not take", 150, vocalised, "", "66 characters past the field's limit of 150 were not taken."},
		{"control characters", 0, "APP\x1b-1042\x07", "APP-1042", "Left out of what was typed or pasted: 2 control characters."},
		{"a direction mark", 0, "\u200fمحمد علي", "محمد علي", "Left out of what was typed or pasted: 1 direction mark."},
		{"soft hyphens from OCR", 0, "HAMAD" + strings.Repeat("\u00ad", 600), "HAMAD", "Left out of what was typed or pasted: 600 invisible characters."},
		{"ZWJ and ZWNJ are kept: they decide how letters join", 0, "م\u200dح\u200cم", "م\u200dح\u200cم", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := keys(New("", "", tt.limit), paste(tt.pasted))
			if tt.value != "" && f.Value() != tt.value {
				t.Errorf("value %q, want %q", f.Value(), tt.value)
			}
			if f.Dropped() != tt.dropped {
				t.Errorf("Dropped() = %q, want %q", f.Dropped(), tt.dropped)
			}
			if f.Value() != tt.pasted && f.Dropped() == "" {
				t.Errorf("%q became %q without a sentence", tt.pasted, f.Value())
			}
		})
	}
}

// cursorCell is what the cursor is drawn on in a line drawn with bracketed.
func cursorCell(t *testing.T, line string) string {
	t.Helper()
	m := regexp.MustCompile(`\[([^\]]*)\]`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("no cursor in %q", line)
	}
	return m[1]
}

func TestTheCursorStopsOnLettersNotOnHarakat(t *testing.T) {
	f := New("", "", 0)
	f.SetValue("مُحَمَّد")
	f = keys(f, press(tea.KeyHome))
	var got []int
	var cells []string
	for range 5 {
		got = append(got, f.Cursor())
		cells = append(cells, cursorCell(t, f.View(bracketed)))
		f = keys(f, press(tea.KeyRight))
	}
	if want := []int{0, 2, 4, 7, 8}; !equal(got, want) {
		t.Errorf("cursor stops %v, want %v (one per letter with its harakat)", got, want)
	}
	if want := []string{"مُ", "حَ", "مَّ", "د", " "}; strings.Join(cells, "|") != strings.Join(want, "|") {
		t.Errorf("cursor cells %q, want %q", cells, want)
	}
	for _, c := range cells {
		if arabic.Width(c) < 1 {
			t.Errorf("the cursor is drawn on %q, which takes no cell", c)
		}
	}
}

func TestEditingByLetter(t *testing.T) {
	tests := []struct {
		name  string
		start string
		keys  []tea.KeyMsg
		want  string
	}{
		{"backspace takes a mistyped haraka alone", "مُحَمَّد", []tea.KeyMsg{press(tea.KeyLeft), press(tea.KeyBackspace)}, "مُحَمَد"},
		{"delete takes the letter with its harakat", "مُحَمَّد", []tea.KeyMsg{press(tea.KeyHome), press(tea.KeyRight), press(tea.KeyDelete)}, "مُمَّد"},
		{"a haraka typed after a letter stays on it", "محمد", []tea.KeyMsg{press(tea.KeyHome), press(tea.KeyRight), runes("ُ"), runes("ح")}, "مُححمد"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New("", "", 0)
			f.SetValue(tt.start)
			if f = keys(f, tt.keys...); f.Value() != tt.want {
				t.Fatalf("value %q, want %q", f.Value(), tt.want)
			}
		})
	}
}

func TestAppModeDrawsTheFieldAsItReads(t *testing.T) {
	const name = "علي حسن"
	drawn := arabic.Display(name, arabic.ModeApp) // "ﻦﺴﺣ ﻲﻠﻋ"
	cells := []rune(drawn)
	tests := []struct {
		name   string
		keys   []tea.KeyMsg
		line   string
		cursor int
	}{
		{"at the end the cursor is at the left, where the name ends", nil, "[ ]" + drawn, 7},
		{"home is the first letter, at the right", []tea.KeyMsg{press(tea.KeyHome)}, " " + string(cells[:6]) + "[" + string(cells[6]) + "]", 0},
		{"← moves left on the screen: forward in the name", []tea.KeyMsg{press(tea.KeyHome), press(tea.KeyLeft), press(tea.KeyLeft)}, " " + string(cells[:4]) + "[" + string(cells[4]) + "]" + string(cells[5:]), 2},
		{"→ from the end moves onto the last letter", []tea.KeyMsg{press(tea.KeyRight)}, " [" + string(cells[0]) + "]" + string(cells[1:]), 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := New("", "", 0)
			f.Mode = arabic.ModeApp
			f.SetValue(name)
			f = keys(f, tt.keys...)
			if got := f.View(bracketed); got != tt.line || f.Cursor() != tt.cursor {
				t.Errorf("view %q cursor %d, want %q cursor %d", got, f.Cursor(), tt.line, tt.cursor)
			}
		})
	}
}

func TestTerminalModeDrawsLogicalOrderAndMovesByLetter(t *testing.T) {
	f := New("", "", 0)
	f.SetValue("مُحَمَّد علي")
	f = keys(f, press(tea.KeyLeft), press(tea.KeyLeft))
	if got, want := f.View(bracketed), "مُحَمَّد ع[ل]ي"; got != want || f.Cursor() != 10 {
		t.Fatalf("view %q cursor %d, want %q cursor 10", got, f.Cursor(), want)
	}
}

// longName is a real-looking name of 112 letters and spaces.
const longName = "عبد الرحمن بن محمد بن عبد الله بن إبراهيم بن عبد العزيز بن سعود بن فيصل بن تركي بن عبد الله بن محمد بن سعود الأول"

func TestALongValueScrollsToKeepTheCursorInView(t *testing.T) {
	for _, mode := range []arabic.Mode{arabic.ModeTerminal, arabic.ModeApp, arabic.ModeOff} {
		f := New("Arabic name › ", "", 0)
		f.Mode = mode
		f.SetWidth(40)
		f.SetValue(longName)
		for _, p := range stops(f.value) {
			f.pos = p
			line := f.View(bracketed)
			if w := arabic.Width(line); w > 40 {
				t.Fatalf("%v, cursor %d: %q is %d cells wide", mode, p, line, w)
			}
			if !strings.HasPrefix(line, "Arabic name › ") || !strings.Contains(line, "…") {
				t.Fatalf("%v, cursor %d: %q", mode, p, line)
			}
			if cursorCell(t, line) == "" {
				t.Fatalf("%v, cursor %d: the cursor is not drawn in %q", mode, p, line)
			}
		}
	}
}

func TestTheStartOfALongValueShowsFirstAndTheEndIsMarked(t *testing.T) {
	f := New("Name › ", "", 0)
	f.SetWidth(30)
	f.SetValue(longName)
	f = keys(f, press(tea.KeyHome))
	if got := f.View(bracketed); !strings.HasPrefix(got, "Name › [ع]بد الرحمن") || !strings.HasSuffix(got, "…") {
		t.Errorf("at the start: %q", got)
	}
	f = keys(f, press(tea.KeyEnd))
	if got := f.View(bracketed); !strings.HasPrefix(got, "Name › …") || !strings.HasSuffix(got, "الأول[ ]") {
		t.Errorf("at the end: %q", got)
	}
	f.Mode = arabic.ModeApp
	if got := f.View(bracketed); !strings.HasPrefix(got, "Name › [ ]") || !strings.HasSuffix(got, "…") {
		t.Errorf("app mode at the end: %q", got)
	}
}

func TestTheEditingKeysAreListedForTheHelp(t *testing.T) {
	var short []string
	for _, b := range New("", "", 0).ShortHelp() {
		short = append(short, b.Help().Key)
	}
	if got, want := strings.Join(short, " "), "←/→ home/end ctrl+u ctrl+k ctrl+w"; got != want {
		t.Errorf("short help %q, want %q", got, want)
	}
	n := 0
	for _, col := range (Field{}).FullHelp() {
		n += len(col)
	}
	if n != 9 {
		t.Errorf("full help lists %d keys, want the 9 of KeyMap", n)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
