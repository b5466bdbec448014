package tui

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"example.com/passport-update/styles"
)

var colourParam = regexp.MustCompile(`\x1b\[[0-9;]*m`)
var rgb = regexp.MustCompile(`[34]8;2;\d+;\d+;\d+`)

// colours is every 24-bit colour s is drawn in ("38;2;r;g;b" for a letter, "48;2;…" behind it).
func colours(s string) map[string]bool {
	out := map[string]bool{}
	for _, seq := range colourParam.FindAllString(s, -1) {
		for _, c := range rgb.FindAllString(seq, -1) {
			out[c] = true
		}
	}
	return out
}

// themeColours is every colour one of th's styles draws in.
func themeColours(th *styles.Theme) map[string]bool {
	out := map[string]bool{}
	v := reflect.ValueOf(th).Elem()
	for i := range v.NumField() {
		if st, ok := v.Field(i).Interface().(lipgloss.Style); ok {
			for c := range colours(st.Render("x")) {
				out[c] = true
			}
		}
	}
	return out
}

// The file picker draws in the wizard's one theme: in colour, every colour of the passport
// step (the picker's folder line, counts, rows, the highlighted row, the matched letters) is one
// of the theme's, whatever palette lipgloss's own renderer would give.
func TestThePickerDrawsInTheThemesColours(t *testing.T) {
	// The picker must not fall back on lipgloss's default renderer: give that one colour too,
	// so a palette of its own would show.
	lipgloss.SetColorProfile(termenv.TrueColor)
	defer func() {
		lipgloss.SetColorProfile(termenv.Ascii)
		lipgloss.SetHasDarkBackground(true) // as TestMain left them
	}()
	for _, dark := range []bool{true, false} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.TrueColor)
		r.SetHasDarkBackground(dark)
		lipgloss.SetHasDarkBackground(!dark)
		allowed := themeColours(styles.New(r))
		// At the smallest window the picker shows no preview, whose thumbnail has the
		// photo's own colours.
		f := newFlowOn(t, r, newFakeAPI(), minWidth, minHeight)
		if err := os.Mkdir(filepath.Join(filepath.Dir(f.scan.Path), "Archive"), 0o755); err != nil {
			t.Fatal(err)
		}
		f.openSession("APP-1042")
		f.verify(testPassword)
		f.settle()
		if f.m.step != stPassport {
			t.Fatalf("step %v, want the passport step", f.m.step)
		}
		for _, keys := range [][]string{nil, {"/", "s", "c"}} {
			f.press(keys...)
			f.settle()
			s := f.screen()
			picker := strings.Join(strings.Split(s, "\n")[2:minHeight-2], "\n")
			if len(colours(picker)) == 0 {
				t.Fatalf("dark %v, keys %q: the picker draws without colour:\n%q", dark, keys, picker)
			}
			var foreign []string
			for c := range colours(s) {
				if !allowed[c] {
					foreign = append(foreign, c)
				}
			}
			sort.Strings(foreign)
			if len(foreign) > 0 {
				t.Errorf("dark %v, keys %q: colours not in the theme: %v\n%q", dark, keys, foreign, picker)
			}
		}
	}
}
