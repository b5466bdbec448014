package preview

import (
	"bytes"
	"context"
	"encoding/base64"
	"image"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Thumbnail is a rendered half-block picture, Cols×Rows cells.
type Thumbnail struct {
	Cols, Rows int
	Text       string // Rows lines of ANSI-coloured half blocks, joined by "\n"
}

// Render draws img into at most cols×rows cells (two pixels per cell vertically: a cell is about
// twice as tall as wide, so each half is square), box-filtered, aspect ratio kept, in the colour
// profile lipgloss detected. The returned Cols/Rows are the cells actually used.
func Render(img image.Image, cols, rows int) Thumbnail {
	return RenderProfile(img, cols, rows, lipgloss.ColorProfile())
}

// RenderProfile is Render for an explicit colour profile. Without colour (termenv.Ascii, e.g.
// NO_COLOR) it draws a grey ramp of ASCII characters, so the picture still shows and golden files
// stay plain text.
func RenderProfile(img image.Image, cols, rows int, p termenv.Profile) Thumbnail {
	if img == nil || cols <= 0 || rows <= 0 {
		return Thumbnail{}
	}
	b := img.Bounds()
	tw, th := fit(b.Dx(), b.Dy(), cols, rows*2)
	if tw == 0 {
		return Thumbnail{}
	}
	px := box(img, tw, th)
	cells := (th + 1) / 2
	var sb strings.Builder
	sb.Grow(cells * (tw*40 + 8))
	for cy := 0; cy < cells; cy++ {
		if cy > 0 {
			sb.WriteByte('\n')
		}
		var prev [6]uint8
		for x := 0; x < tw; x++ {
			top := px.Pix[px.PixOffset(x, cy*2):]
			var bottom []uint8
			if cy*2+1 < th {
				bottom = px.Pix[px.PixOffset(x, cy*2+1):]
			}
			// A cell with the colours of the one before needs no new escape sequence: flat paper
			// then costs 3 bytes a cell instead of ~40, which slow terminals and SSH notice.
			cur := [6]uint8{top[0], top[1], top[2]}
			if bottom != nil {
				cur[3], cur[4], cur[5] = bottom[0], bottom[1], bottom[2]
			}
			if x > 0 && cur == prev && p != termenv.Ascii && bottom != nil {
				sb.WriteString("▀")
				continue
			}
			prev = cur
			writeCell(&sb, p, top, bottom)
		}
		if p != termenv.Ascii {
			sb.WriteString("\x1b[0m")
		}
	}
	return Thumbnail{Cols: tw, Rows: cells, Text: sb.String()}
}

const asciiRamp = " .:-=+*#%@"

func writeCell(sb *strings.Builder, p termenv.Profile, top, bottom []uint8) {
	switch p {
	case termenv.Ascii:
		l := luma(top)
		if bottom != nil {
			l = (l + luma(bottom)) / 2
		}
		sb.WriteByte(asciiRamp[l*len(asciiRamp)/256])
	case termenv.TrueColor:
		sb.WriteString("\x1b[38;2;")
		writeRGB(sb, top)
		if bottom != nil {
			sb.WriteString(";48;2;")
			writeRGB(sb, bottom)
		} else {
			sb.WriteString(";49")
		}
		sb.WriteString("m▀")
	default:
		sb.WriteString("\x1b[")
		sb.WriteString(p.Convert(termenv.RGBColor(hex(top))).Sequence(false))
		if bottom != nil {
			sb.WriteByte(';')
			sb.WriteString(p.Convert(termenv.RGBColor(hex(bottom))).Sequence(true))
		} else {
			sb.WriteString(";49")
		}
		sb.WriteString("m▀")
	}
}

func luma(c []uint8) int { return (299*int(c[0]) + 587*int(c[1]) + 114*int(c[2])) / 1000 }

func writeRGB(sb *strings.Builder, c []uint8) {
	var buf [12]byte
	b := strconv.AppendUint(buf[:0], uint64(c[0]), 10)
	b = append(b, ';')
	b = strconv.AppendUint(b, uint64(c[1]), 10)
	b = append(b, ';')
	b = strconv.AppendUint(b, uint64(c[2]), 10)
	sb.Write(b)
}

func hex(c []uint8) string {
	const digits = "0123456789abcdef"
	return string([]byte{'#', digits[c[0]>>4], digits[c[0]&15], digits[c[1]>>4], digits[c[1]&15], digits[c[2]>>4], digits[c[2]&15]})
}

// MaxBase64Bytes refuses base64 images larger than this once decoded (an OCR face photo is a
// few tens of kilobytes).
const MaxBase64Bytes = 4 << 20

// maxBase64Pixels bounds a face photo's header before any pixel is decoded. A large JPEG is
// read at 1/8 scale; a PNG can only be decoded whole, so its bound is what fits the memory
// budget (4 bytes a pixel).
const (
	maxBase64Pixels    = 25_000_000
	maxBase64PNGPixels = 4_000_000
)

// FromBase64 decodes a base64 JPEG/PNG (e.g. the OCR face photo; a "data:image/…;base64,"
// prefix and line breaks are tolerated) and renders it; ok is false when it is too large or does
// not decode as an image.
func FromBase64(s string, cols, rows int) (Thumbnail, bool) {
	// The same order as for a local file: the header's size first, then a reduced decode.
	raw, cfg, format, ok := base64Image(s)
	if !ok {
		return Thumbnail{}, false
	}
	limit := int64(maxBase64Pixels)
	if format == "png" {
		limit = maxBase64PNGPixels
	}
	if int64(cfg.Width)*int64(cfg.Height) > limit {
		return Thumbnail{}, false
	}
	img, err := decodeSample(context.Background(), bytes.NewReader(raw), int64(len(raw)), format, cfg.Width, cfg.Height)
	if err != nil {
		return Thumbnail{}, false
	}
	t := Render(img, cols, rows)
	return t, t.Cols > 0
}

// base64Image undoes the base64 of a JPEG or PNG the server sent (a "data:image/…;base64,"
// prefix and line breaks are tolerated) within MaxBase64Bytes and reads its header; ok is false
// when it is too large or not one of the two formats.
func base64Image(s string) (raw []byte, cfg image.Config, format string, ok bool) {
	if i := strings.Index(s, ";base64,"); i >= 0 && strings.HasPrefix(s, "data:") {
		s = s[i+len(";base64,"):]
	}
	if base64.StdEncoding.DecodedLen(len(s)) > MaxBase64Bytes+MaxBase64Bytes/8 {
		return nil, cfg, "", false
	}
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil || len(raw) == 0 || len(raw) > MaxBase64Bytes {
		return nil, cfg, "", false
	}
	cfg, format, err = image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "jpeg" && format != "png") || cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, cfg, "", false
	}
	return raw, cfg, format, true
}
