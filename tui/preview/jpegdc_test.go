package preview

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// photo is a scan-like test picture with smooth areas, edges and saturated colours.
func photo(w, h int) *image.RGBA {
	img := scan(w, h)
	for y := 0; y < h; y++ {
		for x := 0; x < w/10; x++ {
			img.SetRGBA(x, y, color.RGBA{R: 250, G: 10, B: uint8(255 * y / h), A: 255})
		}
	}
	return img
}

// sampleDiff compares two samples of the same size: the largest and the mean difference of any
// channel, and the share of channels that differ by more than limit.
func sampleDiff(t *testing.T, a, b *image.RGBA, limit int) (worst int, mean, over float64) {
	t.Helper()
	if a.Bounds() != b.Bounds() {
		t.Fatalf("sample sizes differ: %v and %v", a.Bounds(), b.Bounds())
	}
	var sum, n int
	for i := range a.Pix {
		d := int(a.Pix[i]) - int(b.Pix[i])
		if d < 0 {
			d = -d
		}
		if d > limit {
			n++
		}
		worst, sum = max(worst, d), sum+d
	}
	return worst, float64(sum) / float64(len(a.Pix)), float64(n) / float64(len(a.Pix))
}

// blockMeans averages each plane of a full decode over 8×8 blocks of its own samples (pixels
// past the edge are left out): what a DC-only decode should produce.
func blockMeans(img image.Image) image.Image {
	mean := func(pix []uint8, stride, w, h int) ([]uint8, int) {
		bw, bh := (w+7)/8, (h+7)/8
		out := make([]uint8, bw*bh)
		for by := 0; by < bh; by++ {
			for bx := 0; bx < bw; bx++ {
				sum, n := 0, 0
				for y := by * 8; y < min(by*8+8, h); y++ {
					for x := bx * 8; x < min(bx*8+8, w); x++ {
						sum, n = sum+int(pix[y*stride+x]), n+1
					}
				}
				out[by*bw+bx] = uint8((sum + n/2) / n)
			}
		}
		return out, bw
	}
	switch m := img.(type) {
	case *image.Gray:
		pix, stride := mean(m.Pix, m.Stride, m.Rect.Dx(), m.Rect.Dy())
		return &image.Gray{Pix: pix, Stride: stride, Rect: image.Rect(0, 0, (m.Rect.Dx()+7)/8, (m.Rect.Dy()+7)/8)}
	case *image.YCbCr:
		cw, ch := chromaSize(m)
		out := image.NewYCbCr(image.Rect(0, 0, (m.Rect.Dx()+7)/8, (m.Rect.Dy()+7)/8), m.SubsampleRatio)
		y, _ := mean(m.Y, m.YStride, m.Rect.Dx(), m.Rect.Dy())
		cb, cstride := mean(m.Cb, m.CStride, cw, ch)
		cr, _ := mean(m.Cr, m.CStride, cw, ch)
		copy(out.Y, y)
		for row := 0; row < len(out.Cb)/out.CStride; row++ {
			copy(out.Cb[row*out.CStride:(row+1)*out.CStride], cb[row*cstride:])
			copy(out.Cr[row*out.CStride:(row+1)*out.CStride], cr[row*cstride:])
		}
		return out
	}
	panic("blockMeans: unexpected image type")
}

// fullSample is the reference: image/jpeg's full decode averaged into the same cells, by the
// same overlap weights, so that only the decoders differ.
func fullSample(t *testing.T, data []byte) *image.RGBA {
	t.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return areaSampleScaled(img, img.Bounds().Dx(), img.Bounds().Dy(), 1)
}

func TestDCDecodeMatchesImageJPEGDownscaled(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 1700, 1000))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i % 1700 * 255 / 1700)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"colour 4:2:0", jpegBytes(t, photo(1600, 1200), 85)},
		{"colour, sides not a multiple of the block", jpegBytes(t, photo(1603, 1211), 85)},
		{"portrait, low quality", jpegBytes(t, photo(1000, 1700), 40)},
		{"grey", jpegBytes(t, gray, 90)},
		{"with restart markers every MCU", withRestarts(t, photo(1600, 1216))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := decodeDC(context.Background(), bytes.NewReader(tt.data), nil)
			if err != nil {
				t.Fatalf("decodeDC: %v", err)
			}
			cfg, _ := jpeg.DecodeConfig(bytes.NewReader(tt.data))
			if b := img.Bounds(); b.Dx() != (cfg.Width+7)/8 || b.Dy() != (cfg.Height+7)/8 {
				t.Fatalf("1/8 image is %v for a %d×%d file", b, cfg.Width, cfg.Height)
			}
			// The decoder's part: its block means are image/jpeg's, so the two samples made
			// from block means by the same resampling agree to rounding.
			full, err := jpeg.Decode(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			got := areaSample(img, cfg.Width, cfg.Height)
			worst, _, _ := sampleDiff(t, got, areaSample(blockMeans(full), cfg.Width, cfg.Height), 0)
			if worst > 3 {
				t.Errorf("block means differ from image/jpeg's by up to %d levels", worst)
			}
			// The cost of working from 8×8 means (16×16 for chroma) instead of pixels: a cell
			// that cuts a block takes its share of the block's mean, not of its own pixels.
			if _, mean, _ := sampleDiff(t, got, fullSample(t, tt.data), 255); mean > 5 {
				t.Errorf("off the full decode's sample by %.2f levels on average", mean)
			}
		})
	}
}

func TestDCDecodeLeavesWhatItDoesNotReadToImageJPEG(t *testing.T) {
	base := jpegBytes(t, photo(1600, 1200), 85)
	progressive := bytes.Replace(base, []byte{0xff, 0xc0}, []byte{0xff, 0xc2}, 1)
	if _, err := decodeDC(context.Background(), bytes.NewReader(progressive), nil); !errors.Is(err, errUnsupported) {
		t.Errorf("a progressive frame: %v, want errUnsupported", err)
	}
	cmyk := bytes.Replace(base, []byte{0xff, 0xc0, 0x00, 0x11, 0x08}, []byte{0xff, 0xc0, 0x00, 0x14, 0x08}, 1)
	if _, err := decodeDC(context.Background(), bytes.NewReader(cmyk), nil); !errors.Is(err, errUnsupported) {
		t.Errorf("a frame header of another length: %v, want errUnsupported", err)
	}
	cut := base[:len(base)/2]
	if _, err := decodeDC(context.Background(), bytes.NewReader(cut), nil); err == nil {
		t.Error("a truncated file decoded without an error")
	}
	// Through DecodeContext, the fallback decides: image/jpeg finds the truncated file damaged.
	if _, err := decodeSample(context.Background(), bytes.NewReader(cut), int64(len(cut)), "jpeg", 1600, 1200); !errors.Is(err, ErrDamaged) {
		t.Errorf("decodeSample of a truncated file: %v, want ErrDamaged", err)
	}
}

func TestDCDecodeStopsWhenCancelled(t *testing.T) {
	data := jpegBytes(t, photo(1600, 1200), 85)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := decodeSample(ctx, bytes.NewReader(data), int64(len(data)), "jpeg", 1600, 1200); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled decode: %v, want context.Canceled", err)
	}
}

func TestTheEXIFThumbnailIsUsedWhenLargeEnoughAndTheSameShape(t *testing.T) {
	main := jpegBytes(t, photo(1600, 1200), 85)
	tests := []struct {
		name         string
		thumbW, thmH int
		wantW, wantH int // the sample's size
	}{
		{"160×120, the camera's usual", 160, 120, 160, 120},
		{"too small", 120, 90, SampleSide, 144},
		{"square for a 4:3 photo (padded)", 160, 160, SampleSide, 144},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := withEXIFThumbnail(t, main, jpegBytes(t, photo(tt.thumbW, tt.thmH), 80))
			img, err := decodeSample(context.Background(), bytes.NewReader(data), int64(len(data)), "jpeg", 1600, 1200)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tt.wantW || b.Dy() != tt.wantH {
				t.Errorf("sample %v, want %d×%d", b, tt.wantW, tt.wantH)
			}
		})
	}
}

// withEXIFThumbnail inserts after SOI an APP1 block with an empty IFD0 and an IFD1 that points
// at thumb, the way cameras store it.
func withEXIFThumbnail(t testing.TB, main, thumb []byte) []byte {
	t.Helper()
	bo := binary.LittleEndian
	tiff := []byte("II*\x00")
	tiff = bo.AppendUint32(tiff, 8) // IFD0 at 8
	tiff = bo.AppendUint16(tiff, 0) // no entries
	tiff = bo.AppendUint32(tiff, 14)
	// IFD1 at 14: two entries, then no next IFD, then the thumbnail.
	tiff = bo.AppendUint16(tiff, 2)
	dataAt := uint32(14 + 2 + 2*12 + 4)
	for _, e := range [][2]uint32{{0x0201, dataAt}, {0x0202, uint32(len(thumb))}} {
		tiff = bo.AppendUint16(tiff, uint16(e[0]))
		tiff = bo.AppendUint16(tiff, 4) // LONG
		tiff = bo.AppendUint32(tiff, 1)
		tiff = bo.AppendUint32(tiff, e[1])
	}
	tiff = bo.AppendUint32(tiff, 0)
	tiff = append(tiff, thumb...)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xff, 0xd8, 0xff, 0xe1}
	out = binary.BigEndian.AppendUint16(out, uint16(len(seg)+2))
	out = append(out, seg...)
	return append(out, main[2:]...)
}

// withRestarts builds a baseline JPEG with a restart marker after every MCU: image/jpeg writes
// no DRI, but each 16×16 tile encoded alone starts its DC prediction at zero and ends on a byte
// boundary padded with ones, which is exactly a restart interval of one MCU. The tiles share
// the encoder's tables, so their entropy data is joined under one header.
func withRestarts(t testing.TB, img *image.RGBA) []byte {
	t.Helper()
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if w%16 != 0 || h%16 != 0 {
		t.Fatal("withRestarts needs whole MCUs")
	}
	var header, body []byte
	rst := 0
	for y := 0; y < h; y += 16 {
		for x := 0; x < w; x += 16 {
			tile := jpegBytes(t, img.SubImage(image.Rect(x, y, x+16, y+16)), 85)
			sos := bytes.Index(tile, []byte{0xff, 0xda})
			sosLen := int(binary.BigEndian.Uint16(tile[sos+2:]))
			data := tile[sos+2+sosLen : len(tile)-2] // up to EOI
			if header == nil {
				header = append([]byte(nil), tile[:sos+2+sosLen]...)
			} else {
				body = append(body, 0xff, byte(0xd0+rst%8))
				rst++
			}
			body = append(body, data...)
		}
	}
	// The frame header carries the whole image's size; DRI says one MCU per interval.
	sof := bytes.Index(header, []byte{0xff, 0xc0})
	binary.BigEndian.PutUint16(header[sof+5:], uint16(h))
	binary.BigEndian.PutUint16(header[sof+7:], uint16(w))
	sos := bytes.Index(header, []byte{0xff, 0xda})
	out := append([]byte(nil), header[:sos]...)
	out = append(out, 0xff, 0xdd, 0, 4, 0, 1)
	out = append(out, header[sos:]...)
	out = append(out, body...)
	return append(out, 0xff, 0xd9)
}

// FuzzDecodeDC: whatever the bytes, the decoder answers without panicking, and an image it
// returns is the header's size at 1/8 scale (or an EXIF thumbnail).
func FuzzDecodeDC(f *testing.F) {
	f.Add(jpegBytes(f, photo(64, 48), 80))
	f.Add(withRestarts(f, photo(32, 32)))
	f.Add(withEXIFThumbnail(f, jpegBytes(f, photo(64, 48), 80), jpegBytes(f, photo(16, 12), 80)))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := decodeDC(context.Background(), bytes.NewReader(data), func(w, h int) bool { return true })
		if err != nil {
			return
		}
		if _, thumb := img.(*image.RGBA); thumb {
			return
		}
		cfg, cerr := jpeg.DecodeConfig(bytes.NewReader(data))
		if cerr == nil && (img.Bounds().Dx() != (cfg.Width+7)/8 || img.Bounds().Dy() != (cfg.Height+7)/8) {
			t.Fatalf("a %v image for a %d×%d header", img.Bounds(), cfg.Width, cfg.Height)
		}
	})
}
