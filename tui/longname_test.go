package tui

import (
	"strings"
	"testing"

	"example.com/passport-update/tui/arabic"
)

// longName is a 130-character Arabic full name: longer than any value column at 80 or 120
// columns, and starting with the first name the screens must never hide.
const longName = "عبد الرحمن بن محمد بن عبد الله بن عبد العزيز بن فهد بن سلطان بن عبد الرحمن بن فيصل بن تركي آل سعود القحطاني الشمري العتيبي الدوسري"

// A value wider than its column is broken in logical order and each line is drawn on its own:
// nothing is lost, every line fits, and in app mode the first name is at the right of the
// first line.
func TestValueLinesWrapInLogicalOrderAndDrawEachLine(t *testing.T) {
	for _, w := range []int{20, 54, 64, 94} {
		logical := valueLines(longName, arabic.ModeTerminal, w)
		if got := strings.Join(logical, " "); got != longName {
			t.Fatalf("w=%d: the lines join to %q, want the whole name", w, got)
		}
		app := valueLines(longName, arabic.ModeApp, w)
		if len(app) != len(logical) {
			t.Fatalf("w=%d: %d lines in app mode, %d in terminal mode", w, len(app), len(logical))
		}
		for i, l := range app {
			if got := arabic.Width(l); got > w {
				t.Errorf("w=%d: line %d is %d cells wide", w, i, got)
			}
			if want := arabic.Display(logical[i], arabic.ModeApp); strings.TrimLeft(l, " ") != want {
				t.Errorf("w=%d: line %d is %q, want its logical line %q drawn alone: %q", w, i, l, logical[i], want)
			}
		}
		if first := arabic.Display("عبد الرحمن", arabic.ModeApp); !strings.HasSuffix(app[0], first) {
			t.Errorf("w=%d: the first line %q does not end (at the right) with the first name %q", w, app[0], first)
		}
	}
}

// The 130-character name is shown whole on Review (as a row and while edited) and on Approve,
// at 80×24 and 120×40, in app and terminal modes: every line of it is on screen and no "…" cuts it.
func TestTheLongArabicNameIsNeverCut(t *testing.T) {
	for _, mode := range []arabic.Mode{arabic.ModeTerminal, arabic.ModeApp} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			fa := newFakeAPI()
			fa.fullNameAr = longName
			f := newFlow(t, fa, size[0], size[1], func(c *Config) { c.RTL = mode })
			f.toReview()
			rowW := max(f.m.c.width-valueIndent-2, 10)
			if f.m.c.width >= 110 {
				rowW = max(f.m.c.width-36-2-valueIndent-2, 10) // the pictures take the right
			}
			requireLines := func(where string, lines []string) {
				t.Helper()
				s := f.screen()
				for _, l := range lines {
					if !strings.Contains(s, strings.TrimLeft(l, " ")) {
						t.Fatalf("%v %dx%d %s: the line %q of the name is not on screen:\n%s", mode, size[0], size[1], where, l, s)
					}
				}
			}
			requireLines("review", valueLines(longName, mode, rowW))
			f.press("enter")
			requireLines("editing", valueLines(longName, mode, rowW))
			f.press("esc", "ctrl+s")
			if f.m.step != stApprove {
				t.Fatalf("step %v", f.m.step)
			}
			requireLines("approve", valueLines(longName, mode, f.m.c.width-16))
		}
	}
}

// In app mode a corrected right-to-left value that wraps ends at the left of its last line, and
// "(edited)" is said there, on that line: not on a line of its own under the value, away from
// the words it is about.
func TestEditedIsSaidWhereALongArabicValueEnds(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		f := newFlow(t, newFakeAPI(), size[0], size[1], func(c *Config) { c.RTL = arabic.ModeApp })
		f.toReview()
		f.press("enter", "ctrl+u")
		f.typeText(longName)
		f.press("enter")
		lastWord := arabic.Display("الدوسري", arabic.ModeApp)
		var row string
		for _, l := range strings.Split(f.screen(), "\n") {
			if strings.Contains(l, lastWord) {
				row = l
			}
			if strings.TrimSpace(l) == "(edited)" {
				t.Fatalf("%dx%d: \"(edited)\" is on a line of its own:\n%s", size[0], size[1], f.screen())
			}
		}
		if !strings.Contains(row, "(edited)") || strings.Index(row, "(edited)") > strings.Index(row, lastWord) {
			t.Fatalf("%dx%d: the value's last line %q does not say \"(edited)\" at its left, where the value ends:\n%s", size[0], size[1], row, f.screen())
		}
	}
}
