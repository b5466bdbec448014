// Package draw paints the sandbox's synthetic passport data pages: a tinted guilloche
// background, the persona's printed fields, a silhouette in the photo box, a large diagonal
// SPECIMEN marking, and the ICAO 9303 TD3 MRZ in a monospace font. It is used only by the
// specimen generator (go generate), so the server binary carries the images, not the fonts.
package draw

import (
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"strings"

	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/f64"
	"golang.org/x/image/math/fixed"

	"example.com/passport-update/api/sandbox/internal/persona"
)

// The page is laid out in units of a 1250×880 grid (a TD3 page is 125×88 mm) and scaled to the
// requested width, so every size is drawn sharp rather than resampled.
const (
	gridW = 1250.0
	gridH = 880.0
)

var (
	ink      = color.RGBA{R: 24, G: 32, B: 48, A: 255}
	labelInk = color.RGBA{R: 70, G: 84, B: 100, A: 255}
	header   = color.RGBA{R: 22, G: 62, B: 92, A: 255}
	paper    = color.RGBA{R: 236, G: 242, B: 234, A: 255}
	mrzPaper = color.RGBA{R: 248, G: 249, B: 244, A: 255}
	specimen = color.NRGBA{R: 205, G: 30, B: 40, A: 96}
)

// Encode draws the specimen and writes it in its format.
func Encode(w io.Writer, f persona.SpecimenFile) error {
	img, err := Page(f.Persona, f.Width)
	if err != nil {
		return err
	}
	switch f.Format {
	case "png":
		return (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(w, img)
	case "jpeg":
		return jpeg.Encode(w, img, &jpeg.Options{Quality: 85})
	default:
		return fmt.Errorf("draw %s: unknown format %q", f.Name, f.Format)
	}
}

// Page draws the persona's passport data page at the given pixel width.
func Page(p persona.Persona, width int) (*image.RGBA, error) {
	s := float64(width) / gridW
	height := int(math.Round(gridH * s))
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	guilloche(img, s)

	fonts, err := loadFonts()
	if err != nil {
		return nil, err
	}
	pen := &painter{img: img, s: s, fonts: fonts}

	// Header band.
	pen.fill(0, 0, gridW, 110, header)
	pen.text("bold", 46, 40, 72, color.White, "PASSPORT")
	pen.text("regular", 22, 340, 70, color.White, "SPECIMEN · NOT A TRAVEL DOCUMENT · "+p.IssuingState)

	// Photo box with its silhouette.
	pen.fill(46, 166, 344, 564, ink)
	face := persona.Face(p, int(294*s), int(394*s))
	stddraw.Draw(img, face.Bounds().Add(image.Pt(int(48*s), int(168*s))), face, image.Point{}, stddraw.Src)
	pen.text("regular", 18, 50, 600, labelInk, "HOLDER'S SIGNATURE")
	pen.text("bold", 30, 50, 650, ink, strings.ToLower(p.FirstNameEn()))

	field := func(x, y float64, label, value string) {
		pen.text("regular", 18, x, y, labelInk, label)
		pen.text("bold", 30, x, y+36, ink, value)
	}
	field(390, 170, "TYPE", "P")
	field(540, 170, "CODE", p.IssuingState)
	field(800, 170, "PASSPORT NO.", p.DocumentNumber)
	field(390, 250, "SURNAME", p.Surname)
	field(390, 330, "GIVEN NAMES", p.GivenNames)
	field(390, 410, "NATIONALITY", p.Nationality)
	field(800, 410, "DATE OF BIRTH", printed(p.BirthDate.Format("02 Jan 2006")))
	field(390, 490, "SEX", p.Sex)
	field(540, 490, "PLACE OF BIRTH", p.PlaceOfBirth)
	field(390, 570, "DATE OF ISSUE", printed(p.IssueDate.Format("02 Jan 2006")))
	field(800, 570, "DATE OF EXPIRY", printed(p.ExpiryDate.Format("02 Jan 2006")))
	field(390, 650, "AUTHORITY", p.IssuingAuthority)
	if p.PersonalNumber != "" {
		field(800, 490, "PERSONAL NO.", p.PersonalNumber)
	}

	// The machine-readable zone: 44 characters of a monospace font across the page.
	pen.fill(0, 712, gridW, gridH, mrzPaper)
	mrz := p.MRZ()
	pen.text("mono", 44, 40, 780, ink, mrz[0])
	pen.text("mono", 44, 40, 848, ink, mrz[1])

	pen.watermark("SPECIMEN", 210, -24)
	return img, nil
}

// printed writes a date the way passports print it: "23 JUL 1991".
func printed(s string) string { return strings.ToUpper(s) }

type painter struct {
	img   *image.RGBA
	s     float64
	fonts map[string]*opentype.Font
}

func (p *painter) fill(x0, y0, x1, y1 float64, c color.Color) {
	r := image.Rect(int(x0*p.s), int(y0*p.s), int(math.Ceil(x1*p.s)), int(math.Ceil(y1*p.s)))
	stddraw.Draw(p.img, r, image.NewUniform(c), image.Point{}, stddraw.Src)
}

func (p *painter) face(style string, size float64) font.Face {
	f, err := opentype.NewFace(p.fonts[style], &opentype.FaceOptions{Size: size * p.s, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		// The embedded Go fonts always parse; a failure here is a programming error.
		panic(err)
	}
	return f
}

// text draws a line with its baseline at (x, y) in grid units.
func (p *painter) text(style string, size, x, y float64, c color.Color, s string) {
	d := font.Drawer{Dst: p.img, Src: image.NewUniform(c), Face: p.face(style, size),
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * p.s * 64), Y: fixed.Int26_6(y * p.s * 64)}}
	d.DrawString(s)
}

// watermark lays a translucent word diagonally across the centre of the page.
func (p *painter) watermark(word string, size, degrees float64) {
	face := p.face("bold", size)
	adv := font.MeasureString(face, word).Ceil()
	m := face.Metrics()
	h := (m.Ascent + m.Descent).Ceil()
	src := image.NewRGBA(image.Rect(0, 0, adv, h))
	d := font.Drawer{Dst: src, Src: image.NewUniform(specimen), Face: face, Dot: fixed.Point26_6{Y: m.Ascent}}
	d.DrawString(word)

	th := degrees * math.Pi / 180
	cos, sin := math.Cos(th), math.Sin(th)
	cx, cy := float64(adv)/2, float64(h)/2
	b := p.img.Bounds()
	dx, dy := float64(b.Dx())/2, float64(b.Dy())*0.45
	aff := f64.Aff3{cos, -sin, dx - (cos*cx - sin*cy), sin, cos, dy - (sin*cx + cos*cy)}
	draw.BiLinear.Transform(p.img, aff, src, src.Bounds(), draw.Over, nil)
}

// guilloche fills the page with paper tint and two interfering families of fine wavy lines,
// the security-print look of a passport page, kept faint so JPEGs stay small.
func guilloche(img *image.RGBA, s float64) {
	b := img.Bounds()
	line := color.RGBA{R: 200, G: 218, B: 206, A: 255}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		gy := float64(y) / s
		for x := b.Min.X; x < b.Max.X; x++ {
			gx := float64(x) / s
			a := math.Sin(gx*0.021+2.2*math.Sin(gy*0.013)) * 6
			c := math.Sin(gy*0.017+1.7*math.Sin(gx*0.009)) * 6
			if frac(a) < 0.06 || frac(c) < 0.06 {
				img.SetRGBA(x, y, line)
			} else {
				img.SetRGBA(x, y, paper)
			}
		}
	}
}

func frac(v float64) float64 { return v - math.Floor(v) }

func loadFonts() (map[string]*opentype.Font, error) {
	out := map[string]*opentype.Font{}
	for name, ttf := range map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF, "mono": gomono.TTF} {
		f, err := opentype.Parse(ttf)
		if err != nil {
			return nil, fmt.Errorf("parse %s font: %w", name, err)
		}
		out[name] = f
	}
	return out, nil
}
