// Package mrz reads, checks and writes the machine-readable zone of a passport (ICAO 9303 Part 4,
// TD3: two lines of 44 characters).
//
// Servers send the zone in many shapes — CRLF or LF, one 88-character string, stray spaces, lower
// case — so Parse normalises before it reads. A zone whose check digits fail still parses: the
// failures are listed in TD3.Failed, because the Review screen wants to show both the values and
// which of them the passport itself contradicts. Only a zone that cannot be laid out as TD3 at all
// is an error.
package mrz

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// LineLength is the length of each of the two TD3 lines.
const LineLength = 44

// Names of the check digits, as listed in TD3.Failed. They are words a person reads.
const (
	CheckDocumentNumber = "document number"
	CheckBirthDate      = "birth date"
	CheckExpiryDate     = "expiry date"
	CheckPersonalNumber = "personal number"
	CheckComposite      = "composite"
)

// TD3 is a parsed passport MRZ. Dates are YYMMDD as printed (use BirthDate and ExpiryDate to
// place them in a century). Text fields have their trailing fillers removed; in names every
// filler becomes a single space.
type TD3 struct {
	DocumentCode   string // "P", "PA", "PD"… (the filler of "P<" removed)
	IssuingState   string // "UTO", "D" (Germany's one-letter code, fillers removed)
	Surname        string // "ERIKSSON"; fillers inside become spaces: "VAN DER BERG"
	GivenNames     string // "ANNA MARIA"
	DocumentNumber string
	Nationality    string
	BirthDate      string // YYMMDD as printed, may hold '<' for an unknown part
	Sex            string // "M", "F" or "<" (unspecified) as printed
	ExpiryDate     string // YYMMDD as printed
	PersonalNumber string // optional data, "" when all fillers
	// Failed lists the check digits that do not match: "document number", "birth date",
	// "expiry date", "personal number", "composite".
	Failed []string

	// NameTruncated is true when the name field is full to its last character, so the names may
	// have been cut short (ICAO truncates long names); compare them as prefixes then.
	NameTruncated bool
	// Line1 and Line2 are the zone as read after normalisation (upper case, no whitespace).
	Line1, Line2 string
}

// Valid reports whether every check digit matched.
func (t TD3) Valid() bool { return len(t.Failed) == 0 }

// ParseError says in one sentence why a text is not a TD3 zone.
type ParseError struct{ Reason string }

func (e *ParseError) Error() string { return "MRZ: " + e.Reason }

// ErrEmpty is returned for text with nothing but whitespace.
var ErrEmpty = &ParseError{Reason: "the machine-readable zone is empty."}

// Parse reads a TD3 MRZ from text as servers send it (newlines, spaces, lower case tolerated).
func Parse(text string) (TD3, error) {
	l1, l2, err := lines(text)
	if err != nil {
		return TD3{}, err
	}
	return read(l1, l2)
}

// lines finds the two 44-character lines in text. Whitespace inside a line is usually OCR noise
// and is dropped; but when a line is exactly 44 characters only with its inner spaces counted,
// those spaces stand for fillers that the OCR rendered as blanks.
func lines(text string) (string, string, error) {
	if !utf8.ValidString(text) {
		return "", "", &ParseError{Reason: "the machine-readable zone is not valid text."}
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var rows []string
	for _, row := range strings.Split(text, "\n") {
		if row = strings.TrimFunc(row, unicode.IsSpace); row != "" {
			rows = append(rows, row)
		}
	}
	if len(rows) > 2 {
		// A display widget may have wrapped the 88 characters at its own width.
		if r := []rune(stripSpace(strings.Join(rows, ""))); len(r) == 2*LineLength {
			return check(string(r[:LineLength]), 1, string(r[LineLength:]), 2)
		}
	}
	switch len(rows) {
	case 0:
		return "", "", ErrEmpty
	case 1:
		packed := stripSpace(rows[0])
		if r := []rune(packed); len(r) == 2*LineLength {
			return check(string(r[:LineLength]), 1, string(r[LineLength:]), 2)
		}
		if r := []rune(rows[0]); len(r) == 2*LineLength {
			return check(blanksAsFillers(string(r[:LineLength])), 1, blanksAsFillers(string(r[LineLength:])), 2)
		}
		return "", "", &ParseError{Reason: fmt.Sprintf(
			"the machine-readable zone is one line of %d characters; a passport has two lines of %d.",
			utf8.RuneCountInString(packed), LineLength)}
	case 2:
		if utf8.RuneCountInString(stripSpace(rows[0])) == 36 && utf8.RuneCountInString(stripSpace(rows[1])) == 36 {
			return "", "", &ParseError{Reason: "the machine-readable zone has two lines of 36 characters: that is a TD2 document, not a passport."}
		}
		a, err := fit(rows[0], 1)
		if err != nil {
			return "", "", err
		}
		b, err := fit(rows[1], 2)
		if err != nil {
			return "", "", err
		}
		return check(a, 1, b, 2)
	case 3:
		if utf8.RuneCountInString(stripSpace(rows[0])) == 30 {
			return "", "", &ParseError{Reason: "the machine-readable zone has three lines of 30 characters: that is an identity card (TD1), not a passport."}
		}
		fallthrough
	default:
		return "", "", &ParseError{Reason: fmt.Sprintf(
			"the machine-readable zone has %d lines; a passport has two lines of %d characters.", len(rows), LineLength)}
	}
}

// fit makes one row a 44-character line or says why it cannot be one. Line 1 ends in the name
// field's fillers, which some servers trim and some OCRs render as blanks, so a short line 1 is
// padded with fillers (its blanks read as fillers too). Line 2 ends in a check digit: it is never
// padded, and a wrongly cut line 2 shows as an error.
func fit(row string, n int) (string, error) {
	packed := stripSpace(row)
	if utf8.RuneCountInString(packed) == LineLength {
		return packed, nil
	}
	blanked := blanksAsFillers(row)
	size := utf8.RuneCountInString(blanked)
	if size == LineLength {
		return blanked, nil
	}
	if n == 1 && size < LineLength && size >= 6 {
		return blanked + strings.Repeat("<", LineLength-size), nil
	}
	return "", &ParseError{Reason: fmt.Sprintf("line %d of the machine-readable zone has %d characters; a passport line has %d.",
		n, utf8.RuneCountInString(packed), LineLength)}
}

// check upper-cases both lines and refuses characters an MRZ cannot hold.
func check(a string, na int, b string, nb int) (string, string, error) {
	a, err := upper(a, na)
	if err != nil {
		return "", "", err
	}
	b, err = upper(b, nb)
	if err != nil {
		return "", "", err
	}
	return a, b, nil
}

func upper(s string, n int) (string, error) {
	out := make([]byte, 0, len(s))
	for i, r := range []rune(s) {
		switch {
		case r >= 'a' && r <= 'z':
			out = append(out, byte(r-'a'+'A'))
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '<':
			out = append(out, byte(r))
		default:
			return "", &ParseError{Reason: fmt.Sprintf("line %d of the machine-readable zone has %q at position %d; only A–Z, 0–9 and < belong there.", n, r, i+1)}
		}
	}
	return string(out), nil
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func blanksAsFillers(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '<'
		}
		return r
	}, s)
}

// read lays the fields out of two normalised 44-character lines (ICAO 9303 Part 4, 4.2.2).
func read(l1, l2 string) (TD3, error) {
	if len(l1) != LineLength || len(l2) != LineLength {
		return TD3{}, errors.New("mrz: internal: lines not normalised")
	}
	switch l1[0] {
	case 'P':
	case 'V':
		return TD3{}, &ParseError{Reason: "the machine-readable zone is a visa's (it starts with V), not a passport's."}
	default:
		return TD3{}, &ParseError{Reason: fmt.Sprintf("the machine-readable zone starts with %q; a passport's starts with P.", l1[0])}
	}
	t := TD3{
		DocumentCode:   trimFillers(l1[0:2]),
		IssuingState:   trimFillers(l1[2:5]),
		DocumentNumber: trimFillers(l2[0:9]),
		Nationality:    trimFillers(l2[10:13]),
		BirthDate:      l2[13:19],
		Sex:            l2[20:21],
		ExpiryDate:     l2[21:27],
		PersonalNumber: trimFillers(l2[28:42]),
		NameTruncated:  l1[LineLength-1] != '<',
		Line1:          l1,
		Line2:          l2,
	}
	t.Surname, t.GivenNames = splitName(l1[5:])

	if !digitMatches(l2[0:9], l2[9]) {
		t.Failed = append(t.Failed, CheckDocumentNumber)
	}
	if !digitMatches(l2[13:19], l2[19]) {
		t.Failed = append(t.Failed, CheckBirthDate)
	}
	if !digitMatches(l2[21:27], l2[27]) {
		t.Failed = append(t.Failed, CheckExpiryDate)
	}
	// An empty personal number may carry '<' instead of the check digit (Part 4, note j).
	if !(l2[42] == '<' && t.PersonalNumber == "") && !digitMatches(l2[28:42], l2[42]) {
		t.Failed = append(t.Failed, CheckPersonalNumber)
	}
	if !digitMatches(l2[0:10]+l2[13:20]+l2[21:43], l2[43]) {
		t.Failed = append(t.Failed, CheckComposite)
	}
	return t, nil
}

// splitName splits the 39-character name field at the first double filler: primary identifier
// (surname) before, secondary (given names) after. Runs of fillers become single spaces.
func splitName(field string) (surname, given string) {
	if i := strings.Index(field, "<<"); i >= 0 {
		return nameWords(field[:i]), nameWords(field[i+2:])
	}
	return nameWords(field), ""
}

func nameWords(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' }), " ")
}

func trimFillers(s string) string { return strings.TrimRight(s, "<") }

func digitMatches(field string, digit byte) bool {
	return digit >= '0' && digit <= '9' && int(digit-'0') == CheckDigit(field)
}

// CheckDigit is ICAO 9303's 7-3-1 check digit: digits count as themselves, A–Z (either case) as
// 10–35, the filler '<' as 0. Any other character counts as 0 too, like a filler, so the function
// is total; Parse refuses such characters before it gets here.
func CheckDigit(s string) int {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += charValue(s[i]) * weights[i%3]
	}
	return sum % 10
}

func charValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	}
	return 0
}
