package receipt

import "testing"

func BenchmarkWrite2KBReceipt(b *testing.B) {
	r, _ := approval(b)
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(dir, r); err != nil {
			b.Fatal(err)
		}
	}
}
