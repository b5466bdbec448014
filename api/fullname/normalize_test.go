package fullname

import "testing"

func TestNormalizeGivesTheValueTheAPIAccepts(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"harakat and shadda are removed", "مُحَمَّد بن عَبْدِ الله", "محمد بن عبد الله"},
		{"dagger alef is removed", "عبد الرحمٰن", "عبد الرحمن"},
		{"spaces are trimmed and folded", "  محمد \t\u00a0 علي  ", "محمد علي"},
		{"tatweel is removed", "محـــمد علي", "محمد علي"},
		{"bidi controls are removed", "\u200fمحمد\u200e علي\u202b\u2067", "محمد علي"},
		{"arabic letter mark is removed", "\u061cمحمد علي", "محمد علي"},
		{"ZWJ, ZWNJ and BOM are removed", "\ufeffمحمد\u200c علي\u200d", "محمد علي"},
		{"persian keheh folds to arabic, and yeh inside a word", "حسین کریم", "حسين كريم"},
		{"persian yeh at the end of a word is left for Validate to ask about", "علی کریمی", "علی كريمی"},
		{"urdu heh goal and teh marbuta goal fold", "عائشہ فاطمۃ", "عائشه فاطمة"},
		{"alef wasla folds to alef", "ٱلله", "الله"},
		{"shaped text pasted from a PDF folds back", "ﻣﺤﻤﺪ ﻋﻠﻲ", "محمد علي"},
		{"lam-alef ligature folds to two letters", "ﻋﻼء", "علاء"},
		{"word signs are left for Validate to refuse", "عبد ﷲ", "عبد ﷲ"},
		{"a BOM is removed, not read as a letter shape", "\ufeffمحمد علي", "محمد علي"},
		{"a soft hyphen is removed", "محمد\u00adعلي حسن", "محمدعلي حسن"},
		{"a zero width space separates names", "محمد\u200bعلي حسن", "محمد علي حسن"},
		{"every unicode space separates names", "محمد\u00a0علي\u202fحسن\u2009عمر\u2028خالد", "محمد علي حسن عمر خالد"},
		{"spacing harakat vanish without splitting the name", "ﻣﹸﺤﹶﻤﹼﺪ علي", "محمد علي"},
		{"alef and hamza above compose", "\u0627\u0654حمد", "أحمد"},
		{"a haraka between alef and hamza does not stop composition", "\u0627\u064e\u0654حمد", "أحمد"},
		{"alef maksura and teh marbuta are kept", "مصطفى حمزة", "مصطفى حمزة"},
		{"hamza forms are kept", "مؤمن رئيس آلاء إيمان", "مؤمن رئيس آلاء إيمان"},
		{"latin and digits are kept for Validate to name", "Ahmed 3", "Ahmed 3"},
		{"empty stays empty", "   ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q %U, want %q %U", tt.in, got, []rune(got), tt.want, []rune(tt.want))
			}
			if again := Normalize(got); again != got {
				t.Errorf("not idempotent: Normalize(%q) = %q", got, again)
			}
		})
	}
}

func TestExplainSaysWhatNormalizeChanged(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"مُحَمَّد علي", "Harakat removed"},
		{"محـمد علي", "Tatweel removed"},
		{"مُحـَمد علي", "Harakat and tatweel removed"},
		{"\u200fمُحـَمد\u200d", "Harakat, tatweel, direction marks and invisible characters removed"},
		{"حسین رضا", "Persian and Urdu letter forms changed to Arabic: ی to ي"},
		{"کریم حسین", "Persian and Urdu letter forms changed to Arabic: ک to ك, ی to ي"},
		{"علی رضا", ""}, // the final yeh is not changed: Validate asks which it is
		{"ٱلله", "Alef wasla ٱ written as alef ا"},
		{"\ufeffمحمد علي", "Invisible characters removed"},
		{"محمد\u00adعلي", "Invisible characters removed"},
		{"ﻣﺤﻤﺪ", "Joined letter shapes changed to plain letters"},
		{"ﻣﹸﺤﻤﺪ", "Harakat removed; joined letter shapes changed to plain letters"},
		{"محمد   علي ", ""},
		{"محمد علي", ""},
	}
	for _, tt := range tests {
		if got := Explain(tt.in); got != tt.want {
			t.Errorf("Explain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidateNamesTheOffendingCharacterAndItsName(t *testing.T) {
	long := ""
	for len([]rune(long)) < 151 {
		long += "محمد "
	}
	long = string([]rune(long)[:151])
	tests := []struct {
		name, in, err, warning string
	}{
		{"empty is required", "", "The Arabic name is required", ""},
		{"spaces only is required", "   ", "The Arabic name is required", ""},
		{"latin letter", "محمد Ali", "Latin letter ‘A’ in the 2nd name", ""},
		{"european digit", "محمد3 علي", "Digit ‘3’ in the 1st name", ""},
		{"arabic-indic digit", "محمد علي ١٢٣", "Digit ‘١’ in the 3rd name", ""},
		{"arabic question mark", "محمد علي حسن؟", "The character ‘؟’ (U+061F) in the 3rd name", ""},
		{"persian letter outside the range", "پرویز احمدي", "The letter ‘پ’ (U+067E) in the 1st name", ""},
		{"haraka left in", "محمد عَلي", "The mark ‘◌َ’ (U+064E) in the 2nd name", ""},
		{"bidi mark left in", "محمد\u200f علي", "The invisible character U+200F in the 1st name", ""},
		{"tatweel is inside the API's range U+0621–U+064A (Normalize removes it)", "محمد علي عـمر", "", ""},
		{"control character", "محمد\x07 علي", "The control character U+0007 in the 1st name", ""},
		{"presentation form", "ﻣﺤﻤﺪ علي", "The letter ‘ﻣ’ (U+FEE3) in the 1st name", ""},
		{"one letter is too short", "ا", "Too short: at least 2 characters", ""},
		{"one name is not enough", "محمد", "At least two names are needed, separated by a space", ""},
		{"too long", long, "Too long: 151 characters, the limit is 150 — 1 too many", ""},
		{"two names pass with a warning", "محمد علي", "", "Only two names: a full name usually has three or more"},
		{"hyphen and dot are allowed", "عبد-الله محمد.", "", "Only two names: a full name usually has three or more"},
		{"four names pass", "محمد بن عبد الله", "", ""},
		{"hamza forms, taa marbuta and alef maksura pass", "أسامة مؤمن إيمان آمنة مصطفى", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Validate(tt.in)
			if c.Err != tt.err || c.Warning != tt.warning {
				t.Errorf("Validate(%q) = {Err: %q, Warning: %q}, want {Err: %q, Warning: %q}", tt.in, c.Err, c.Warning, tt.err, tt.warning)
			}
			if c.OK() != (tt.err == "") {
				t.Errorf("OK() = %v with Err %q", c.OK(), c.Err)
			}
		})
	}
}

func TestValidateAcceptsNormalizedRealNames(t *testing.T) {
	for _, in := range []string{"مُحَمَّد بن عَبْدِ الله", "عبد الرحمن بن عوف", "ﻣﺤﻤﺪ ﻋﻠﻲ ﺣﺴﻦ", "حسین کریم زاده", "\u200fخالد بن الوليد"} {
		if c := Validate(Normalize(in)); !c.OK() {
			t.Errorf("Validate(Normalize(%q)) = %q", in, c.Err)
		}
	}
}

func TestOrdinal(t *testing.T) {
	want := map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 101: "101st", 111: "111th"}
	for n, w := range want {
		if got := ordinal(n); got != w {
			t.Errorf("ordinal(%d) = %q, want %q", n, got, w)
		}
	}
}
