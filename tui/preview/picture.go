package preview

// Pictures drawn large: the face view shows the face photo and the scan as big as the terminal
// allows, in pixels where the terminal draws them (kitty.go, sixel.go), else in half-blocks.

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"io"

	"golang.org/x/image/draw"
)

// FitWithin is the largest w×h-shaped size within maxW×maxH (enlarging too), never 0 when
// both are positive.
func FitWithin(w, h, maxW, maxH int) (int, int) {
	if w <= 0 || h <= 0 || maxW <= 0 || maxH <= 0 {
		return 0, 0
	}
	if int64(w)*int64(maxH) >= int64(h)*int64(maxW) {
		return maxW, max(1, int(int64(h)*int64(maxW)/int64(w)))
	}
	return max(1, int(int64(w)*int64(maxH)/int64(h))), maxH
}

// Scale returns img at exactly w×h pixels: box-filtered when it shrinks (every source pixel
// counts once), bilinear when it grows.
func Scale(img image.Image, w, h int) *image.RGBA {
	b := img.Bounds()
	if w <= b.Dx() && h <= b.Dy() {
		if rgba, ok := img.(*image.RGBA); ok && b.Dx() == w && b.Dy() == h && b.Min == (image.Point{}) {
			return rgba
		}
		return box(img, w, h)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.BiLinear.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

// DecodeWhole decodes the JPEG or PNG read from r in full and returns it box-filtered to at
// most maxSide pixels a side (smaller pictures are kept as they are). The caller bounds r and
// has checked the header's size: this is for a file that passed Inspect.
func DecodeWhole(r io.Reader, maxSide int) (*image.RGBA, error) {
	img, _, err := image.Decode(bufio.NewReaderSize(r, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	w, h := fit(img.Bounds().Dx(), img.Bounds().Dy(), maxSide, maxSide)
	return Scale(img, w, h), nil
}

// DecodeBase64 decodes a base64 JPEG or PNG (the OCR face photo) in full, under the limits
// FromBase64 keeps (MaxBase64Bytes, the header's pixel count), and returns it at most maxSide
// pixels a side; ok is false when it is too large or not an image.
func DecodeBase64(s string, maxSide int) (*image.RGBA, bool) {
	raw, cfg, _, ok := base64Image(s)
	if !ok {
		return nil, false
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxBase64PNGPixels {
		// A larger photo is not a face crop: the half-block thumbnail's reduced decode is enough.
		return nil, false
	}
	img, err := DecodeWhole(bytes.NewReader(raw), maxSide)
	return img, err == nil
}
