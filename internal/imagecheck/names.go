package imagecheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// EscapeName makes a file name safe to print, on the screen and in the files people read with cat: bytes that are not UTF-8 become \xNN, control
// characters (ESC included, so no escape sequence reaches the terminal) become \xNN or \uNNNN,
// and bidi controls become \uNNNN so a name cannot reorder the screen. Clean names are returned
// as they are, without allocating.
func EscapeName(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return true
		} else if c >= utf8.RuneSelf {
			goto slow
		}
	}
	return false
slow:
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size <= 1) || r < 0x20 || r == 0x7f || unsafeRune(r) {
			return true
		}
		i += size
	}
	return false
}

// unsafeRune: C1 controls, bidi embedding/override/isolate marks and other invisible format
// characters that could disguise or reorder what is shown.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xfeff, r >= 0x200b && r <= 0x200d:
		return true
	}
	return false
}
