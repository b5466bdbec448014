package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// In the demo, the specimen passports are written once the first frame is drawn (Init), not
// before it; the picker lists its folder only once they are there, and says so plainly if they
// could not be written.
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
			var writes atomic.Int32
			f := newFlow(t, newFakeAPI(), 120, 40, func(c *Config) {
				dir := c.StartDir
				c.Demo = &Demo{Specimens: sync.OnceValue(func() error {
					writes.Add(1)
					if tc.writeErr != nil {
						return tc.writeErr
					}
					return os.WriteFile(filepath.Join(dir, "late-specimen.jpg"), scanJPEG(), 0o600)
				})}
			})
			f.openSession("APP-1042")
			f.settle()
			if writes.Load() != 1 {
				t.Fatalf("the specimens were written %d times before the password step, want once (from Init)", writes.Load())
			}
			f.verify(testPassword)
			f.settle()
			if f.m.state != stPassport {
				t.Fatalf("state %v, want the passport step; screen:\n%s", f.m.state, f.screen())
			}
			f.requireScreen(tc.want...)
			if !strings.Contains(f.screen(), "specimen-passport.jpg") {
				t.Fatalf("the folder was not listed after the wait; screen:\n%s", f.screen())
			}
			if writes.Load() != 1 {
				t.Fatalf("the specimens were written %d times, want once", writes.Load())
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
