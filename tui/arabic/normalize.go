package arabic

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// lookalike folds Persian and Urdu letters that look like (or stand for) Arabic letters onto the
// letters the API accepts (U+0621–U+064A). A keyboard with a Persian layout types ی and ک; text copied
// from Persian or Urdu sources carries the other forms.
func lookalike(r rune) (rune, bool) {
	switch r {
	case 0x06CC: // ی Farsi yeh → ي yeh
		return 0x064A, true
	case 0x06D2: // ے yeh barree (Urdu) → ي
		return 0x064A, true
	case 0x06A9: // ک keheh → ك kaf
		return 0x0643, true
	case 0x06AA: // ڪ swash kaf → ك
		return 0x0643, true
	case 0x06D5: // ە ae (Kurdish, Uyghur) → ه heh
		return 0x0647, true
	case 0x06BE: // ھ heh doachashmee (Urdu) → ه
		return 0x0647, true
	case 0x06C1: // ہ heh goal (Urdu) → ه
		return 0x0647, true
	case 0x06C0: // ۀ heh with yeh above (Persian ezafe) → ه; the ezafe is not part of a name
		return 0x0647, true
	case 0x06C2: // ۂ heh goal with hamza above → ه
		return 0x0647, true
	case 0x06C3: // ۃ teh marbuta goal (Urdu) → ة teh marbuta
		return 0x0629, true
	case 0x0671: // ٱ alef wasla (Quranic spelling, e.g. ٱلله) → ا alef
		return 0x0627, true
	}
	return 0, false
}

// removed reports the runes Normalize drops: bidi controls, tatweel, harakat and the invisible joiners.
func removed(r rune) (why string, ok bool) {
	switch {
	case r >= 0x064B && r <= 0x0652, r == 0x0670:
		return "harakat", true
	case r == 0x0640:
		return "tatweel", true
	case r == 0x200E, r == 0x200F, r == 0x061C, r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return "direction marks", true
	case r == 0x200C, r == 0x200D, r == 0xFEFF:
		return "invisible joiners", true
	}
	return "", false
}

func isPresentationForm(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// Normalize is the one function used wherever a name is stored or sent: presentation forms (text
// pasted from a shaped source) folded back to letters with NFKC, U+FE70–U+FE7F and the like (a space
// plus a haraka) without their space; NFC; bidi controls, tatweel, harakat (U+064B–U+0652, U+0670),
// ZWJ, ZWNJ and BOM removed; Persian/Urdu look-alikes folded to Arabic letters; runs of white space
// folded to one space; trimmed. Idempotent. Other characters are kept for Validate to name.
func Normalize(s string) string {
	out, _ := normalize(s, nil)
	return out
}

// Explain says in words what Normalize changed in s, for the note under the edited field
// ("harakat and tatweel removed"); empty when Normalize changes nothing a person would notice
// (spaces tidied are not mentioned).
func Explain(s string) string {
	notes := map[string]bool{}
	normalize(s, notes)
	var parts []string
	for _, k := range []string{"harakat", "tatweel", "direction marks", "invisible joiners"} {
		if notes[k] {
			parts = append(parts, k)
		}
	}
	var b strings.Builder
	if len(parts) > 0 {
		b.WriteString(joinWords(parts))
		b.WriteString(" removed")
	}
	if notes["lookalikes"] {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString("Persian/Urdu letters changed to Arabic")
	}
	if notes["forms"] {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString("joined letter shapes changed to plain letters")
	}
	if b.Len() == 0 {
		return ""
	}
	e := b.String()
	return strings.ToUpper(e[:1]) + e[1:]
}

func joinWords(w []string) string {
	switch len(w) {
	case 1:
		return w[0]
	case 2:
		return w[0] + " and " + w[1]
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

func normalize(s string, notes map[string]bool) (string, bool) {
	note := func(k string) {
		if notes != nil {
			notes[k] = true
		}
	}
	// 1. Presentation forms back to letters.
	if hasPresentationForm(s) {
		var b strings.Builder
		for _, r := range s {
			if !isPresentationForm(r) {
				b.WriteRune(r)
				continue
			}
			note("forms")
			d := norm.NFKC.String(string(r))
			if len(d) > 1 && d[0] == ' ' {
				// The spacing harakat U+FE70–U+FE7F (and U+FC5E–U+FC63) are a space and a
				// haraka: the haraka is removed below, and the space must not split a name.
				d = d[1:]
			}
			b.WriteString(d)
		}
		s = b.String()
	}
	// 2. Compose, then drop and fold. Removing a mark can make two characters adjacent that NFC
	// composes (alef, fatha, hamza above), so compose again at the end.
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if why, ok := removed(r); ok {
			note(why)
			continue
		}
		if isSpace(r) {
			space = b.Len() > 0
			continue
		}
		if to, ok := lookalike(r); ok {
			note("lookalikes")
			r = to
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	out := norm.NFC.String(b.String())
	return out, out != s
}

func hasPresentationForm(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0xEF { // U+F000–U+FFFF start with 0xEF in UTF-8
			r, _ := utf8.DecodeRuneInString(s[i:])
			if isPresentationForm(r) {
				return true
			}
		}
	}
	return false
}

// isSpace is white space Normalize folds: Unicode White_Space characters.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

// ordinal writes 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
