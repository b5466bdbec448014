package api

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// cleanText makes a server-supplied string safe to store, log and print: terminal escape
// sequences, control characters and bidi controls are removed (a server must never move the
// cursor, recolour or reorder the screen), invalid UTF-8 becomes U+FFFD, whitespace runs
// become one space, and the result is cut to max runes (0 = no limit).
func cleanText(s string, max int) string { return clean(s, max, false) }

// cleanMultiline is cleanText that keeps line breaks (the MRZ comes as lines).
func cleanMultiline(s string, max int) string { return clean(s, max, true) }

func clean(s string, max int, keepLines bool) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	nl := false    // a line break is pending
	emit := func(r rune) {
		if b.Len() > 0 {
			if nl {
				b.WriteByte('\n')
			} else if space {
				b.WriteByte(' ')
			}
		}
		space, nl = false, false
		b.WriteRune(r)
	}
	rs := []rune(strings.ToValidUTF8(s, "\uFFFD"))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\n' || r == '\r':
			if keepLines {
				nl = true
			} else {
				space = true
			}
		case r == '\t' || r == ' ' || r == '\u00a0':
			space = true
		case r == 0x1b || r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f || r == 0x98:
			i = skipEscape(rs, i)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			// other C0/C1 controls: dropped
		case isBidiControl(r):
		case r == '\u200b' || r == '\ufeff':
		default:
			emit(r)
		}
	}
	out := b.String()
	if max > 0 && utf8.RuneCountInString(out) > max {
		rs := []rune(out)
		out = strings.TrimSpace(string(rs[:max-1])) + "…"
	}
	return out
}

// skipEscape returns the index of the last rune of the escape sequence starting at rs[i].
func skipEscape(rs []rune, i int) int {
	kind := rs[i]
	if kind == 0x1b {
		if i+1 >= len(rs) {
			return i
		}
		i++
		switch rs[i] {
		case '[':
			kind = 0x9b
		case ']':
			kind = 0x9d
		case 'P', 'X', '^', '_':
			kind = 0x90
		default:
			return i // two-character sequence (ESC c, ESC 7, …)
		}
	}
	for j := i + 1; j < len(rs); j++ {
		r := rs[j]
		switch kind {
		case 0x9b: // CSI: parameters, then one final byte 0x40–0x7e
			if r >= 0x40 && r <= 0x7e {
				return j
			}
			if r < 0x20 || r > 0x7e {
				return j - 1 // malformed: the sequence ends before r, which is judged on its own
			}
		default: // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \ or U+009C)
			if r == 0x07 || r == 0x9c {
				return j
			}
			if r == 0x1b && j+1 < len(rs) && rs[j+1] == '\\' {
				return j + 1
			}
		}
	}
	return len(rs) - 1
}

func isBidiControl(r rune) bool {
	switch {
	case r == '\u061c', r == '\u200e', r == '\u200f':
		return true
	case r >= '\u202a' && r <= '\u202e':
		return true
	case r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}

// redactor replaces every known secret, in the spellings a server might echo it (raw, JSON-
// escaped either way, URL-escaped), with "[redacted]". Secrets shorter than minSecret are not
// searched for: a 1–3 character string cannot be told apart from ordinary text.
type redactor []string

const minSecret = 4

func newRedactor(secrets ...string) redactor {
	var r redactor
	seen := map[string]bool{}
	add := func(v string) {
		if len(v) >= minSecret && !seen[v] {
			seen[v] = true
			r = append(r, v)
		}
	}
	for _, s := range secrets {
		if len(s) < minSecret {
			continue
		}
		add(s)
		add(jsonInner(s, true))
		add(jsonInner(s, false))
		add(asciiJSON(s, "%04x"))
		add(asciiJSON(s, "%04X"))
		add(url.QueryEscape(s))
		add(url.PathEscape(s))
	}
	// Longest first, so a variant that contains another is replaced whole.
	for i := 1; i < len(r); i++ {
		for j := i; j > 0 && len(r[j]) > len(r[j-1]); j-- {
			r[j], r[j-1] = r[j-1], r[j]
		}
	}
	return r
}

func (r redactor) apply(s string) string {
	for _, v := range r {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

// jsonInner is s as encoding/json writes it inside quotes.
func jsonInner(s string, escapeHTML bool) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(s)
	out := strings.TrimSuffix(b.String(), "\n")
	return strings.TrimSuffix(strings.TrimPrefix(out, `"`), `"`)
}

// asciiJSON is s as .NET's System.Text.Json writes it by default: everything outside
// printable ASCII (and the HTML-sensitive characters) as \uXXXX.
func asciiJSON(s, hexFormat string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r >= 0x20 && r < 0x7f && !strings.ContainsRune(`<>&'+`+"`", r):
			b.WriteRune(r)
		case r > 0xffff:
			hi, lo := utf16Pair(r)
			fmt.Fprintf(&b, `\u`+hexFormat+`\u`+hexFormat, hi, lo)
		default:
			fmt.Fprintf(&b, `\u`+hexFormat, r)
		}
	}
	return b.String()
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
