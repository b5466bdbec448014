package tui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"reflect"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"example.com/passport-update/styles"
	"example.com/passport-update/tui/preview"
)

// reviewWithACorrection is Review with the family name corrected and the cursor moved on, so
// that going away and back can be seen to keep both.
func reviewWithACorrection(t *testing.T, w, h int, tweaks ...func(*Config)) *flow {
	t.Helper()
	f := newFlow(t, newFakeAPI(), w, h, tweaks...)
	f.toReview()
	for f.m.cs.review.fields[f.m.cs.review.cursor].spec.key != "FamilyNameEn" {
		f.press("down")
	}
	f.press("enter", "ctrl+u")
	f.typeText("ABDULLAH")
	f.press("enter", "down", "down", "down", "down", "down", "down")
	if len(f.m.cs.review.corrections()) != 1 {
		t.Fatalf("the correction was not made: %v", f.m.cs.review.corrections())
	}
	return f
}

// The face view opens on f (or ب, where an Arabic layout puts f) and fills the screen; any key
// brings Review back exactly as it was: the correction, the cursor, the part of the list in view.
// No key does its Review meaning on the way out (esc does not leave Review, enter edits nothing,
// ctrl+s does not go to approval, ? opens no help).
func TestAnyKeyLeavesTheFaceViewWithReviewAsItWas(t *testing.T) {
	for _, open := range []string{"f", "ب"} {
		for _, k := range []string{"x", "esc", "enter", "ctrl+s", "?", "f", "ctrl+r", "down", "ض"} {
			t.Run(open+" then "+k, func(t *testing.T) {
				t.Parallel()
				f := reviewWithACorrection(t, 80, 24)
				before, cursor, mode := f.screen(), f.m.cs.review.cursor, f.m.c.mode
				if !strings.Contains(before, "↑ more above") {
					t.Fatalf("the list is not scrolled, so keeping the scroll is not tested:\n%s", before)
				}
				f.press(open)
				f.settle()
				if !f.m.cs.review.looking() {
					t.Fatalf("%s did not open the face view", open)
				}
				f.requireScreen("face photo from OCR", "any key back to Review")
				if strings.Contains(f.screen(), "Review what the scan says") {
					t.Fatal("the face view is drawn inside Review's frame, not over the whole screen")
				}
				f.press(k)
				f.settle()
				if f.m.cs.review.looking() || f.m.step != stReview || f.m.confirmQuit {
					t.Fatalf("after %s: looking %v, step %v, confirm quit %v", k, f.m.cs.review.looking(), f.m.step, f.m.confirmQuit)
				}
				if got := f.m.cs.review.corrections(); len(got) != 1 || got[0].Corrected != "ABDULLAH" {
					t.Fatalf("corrections after the face view: %v", got)
				}
				if f.m.cs.review.cursor != cursor || f.m.c.mode != mode || f.m.help.ShowAll || f.m.cs.review.editing {
					t.Fatalf("cursor %d (was %d), mode %v (was %v), help %v, editing %v", f.m.cs.review.cursor, cursor, f.m.c.mode, mode, f.m.help.ShowAll, f.m.cs.review.editing)
				}
				if got := f.screen(); got != before {
					t.Fatalf("Review came back different:\n%s\nwas:\n%s", got, before)
				}
			})
		}
	}
}

// While a value is edited f is a letter of it.
func TestFIsTypedWhileAValueIsEdited(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 120, 40)
	f.toReview()
	for f.m.cs.review.fields[f.m.cs.review.cursor].spec.key != "FirstNameEn" {
		f.press("down")
	}
	f.press("enter", "ctrl+u")
	f.typeText("fafa")
	if f.m.cs.review.looking() || f.m.cs.review.input.Value() != "fafa" {
		t.Fatalf("looking %v, input %q", f.m.cs.review.looking(), f.m.cs.review.input.Value())
	}
}

// ctrl+c leaves the face view and asks about quitting, as it does on Review; esc then stays.
func TestCtrlCInTheFaceViewAsksAboutQuitting(t *testing.T) {
	f := reviewWithACorrection(t, 120, 40)
	before := f.screen()
	f.press("f")
	f.settle()
	f.press("ctrl+c")
	if f.m.cs.review.looking() || !f.m.confirmQuit {
		t.Fatalf("looking %v, confirm quit %v", f.m.cs.review.looking(), f.m.confirmQuit)
	}
	f.requireScreen("Quit now?")
	f.press("esc")
	if got := f.screen(); got != before {
		t.Fatalf("Review came back different:\n%s", got)
	}
}

// The half-block face view at the two sizes every screen is checked at.
func TestFaceViewScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			f := newFlow(t, newFakeAPI(), size[0], size[1])
			f.toReview()
			f.press("f")
			f.settle()
			out := snapshot(f)
			if got := strings.Count(string(out), "\n"); got != size[1] {
				t.Errorf("screen has %d lines, want the terminal's %d", got, size[1])
			}
			golden.RequireEqual(t, out)
		})
	}
}

// A resize while the view is open draws it again for the new size.
func TestTheFaceViewFollowsAResize(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 120, 40)
	f.toReview()
	f.press("f")
	f.settle()
	f.send(windowSize(90, 30))
	f.settle()
	lines := strings.Split(f.screen(), "\n")
	if len(lines) != 30 {
		t.Fatalf("%d lines after the resize to 90×30", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > 90 {
			t.Fatalf("line %d is %d cells wide on a 90-cell screen", i, w)
		}
	}
	f.requireScreen("the face photo from OCR", "any key back to Review")
}

// portraitPhoto is a 300×400 face-photo stand-in: a gradient, so scaling shows.
func portraitPhoto() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 300, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 300; x++ {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / 300), uint8(y * 255 / 400), 128, 255})
		}
	}
	return img
}

func landscapeScan() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 900, 630))
	for i := range img.Pix {
		img.Pix[i] = 0xe0
	}
	return img
}

// The layout keeps each picture's shape, stays inside the screen above the caption, never lets
// the pictures overlap, and makes them about as large as they can be: at least 85% of the area
// the better arrangement (side by side or stacked) would give without rounding to whole cells.
func TestTheLayoutKeepsShapesAndFillsTheScreen(t *testing.T) {
	face, scan := portraitPhoto(), landscapeScan()
	for _, tc := range []struct {
		name         string
		cols, rows   int
		cellW, cellH int // units of a cell: 1×2 for half-blocks, pixels otherwise
		sixel        bool
		pics         []*image.RGBA
	}{
		{"half-blocks 80×23", 80, 23, 1, 2, false, []*image.RGBA{face, scan}},
		{"half-blocks 120×39", 120, 39, 1, 2, false, []*image.RGBA{face, scan}},
		{"half-blocks, a tall narrow window", 60, 70, 1, 2, false, []*image.RGBA{face, scan}},
		{"Sixel, 9×18 cells", 160, 49, 9, 18, true, []*image.RGBA{face, scan}},
		{"kitty, 10×20 cells", 200, 59, 10, 20, false, []*image.RGBA{face, scan}},
		{"the scan alone", 120, 39, 1, 2, false, []*image.RGBA{scan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			placed, _ := layoutPictures(tc.pics, tc.cols, tc.rows, tc.cellW, tc.cellH, tc.sixel)
			if len(placed) != len(tc.pics) {
				t.Fatalf("%d pictures placed of %d", len(placed), len(tc.pics))
			}
			used := 0.0
			for i, p := range placed {
				src, got := tc.pics[i].Bounds(), p.img.Bounds()
				used += float64(got.Dx() * got.Dy())
				want := float64(src.Dx()) / float64(src.Dy())
				if shape := float64(got.Dx()) / float64(got.Dy()); math.Abs(shape-want)/want > 0.03 {
					t.Errorf("picture %d is %v, shape %.3f; its source's is %.3f", i, got.Size(), shape, want)
				}
				if p.col < 0 || p.row < 0 || p.col+p.cols > tc.cols || p.row+p.rows > tc.rows {
					t.Errorf("picture %d at %d,%d size %d×%d leaves the %d×%d screen", i, p.col, p.row, p.cols, p.rows, tc.cols, tc.rows)
				}
				if got.Dx() > p.cols*tc.cellW || got.Dy() > p.rows*tc.cellH {
					t.Errorf("picture %d (%v) is larger than its %d×%d cells", i, got.Size(), p.cols, p.rows)
				}
				if tc.sixel && (got.Dy()+5)/6*6 > p.rows*tc.cellH {
					t.Errorf("picture %d: its last band of six rows reaches below its cells", i)
				}
				for _, q := range placed[i+1:] {
					if p.col < q.col+q.cols && q.col < p.col+p.cols && p.row < q.row+q.rows && q.row < p.row+p.rows {
						t.Errorf("pictures overlap: %+v and %+v", p, q)
					}
				}
			}
			W, H := float64(tc.cols*tc.cellW), float64(tc.rows*tc.cellH)
			var best float64
			if len(tc.pics) == 1 {
				a := float64(scan.Bounds().Dx()) / float64(scan.Bounds().Dy())
				h := math.Min(H, W/a)
				best = a * h * h
			} else {
				a1 := float64(face.Bounds().Dx()) / float64(face.Bounds().Dy())
				a2 := float64(scan.Bounds().Dx()) / float64(scan.Bounds().Dy())
				h := math.Min(H, (W-float64(2*tc.cellW))/(a1+a2))
				w := math.Min(W, (H-float64(tc.cellH))/(1/a1+1/a2))
				best = math.Max(h*h*(a1+a2), w*w*(1/a1+1/a2))
			}
			if used < 0.85*best {
				t.Errorf("the pictures cover %.0f square units, %.0f%% of the %.0f they could", used, 100*used/best, best)
			}
		})
	}
}

// pixelFlow is Review on a terminal that draws pictures with protocol, cells of 10×20 pixels.
func pixelFlow(t *testing.T, protocol styles.Graphics) *flow {
	t.Helper()
	f := newFlow(t, newFakeAPI(), 120, 40, func(c *Config) {
		c.Graphics = Graphics{Protocol: protocol, CellSize: func() (int, int) { return 10, 20 }}
	})
	f.toReview()
	f.press("f")
	f.settle()
	return f
}

// oneFrame runs a model through bubbletea's own loop and renderer for one frame at its size.
type oneFrame struct {
	Model
	size tea.WindowSizeMsg
}

func (o oneFrame) Init() tea.Cmd {
	return tea.Sequence(func() tea.Msg { return o.size }, tea.Quit)
}

func (o oneFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := o.Model.Update(msg)
	o.Model = m.(Model)
	return o, cmd
}

// Where the terminal draws pictures, the frame is blank lines and one caption line whose picture
// escapes come after everything else; bubbletea's renderer, which cuts each line to the screen's
// width and skips or erases lines, writes them whole and writes nothing visible after them.
func TestPicturesReachTheTerminalWholeThroughBubbleteasRenderer(t *testing.T) {
	for _, protocol := range []styles.Graphics{styles.Kitty, styles.Sixel} {
		t.Run(protocol.String(), func(t *testing.T) {
			f := pixelFlow(t, protocol)
			frame := f.screen()
			lines := strings.Split(frame, "\n")
			if len(lines) != 40 {
				t.Fatalf("%d lines", len(lines))
			}
			for i, l := range lines[:39] {
				if strings.TrimSpace(l) != "" {
					t.Fatalf("line %d under the pictures is not blank: %.60q…", i, l)
				}
			}
			last := lines[39]
			pixels := f.m.cs.review.look.drawing.pixels
			introducer := map[styles.Graphics]string{styles.Kitty: "\x1b_G", styles.Sixel: "\x1bP"}[protocol]
			if pixels == "" || strings.Count(pixels, introducer) < 2 || !strings.Contains(last, pixels) {
				t.Fatalf("the last line does not carry both pictures (%d bytes of escapes)", len(pixels))
			}
			if ansi.Truncate(last, 120, "") != last || ansi.StringWidth(last) >= 120 {
				t.Fatalf("the renderer would cut the last line (%d cells)", ansi.StringWidth(last))
			}

			var out bytes.Buffer
			p := tea.NewProgram(oneFrame{Model: f.m, size: windowSize(120, 40)},
				tea.WithInput(nil), tea.WithOutput(&out), tea.WithoutSignalHandler())
			if _, err := p.Run(); err != nil {
				t.Fatal(err)
			}
			written := out.String()
			at := strings.Index(written, pixels)
			if at < 0 {
				t.Fatalf("bubbletea did not write the pictures whole (%d bytes written)", len(written))
			}
			if strings.Contains(written[:at], introducer) {
				t.Fatal("a picture was written before the lines under it were erased")
			}
			// A slow machine may get the frame painted twice (the renderer's ticker); what counts
			// is that the last write of the pictures is the last thing that shows.
			final := strings.LastIndex(written, pixels)
			if rest := ansi.Strip(written[final+len(pixels):]); strings.TrimSpace(rest) != "" {
				t.Fatalf("bubbletea wrote %q after the pictures", rest)
			}
			if !strings.Contains(ansi.Strip(written), "any key back to Review") {
				t.Fatal("the caption was not written")
			}
		})
	}
}

// The pictures are drawn at the pixel size of their cells (10×20 here), kitty's pixel for pixel.
func TestPicturesAreDrawnAtTheirCellsPixelSize(t *testing.T) {
	for _, protocol := range []styles.Graphics{styles.Kitty, styles.Sixel} {
		t.Run(protocol.String(), func(t *testing.T) {
			f := pixelFlow(t, protocol)
			pixels := f.m.cs.review.look.drawing.pixels
			if protocol == styles.Kitty && !strings.HasPrefix(pixels, preview.KittyDeleteAll) {
				t.Error("kitty's earlier pictures are not deleted before drawing")
			}
			if protocol == styles.Kitty && strings.Contains(pixels, ",c=") {
				t.Error("with the cell size known kitty is asked to scale")
			}
			placed, _ := layoutPictures([]*image.RGBA{f.m.cs.review.look.face, f.m.cs.review.look.scan}, 120, 39, 10, 20, protocol == styles.Sixel)
			for _, p := range placed {
				if !strings.Contains(pixels, cursorTo(p.row, p.col)) {
					t.Errorf("no picture placed at row %d, column %d", p.row, p.col)
				}
				if protocol == styles.Sixel && !strings.Contains(pixels, fmt.Sprintf("\"1;1;%d;%d", p.img.Bounds().Dx(), p.img.Bounds().Dy())) {
					t.Errorf("no Sixel picture of %v", p.img.Bounds().Size())
				}
			}
		})
	}
}

// Leaving the view, or a resize, clears the screen where pictures were drawn in pixels (they
// stay on a terminal until then); half-blocks are only text and need no clearing.
func TestLeavingPixelPicturesClearsTheScreen(t *testing.T) {
	clear := reflect.TypeOf(tea.ClearScreen())
	clears := func(cmd tea.Cmd) bool {
		if cmd == nil {
			return false
		}
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				if c != nil && reflect.TypeOf(c()) == clear {
					return true
				}
			}
			return false
		}
		return reflect.TypeOf(msg) == clear
	}
	for _, tc := range []struct {
		protocol styles.Graphics
		want     bool
	}{{styles.Kitty, true}, {styles.Sixel, true}, {styles.HalfBlocks, false}} {
		v := newFaceView()
		c := &common{th: styles.New(asciiRenderer()), width: 120, height: 40}
		v, _ = v.show(c, Graphics{Protocol: tc.protocol}, "", writeScan(t, t.TempDir()))
		if _, cmd := v.close(); clears(cmd) != tc.want {
			t.Errorf("%v: closing clears the screen: %v, want %v", tc.protocol, !tc.want, tc.want)
		}
		c.width = 100
		if _, cmd := v.resized(c); clears(cmd) != tc.want {
			t.Errorf("%v: a resize clears the screen: %v, want %v", tc.protocol, !tc.want, tc.want)
		}
	}
}

// Without the cell size a Sixel picture cannot be sized: half-blocks are drawn instead.
func TestSixelWithoutTheCellSizeFallsBackToHalfBlocks(t *testing.T) {
	d := drawFaceView(portraitPhoto(), landscapeScan(), faceScreen{width: 80, height: 24, protocol: styles.Sixel, profile: termenv.Ascii})
	if d.pixels != "" || strings.TrimSpace(strings.Join(d.lines, "")) == "" {
		t.Fatalf("pixels %d bytes, half-block lines %q…", len(d.pixels), d.lines[0])
	}
}

// A kitty terminal's answer to the picture question that comes after the wizard stopped waiting
// reaches bubbletea as alt+_, runes and alt+\: none of it may be typed into a field.
func TestALateKittyAnswerIsNotTyped(t *testing.T) {
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	alt := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Alt: true} }
	filter := lateAnswerFilter()
	var got []tea.KeyMsg
	for _, k := range []tea.KeyMsg{alt("_"), runes("Gi=31;OK"), alt("\\"), alt("_"), runes("Gi=31;ENOTSUPPORTED:"), {Type: tea.KeySpace}, runes("no"), alt("\\"), runes("DEMO-HAPPY")} {
		if out := filter(nil, k); out != nil {
			got = append(got, out.(tea.KeyMsg))
		}
	}
	if fmt.Sprint(got) != fmt.Sprint([]tea.KeyMsg{runes("DEMO-HAPPY")}) {
		t.Fatalf("passed %v", got)
	}
}

// BenchmarkDrawFaceView_200x60_10x20px sizes one drawing of the view (it runs off the loop, on
// open and on each resize) on a large screen: 200×60 cells of 10×20 pixels, a 600×800 face
// photo and a 2048×1434 scan (the largest kept).
func BenchmarkDrawFaceView_200x60_10x20px(b *testing.B) {
	face := preview.Scale(portraitPhoto(), 600, 800)
	scan := preview.Scale(landscapeScan(), 2048, 1434)
	for _, protocol := range []styles.Graphics{styles.HalfBlocks, styles.Kitty, styles.Sixel} {
		b.Run(protocol.String(), func(b *testing.B) {
			s := faceScreen{width: 200, height: 60, protocol: protocol, cellW: 10, cellH: 20, profile: termenv.TrueColor}
			var n int
			for b.Loop() {
				d := drawFaceView(face, scan, s)
				n = len(d.pixels) + len(strings.Join(d.lines, "\n"))
			}
			b.ReportMetric(float64(n)/1024, "KiB-frame")
		})
	}
}
