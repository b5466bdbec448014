package tui

// The face view (issue 14): from Review, one key shows the face photo OCR cut out and the
// passport scan as large as the terminal allows, to compare with the customer at the desk. Any
// key returns to Review, where nothing has changed: the view is drawn over it, not instead of it.
//
// Pictures are drawn in pixels where the terminal said at start-up that it can (styles.AskTerminal:
// the kitty protocol, or Sixel), else in half-blocks. bubbletea v1's renderer writes the frame a
// line at a time, skipping lines that did not change and erasing the rest of each line it writes;
// a picture escape is zero cells wide to it (x/ansi), so the escapes ride at the end of the last
// line, behind absolute cursor moves: every blank line above has been written (and erased) by
// then, and nothing the renderer writes afterwards lands on a picture. Leaving, or a resize,
// clears the screen (ED 2 takes kitty's and Sixel's pictures with it) and repaints everything.

import (
	"context"
	"fmt"
	"image"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"example.com/passport-update/styles"
	"example.com/passport-update/tui/picker"
	"example.com/passport-update/tui/preview"
)

// Graphics is how the wizard may draw pictures (Config.Graphics). The zero value draws
// half-blocks.
type Graphics struct {
	Protocol styles.Graphics // what the terminal answered at start-up
	// CellSize is the terminal's character cell in pixels now (0, 0 when it does not say); nil
	// when unknown. Sixel needs it (the picture is drawn pixel for pixel); kitty scales the
	// picture to the cells it is given and assumes cells twice as tall as wide without it.
	CellSize func() (w, h int)
}

// FaceViewKeyMap is the face view's keys: any key goes back.
type FaceViewKeyMap struct {
	Back key.Binding // for the help: every key goes back (faceViewKey), whatever this matches
}

// DefaultFaceViewKeyMap: any key returns to Review.
func DefaultFaceViewKeyMap() FaceViewKeyMap {
	return FaceViewKeyMap{Back: key.NewBinding(key.WithKeys("any"), key.WithHelp("any key", "back to Review"))}
}

// ShortHelp and FullHelp make the key map a help.KeyMap.
func (k FaceViewKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k FaceViewKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Back}} }

// Limits of the pictures kept for the view: the longest side (more than a screen shows), and
// the scan's pixels beyond which it is drawn from the picker's reduced copy instead of decoded
// whole (a full decode's memory is not worth a picture on a screen).
const (
	faceViewSide      = 2048
	faceViewMaxPixels = 40_000_000
)

// faceView is the full-screen pictures of one case. Its pictures are decoded once, off the loop,
// the first time it opens; each size of the terminal gets its own drawing, also off the loop.
type faceView struct {
	keys FaceViewKeyMap
	open bool
	gfx  Graphics

	photo string            // the OCR answer's face photo (base64)
	file  picker.ChosenFile // the scan

	loaded     bool
	face, scan *image.RGBA // read-only once loaded; nil when missing or unreadable
	req        request
	drawing    faceDrawing
}

// faceDrawing is the view drawn for one terminal size: the lines above the caption (half-blocks,
// or blank under pixel pictures) and the pictures' escapes, which place themselves.
type faceDrawing struct {
	width, height int
	lines         []string
	pixels        string
	caption       string // which picture is where, or why one is missing
}

// faceViewMsg brings the pictures (when they were decoded for it) and their drawing.
type faceViewMsg struct {
	id         int64
	face, scan *image.RGBA
	drawing    faceDrawing
}

func (faceViewMsg) owner() stepID { return stReview }

// actFaceView: Review's look key was pressed. The root opens the view: it holds the size, the
// terminal's graphics and the chosen file.
type actFaceView struct{}

func newFaceView() faceView { return faceView{keys: DefaultFaceViewKeyMap()} }

// show opens the view for this case's photo and scan and starts its drawing.
func (v faceView) show(c *common, g Graphics, photo string, file picker.ChosenFile) (faceView, tea.Cmd) {
	if v.loaded && (photo != v.photo || file.Path != v.file.Path || !file.ModTime.Equal(v.file.ModTime)) {
		v.loaded, v.face, v.scan, v.drawing = false, nil, nil, faceDrawing{}
	}
	v.open, v.gfx, v.photo, v.file = true, g, photo, file
	return v.draw(c)
}

// close leaves the view. Pictures drawn in pixels stay on a terminal until the screen is cleared.
func (v faceView) close() (faceView, tea.Cmd) {
	v.open = false
	if v.gfx.Protocol != styles.HalfBlocks {
		return v, tea.ClearScreen
	}
	return v, nil
}

// resized draws the view again for the terminal's new size.
func (v faceView) resized(c *common) (faceView, tea.Cmd) {
	if !v.open || (v.drawing.width == c.width && v.drawing.height == c.height) {
		return v, nil
	}
	v, cmd := v.draw(c)
	if v.gfx.Protocol != styles.HalfBlocks {
		return v, tea.Batch(tea.ClearScreen, cmd)
	}
	return v, cmd
}

// draw starts the drawing for the current size (decoding the pictures first if they are not).
func (v faceView) draw(c *common) (faceView, tea.Cmd) {
	id, _ := v.req.start(context.Background())
	s := faceScreen{width: c.width, height: c.height, protocol: v.gfx.Protocol, profile: c.th.R.ColorProfile()}
	if v.gfx.CellSize != nil {
		s.cellW, s.cellH = v.gfx.CellSize()
	}
	loaded, face, scan, photo, file := v.loaded, v.face, v.scan, v.photo, v.file
	return v, safe(func() tea.Msg {
		if !loaded {
			face, scan = loadFaceViewPictures(photo, file)
		}
		return faceViewMsg{id: id, face: face, scan: scan, drawing: drawFaceView(face, scan, s)}
	})
}

// answered keeps the pictures and the drawing the view waits for.
func (v faceView) answered(msg faceViewMsg) faceView {
	if !v.req.answers(msg.id) {
		return v
	}
	v.loaded, v.face, v.scan, v.drawing = true, msg.face, msg.scan, msg.drawing
	return v
}

// loadFaceViewPictures decodes the face photo and the scan for the view. The scan is read again
// from its file, which must still be the one checked (ChosenFile.Open); when it cannot be, or
// is too large to decode whole, the picker's reduced copy stands in.
func loadFaceViewPictures(photo string, file picker.ChosenFile) (face, scan *image.RGBA) {
	if photo != "" {
		face, _ = preview.DecodeBase64(photo, faceViewSide)
	}
	scan = file.Sample
	if file.Path == "" || int64(file.Width)*int64(file.Height) > faceViewMaxPixels {
		return face, scan
	}
	f, err := file.Open()
	if err != nil {
		return face, scan
	}
	defer f.Close()
	if img, err := preview.DecodeWhole(io.LimitReader(f, file.Size), faceViewSide); err == nil {
		scan = img
	}
	return face, scan
}

// faceScreen is what a drawing is made for: the terminal's size in cells and how it draws.
type faceScreen struct {
	width, height int
	protocol      styles.Graphics
	cellW, cellH  int // pixels; 0 when unknown
	profile       termenv.Profile
}

// placement is where one picture goes: its box in cells, and the picture scaled to it.
type placement struct {
	col, row, cols, rows int
	img                  *image.RGBA
}

// drawFaceView lays the pictures out over the screen but its last line (the caption) and draws
// them: side by side or one above the other, whichever shows them larger, each as large as its
// share allows with its shape kept, the pair centred.
func drawFaceView(face, scan *image.RGBA, s faceScreen) faceDrawing {
	d := faceDrawing{width: s.width, height: s.height}
	rows := max(s.height-1, 1)
	d.lines = make([]string, rows)
	// A cell's size in the units pictures are laid out in: pixels when the terminal draws them,
	// half-cells for half-blocks (a cell is about twice as tall as wide).
	cw, ch := 1, 2
	switch {
	case s.protocol == styles.Sixel && s.cellW > 0 && s.cellH > 0:
		cw, ch = s.cellW, s.cellH
	case s.protocol == styles.Kitty && s.cellW > 0 && s.cellH > 0:
		cw, ch = s.cellW, s.cellH
	case s.protocol == styles.Kitty:
		cw, ch = 10, 20 // assumed; kitty scales the picture to the cells anyway
	default:
		s.protocol = styles.HalfBlocks // Sixel without the cell size cannot be sized
	}
	var pics []*image.RGBA
	var names []string
	for _, p := range []struct {
		img  *image.RGBA
		name string
	}{{face, "the face photo from OCR"}, {scan, "the scan"}} {
		if p.img != nil && p.img.Bounds().Dx() > 0 && p.img.Bounds().Dy() > 0 {
			pics, names = append(pics, p.img), append(names, p.name)
		}
	}
	placed, sideBySide := layoutPictures(pics, s.width, rows, cw, ch, s.protocol == styles.Sixel)
	switch {
	case len(placed) == 0:
		d.caption = "Neither the face photo nor the scan could be read."
	case len(placed) == 1 && face == nil:
		d.caption = "The scan (the OCR answer has no readable face photo)."
	case len(placed) == 1 && scan == nil:
		d.caption = "The face photo from OCR (the scan could not be read again)."
	case sideBySide:
		d.caption = "Left: " + names[0] + "; right: " + names[1] + "."
	default:
		d.caption = "Above: " + names[0] + "; below: " + names[1] + "."
	}
	var pixels strings.Builder
	if s.protocol == styles.Kitty {
		pixels.WriteString(preview.KittyDeleteAll) // a drawing for an earlier size
	}
	for _, p := range placed {
		switch s.protocol {
		case styles.HalfBlocks:
			t := preview.RenderProfile(p.img, p.cols, p.rows, s.profile)
			for i, l := range strings.Split(t.Text, "\n") {
				if r := p.row + i; r < rows {
					d.lines[r] = padTo(d.lines[r], p.col) + l
				}
			}
		case styles.Kitty:
			pixels.WriteString(cursorTo(p.row, p.col))
			if s.cellW > 0 {
				pixels.WriteString(preview.Kitty(p.img, 0, 0)) // pixel for pixel
			} else {
				pixels.WriteString(preview.Kitty(p.img, p.cols, p.rows))
			}
		case styles.Sixel:
			pixels.WriteString(cursorTo(p.row, p.col))
			pixels.WriteString(preview.Sixel(p.img))
		}
	}
	if s.protocol != styles.HalfBlocks {
		d.pixels = pixels.String()
	}
	return d
}

// layoutPictures places one or two pictures in cols×rows cells of cw×ch units, each scaled to
// its box; sideBySide says how two were placed. Sixel draws whole bands of six pixel rows, so
// with sixel each box keeps room for the last band's padding.
func layoutPictures(pics []*image.RGBA, cols, rows, cw, ch int, sixel bool) (placed []placement, sideBySide bool) {
	const gap = 2 // cells between two pictures side by side; one row between them stacked
	aspect := func(p *image.RGBA) float64 { return float64(p.Bounds().Dx()) / float64(p.Bounds().Dy()) }
	type box struct{ col, row, cols, rows int }
	var boxes []box
	switch len(pics) {
	case 0:
		return nil, false
	case 1:
		boxes = []box{{0, 0, cols, rows}}
	default:
		a1, a2 := aspect(pics[0]), aspect(pics[1])
		// The common height side by side, the common width stacked, in units.
		h := min(float64(rows*ch), float64((cols-gap)*cw)/(a1+a2))
		w := min(float64(cols*cw), float64((rows-1)*ch)/(1/a1+1/a2))
		if h*h*(a1+a2) >= w*w*(1/a1+1/a2) {
			sideBySide = true
			c1, c2, r := int(a1*h)/cw, int(a2*h)/cw, int(h)/ch
			left := (cols - c1 - gap - c2) / 2
			top := (rows - r) / 2
			boxes = []box{{left, top, c1, r}, {left + c1 + gap, top, c2, r}}
		} else {
			c, r1, r2 := int(w)/cw, int(w/a1)/ch, int(w/a2)/ch
			top := (rows - r1 - 1 - r2) / 2
			left := (cols - c) / 2
			boxes = []box{{left, top, c, r1}, {left, top + r1 + 1, c, r2}}
		}
	}
	for i, p := range pics {
		b := boxes[i]
		if b.cols <= 0 || b.rows <= 0 {
			continue
		}
		maxH := b.rows * ch
		if sixel {
			maxH -= 5
		}
		pw, ph := preview.FitWithin(p.Bounds().Dx(), p.Bounds().Dy(), b.cols*cw, max(maxH, 1))
		fc, fr := (pw+cw-1)/cw, (ph+ch-1)/ch
		placed = append(placed, placement{
			col: b.col + (b.cols-fc)/2, row: b.row + (b.rows-fr)/2, cols: fc, rows: fr,
			img: preview.Scale(p, pw, ph),
		})
	}
	return placed, sideBySide
}

// cursorTo moves the cursor to row, col (0-based cells).
func cursorTo(row, col int) string { return fmt.Sprintf("\x1b[%d;%dH", row+1, col+1) }

// padTo pads s (plain spaces or half-blocks, every cell one column) with spaces to w cells.
func padTo(s string, w int) string {
	if n := w - ansi.StringWidth(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// Review's side of the view: it holds the view, so everything on Review stays as it was.

// showFaceView opens the view over Review for this case's face photo and file.
func (r reviewStep) showFaceView(c *common, g Graphics, file picker.ChosenFile) (reviewStep, tea.Cmd) {
	var cmd tea.Cmd
	r.look, cmd = r.look.show(c, g, r.data.Photo, file)
	return r, cmd
}

// closeFaceView goes back to Review.
func (r reviewStep) closeFaceView() (reviewStep, tea.Cmd) {
	var cmd tea.Cmd
	r.look, cmd = r.look.close()
	return r, cmd
}

func (r reviewStep) looking() bool { return r.look.open }

// The root's side of the view: opening it, its keys, its screen.

// openFaceView is actFaceView: the view opens at the terminal's size, for the chosen file.
func (m *Model) openFaceView() tea.Cmd {
	var cmd tea.Cmd
	m.cs.review, cmd = m.cs.review.showFaceView(&m.c, m.cfg.Graphics, m.cs.passport.chosen)
	return cmd
}

// faceViewKey takes every key while the view is open: the key closes it, and ctrl+c then asks
// about quitting as it does everywhere. ok is false when the view is not open.
func (m *Model) faceViewKey(k tea.KeyMsg) (cmd tea.Cmd, ok bool) {
	if m.step != stReview || !m.cs.review.looking() {
		return nil, false
	}
	m.cs.review, cmd = m.cs.review.closeFaceView()
	if key.Matches(k, m.keys.Quit) {
		return tea.Batch(cmd, m.quit()), true
	}
	return cmd, true
}

// faceViewScreen is the whole screen while the view is open: the pictures, then one caption
// line with the key's help; ok is false when the view is not open.
func (m *Model) faceViewScreen() (string, bool) {
	if m.step != stReview || !m.cs.review.looking() || m.confirmQuit || m.leaving {
		return "", false
	}
	v := &m.cs.review.look
	c := &m.c
	t := c.th
	d := v.drawing
	if d.width != c.width || d.height != c.height {
		d = faceDrawing{lines: make([]string, max(c.height-1, 1)), caption: "Drawing the face photo and the scan…"}
	}
	help := m.help
	help.Width = 0
	caption := t.Muted.Render(d.caption) + "  " + help.ShortHelpView(v.keys.ShortHelp())
	caption = truncate(caption, c.width-1)
	var b strings.Builder
	for _, l := range d.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	b.WriteString(caption)
	if d.pixels != "" {
		// After the pictures the cursor goes back to the end of the caption, where the renderer
		// erases the rest of the line.
		b.WriteString(d.pixels)
		b.WriteString(cursorTo(c.height-1, ansi.StringWidth(caption)))
	}
	return b.String(), true
}
