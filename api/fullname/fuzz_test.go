package fullname

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are names as typed, pasted and read by OCR.
var nameSeeds = []string{
	"مُحَمَّد بن عَبْدِ الله", "عبد الرحمن", "لا إله", "ابراهيم خليل", "مصطفى", "ﻣﺤﻤﺪ",
	"Name: علي ١٢٣ ok", "جواز سفر رقم A1234567", "(محمد) [علي]", "\u202eabc\u202c", "\u2067علي\u2069 x",
	"ﻣﹸﺤﹶﻤﹼﺪ", "علی کریمی", "\u0627\u064e\u0654", "ﻻ ﷲ", "a\u0301\u05d0\u0308", "لَا", "م\u200dح\u200c",
}

// nameRune reports whether Normalize must turn r into an allowed character or nothing: Arabic
// letters of the API's range, harakat, tatweel, the folded look-alikes, alef wasla, white space,
// bidi controls and invisible characters. Farsi yeh is not one: at the end of a word it is left for
// Validate to ask about.
func nameRune(r rune) bool {
	if _, ok := lookalike(r); ok {
		return true
	}
	if _, ok := removed(r); ok {
		return true
	}
	return r == alefWasla || r >= 0x0621 && r <= 0x064A || r == ' ' || r == '\t' || r == '\n' || r == 0x00A0 || r == '-' || r == '.'
}

func FuzzNormalize(f *testing.F) {
	for _, s := range nameSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if again := Normalize(n); again != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, again)
		}
		if !utf8.ValidString(s) {
			return
		}
		for _, r := range s {
			if !nameRune(r) {
				return
			}
		}
		for _, r := range n {
			if !allowed(r) {
				t.Fatalf("Normalize(%q) = %q holds %U", s, n, r)
			}
		}
		if n != "" && (n[0] == ' ' || n[len(n)-1] == ' ') {
			t.Fatalf("Normalize(%q) = %q is not trimmed", s, n)
		}
	})
}

func FuzzValidate(f *testing.F) {
	for _, s := range nameSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Whatever Validate accepts, raw or normalised, obeys the API's rules.
		for _, v := range []string{s, Normalize(s)} {
			c := Validate(v)
			if c.OK() != (c.Err == "") {
				t.Fatalf("OK() disagrees with Err %q", c.Err)
			}
			if !c.OK() {
				if c.Warning != "" {
					t.Fatalf("Validate(%q) gave both an error and a warning", v)
				}
				continue
			}
			if n := utf8.RuneCountInString(v); n < MinNameLen || n > MaxNameLen {
				t.Fatalf("accepted %q of %d characters", v, n)
			}
			for _, r := range v {
				if !allowed(r) {
					t.Fatalf("accepted %q holding %U", v, r)
				}
			}
			if len(strings.Fields(v)) < 2 {
				t.Fatalf("accepted %q with fewer than two names", v)
			}
		}
	})
}
