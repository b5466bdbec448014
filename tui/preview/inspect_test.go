package preview

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"example.com/passport-update/internal/imagecheck"
)

func TestDecodeRefusesAFileThatChangedSinceInspect(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.jpg", jpegBytes(t, scan(800, 560), 85))
	info := imagecheck.Inspect(p, 0)
	writeFile(t, dir, "p.jpg", jpegBytes(t, scan(900, 560), 60))
	if _, err := Decode(info); !errors.Is(err, ErrChanged) {
		t.Fatalf("Decode error %v, want ErrChanged", err)
	}
}

func TestCacheKeysOnSizeAndModTimeAndKeepsWithinItsBudget(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.jpg", jpegBytes(t, scan(800, 560), 85))
	info := imagecheck.Inspect(p, 0)
	one := int64(SampleSide*134*4 + entryOverhead) // an 800×560 sample is 192×134
	c := NewCache(2 * one)
	first, err := c.Load(info)
	if err != nil || first.Bounds().Dx() != SampleSide {
		t.Fatalf("Load: %v, %v", first.Bounds(), err)
	}
	if again, _ := c.Load(info); again != first {
		t.Error("a second Load of the same file version decoded again")
	}
	later := info
	later.ModTime = info.ModTime.Add(time.Second)
	if _, _, ok := c.Get(KeyOf(later)); ok {
		t.Error("a file with a new modification time hit the old entry")
	}
	c.Put(Key{Path: "a"}, first, nil)
	c.Put(Key{Path: "b"}, first, nil)
	if _, _, ok := c.Get(KeyOf(info)); ok || c.Len() != 2 || c.Bytes() > 2*one {
		t.Errorf("over budget: %d entries, %d bytes, budget %d; the oldest must go", c.Len(), c.Bytes(), 2*one)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if photo24Path != "" {
		os.RemoveAll(filepath.Dir(photo24Path)) // the benchmarks' 24-megapixel JPEG
	}
	os.Exit(code)
}
