package arabic

import (
	"testing"
	"unicode/utf8"

	"example.com/passport-update/api/fullname"
)

// A 40-character Arabic name with harakat.
const name40 = "مُحَمَّد بن عَبْدِ الله الحَسَني"

func BenchmarkDisplay_ArabicName40(b *testing.B) {
	s := name40
	for utf8.RuneCountInString(s) < 40 {
		s += "ي"
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Display(s, ModeApp)
	}
}

func BenchmarkDisplay_Latin(b *testing.B) {
	s := "Passport number A1234567, expires 2031-05-01" // 44 characters
	b.ReportAllocs()
	for b.Loop() {
		_ = Display(s, ModeApp)
	}
}

func BenchmarkNormalize(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = fullname.Normalize(name40)
	}
}

func BenchmarkClean_Clean40(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = fullname.Clean(name40)
	}
}
