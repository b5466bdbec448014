package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// In the demo, main writes the specimen passports beside the first frame; the picker must list
// its folder only once they are there, and say so plainly if they could not be written.
func TestThePickerListsTheDemoFolderOnlyOnceTheSpecimensAreWritten(t *testing.T) {
	for _, tc := range []struct {
		name     string
		writeErr error
		want     []string
	}{
		{"written", nil, []string{"late-specimen.jpg"}},
		{"not written", errors.New("no space left on device"),
			[]string{"The specimen passports could not be written", "no space left on device", "ctrl+l"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			f := newFlow(t, newFakeAPI(), 120, 40, func(c *Config) {
				dir := c.StartDir
				c.Demo = &Demo{Specimens: func() error {
					calls++
					if tc.writeErr != nil {
						return tc.writeErr
					}
					return os.WriteFile(filepath.Join(dir, "late-specimen.jpg"), scanJPEG(), 0o600)
				}}
			})
			if calls != 0 {
				t.Fatalf("the specimens were waited for %d times before the passport step", calls)
			}
			f.openSession("APP-1042")
			f.verify(testPassword)
			f.settle()
			if f.m.state != stPassport {
				t.Fatalf("state %v, want the passport step; screen:\n%s", f.m.state, f.screen())
			}
			if calls != 1 {
				t.Fatalf("the specimens were waited for %d times, want once", calls)
			}
			f.requireScreen(tc.want...)
			if !strings.Contains(f.screen(), "specimen-passport.jpg") {
				t.Fatalf("the folder was not listed after the wait; screen:\n%s", f.screen())
			}
		})
	}
}

// The early paint draws the frame as bubbletea's renderer does on the alternate screen: from the
// top left, CRLF between lines, each line cleared to its end unless it fills the width (a clear
// there would erase the last cell). bubbletea's first tick then redraws the same cells.
func TestTheEarlyPaintDrawsTheFrameAsBubbleteaDoes(t *testing.T) {
	got := paintFrame("Passport update\nfull width!\n", 11)
	want := ansi.CursorHomePosition + "Passport update" + "\r\n" + "full width!" + "\r\n" + ansi.EraseLineRight
	// "Passport update" is wider than 11: bubbletea would truncate it, the frame never is.
	if got != want {
		t.Fatalf("paintFrame =\n%q\nwant\n%q", got, want)
	}
}
