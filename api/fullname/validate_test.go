package fullname

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// nameOfLetters is an Arabic full name of exactly n characters (spaces included), built from real
// names, as Normalize leaves it.
func nameOfLetters(n int) string {
	var b strings.Builder
	for _, w := range strings.Fields(strings.Repeat("محمد عبد الرحمن بن خالد الحسيني ", n/20+2)) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	r := []rune(b.String())[:n]
	if r[n-1] == ' ' {
		r[n-1] = 'ن'
	}
	return string(r)
}

func TestValidateSaysByHowMuchTheSentValueIsTooLong(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"one character too many", nameOfLetters(151), "Too long: 151 characters, the limit is 150 — 1 too many"},
		{"thirteen too many", nameOfLetters(163), "Too long: 163 characters, the limit is 150 — 13 too many"},
		{"exactly the limit passes", nameOfLetters(150), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Validate(tt.in).Err; got != tt.err {
				t.Errorf("Validate(%d characters).Err = %q, want %q", utf8.RuneCountInString(tt.in), got, tt.err)
			}
		})
	}
}

// The limit counts the value that will be sent: harakat are not sent, so a vocalised name longer
// than the limit in characters typed is still accepted when its letters fit.
func TestTheLengthLimitCountsTheNormalisedValueNotTheHarakat(t *testing.T) {
	vocalised := strings.Repeat("مُحَمَّد عَبْدُ الرَّحْمٰن ", 8) // 208 characters typed, 136 sent
	if utf8.RuneCountInString(vocalised) <= MaxNameLen {
		t.Fatalf("the test name has only %d characters", utf8.RuneCountInString(vocalised))
	}
	if c := Validate(Normalize(vocalised)); !c.OK() {
		t.Errorf("Validate(Normalize(a vocalised name of %d letters)) = %q", utf8.RuneCountInString(Normalize(vocalised)), c.Err)
	}
}

func TestEveryNamePartHoldsLetters(t *testing.T) {
	tests := []struct {
		name, in, err, warning string
	}{
		{"hyphens only", "- - -", "The 1st name ‘-’ has no letters", ""},
		{"dots after a real name", "محمد . .", "The 2nd name ‘.’ has no letters", ""},
		{"dots only", ". .", "The 1st name ‘.’ has no letters", ""},
		{"a lone hamza is not a name", "ء ء", "The 1st name ‘ء’ is only a hamza: a name needs other letters", ""},
		{"a lone hamza after real names", "محمد علي ء", "The 3rd name ‘ء’ is only a hamza: a name needs other letters", ""},
		{"tatweel alone is not a letter", "محمد ـ علي", "The 2nd name ‘ـ’ has no letters", ""},
		{"a hyphenated name passes", "عبد-الله محمد حسن", "", ""},
		{"a name ending in hamza passes", "علاء سماء الحسن", "", ""},
		{"a name ending in a dot passes", "محمد. علي", "", "Only two names: a full name usually has three or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Validate(tt.in)
			if c.Err != tt.err || c.Warning != tt.warning {
				t.Errorf("Validate(%q) = {Err: %q, Warning: %q}, want {Err: %q, Warning: %q}", tt.in, c.Err, c.Warning, tt.err, tt.warning)
			}
		})
	}
}

// A Persian ی at the end of a word may stand for ي or for ى (علی is علي, موسی is موسى): the
// spelling cannot be guessed, so the person chooses. Inside a word it can only be ي.
func TestPersianYehAtTheEndOfAWordIsAChoiceForThePerson(t *testing.T) {
	tests := []struct {
		name, typed, sent, err string
	}{
		{"Musa, Isa and Mustafa", "موسی عیسی مصطفی", "موسی عيسی مصطفی", "The 1st name ‘موسی’ ends in the Persian letter ی: write ‘موسي’ or ‘موسى’"},
		{"Ali with harakat", "عَلِی حسن محمد", "علی حسن محمد", "The 1st name ‘علی’ ends in the Persian letter ی: write ‘علي’ or ‘على’"},
		{"inside a word it is yeh", "حسین کریم محمد", "حسين كريم محمد", ""},
		{"before a hyphen it is the end of a word", "مرتضی-علي حسن محمد", "مرتضی-علي حسن محمد", "The 1st name ‘مرتضی-علي’ ends in the Persian letter ی: write ‘مرتضي’ or ‘مرتضى’"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := Normalize(tt.typed)
			if sent != tt.sent {
				t.Fatalf("Normalize(%q) = %q, want %q", tt.typed, sent, tt.sent)
			}
			if got := Validate(sent).Err; got != tt.err {
				t.Errorf("Validate(%q).Err = %q, want %q", sent, got, tt.err)
			}
		})
	}
}

// The signs U+FDF0–U+FDFF write a word or a phrase as one sign; NFKC would spell them out, and ﷺ
// would become four words that pass as names.
func TestWordLigaturesAreRefusedNotSpelledOut(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"salla allahu alayhi wa sallam", "محمد ﷺ بن عبد الله", "The sign ‘ﷺ’ (U+FDFA) in the 2nd name is the phrase ‘صلى الله عليه وسلم’ written as one sign: it is not part of a name"},
		{"the word allah as one sign", "عبد ﷲ محمد", "The sign ‘ﷲ’ (U+FDF2) in the 2nd name is the word ‘الله’ written as one sign: type its letters"},
		{"bismillah", "﷽", "The sign ‘﷽’ (U+FDFD) in the 1st name is the phrase ‘بسم الله الرحمن الرحيم’ written as one sign: it is not part of a name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Validate(Normalize(tt.in)).Err; got != tt.err {
				t.Errorf("Validate(Normalize(%q)).Err = %q, want %q", tt.in, got, tt.err)
			}
		})
	}
}
