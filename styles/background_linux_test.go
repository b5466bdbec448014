package styles

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair: the test plays the terminal on master.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// The question asks for the background, the kitty protocol, the device attributes and the
// cursor position, in one write, and the answers decide; a terminal that answers only the cursor
// position, or nothing at all, gives the dark default and half-blocks. Each time the terminal is
// given back in the mode it was in.
func TestTheStartUpQuestionDecidesAndGivesTheTerminalBack(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answer   string // "" for a terminal that never answers
		dark     bool
		graphics Graphics
	}{
		{"a light background", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c\x1b[5;1R", false, HalfBlocks},
		{"a dark background", "\x1b]11;rgb:1c1c/1c1c/1c1c\a\x1b[?62;22c\x1b[5;1R", true, HalfBlocks},
		{"kitty", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b_Gi=31;OK\x1b\\\x1b[?62;c\x1b[5;1R", false, Kitty},
		{"a Sixel terminal (xterm -ti vt340)", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?63;1;2;4;6;9;15;22c\x1b[5;1R", false, Sixel},
		{"answers out of order, the cursor position first", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[5;1R\x1b[?62;4;22c", false, Sixel},
		{"a terminal that answers only the cursor position", "\x1b[5;1R", true, HalfBlocks},
		{"a terminal that never answers", "", true, HalfBlocks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			master, slave := openPTY(t)
			before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"TERM": "xterm-256color"}
			told := make(chan Terminal, 1)
			go func() { told <- AskTerminal(func(k string) string { return env[k] }, slave, slave) }()
			buf := make([]byte, 128)
			n, _ := master.Read(buf)
			want := askBackground + askKitty + askAttributes + askCursor
			if got := string(buf[:n]); got != want {
				t.Fatalf("the terminal received %q, want the four questions in one write: %q", got, want)
			}
			if tc.answer != "" {
				master.WriteString(tc.answer)
			}
			if got := <-told; got.Dark != tc.dark || got.Graphics != tc.graphics {
				t.Errorf("got dark %v, %v; want dark %v, %v", got.Dark, got.Graphics, tc.dark, tc.graphics)
			}
			after, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			if after.Lflag != before.Lflag || after.Iflag != before.Iflag || after.Oflag != before.Oflag {
				t.Errorf("the terminal's modes were not given back: lflag %#x → %#x, oflag %#x → %#x", before.Lflag, after.Lflag, before.Oflag, after.Oflag)
			}
		})
	}
}

// Where the background is already known from the environment the terminal is still asked about
// pictures, without the background question; under tmux or screen, or on the Linux console, the
// picture question is not asked, and with nothing left to ask nothing is written at all.
func TestThePictureQuestionIsAskedOnlyWhereItCanBeAnswered(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string // what the terminal receives; "" for nothing
	}{
		{"the theme set by hand", map[string]string{"TERM": "xterm-kitty", "PASSPORT_THEME": "light"}, askKitty + askAttributes + askCursor},
		{"COLORFGBG (Konsole, rxvt)", map[string]string{"TERM": "xterm-256color", "COLORFGBG": "15;0"}, askKitty + askAttributes + askCursor},
		{"inside tmux with TERM overridden", map[string]string{"TERM": "xterm-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, askBackground + askCursor},
		{"the Linux console", map[string]string{"TERM": "linux"}, askBackground + askCursor},
		{"inside tmux with the theme set", map[string]string{"TERM": "xterm-256color", "TMUX": "/tmp/tmux-0/default,1,0", "PASSPORT_THEME": "dark"}, ""},
		{"TERM=tmux-256color", map[string]string{"TERM": "tmux-256color"}, ""},
		{"TERM=screen", map[string]string{"TERM": "screen"}, ""},
		{"CI", map[string]string{"TERM": "xterm-256color", "CI": "true"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			master, slave := openPTY(t)
			told := make(chan Terminal, 1)
			go func() { told <- AskTerminal(func(k string) string { return tc.env[k] }, slave, slave) }()
			if tc.want == "" {
				got := <-told
				if got.Graphics != HalfBlocks {
					t.Errorf("graphics %v without asking", got.Graphics)
				}
				// Nothing was written before this.
				slave.Write([]byte("end"))
				buf := make([]byte, 128)
				n, _ := master.Read(buf)
				if got := string(buf[:n]); got != "end" {
					t.Errorf("the terminal received %q, want nothing", got)
				}
				return
			}
			buf := make([]byte, 128)
			n, _ := master.Read(buf)
			if got := string(buf[:n]); got != tc.want {
				t.Errorf("the terminal received %q, want %q", got, tc.want)
			}
			master.WriteString("\x1b_Gi=31;OK\x1b\\\x1b[?62;c\x1b[5;1R")
			got := <-told
			if strings.Contains(tc.want, askKitty) != (got.Graphics == Kitty) {
				t.Errorf("graphics %v after receiving %q", got.Graphics, tc.want)
			}
			if tc.env["PASSPORT_THEME"] == "light" && got.Dark {
				t.Error("PASSPORT_THEME=light lost to the default")
			}
		})
	}
}

// A terminal that answers nothing costs one bounded wait, not one per question.
func TestASilentTerminalCostsOneWait(t *testing.T) {
	_, slave := openPTY(t)
	env := map[string]string{"TERM": "xterm-256color"}
	start := time.Now()
	got := AskTerminal(func(k string) string { return env[k] }, slave, slave)
	took := time.Since(start)
	if got.Graphics != HalfBlocks || !got.Dark {
		t.Errorf("a silent terminal gave %+v", got)
	}
	// The questions went out and were waited for, and the wait was bounded: not termenv's five
	// seconds. How long it takes is measured by BenchmarkStartup_120x40, not asserted here.
	if took < QueryTimeout || took >= time.Second {
		t.Errorf("a silent terminal took %v, want one bounded wait of %v", took, QueryTimeout)
	}
}
