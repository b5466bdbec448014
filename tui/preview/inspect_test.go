package preview

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestInspectReadsTheHeaderOnly(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name         string
		file         string
		data         []byte
		wantFormat   string
		wantW, wantH int
		wantWarning  string // substring of one warning, "" for none
	}{
		{"a JPEG scan", "passport.jpg", jpegBytes(t, scan(800, 560), 85), "jpeg", 800, 560, ""},
		{"upper-case extension", "PASSPORT.JPEG", jpegBytes(t, scan(800, 560), 85), "jpeg", 800, 560, ""},
		{"a PNG scan", "passport.png", pngBytes(t, scan(640, 448)), "png", 640, 448, ""},
		{"too small to read", "thumb.jpg", jpegBytes(t, scan(400, 300), 85), "jpeg", 400, 300, "too small to read (400×300 px)"},
		{"PNG named .jpg", "disguised.jpg", pngBytes(t, scan(640, 448)), "png", 640, 448, "named .jpg but is a PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, dir, tt.file, tt.data)
			info := Inspect(p, 10<<20)
			if info.Refusal != "" {
				t.Fatalf("refused: %s", info.Refusal)
			}
			if info.Format != tt.wantFormat || info.Width != tt.wantW || info.Height != tt.wantH {
				t.Errorf("got %s %d×%d, want %s %d×%d", info.Format, info.Width, info.Height, tt.wantFormat, tt.wantW, tt.wantH)
			}
			if info.Size != int64(len(tt.data)) || info.ModTime.IsZero() {
				t.Errorf("size %d modtime %v, want %d and a time", info.Size, info.ModTime, len(tt.data))
			}
			joined := strings.Join(info.Warnings, "; ")
			if (tt.wantWarning == "") != (joined == "") || !strings.Contains(joined, tt.wantWarning) {
				t.Errorf("warnings %q, want %q", joined, tt.wantWarning)
			}
		})
	}
}

func TestInspectRefusesATruncatedImageAsDamaged(t *testing.T) {
	dir := t.TempDir()
	jpg := jpegBytes(t, scan(800, 560), 85)
	png := pngBytes(t, scan(640, 448))
	tests := []struct {
		name        string
		data        []byte
		wantRefused bool
	}{
		{"a whole JPEG", jpg, false},
		{"a JPEG cut in half", jpg[:len(jpg)/2], true},
		{"a JPEG missing only its EOI", jpg[:len(jpg)-2], true},
		{"a JPEG with a motion video appended after EOI", append(append([]byte(nil), jpg...), []byte("\x00\x00\x00\x18ftypmp42")...), false},
		{"a whole PNG", png, false},
		{"a PNG cut in half", png[:len(png)/2], true},
		{"a PNG missing its IEND chunk", png[:len(png)-12], true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ext := ".jpg"
			if tt.data[0] == 0x89 {
				ext = ".png"
			}
			info := Inspect(writeFile(t, dir, "scan"+ext, tt.data), 0)
			if refused := info.Refusal != ""; refused != tt.wantRefused {
				t.Fatalf("refused %v (%q), want %v", refused, info.Refusal, tt.wantRefused)
			}
			if tt.wantRefused && (info.Refusal != SentenceDamaged || !strings.Contains(strings.Join(info.Warnings, ";"), "damaged")) {
				t.Errorf("refusal %q warnings %q, want the damaged sentence and warning", info.Refusal, info.Warnings)
			}
		})
	}
}

func TestDecodeRefusesAFileThatChangedSinceInspect(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.jpg", jpegBytes(t, scan(800, 560), 85))
	info := Inspect(p, 0)
	writeFile(t, dir, "p.jpg", jpegBytes(t, scan(900, 560), 60))
	if _, err := Decode(info); !errors.Is(err, ErrChanged) {
		t.Fatalf("Decode error %v, want ErrChanged", err)
	}
}

func TestCacheKeysOnSizeAndModTimeAndKeepsWithinItsBudget(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "p.jpg", jpegBytes(t, scan(800, 560), 85))
	info := Inspect(p, 0)
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

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 812: "812 B", 34_500: "34.5 KB", 1_234_567: "1.2 MB", 10_000_000: "10.0 MB", 250_000_000: "250 MB"} {
		if got := HumanBytes(n); got != want {
			t.Errorf("HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if photo24Path != "" {
		os.RemoveAll(filepath.Dir(photo24Path)) // the benchmarks' 24-megapixel JPEG
	}
	os.Exit(code)
}
