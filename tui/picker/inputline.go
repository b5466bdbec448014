package picker

import (
	"github.com/charmbracelet/x/ansi"

	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/textfield"
)

// inputLine draws the filter, search or path field with the cursor as a block (reverse video)
// or, without colour, as "▏", keeping the end in view when the value is wider than width.
// Typed text is shown escaped, as file names are.
func inputLine(f textfield.Field, width int, cursor func(string) string) string {
	b, at, a := f.Parts()
	before, after := imagecheck.EscapeName(b), imagecheck.EscapeName(a)
	if at != " " {
		at = imagecheck.EscapeName(at)
	}
	if w := ansi.StringWidth(before) + 1; w > width && width > 1 {
		before = ansi.TruncateLeft(before, w-width, "…")
	}
	s := before + cursor(at) + after
	return ansi.Truncate(s, max(width, 0), "…")
}
