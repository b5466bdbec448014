package styles

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"

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

// The query asks for the background and the cursor position, and the answer decides; a terminal
// that answers only the cursor position, or nothing at all, gives the dark default. Each time the
// terminal is given back in the mode it was in.
func TestTheBackgroundQueryDecidesAndGivesTheTerminalBack(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer string // "" for a terminal that never answers
		dark   bool
	}{
		{"a light background", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[5;1R", false},
		{"a dark background", "\x1b]11;rgb:1c1c/1c1c/1c1c\a\x1b[5;1R", true},
		{"a terminal that answers only the cursor position", "\x1b[5;1R", true},
		{"a terminal that never answers", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			master, slave := openPTY(t)
			before, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
			if err != nil {
				t.Fatal(err)
			}
			env := map[string]string{"TERM": "xterm-256color"}
			dark := make(chan bool, 1)
			go func() { dark <- DarkBackground(func(k string) string { return env[k] }, slave, slave) }()
			buf := make([]byte, 64)
			n, _ := master.Read(buf)
			if got := string(buf[:n]); !strings.Contains(got, "\x1b]11;?") || !strings.Contains(got, "\x1b[6n") {
				t.Fatalf("the terminal received %q, want the OSC 11 and DSR queries", got)
			}
			if tc.answer != "" {
				master.WriteString(tc.answer)
			}
			if got := <-dark; got != tc.dark {
				t.Errorf("dark = %v, want %v", got, tc.dark)
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
