package picker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// golden compares a screen with testdata/name.golden (refresh with -update). The temp folder's
// path is replaced by a fixed one; it fits the folder line at these widths, so nothing shifts.
func golden(t *testing.T, name, root, view string) {
	t.Helper()
	view = strings.ReplaceAll(view, root, "/home/teller/scans")
	p := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(view), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != view {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, p, view, want)
	}
}

func TestScreens(t *testing.T) {
	root := branchFolder(t)
	os.WriteFile(filepath.Join(root, "small.jpg"), jpegOf(t, 400, 280), 0o644)
	tests := []struct {
		name string
		w, h int
		keys []string
	}{
		{"browse_jpeg_100x24", 100, 24, []string{"down", "down", "down"}},
		{"too_small_warning_100x24", 100, 24, []string{"end", "up"}},
		{"filter_matches_100x24", 100, 24, []string{"/", "p", "a", "s", "s"}},
		{"path_input_100x24", 100, 24, []string{"ctrl+l", "~/Scans/"}},
		{"narrow_60x16", 60, 16, []string{"down", "down", "down"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := open(t, Options{StartDir: root, MaxBytes: 10 << 20}, tt.w, tt.h)
			m, _ = press(t, m, tt.keys...)
			v := m.View()
			if n := len(strings.Split(v, "\n")); n != tt.h {
				t.Errorf("%d lines, want exactly %d", n, tt.h)
			}
			golden(t, tt.name, root, v)
		})
	}
	m := open(t, Options{StartDir: root}, 100, 24)
	m, _ = press(t, m, "down", "down", "down")
	m = m.SetError("OCR failed: the passport page is not readable. Pick a sharper scan.")
	golden(t, "ocr_error_100x24", root, m.View())
}
