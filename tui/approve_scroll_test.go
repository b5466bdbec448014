package tui

import (
	"strings"
	"testing"

	"example.com/passport-update/tui/arabic"
)

// tallApprove is the Approve screen at 80×24 with more than fits: the 130-character name and
// an expired passport (a problem and a warning to repeat).
func tallApprove(t *testing.T, mode arabic.Mode) *flow {
	t.Helper()
	fa := newFakeAPI()
	fa.fullNameAr = longName
	fa.expiry = "2020-01-01T00:00:00"
	f := newFlow(t, fa, 80, 24, func(c *Config) { c.RTL = mode })
	f.toReview()
	f.press("ctrl+s")
	if f.m.step != stApprove {
		t.Fatalf("step %v, want Approve:\n%s", f.m.step, f.screen())
	}
	f.requireScreen("↓ more below")
	return f
}

// bodyLines is the screen between the header (two lines) and the footer (its rule and help).
func bodyLines(f *flow) []string {
	lines := strings.Split(f.screen(), "\n")
	end := len(lines)
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "────") {
			end = i
			break
		}
	}
	return lines[2:end]
}

// Scrolling stops at the last line: pressing ↓ past the end changes nothing, and the first ↑
// after it scrolls back at once (a scroll offset that kept growing would need as many ↑ first).
func TestApproveScrollingStopsAtTheEnd(t *testing.T) {
	f := tallApprove(t, arabic.ModeTerminal)
	downs := 0
	for ; downs < 60 && strings.Contains(f.screen(), "↓ more below"); downs++ {
		f.press("down")
	}
	if strings.Contains(f.screen(), "↓ more below") {
		t.Fatalf("60 presses of ↓ never reached the end:\n%s", f.screen())
	}
	end := f.screen()
	for range 20 {
		f.press("down")
	}
	if f.screen() != end {
		t.Fatalf("↓ at the end changed the screen:\n%s", f.screen())
	}
	f.press("up")
	if f.screen() == end || !strings.Contains(f.screen(), "↓ more below") {
		t.Fatalf("the first ↑ after scrolling past the end did not scroll back:\n%s", f.screen())
	}
	for range downs {
		f.press("up")
	}
	if strings.Contains(f.screen(), "↑ more above") {
		t.Fatalf("as many ↑ as ↓ did not return to the top:\n%s", f.screen())
	}
}

// The heading stays on the first line of the body however far the body is scrolled: "↑ more
// above" takes a line under it, never its place.
func TestApproveKeepsItsHeadingWhileScrolled(t *testing.T) {
	for _, mode := range []arabic.Mode{arabic.ModeTerminal, arabic.ModeApp} {
		f := tallApprove(t, mode)
		for i := 0; i < 60; i++ {
			body := bodyLines(f)
			if body[0] != "Approve the passport update" {
				t.Fatalf("%v, after %d ↓: the body begins %q, not the heading:\n%s", mode, i, body[0], f.screen())
			}
			if i > 0 && !strings.HasPrefix(body[1], "↑ more above") {
				t.Fatalf("%v, after %d ↓: the line under the heading is %q, want \"↑ more above\":\n%s", mode, i, body[1], f.screen())
			}
			if !strings.Contains(f.screen(), "↓ more below") {
				break
			}
			f.press("down")
		}
		f.requireScreen("Approve anyway")
	}
}
