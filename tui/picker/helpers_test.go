package picker

import (
	"bytes"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestMain(m *testing.M) {
	// Golden screens and assertions on View() are plain text: no colour, whatever the terminal.
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir) // the benchmarks' 100,000 files
	}
	os.Exit(code)
}

// noTick keeps the spinner from scheduling real-time ticks: tests run commands synchronously.
func noTick(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }

// restNow lets the cursor rest at once: tests that are not about the rest delay see every
// highlighted file previewed, as a person who pauses on each would.
func restNow(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return fn(time.Time{}) }
}

// drive runs cmd and every command the answers produce, feeding each message to the picker, until
// nothing is left. Messages meant for the wizard (ChosenMsg) are returned instead.
func drive(t testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10_000 {
			t.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case ChosenMsg:
			out = append(out, msg)
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m, out
}

// press sends keys one at a time, running what each returns.
func press(t testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		var got []tea.Msg
		m, got = drive(t, m, cmd)
		out = append(out, got...)
	}
	return m, out
}

func keyMsg(k string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"up": tea.KeyUp, "down": tea.KeyDown, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "enter": tea.KeyEnter, "esc": tea.KeyEsc,
		"backspace": tea.KeyBackspace, "left": tea.KeyLeft, "right": tea.KeyRight,
		"ctrl+f": tea.KeyCtrlF, "ctrl+l": tea.KeyCtrlL, "ctrl+u": tea.KeyCtrlU,
	}
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// open returns a picker on dir, sized and with its listing (and first preview) in.
func open(t testing.TB, opts Options, w, h int) Model {
	t.Helper()
	m := New(opts)
	m.sh.tick, m.sh.rest = noTick, restNow
	m = m.SetSize(w, h)
	m, _ = drive(t, m, m.Init())
	return m
}

// rows lists what the list shows, in order.
func rows(m Model) []string {
	var out []string
	for i := 0; i < m.rowCount(); i++ {
		r, _ := m.row(i)
		s := r.disp
		if r.kind == kindDir {
			s += "/"
		}
		out = append(out, s)
	}
	return out
}

func highlightedName(m Model) string {
	r, ok := m.highlighted()
	if !ok {
		return ""
	}
	return r.disp
}

// moveTo puts the cursor on the row showing name.
func moveTo(t testing.TB, m Model, name string) Model {
	t.Helper()
	m, _ = press(t, m, "home")
	for i := 0; i < m.rowCount(); i++ {
		if highlightedName(m) == name {
			return m
		}
		m, _ = press(t, m, "down")
	}
	t.Fatalf("no row %q in %q", name, rows(m))
	return m
}

// scanImage is a passport-like picture: a page, a photo box, lines of print.
func scanImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{R: 236, G: 226, B: 200, A: 255}
			switch {
			case x < w/3 && y > h/4 && y < h*3/4:
				c = color.RGBA{R: uint8(60 + 80*y/h), G: 70, B: uint8(90 + 60*x/w), A: 255}
			case x > w/3+w/20 && (y/max(h/40, 1))%3 == 0:
				c = color.RGBA{R: 30, G: 30, B: 40, A: 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// encoded memoises test images: the same few sizes are written by many tests.
var encoded sync.Map // string → []byte

func jpegOf(t testing.TB, w, h int) []byte {
	t.Helper()
	k := fmt.Sprintf("jpeg %dx%d", w, h)
	if b, ok := encoded.Load(k); ok {
		return b.([]byte)
	}
	var b bytes.Buffer
	defer func() { encoded.Store(k, b.Bytes()) }()
	if err := jpeg.Encode(&b, scanImage(w, h), &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	k := fmt.Sprintf("png %dx%d", w, h)
	if b, ok := encoded.Load(k); ok {
		return b.([]byte)
	}
	var b bytes.Buffer
	defer func() { encoded.Store(k, b.Bytes()) }()
	if err := png.Encode(&b, scanImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pngBombHeader is a PNG signature and a valid IHDR claiming w×h RGBA pixels, no pixel data.
func pngBombHeader(w, h uint32) []byte {
	ihdr := []byte{'I', 'H', 'D', 'R', byte(w >> 24), byte(w >> 16), byte(w >> 8), byte(w),
		byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h), 8, 6, 0, 0, 0}
	b := append([]byte("\x89PNG\r\n\x1a\n"), 0, 0, 0, 13)
	b = append(b, ihdr...)
	crc := crc32.ChecksumIEEE(ihdr)
	return append(b, byte(crc>>24), byte(crc>>16), byte(crc>>8), byte(crc))
}

// tree writes files (path → content; a path ending in "/" is a folder) under a new temp dir.
func tree(t testing.TB, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// branchFolder is a scan folder as a branch has it: scans in mixed case, other documents, hidden
// files, a nested archive.
func branchFolder(t testing.TB) string {
	t.Helper()
	return tree(t, map[string][]byte{
		"passport-ahmed.JPG":                  jpegOf(t, 1240, 870),
		"passport-fatima.jpeg":                jpegOf(t, 1240, 870),
		"specimen.png":                        pngOf(t, 640, 448),
		"Scan-0042.Jpeg":                      jpegOf(t, 800, 560),
		"notes.txt":                           []byte("customer called at 10:40"),
		"contract.pdf":                        []byte("%PDF-1.4"),
		".thumbs.jpg":                         jpegOf(t, 64, 64),
		".cache/":                             nil,
		"Archive/":                            nil,
		"Scans/nested/deep/passport-deep.jpg": jpegOf(t, 900, 630),
		"Scans/nested/deep/readme.md":         []byte("# scans"),
		"Scans/2026-11/passport-noor.png":     pngOf(t, 700, 490),
	})
}
