package checks

import "testing"

func BenchmarkReviewConsistentPassport(b *testing.B) {
	d := egyptian()
	b.ReportAllocs()
	for b.Loop() {
		Review(d, today)
	}
}

func BenchmarkCountries249(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Countries()
	}
}
