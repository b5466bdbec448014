package preview

import (
	"bytes"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

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

// pngHeader is a PNG signature and a valid IHDR chunk claiming w×h RGBA pixels, with no pixel
// data: what a decompression bomb looks like to DecodeConfig.
func pngHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := []byte{'I', 'H', 'D', 'R',
		byte(w >> 24), byte(w >> 16), byte(w >> 8), byte(w),
		byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h),
		8, 6, 0, 0, 0}
	b = append(b, 0, 0, 0, 13)
	b = append(b, ihdr...)
	crc := crc32.ChecksumIEEE(ihdr)
	return append(b, byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc))
}
