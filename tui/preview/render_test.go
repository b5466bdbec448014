package preview

import (
	"encoding/base64"
	"image"
	"image/color"
	"regexp"
	"strings"
	"testing"

	"github.com/muesli/termenv"
)

var cellRE = regexp.MustCompile(`\x1b\[38;2;(\d+);(\d+);(\d+);48;2;(\d+);(\d+);(\d+)m▀`)

func TestRenderBoxFiltersFineStripesToGrey(t *testing.T) {
	// One-pixel black and white columns: a point sampler shows pure black or white (aliasing),
	// a box filter shows the mean grey.
	img := image.NewGray(image.Rect(0, 0, 640, 320))
	for y := 0; y < 320; y++ {
		for x := 0; x < 640; x++ {
			if x%2 == 0 {
				img.SetGray(x, y, color.Gray{Y: 255})
			}
		}
	}
	th := RenderProfile(img, 40, 20, termenv.TrueColor)
	if th.Cols != 40 || th.Rows != 10 {
		t.Fatalf("640×320 in 40×20 cells: got %d×%d cells, want 40×10 (aspect kept)", th.Cols, th.Rows)
	}
	if n := strings.Count(th.Text, "▀"); n != 400 {
		t.Fatalf("%d cells, want 400", n)
	}
	cells := cellRE.FindAllStringSubmatch(th.Text, -1)
	if len(cells) == 0 {
		t.Fatal("no coloured cells")
	}
	for _, c := range cells {
		for _, v := range c[1:] {
			if v != "127" && v != "128" {
				t.Fatalf("cell %q is not mid grey", c[0])
			}
		}
	}
}

func TestRenderYCbCrPlanesMatchAPixelByPixelAverage(t *testing.T) {
	src, _, err := image.Decode(strings.NewReader(string(jpegBytes(t, scan(640, 480), 90))))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := src.(*image.YCbCr); !ok {
		t.Fatalf("decoded %T, want *image.YCbCr", src)
	}
	got := box(src, 16, 12)
	for ty := 0; ty < 12; ty++ {
		for tx := 0; tx < 16; tx++ {
			var r, g, b, n int
			for y := ty * 40; y < ty*40+40; y++ {
				for x := tx * 40; x < tx*40+40; x++ {
					R, G, B, _ := src.At(x, y).RGBA()
					r, g, b, n = r+int(R>>8), g+int(G>>8), b+int(B>>8), n+1
				}
			}
			c := got.RGBAAt(tx, ty)
			for i, pair := range [][2]int{{int(c.R), r / n}, {int(c.G), g / n}, {int(c.B), b / n}} {
				if d := pair[0] - pair[1]; d > 3 || d < -3 {
					t.Fatalf("cell %d,%d channel %d: planes give %d, pixels give %d", tx, ty, i, pair[0], pair[1])
				}
			}
		}
	}
}

func TestRenderWithoutColourDrawsAnASCIIRamp(t *testing.T) {
	th := RenderProfile(scan(300, 200), 30, 10, termenv.Ascii)
	lines := strings.Split(th.Text, "\n")
	if th.Cols != 30 || th.Rows != 10 || len(lines) != 10 {
		t.Fatalf("got %d×%d, %d lines", th.Cols, th.Rows, len(lines))
	}
	for _, l := range lines {
		if len(l) != 30 || strings.Trim(l, asciiRamp) != "" {
			t.Fatalf("line %q is not 30 ramp characters", l)
		}
	}
	if again := RenderProfile(scan(300, 200), 30, 10, termenv.Ascii); again.Text != th.Text {
		t.Error("rendering is not deterministic")
	}
}

func TestRenderOddPixelRowsLeaveTheLastBottomHalfEmpty(t *testing.T) {
	th := RenderProfile(scan(30, 3), 30, 10, termenv.TrueColor)
	if th.Rows != 2 || !strings.Contains(th.Text, ";49m▀") {
		t.Errorf("3 pixel rows → %d cell rows, last half not default background: %q", th.Rows, th.Text)
	}
}

func TestFromBase64(t *testing.T) {
	face := base64.StdEncoding.EncodeToString(jpegBytes(t, scan(120, 160), 80))
	bomb := base64.StdEncoding.EncodeToString(pngHeader(60000, 60000))
	tests := []struct {
		name   string
		in     string
		wantOK bool
	}{
		{"plain base64 JPEG", face, true},
		{"data URL with line breaks", "data:image/jpeg;base64," + face[:40] + "\n" + face[40:], true},
		{"not base64", "¿qué?", false},
		{"base64 of text", base64.StdEncoding.EncodeToString([]byte("hello, not an image")), false},
		{"bomb header", bomb, false},
		{"a PNG larger than a PNG may be", base64.StdEncoding.EncodeToString(pngHeader(2500, 2000)), false},
		{"a large JPEG, read at 1/8 scale", base64.StdEncoding.EncodeToString(jpegBytes(t, scan(2000, 1500), 30)), true},
		{"too large", strings.Repeat("A", MaxBase64Bytes*2), false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, ok := FromBase64(tt.in, 20, 10)
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if ok && strings.HasPrefix(tt.name, "a large") && (th.Cols != 20 || th.Rows != 8) {
				t.Errorf("2000×1500 in 20×10 cells: %d×%d, want 20×8", th.Cols, th.Rows)
			}
			if ok && !strings.HasPrefix(tt.name, "a large") && (th.Cols != 15 || th.Rows != 10) {
				t.Errorf("120×160 face in 20×10 cells: %d×%d, want 15×10", th.Cols, th.Rows)
			}
		})
	}
}
