package imagecheck

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

// One number per thing: a size that is a whole number of units reads whole ("10 MB", as the
// limit was given), any other with one decimal ("13.0 MB" is not exactly 13 MB), and rounding
// never shows 1000 of a unit or 100.0 of one.
func TestHumanBytes(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "0 B"},
		{812, "812 B"},
		{999, "999 B"},
		{1_000, "1 KB"},
		{34_500, "34.5 KB"},
		{999_950, "1.0 MB"},
		{1_234_567, "1.2 MB"},
		{10_000_000, "10 MB"},
		{10_040_000, "10.0 MB"},
		{13_048_712, "13.0 MB"},
		{15_000_000, "15 MB"},
		{15_700_000, "15.7 MB"},
		{99_960_000, "100 MB"},
		{150_000_001, "150 MB"},
		{250_000_000, "250 MB"},
		{999_600_000, "1.0 GB"},
		{2_000_000_000, "2 GB"},
	} {
		if got := HumanBytes(tc.n); got != tc.want {
			t.Errorf("HumanBytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// A file over the limit is never said to be the size of the limit: when the two round to the
// same text, the sentence gives both in bytes.
func TestTheTooLargeSentenceNeverGivesTheLimitAsTheFileSize(t *testing.T) {
	dir := t.TempDir()
	jpg := jpegBytes(t, scan(800, 560), 85)
	for _, tc := range []struct {
		name     string
		size     int64
		limit    int64
		sentence string
		warning  string
	}{
		{"13,048,712 bytes over 10 MB", 13_048_712, 10_000_000,
			"The file is 13.0 MB; the limit is 10 MB.", "too large (13.0 MB, limit 10 MB)"},
		{"one byte over 150 MB", 150_000_001, 150_000_000,
			"The file is 150,000,001 bytes; the limit is 150,000,000 bytes.", "too large (150,000,001 bytes, limit 150,000,000 bytes)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, dir, "scan.jpg", jpg)
			if err := os.Truncate(p, tc.size); err != nil {
				t.Fatal(err)
			}
			info := Inspect(p, tc.limit)
			if !strings.HasPrefix(info.Refusal, tc.sentence) {
				t.Errorf("refusal %q, want it to begin %q", info.Refusal, tc.sentence)
			}
			if w := strings.Join(info.Warnings, "; "); !strings.Contains(w, tc.warning) {
				t.Errorf("warnings %q, want %q", w, tc.warning)
			}
		})
	}
}

// scan draws a passport-like test picture: a warm page, a dark photo box, lines of "text".
func scan(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{R: 236, G: 226, B: 200, A: 255}
			switch {
			case x < w/3 && y > h/4 && y < h*3/4:
				c = color.RGBA{R: uint8(60 + 80*y/h), G: 70, B: uint8(90 + 60*x/w), A: 255}
			case x > w/3+w/20 && (y/(max(h/40, 1)))%3 == 0 && (x/(max(w/200, 1)))%4 != 0:
				c = color.RGBA{R: 30, G: 30, B: 40, A: 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func jpegBytes(t testing.TB, img image.Image, quality int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngBytes(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
