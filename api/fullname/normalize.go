package fullname

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Farsi yeh (ی) is the letter a Persian keyboard layout types for both ي and ى. Inside a word it
// can only be ي; at the end of a word the Arabic spelling may be either (علی is علي, موسی is موسى),
// so Normalize leaves it there for Validate to ask about.
const (
	farsiYeh  = 0x06CC
	arabicYeh = 0x064A
)

// lookalike folds Persian, Urdu and Kurdish letters that look like (or stand for) Arabic letters
// onto the letters the API accepts (U+0621–U+064A). A keyboard with a Persian layout types ک; text
// copied from Persian or Urdu sources carries the other forms. Farsi yeh is folded by Normalize
// itself, only inside a word.
func lookalike(r rune) (rune, bool) {
	switch r {
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
	}
	return 0, false
}

// alefWasla (ٱ, Quranic spelling, e.g. ٱلله) is an Arabic letter outside the API's range; it is
// written as a plain alef.
const (
	alefWasla = 0x0671
	alef      = 0x0627
)

// removed reports the runes Normalize drops: bidi controls, tatweel, harakat and the other
// invisible characters (ZWJ, ZWNJ, BOM, soft hyphen: every default-ignorable code point).
func removed(r rune) (why string, ok bool) {
	switch {
	case r >= 0x064B && r <= 0x0652, r == 0x0670:
		return "harakat", true
	case r == 0x0640:
		return "tatweel", true
	case isBidiControl(r):
		return "direction marks", true
	case IsDefaultIgnorable(r) && !IsSpace(r):
		return "invisible characters", true
	}
	return "", false
}

// isPresentationForm reports the joined letter shapes NFKC folds back to letters: U+FB50–U+FDEF and
// U+FE70–U+FEFC. The word signs U+FDF0–U+FDFF (ﷲ, ﷺ…) are left for Validate to refuse: spelled
// out, ﷺ would become four words that pass as names. U+FEFF is a BOM, not a letter shape.
func isPresentationForm(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDEF || r >= 0xFE70 && r <= 0xFEFC
}

// isWordSign reports the signs that write a whole word or phrase (U+FDF0–U+FDFF).
func isWordSign(r rune) bool { return r >= 0xFDF0 && r <= 0xFDFF }

// Normalize is the one function used wherever a name is stored or sent: presentation forms (text
// pasted from a shaped source) folded back to letters with NFKC, U+FE70–U+FE7F and the like (a space
// plus a haraka) without their space; NFC; bidi controls, tatweel, harakat (U+064B–U+0652, U+0670)
// and invisible characters (ZWJ, ZWNJ, BOM, soft hyphen…) removed; Persian/Urdu look-alikes and alef
// wasla folded to Arabic letters, Farsi yeh only inside a word; every run of white space (IsSpace)
// folded to one space; trimmed. Idempotent. Other characters are kept for Validate to name.
func Normalize(s string) string {
	return normalize(s, nil)
}

// Explain says in words every kind of change Normalize makes to s, for the note under the edited
// field ("Harakat and tatweel removed"); empty when Normalize changes nothing a person would notice.
// White space is not mentioned: names stay apart exactly where the text had any kind of space.
func Explain(s string) string {
	var c changes
	normalize(s, &c)
	return c.sentence()
}

// changes collects what normalize did, in the order Explain names it.
type changes struct {
	removed map[string]bool
	folded  []string // "ک to ك", once each, in the order met
	wasla   bool
	forms   bool
}

func (c *changes) remove(why string) {
	if c.removed == nil {
		c.removed = map[string]bool{}
	}
	c.removed[why] = true
}

func (c *changes) fold(from, to rune) {
	p := string(from) + " to " + string(to)
	for _, q := range c.folded {
		if q == p {
			return
		}
	}
	c.folded = append(c.folded, p)
}

func (c *changes) sentence() string {
	var parts []string
	var gone []string
	for _, k := range []string{"harakat", "tatweel", "direction marks", "invisible characters"} {
		if c.removed[k] {
			gone = append(gone, k)
		}
	}
	if len(gone) > 0 {
		parts = append(parts, joinWords(gone)+" removed")
	}
	if len(c.folded) > 0 {
		parts = append(parts, "Persian and Urdu letter forms changed to Arabic: "+strings.Join(c.folded, ", "))
	}
	if c.wasla {
		parts = append(parts, "alef wasla ٱ written as alef ا")
	}
	if c.forms {
		parts = append(parts, "joined letter shapes changed to plain letters")
	}
	if len(parts) == 0 {
		return ""
	}
	e := strings.Join(parts, "; ")
	return upperFirst(e)
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

// normalize is Normalize, recording what it changes in c when c is not nil.
func normalize(s string, c *changes) string {
	if c == nil {
		c = &changes{}
	}
	// 1. Presentation forms back to letters.
	if hasPresentationForm(s) {
		var b strings.Builder
		for _, r := range s {
			if !isPresentationForm(r) {
				b.WriteRune(r)
				continue
			}
			c.forms = true
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
	out := make([]rune, 0, len(s))
	space := false
	for _, r := range s {
		if why, ok := removed(r); ok {
			c.remove(why)
			continue
		}
		if IsSpace(r) {
			space = len(out) > 0
			continue
		}
		if to, ok := lookalike(r); ok {
			c.fold(r, to)
			r = to
		} else if r == alefWasla {
			c.wasla = true
			r = alef
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, r)
	}
	// 3. Farsi yeh inside a word, once harakat and joiners no longer stand between the letters.
	for i, r := range out {
		if r == farsiYeh && i+1 < len(out) && unicode.IsLetter(out[i+1]) {
			c.fold(farsiYeh, arabicYeh)
			out[i] = arabicYeh
		}
	}
	return norm.NFC.String(string(out))
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

// IsSpace reports the characters that separate names: Unicode White_Space (spaces of every width,
// tab, line and paragraph breaks) and the zero width space, which separates words without showing a
// gap. Normalize folds each run of them to one space, and the text field stores each as a space, so
// two names are never merged.
func IsSpace(r rune) bool { return unicode.IsSpace(r) || r == 0x200B }

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
