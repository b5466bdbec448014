package preview

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"
)

// portrait draws a face-photo-like test picture: a smooth background gradient, a skin-toned
// oval with darker eyes and mouth, and fine noise, so the colours are many and close together.
func portrait(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(12345)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			seed = seed*1664525 + 1013904223
			noise := int(seed>>28) - 8
			r, g, b := 90+100*y/h, 120+60*x/w, 170-50*y/h
			dx, dy := float64(x-w/2)/float64(w/3), float64(y-h/2)/(float64(h)/2.6)
			if dx*dx+dy*dy < 1 {
				r, g, b = 215-int(40*dy), 170-int(30*dy), 140-int(20*dy)
				if (y > h*2/5 && y < h*9/20) && (x > w/3 && x < w*5/12 || x > w*7/12 && x < w*2/3) {
					r, g, b = 50, 35, 30
				}
				if y > h*5/8 && y < h*2/3 && x > w*2/5 && x < w*3/5 {
					r, g, b = 160, 70, 70
				}
			}
			img.SetRGBA(x, y, color.RGBA{clamp8(r + noise), clamp8(g + noise), clamp8(b + noise), 0xff})
		}
	}
	return img
}

func clamp8(v int) uint8 { return uint8(min(max(v, 0), 255)) }

// meanError is the mean absolute difference per channel between two pictures of one size.
func meanError(t *testing.T, a, b *image.RGBA) float64 {
	t.Helper()
	if a.Bounds().Size() != b.Bounds().Size() {
		t.Fatalf("sizes differ: %v and %v", a.Bounds().Size(), b.Bounds().Size())
	}
	var sum float64
	w, h := a.Bounds().Dx(), a.Bounds().Dy()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			p, q := a.RGBAAt(x, y), b.RGBAAt(x, y)
			sum += math.Abs(float64(p.R)-float64(q.R)) + math.Abs(float64(p.G)-float64(q.G)) + math.Abs(float64(p.B)-float64(q.B))
		}
	}
	return sum / float64(3*w*h)
}

// decodeSixel reads a Sixel DCS string back into a picture, as a terminal would, and fails the
// test on anything a terminal would not read the same way: a pixel outside the declared size,
// a pixel painted twice or never, a colour used before it is defined.
func decodeSixel(t *testing.T, s string) *image.RGBA {
	t.Helper()
	if !strings.HasPrefix(s, "\x1bP") || !strings.HasSuffix(s, "\x1b\\") {
		t.Fatalf("not a DCS string: %.40q…", s)
	}
	body := s[2 : len(s)-2]
	q := strings.IndexByte(body, 'q')
	if q < 0 {
		t.Fatal("no q introducer")
	}
	if strings.ContainsAny(body, "\x1b\x07") {
		t.Fatal("an escape or BEL inside the Sixel data would end it early")
	}
	body = body[q+1:]
	i := 0
	number := func() int {
		j := i
		for i < len(body) && body[i] >= '0' && body[i] <= '9' {
			i++
		}
		n, err := strconv.Atoi(body[j:i])
		if err != nil {
			t.Fatalf("a number expected at %d: %.20q", j, body[j:])
		}
		return n
	}
	var img *image.RGBA
	var painted []int
	palette := map[int]color.RGBA{}
	cur, x, y := -1, 0, 0
	paint := func(ch byte, n int) {
		if img == nil {
			t.Fatal("pixels before the raster attributes")
		}
		c, ok := palette[cur]
		if !ok {
			t.Fatalf("colour %d used before it is defined", cur)
		}
		for k := 0; k < n; k++ {
			for bit := 0; bit < 6; bit++ {
				if (ch-'?')&(1<<bit) == 0 {
					continue
				}
				px, py := x, y+bit
				if px >= img.Rect.Dx() || py >= img.Rect.Dy() {
					t.Fatalf("pixel (%d,%d) outside %v", px, py, img.Rect.Size())
				}
				img.SetRGBA(px, py, c)
				painted[py*img.Rect.Dx()+px]++
			}
			x++
		}
	}
	for i < len(body) {
		switch ch := body[i]; {
		case ch == '"':
			i++
			pan := number()
			i++
			pad := number()
			i++
			w := number()
			i++
			h := number()
			if pan != 1 || pad != 1 {
				t.Errorf("pixel aspect %d:%d, want square", pan, pad)
			}
			img = image.NewRGBA(image.Rect(0, 0, w, h))
			painted = make([]int, w*h)
		case ch == '#':
			i++
			n := number()
			if i < len(body) && body[i] == ';' {
				i++
				space := number()
				i++
				r := number()
				i++
				g := number()
				i++
				b := number()
				if space != 2 || r > 100 || g > 100 || b > 100 {
					t.Fatalf("colour %d: %d;%d;%d;%d is not RGB in percent", n, space, r, g, b)
				}
				palette[n] = color.RGBA{uint8((r*255 + 50) / 100), uint8((g*255 + 50) / 100), uint8((b*255 + 50) / 100), 0xff}
			} else {
				cur = n
			}
		case ch == '!':
			i++
			n := number()
			paint(body[i], n)
			i++
		case ch == '$':
			x = 0
			i++
		case ch == '-':
			x, y = 0, y+6
			i++
		case ch >= '?' && ch <= '~':
			paint(ch, 1)
			i++
		default:
			t.Fatalf("unexpected byte %q at %d", ch, i)
		}
	}
	if len(palette) > 256 {
		t.Errorf("%d colours, Sixel terminals keep 256", len(palette))
	}
	for k, n := range painted {
		if n != 1 {
			t.Fatalf("pixel (%d,%d) painted %d times", k%img.Rect.Dx(), k/img.Rect.Dx(), n)
		}
	}
	return img
}

func TestSixelDrawsThePictureBackWithinTheQuantisationError(t *testing.T) {
	for _, tc := range []struct {
		name    string
		img     *image.RGBA
		maxMean float64
	}{
		{"a face photo, many close colours", portrait(301, 397), 3},
		{"a passport scan", scan(640, 451), 3},
		{"one pixel", portrait(1, 1), 1},
		{"a height that is not a multiple of six", portrait(40, 13), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := decodeSixel(t, Sixel(tc.img))
			if e := meanError(t, tc.img, got); e > tc.maxMean {
				t.Errorf("mean error %.2f per channel, want at most %.1f", e, tc.maxMean)
			}
		})
	}
}

// A picture of at most 256 colours, each in its own 8-level bin, comes back with every pixel
// within the rounding of Sixel's percent scale.
func TestSixelKeepsAFewColoursExactly(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 50))
	for y := 0; y < 50; y++ {
		for x := 0; x < 64; x++ {
			k := (x/4 + y/5*16) % 200
			img.SetRGBA(x, y, color.RGBA{uint8(k%6*50 + 3), uint8(k/6%6*50 + 3), uint8(k/36*40 + 3), 0xff})
		}
	}
	got := decodeSixel(t, Sixel(img))
	for y := 0; y < 50; y++ {
		for x := 0; x < 64; x++ {
			p, q := img.RGBAAt(x, y), got.RGBAAt(x, y)
			if d := max(absDiff(p.R, q.R), absDiff(p.G, q.G), absDiff(p.B, q.B)); d > 2 {
				t.Fatalf("pixel (%d,%d) is %v, drawn %v", x, y, p, q)
			}
		}
	}
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// decodeKitty reads kitty graphics escape codes back: the keys of the first, the chunking rules
// of the protocol, and the PNG they carry.
func decodeKitty(t *testing.T, s string) (keys map[string]string, img image.Image) {
	t.Helper()
	var payload strings.Builder
	chunks := 0
	for s != "" {
		if !strings.HasPrefix(s, "\x1b_G") {
			t.Fatalf("not an APC G code: %.30q", s)
		}
		end := strings.Index(s, "\x1b\\")
		if end < 0 {
			t.Fatal("an APC code without its ST")
		}
		ctl, data, ok := strings.Cut(s[3:end], ";")
		if !ok {
			t.Fatalf("chunk %d has no payload", chunks)
		}
		s = s[end+2:]
		kv := map[string]string{}
		for _, p := range strings.Split(ctl, ",") {
			k, v, _ := strings.Cut(p, "=")
			kv[k] = v
		}
		if chunks == 0 {
			keys = kv
		} else {
			for k := range kv {
				if k != "m" && k != "q" {
					t.Errorf("chunk %d carries key %s: only the first may", chunks, k)
				}
			}
		}
		last := s == ""
		if want := map[bool]string{true: "0", false: "1"}[last]; kv["m"] != want {
			t.Errorf("chunk %d has m=%s, want m=%s", chunks, kv["m"], want)
		}
		if len(data) > 4096 || (!last && len(data)%4 != 0) {
			t.Errorf("chunk %d carries %d bytes of base64", chunks, len(data))
		}
		payload.WriteString(data)
		chunks++
	}
	raw, err := base64.StdEncoding.DecodeString(payload.String())
	if err != nil {
		t.Fatal(err)
	}
	if keys["f"] != "100" {
		t.Fatalf("format %q, the payload is a PNG (f=100)", keys["f"])
	}
	img, err = png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return keys, img
}

func TestKittySendsThePictureWholeInChunks(t *testing.T) {
	src := portrait(301, 397) // noise makes the PNG far larger than one chunk
	keys, got := decodeKitty(t, Kitty(src, 30, 20))
	for k, want := range map[string]string{"a": "T", "C": "1", "q": "2", "c": "30", "r": "20"} {
		if keys[k] != want {
			t.Errorf("key %s=%q, want %q", k, keys[k], want)
		}
	}
	rgba := image.NewRGBA(got.Bounds())
	for y := 0; y < got.Bounds().Dy(); y++ {
		for x := 0; x < got.Bounds().Dx(); x++ {
			rgba.Set(x, y, got.At(x, y))
		}
	}
	if e := meanError(t, src, rgba); e != 0 {
		t.Errorf("mean error %.2f: PNG is lossless", e)
	}
}

func TestScaleShrinksAndGrowsToTheExactSize(t *testing.T) {
	src := portrait(120, 160)
	for _, size := range [][2]int{{60, 80}, {240, 320}, {121, 161}, {1, 1}} {
		got := Scale(src, size[0], size[1])
		if got.Bounds().Dx() != size[0] || got.Bounds().Dy() != size[1] {
			t.Fatalf("Scale to %v gave %v", size, got.Bounds().Size())
		}
		// Back at the source's size, the picture is still the same picture.
		if size[0] >= 60 {
			if e := meanError(t, src, Scale(got, 120, 160)); e > 12 {
				t.Errorf("scaled to %v and back: mean error %.1f", size, e)
			}
		}
	}
	if w, h := FitWithin(300, 400, 1000, 600); w != 450 || h != 600 {
		t.Errorf("FitWithin enlarges to %d×%d, want 450×600", w, h)
	}
}

func TestDecodeBase64KeepsTheFacePhotosPixels(t *testing.T) {
	src := portrait(240, 320)
	b64 := base64.StdEncoding.EncodeToString(pngBytes(t, src))
	got, ok := DecodeBase64("data:image/png;base64,"+b64, 1024)
	if !ok || meanError(t, src, got) != 0 {
		t.Fatalf("ok %v: the photo did not come back whole", ok)
	}
	small, ok := DecodeBase64(b64, 120)
	if !ok || small.Bounds().Dx() != 90 || small.Bounds().Dy() != 120 {
		t.Fatalf("ok %v, size %v: want 90×120", ok, small.Bounds().Size())
	}
	if _, ok := DecodeBase64("bm90IGFuIGltYWdl", 100); ok {
		t.Error("text decoded as a photo")
	}
}
