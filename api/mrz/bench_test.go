package mrz

import "testing"

func BenchmarkParse88Chars(b *testing.B) {
	text := specimen1 + "\r\n" + specimen2
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompose88Chars(b *testing.B) {
	t, _ := Parse(specimen1 + "\n" + specimen2)
	b.ReportAllocs()
	for b.Loop() {
		Compose(t)
	}
}
