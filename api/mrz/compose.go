package mrz

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Compose writes t as a valid TD3 zone: fields padded with fillers or cut to their widths, names
// transliterated (NameField), and every check digit computed — whatever t.Failed says. An empty
// DocumentCode is written as "P<", an empty Sex or "X" as the filler. It is how tests and the sandbox build real-looking zones.
func Compose(t TD3) (line1, line2 string) {
	doc0 := field(t.DocumentCode)
	if doc0 == "" {
		doc0 = "P" // a passport's zone must start with P
	}
	code := pad(doc0, 2)
	name := NameField(t.Surname) + "<<" + NameField(t.GivenNames)
	line1 = code + pad(field(t.IssuingState), 3) + pad(name, 39)

	sex := field(t.Sex)
	if sex == "" || sex == "X" {
		sex = "<"
	}
	doc := pad(field(t.DocumentNumber), 9)
	birth := pad(field(t.BirthDate), 6)
	expiry := pad(field(t.ExpiryDate), 6)
	personal := pad(field(t.PersonalNumber), 14)
	l2 := doc + digit(doc) + pad(field(t.Nationality), 3) + birth + digit(birth) + pad(sex, 1) +
		expiry + digit(expiry) + personal + digit(personal)
	line2 = l2 + digit(l2[0:10]+l2[13:20]+l2[21:43])
	return line1, line2
}

func digit(s string) string { return string(rune('0' + CheckDigit(s))) }

// pad cuts s to n characters or fills it with '<' up to n.
func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

// field keeps the characters a code or number may hold in a zone: A–Z upper-cased, 0–9 and '<';
// anything else becomes a filler.
func field(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '<':
			return r
		}
		return '<'
	}, s)
}

// NameField writes a name the way ICAO 9303 Part 3 (section 6) puts it in a zone: upper case,
// Latin letters with their diacritics removed (the recommended transliterations for Ä Ö Ü ß Æ Ø
// Þ Œ and friends), apostrophes dropped, every other separator a single filler, no leading or
// trailing fillers. "Anna-Maria O'Neil" → "ANNA<MARIA<ONEIL". Letters outside Latin script are
// dropped: the zone cannot hold them and the OCR's Latin field is what it compares with.
func NameField(name string) string { return nameField(name, transliterate) }

func nameField(name string, transliterate func(rune) string) string {
	var b strings.Builder
	filler := false
	for _, r := range norm.NFC.String(name) {
		if r == '\'' || r == '’' || r == 'ʼ' {
			continue // O'Neil → ONEIL
		}
		t := transliterate(r)
		if t == "" {
			if b.Len() > 0 {
				filler = true
			}
			continue
		}
		if filler {
			b.WriteByte('<')
			filler = false
		}
		b.WriteString(t)
	}
	return b.String()
}

// special are Latin letters whose ICAO transliteration is not the bare base letter.
var special = map[rune]string{
	'Ä': "AE", 'ä': "AE", 'Ö': "OE", 'ö': "OE", 'Ü': "UE", 'ü': "UE", 'ß': "SS", 'ẞ': "SS",
	'Å': "AA", 'å': "AA", 'Æ': "AE", 'æ': "AE", 'Ø': "OE", 'ø': "OE", 'Œ': "OE", 'œ': "OE",
	'Þ': "TH", 'þ': "TH", 'Ĳ': "IJ", 'ĳ': "IJ", 'Đ': "D", 'đ': "D", 'Ð': "D", 'ð': "D",
	'Ł': "L", 'ł': "L", 'Ħ': "H", 'ħ': "H", 'ı': "I", 'Ŀ': "L", 'ŀ': "L", 'Ŧ': "T", 'ŧ': "T",
	'Ŋ': "N", 'ŋ': "N", 'ĸ': "K",
}

// transliterate maps one rune to its zone letters, or "" for a separator.
func transliterate(r rune) string {
	switch {
	case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return string(r)
	case r >= 'a' && r <= 'z':
		return string(r - 'a' + 'A')
	}
	if s, ok := special[r]; ok {
		return s
	}
	if r < 0x80 || !unicode.In(r, unicode.Latin) {
		return ""
	}
	// Other Latin letters: decompose and keep the base letter (É → E, Ç → C, Ñ → N).
	for _, b := range norm.NFD.String(string(r)) {
		if b < 0x80 {
			return transliterate(b)
		}
	}
	return ""
}

// NameVariants are the ways an issuer may have written name in a zone: ICAO's recommended
// transliteration first (Ä → AE, Ø → OE, Å → AA), then the bare base letters that many issuers
// use instead (Ä → A, Ø → O, Å → A). A zone name matches a field when it equals either; names
// without such letters have one variant.
func NameVariants(name string) []string {
	icao := NameField(name)
	bare := nameField(name, bareLetter)
	if bare == icao {
		return []string{icao}
	}
	return []string{icao, bare}
}

// bare are the letters whose bare transliteration differs from ICAO's recommended one.
var bare = map[rune]string{
	'Ä': "A", 'ä': "A", 'Ö': "O", 'ö': "O", 'Ü': "U", 'ü': "U", 'Å': "A", 'å': "A", 'Ø': "O", 'ø': "O",
}

func bareLetter(r rune) string {
	if s, ok := bare[r]; ok {
		return s
	}
	return transliterate(r)
}
