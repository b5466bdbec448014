package styles

import (
	"io"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestDarkBackgroundFromCOLORFGBG(t *testing.T) {
	cases := []struct {
		colorfgbg string
		dark      bool
	}{
		{"", true},      // unknown: dark, the common terminal default
		{"15;0", true},  // light text on black
		{"0;15", false}, // black text on white
		{"0;default;7", false},
		{"12;8", true},
		{"garbage", true},
	}
	for _, c := range cases {
		if got := DarkBackground(env("COLORFGBG", c.colorfgbg)); got != c.dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", c.colorfgbg, got, c.dark)
		}
	}
}

func TestNoColorGivesThePlainProfile(t *testing.T) {
	if p := Profile(io.Discard, env("NO_COLOR", "1", "COLORTERM", "truecolor", "CLICOLOR_FORCE", "1")); p != termenv.Ascii {
		t.Fatalf("profile %v under NO_COLOR", p)
	}
	if p := Profile(io.Discard, env("CLICOLOR_FORCE", "1", "COLORTERM", "truecolor", "TERM", "xterm-256color")); p == termenv.Ascii {
		t.Fatalf("forced colour gave no colour")
	}
}

func TestHeaderShowsTheStepsBadgeAndApplicant(t *testing.T) {
	th := New(NewRenderer(io.Discard, env("NO_COLOR", "1")))
	h := th.Header(HeaderInfo{Step: 2, Demo: true, Applicant: "DEMO-HAPPY", Width: 100})
	lines := strings.Split(h, "\n")
	if len(lines) != 2 {
		t.Fatalf("header has %d lines:\n%s", len(lines), h)
	}
	for _, want := range []string{"Session › Password › Passport › Review › Approve", "SANDBOX", "Applicant DEMO-HAPPY"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("header lacks %q: %q", want, lines[0])
		}
	}
	narrow := th.Header(HeaderInfo{Step: 0, Demo: true, Applicant: "DEMO-HAPPY", Width: 60})
	if n := len(strings.Split(narrow, "\n")); n != 3 {
		t.Errorf("a narrow header should put the badge on its own line; got %d lines:\n%s", n, narrow)
	}
}

func BenchmarkHeader_120(b *testing.B) {
	th := New(NewRenderer(io.Discard, env("COLORTERM", "truecolor", "CLICOLOR_FORCE", "1")))
	b.ReportAllocs()
	for b.Loop() {
		_ = th.Header(HeaderInfo{Step: 3, Demo: true, Applicant: "DEMO-HAPPY", Width: 120})
	}
}
