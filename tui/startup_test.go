package tui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
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
			if f.m.step != stPassport {
				t.Fatalf("state %v, want the passport step; screen:\n%s", f.m.step, f.screen())
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

// A terminal's answer to the background query that arrives late (a slow remote link) reaches
// bubbletea as alt+], runes and alt+\ (or ctrl+g for BEL); none of it may be typed into a field,
// and keys after it, or an alt+] without an answer behind it, pass.
func TestALateBackgroundAnswerIsNotTyped(t *testing.T) {
	runes := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	alt := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Alt: true} }
	for _, tc := range []struct {
		name string
		in   []tea.KeyMsg
		want []tea.KeyMsg
	}{
		{"whole answer, ST", []tea.KeyMsg{alt("]"), runes("11;rgb:1c1c/1c1c/1c1c"), alt("\\"), runes("APP-1")}, []tea.KeyMsg{runes("APP-1")}},
		{"split across reads, BEL", []tea.KeyMsg{alt("]"), runes("11;rgb:ffff/ff"), runes("ff/dddd"), {Type: tea.KeyCtrlG}, runes("7")}, []tea.KeyMsg{runes("7")}},
		{"alt+] then typing", []tea.KeyMsg{alt("]"), runes("Omar")}, []tea.KeyMsg{runes("Omar")}},
		{"ordinary keys", []tea.KeyMsg{runes("12"), {Type: tea.KeyEnter}}, []tea.KeyMsg{runes("12"), {Type: tea.KeyEnter}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			filter := lateAnswerFilter()
			var got []tea.KeyMsg
			for _, k := range tc.in {
				if out := filter(nil, k); out != nil {
					got = append(got, out.(tea.KeyMsg))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("passed %v, want %v", got, tc.want)
			}
		})
	}
}
