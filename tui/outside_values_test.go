package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"example.com/passport-update/tui/arabic"
)

// Values from outside are drawn as terminals draw them: 600 soft hyphens in the address and
// Thai AM vowels in the profession neither push the header or footer off the screen, nor make a
// line wider than the window, nor leave "�" or the characters terminals measure differently.
func TestValuesFromOutsideKeepTheLayout(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		fa := newFakeAPI()
		fa.address = `"` + strings.Repeat("12 شارع\u00ad", 300) + `"`
		fa.profession = `"` + strings.Repeat("กำ", 40) + ` engineer"`
		f := newFlow(t, fa, size[0], size[1])
		f.toReview()
		for f.m.cs.review.cursor < len(f.m.cs.review.fields) {
			check(t, f, size)
			f.press("tab")
		}
		check(t, f, size)
	}
}

func check(t *testing.T, f *flow, size [2]int) {
	t.Helper()
	s := f.screen()
	lines := strings.Split(s, "\n")
	if len(lines) != size[1] {
		t.Fatalf("%dx%d: %d lines, want %d:\n%s", size[0], size[1], len(lines), size[1], s)
	}
	if !strings.HasPrefix(lines[0], "Session › Password") {
		t.Fatalf("%dx%d: the header is not on the first line:\n%s", size[0], size[1], s)
	}
	for i, l := range lines {
		if w := arabic.Width(l); w > size[0] {
			t.Errorf("%dx%d: line %d is %d cells wide: %q", size[0], size[1], i, w, l)
		}
		if !utf8.ValidString(l) || strings.ContainsAny(l, "\ufffd\u00ad\u0e33") {
			t.Errorf("%dx%d: line %d holds a character terminals draw differently: %q", size[0], size[1], i, l)
		}
	}
}
