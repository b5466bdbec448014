package arabic

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Check is the result of Validate: Err is a sentence naming the offending character and its
// place, empty when the value is acceptable; Warning is advice (e.g. fewer than three names).
type Check struct {
	Err     string
	Warning string
}

func (c Check) OK() bool { return c.Err == "" }

// The API's rules for the Arabic full name (API.md "The Arabic name").
const (
	MinNameLen = 2
	MaxNameLen = 150
)

// allowed reports whether the API accepts r in the Arabic name.
func allowed(r rune) bool {
	return r >= 0x0621 && r <= 0x064A || r == ' ' || r == '-' || r == '.'
}

// Validate applies the API's rules to a normalised value: required; only Arabic letters U+0621–
// U+064A, space, '-' and '.'; 2–150 characters; at least two names. The first broken rule is the
// error, naming the character and the name it is in ("Latin letter ‘A’ in the 2nd name"). Fewer
// than three names is only a warning.
func Validate(s string) Check {
	if strings.TrimSpace(s) == "" {
		return Check{Err: "The Arabic name is required"}
	}
	word, prevSpace := 1, false
	for i, r := range s {
		if r == ' ' {
			if !prevSpace && i > 0 {
				word++
			}
			prevSpace = true
			continue
		}
		prevSpace = false
		if !allowed(r) {
			return Check{Err: upperFirst(describe(r)) + " in the " + ordinal(word) + " name"}
		}
	}
	if n := utf8.RuneCountInString(s); n < MinNameLen {
		return Check{Err: fmt.Sprintf("Too short: at least %d characters", MinNameLen)}
	} else if n > MaxNameLen {
		return Check{Err: fmt.Sprintf("Too long: %d characters, at most %d", n, MaxNameLen)}
	}
	names := len(strings.Fields(s))
	if names < 2 {
		return Check{Err: "At least two names are needed, separated by a space"}
	}
	if names < 3 {
		return Check{Warning: "Only two names: a full name usually has three or more"}
	}
	return Check{}
}

// describe names a character a person can recognise: its kind, and the character itself in quotes
// when it is visible, with its code point when the glyph alone could be mistaken.
func describe(r rune) string {
	switch {
	case r < 0x80 && unicode.IsLetter(r):
		return fmt.Sprintf("Latin letter ‘%c’", r)
	case unicode.IsDigit(r):
		return fmt.Sprintf("digit ‘%c’", r)
	case r == utf8.RuneError:
		return "an unreadable character (U+FFFD)"
	case unicode.IsControl(r):
		return fmt.Sprintf("the control character U+%04X", r)
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r):
		return fmt.Sprintf("the mark ‘\u25cc%c’ (U+%04X)", r, r)
	case unicode.Is(unicode.Cf, r) || unicode.IsSpace(r):
		return fmt.Sprintf("the invisible character U+%04X", r)
	case unicode.Is(unicode.Latin, r) && unicode.IsLetter(r):
		return fmt.Sprintf("Latin letter ‘%c’ (U+%04X)", r, r)
	case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
		return fmt.Sprintf("the letter ‘%c’ (U+%04X)", r, r) // Persian, Urdu…: outside U+0621–U+064A
	}
	return fmt.Sprintf("the character ‘%c’ (U+%04X)", r, r)
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
