package styles

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
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

// The operator is named at the right end of the rule under the step line: every width keeps the
// header at its lines and each line at the width, a long name is cut with "…", and a window too
// narrow for a useful name shows the plain rule.
func TestHeaderNamesTheOperatorOnTheRule(t *testing.T) {
	th := New(NewRenderer(io.Discard, env("NO_COLOR", "1")))
	for _, tc := range []struct {
		name, operator string
		width          int
		want           string
	}{
		{"a login", "amal.h", 80, "─ operator amal.h ──"},
		{"an Arabic name", "أمل حسن", 80, "─ operator أمل حسن ──"},
		{"a long name is cut", strings.Repeat("x", 120), 80, "x… ──"},
		{"too narrow for a name", "amal.h", 16, strings.Repeat("─", 16)},
		{"no operator", "", 80, strings.Repeat("─", 80)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := th.Header(HeaderInfo{Step: 1, Demo: true, Applicant: "DEMO-HAPPY", Operator: tc.operator, Width: tc.width})
			lines := strings.Split(h, "\n")
			rule := lines[len(lines)-1]
			if !strings.Contains(rule, tc.want) {
				t.Errorf("rule %q lacks %q", rule, tc.want)
			}
			if w := lipgloss.Width(rule); w != tc.width {
				t.Errorf("rule is %d cells wide, want %d: %q", w, tc.width, rule)
			}
			without := th.Header(HeaderInfo{Step: 1, Demo: true, Applicant: "DEMO-HAPPY", Width: tc.width})
			if len(lines) != len(strings.Split(without, "\n")) || lines[0] != strings.Split(without, "\n")[0] {
				t.Errorf("the operator moved the step line:\n%s\nwithout it:\n%s", h, without)
			}
		})
	}
}

func BenchmarkHeader_120(b *testing.B) {
	th := New(NewRenderer(io.Discard, env("COLORTERM", "truecolor", "CLICOLOR_FORCE", "1")))
	b.ReportAllocs()
	for b.Loop() {
		_ = th.Header(HeaderInfo{Step: 3, Demo: true, Applicant: "DEMO-HAPPY", Width: 120})
	}
}
