package sandbox

import (
	"html"
	"testing"
)

// The index page escapes exactly as html.EscapeString does.
func TestEscapeHTMLMatchesTheStandardLibrary(t *testing.T) {
	for _, s := range []string{"", "plain", `<script>alert("x")</script>`, "Tom & Jerry's", "أمينة <b>", "a&&b''\"\"<<>>", "\xff<"} {
		if got, want := escapeHTML(s), html.EscapeString(s); got != want {
			t.Errorf("escapeHTML(%q) = %q, want %q", s, got, want)
		}
	}
}
