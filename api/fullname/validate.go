package fullname

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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
// U+064A, space, '-' and '.'; every name holding letters; 2–150 characters; at least two names. The
// first broken rule is the error, naming the character or the name it is in ("Latin letter ‘A’ in
// the 2nd name"). Fewer than three names is only a warning.
//
// The length is the length of s: pass the value that will be sent (Normalize's), so harakat the
// person typed never count against the limit.
func Validate(s string) Check {
	if strings.TrimSpace(s) == "" {
		return Check{Err: "The Arabic name is required"}
	}
	names := strings.Fields(s)
	for i, name := range names {
		if e := checkName(name, i+1); e != "" {
			return Check{Err: e}
		}
	}
	if n := utf8.RuneCountInString(s); n < MinNameLen {
		return Check{Err: fmt.Sprintf("Too short: at least %d characters", MinNameLen)}
	} else if n > MaxNameLen {
		return Check{Err: fmt.Sprintf("Too long: %d characters, the limit is %d — %d too many", n, MaxNameLen, n-MaxNameLen)}
	}
	if len(names) < 2 {
		return Check{Err: "At least two names are needed, separated by a space"}
	}
	if len(names) < 3 {
		return Check{Warning: "Only two names: a full name usually has three or more"}
	}
	return Check{}
}

// checkName checks the nth name of the value: its characters, then that it holds letters.
func checkName(name string, n int) string {
	nth := ordinal(n)
	letters, hamzas := 0, 0
	for i, r := range name {
		switch {
		case r == farsiYeh:
			return farsiYehChoice(name, nth, i)
		case isWordSign(r):
			return wordSign(r, nth)
		case !allowed(r):
			return upperFirst(describe(r)) + " in the " + nth + " name"
		case r == hamza:
			hamzas++
		case r != tatweel && r != '-' && r != '.':
			letters++
		}
	}
	switch {
	case letters > 0:
		return ""
	case hamzas > 0:
		return fmt.Sprintf("The %s name ‘%s’ is only a hamza: a name needs other letters", nth, name)
	}
	return fmt.Sprintf("The %s name ‘%s’ has no letters", nth, name)
}

const (
	hamza   = 0x0621
	tatweel = 0x0640
)

// farsiYehChoice names the word whose Farsi yeh (at byte i of name) Normalize left: at the end of a
// word it is ي or ى, and only the person knows which.
func farsiYehChoice(name, nth string, i int) string {
	start := strings.LastIndexAny(name[:i], "-.") + 1
	word := name[start : i+utf8.RuneLen(farsiYeh)]
	if end := i + utf8.RuneLen(farsiYeh); end < len(name) {
		if r, _ := utf8.DecodeRuneInString(name[end:]); unicode.IsLetter(r) {
			return fmt.Sprintf("The Persian letter ‘ی’ in the %s name ‘%s’: write ‘ي’", nth, name)
		}
	}
	stem := word[:len(word)-utf8.RuneLen(farsiYeh)]
	return fmt.Sprintf("The %s name ‘%s’ ends in the Persian letter ی: write ‘%sي’ or ‘%sى’", nth, name, stem, stem)
}

// Signs with no compatibility decomposition: their words, spelled out.
var signWords = map[rune]string{
	0xFDFD: "بسم الله الرحمن الرحيم",
	0xFDFE: "سبحانه وتعالى",
	0xFDFF: "عز وجل",
}

// wordSign refuses a sign that writes a word or a phrase: a phrase is not part of a name, and a
// word must be typed as the letters that will be sent.
func wordSign(r rune, nth string) string {
	words, ok := signWords[r]
	if !ok {
		words = norm.NFKC.String(string(r))
	}
	if strings.Contains(words, " ") {
		return fmt.Sprintf("The sign ‘%c’ (U+%04X) in the %s name is the phrase ‘%s’ written as one sign: it is not part of a name", r, r, nth, words)
	}
	return fmt.Sprintf("The sign ‘%c’ (U+%04X) in the %s name is the word ‘%s’ written as one sign: type its letters", r, r, nth, words)
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

// HasArabic reports whether s holds an Arabic letter: a name field the server fills in either
// script is an Arabic full name only then.
func HasArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
