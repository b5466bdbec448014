package fullname

import (
	"strings"
	"unicode/utf8"
)

// Clean strips terminal control sequences, C0/C1 controls and bidi controls from a value that
// came from the server or the file system, so it can never move the cursor, set the clipboard,
// change colours or reorder the screen ("Trojan Source"):
//   - ESC sequences: CSI (ESC [ … final byte), OSC (ESC ] … ended by BEL or ST), DCS, SOS, PM and
//     APC strings (ESC P, X, ^, _ … ST), and other ESC sequences (ESC, intermediates, final byte);
//   - their 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS…), also as a raw byte;
//   - every other C0 and C1 control and DEL; tab, line feed, vertical tab, form feed, carriage
//     return and the Unicode line and paragraph separators become a space, so words stay apart;
//   - the bidi controls U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069;
//   - bytes that are not UTF-8.
//
// A string with none of these is returned as is without allocating.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7F {
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			// A raw 8-bit C1 introducer is still an introducer to a terminal in 8-bit mode.
			if c >= 0x80 && c <= 0x9F {
				i = skipC1(s, i+1, rune(c))
			} else {
				i++
			}
			continue
		}
		switch {
		case r == 0x1B:
			i = skipEscape(s, i+1)
		case r >= 0x80 && r <= 0x9F:
			i = skipC1(s, i+size, r)
		case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
			i += size
		case r < 0x20 || r == 0x7F || isBidiControl(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// CleanValue is Normalize(Clean(s)): what a value from the server (e.g. OCR's fullNameAr) becomes
// before it prefills the Arabic name field.
func CleanValue(s string) string { return Normalize(Clean(s)) }

func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// isClean is Clean's fast path: printable ASCII, and no C1, bidi control or line separator beyond.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		if c < 0x80 {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || r <= 0x9F || isBidiControl(r) || r == 0x2028 || r == 0x2029 {
			return false
		}
		i += size
	}
	return true
}

// skipEscape returns the index after the escape sequence whose ESC ends just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1)
	case c == ']':
		return skipString(s, i+1, true)
	case c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipString(s, i+1, false)
	case c >= 0x20 && c <= 0x2F:
		// nF: intermediates, then a final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2F {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7E {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7E:
		return i + 1 // ESC 7, ESC c, ESC M…
	}
	return i // a lone ESC: drop it, keep what follows
}

// skipC1 skips the sequence a C1 control r starts (r's encoding ends just before i).
func skipC1(s string, i int, r rune) int {
	switch r {
	case 0x9B:
		return skipCSI(s, i)
	case 0x9D:
		return skipString(s, i, true)
	case 0x90, 0x98, 0x9E, 0x9F:
		return skipString(s, i, false)
	}
	return i
}

// skipCSI skips parameter bytes (0x30–0x3F), intermediates (0x20–0x2F) and the final byte.
func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3F {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7E {
		i++
	}
	return i
}

// skipString skips a control string up to and including its terminator: ST (ESC \ or C1 U+009C),
// or BEL for OSC. An unterminated string runs to the end of s.
func skipString(s string, i int, bel bool) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x07 && bel:
			return i + 1
		case r == 0x1B:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // a new escape sequence ends the string (as xterm does)
		case r == 0x9C:
			return i + size
		}
		i += size
	}
	return i
}
