package textfield

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"example.com/passport-update/api/fullname"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"
)

// promiseSeeds are the inputs issue 11 was found with, and real names as they arrive.
var promiseSeeds = []string{
	"محمد\u00a0علي حسن", "محمد علي\nحسن", "محمد علي\r\nحسن\n", "محمد\u202fعلي\u2009حسن\tعمر",
	"مُحَمَّد بن عَبْدِ الرَّحْمٰن", strings.Repeat("مُحَمَّد بْن عَبْدِ الرَّحْمٰن ", 7),
	"- - -", "محمد . .", ". .", "ء ء", "موسی عیسی مصطفی", "علی کریمی", "محمد ﷺ", "عبد ﷲ", "ٱلله",
	"\ufeffمحمد علي", "HAMAD" + strings.Repeat("\u00ad", 60), "กำกำ", "ﻣﺤﻤﺪ ﻋﻠﻲ", "ﻣﹸﺤﹶﻤﹼﺪ",
	"\u200fمحمد\u200e علي\u202b", "APP\x1b[31m-1042\x07", "م\u200dح\u200cم", "محمد\u200bعلي",
}

var reportedPair = regexp.MustCompile(`(\S) to (\S)`)

// reportedWords is text as the notes say it was changed: words split at every kind of space, with
// only the kinds of characters the notes name removed and only the letters they name folded (in
// both the text and the value: a Farsi yeh is folded only inside a word). The value sent must be
// exactly these words.
func reportedWords(text, sent, notes string) (want, got []string) {
	said := func(s string) bool { return strings.Contains(strings.ToLower(notes), s) }
	var fold []string
	for _, m := range reportedPair.FindAllStringSubmatch(notes, -1) {
		fold = append(fold, m[1], m[2])
	}
	if said("alef wasla") {
		fold = append(fold, "ٱ", "ا")
	}
	folder := strings.NewReplacer(fold...)
	var b strings.Builder
	for _, r := range text {
		if said("joined letter shapes") && (r >= 0xFB50 && r <= 0xFDEF || r >= 0xFE70 && r <= 0xFEFC) {
			b.WriteString(strings.TrimPrefix(norm.NFKC.String(string(r)), " "))
			continue
		}
		b.WriteRune(r)
	}
	var out strings.Builder
	for _, r := range norm.NFC.String(b.String()) {
		switch {
		case fullname.IsSpace(r):
			out.WriteByte(' ')
		case said("harakat") && (r >= 0x064B && r <= 0x0652 || r == 0x0670),
			said("tatweel") && r == 0x0640,
			said("direction mark") && (r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069),
			said("invisible character") && fullname.IsDefaultIgnorable(r),
			said("control character") && unicode.IsControl(r),
			said("cannot be shown") && !unicode.IsPrint(r):
		default:
			out.WriteRune(r)
		}
	}
	return strings.Fields(folder.Replace(norm.NFC.String(out.String()))), strings.Fields(folder.Replace(sent))
}

// FuzzNothingChangesSilently holds the promise of issue 11: whatever is typed or pasted, the value
// that will be sent (Normalize of the field's value) differs from the text only in the ways the
// notes under the field report (the field's Dropped and Explain), and nothing is cut without a
// sentence.
func FuzzNothingChangesSilently(f *testing.F) {
	for _, s := range promiseSeeds {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, typed bool) {
		if !utf8.ValidString(text) {
			return // a terminal sends runes: invalid UTF-8 never reaches the field
		}
		fld := New("", "", 0)
		if typed {
			for _, r := range text {
				k := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
				if r == ' ' {
					k = tea.KeyMsg{Type: tea.KeySpace}
				}
				fld, _ = fld.Update(k)
			}
		} else {
			fld, _ = fld.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(text), Paste: true})
		}
		notes := fld.Dropped() + " " + fullname.Explain(fld.Value())
		if utf8.RuneCountInString(text) > MaxLen {
			if !strings.Contains(notes, "past the field's limit") {
				t.Fatalf("%d characters were cut to %d without a sentence", utf8.RuneCountInString(text), utf8.RuneCountInString(fld.Value()))
			}
			return
		}
		want, sent := reportedWords(text, fullname.Normalize(fld.Value()), notes)
		if strings.Join(sent, " ") != strings.Join(want, " ") {
			t.Fatalf("%q is sent as %q %U; the notes %q account only for %q", text, sent, []rune(strings.Join(sent, " ")), notes, want)
		}
	})
}
