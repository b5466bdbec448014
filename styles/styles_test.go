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
