// Package earlyterm settles the terminal's background colour before bubbletea's package init asks
// the terminal for it. bubbletea v1 calls lipgloss.HasDarkBackground() in init, and termenv then
// waits up to five seconds for an answer some terminals and harnesses never send. This package's
// module path sorts before github.com/…, so Go (1.21+ initialises packages in import-path order
// once their imports are done) runs this init first; it decides the background quickly and tells
// lipgloss, whose answer is then cached and bubbletea's query never happens.
//
// It is its own module only for that sort order; main imports it for its side effect.
package earlyterm

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"
)

// QueryTimeout bounds the wait for the terminal's answer: a local terminal answers in a few
// milliseconds; one that never answers costs this much once.
const QueryTimeout = 120 * time.Millisecond

func init() {
	lipgloss.SetHasDarkBackground(Dark(os.Getenv, os.Stdin, os.Stdout))
}

// Dark decides whether the background is dark: PASSPORT_THEME (light|dark) first, then
// COLORFGBG, then a bounded OSC 11 query where the terminal can take it; dark when unknown.
func Dark(getenv func(string) string, in, out *os.File) bool {
	switch strings.ToLower(getenv("PASSPORT_THEME")) {
	case "light":
		return false
	case "dark":
		return true
	}
	if dark, ok := FromCOLORFGBG(getenv("COLORFGBG")); ok {
		return dark
	}
	t := getenv("TERM")
	if getenv("CI") != "" || t == "" || strings.HasPrefix(t, "screen") || strings.HasPrefix(t, "tmux") || t == "dumb" {
		return true
	}
	if in == nil || out == nil || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return true
	}
	if answer, ok := query(in, out, QueryTimeout); ok {
		if dark, ok := FromOSC11(answer); ok {
			return dark
		}
	}
	return true
}

// FromCOLORFGBG reads rxvt's "fg;bg" convention: background colours 0–6 and 8 are dark.
func FromCOLORFGBG(v string) (dark, ok bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return false, false
	}
	n, err := strconv.Atoi(v[i+1:])
	if err != nil || n < 0 || n > 15 {
		return false, false
	}
	return n <= 6 || n == 8, true
}

// FromOSC11 reads an answer such as "\x1b]11;rgb:ffff/ffff/dddd\x1b\\" and reports whether the
// colour is dark (relative luminance below one half).
func FromOSC11(answer string) (dark, ok bool) {
	i := strings.Index(answer, "rgb:")
	if i < 0 {
		return false, false
	}
	rest := answer[i+4:]
	if j := strings.IndexAny(rest, "\x1b\a"); j >= 0 {
		rest = rest[:j]
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 {
		return false, false
	}
	var c [3]float64
	for k, p := range parts {
		if p == "" || len(p) > 4 {
			return false, false
		}
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return false, false
		}
		c[k] = float64(v) / float64(uint64(1)<<(4*len(p))-1)
	}
	return 0.2126*c[0]+0.7152*c[1]+0.0722*c[2] < 0.5, true
}

// query asks for the background (OSC 11) followed by the cursor position (DSR), which every
// terminal answers, and reads until that second answer or the timeout.
func query(in, out *os.File, timeout time.Duration) (string, bool) {
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return "", false
	}
	defer term.Restore(in.Fd(), state)
	if _, err := out.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		return "", false
	}
	deadline := time.Now().Add(timeout)
	var buf []byte
	chunk := make([]byte, 256)
	for len(buf) < 1024 {
		left := time.Until(deadline)
		if left <= 0 {
			return string(buf), false
		}
		fds := []unix.PollFd{{Fd: int32(in.Fd()), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return string(buf), false
		}
		m, err := unix.Read(int(in.Fd()), chunk)
		if err != nil || m <= 0 {
			return string(buf), false
		}
		buf = append(buf, chunk[:m]...)
		// The DSR answer "\x1b[row;colR" ends the exchange.
		if k := strings.LastIndex(string(buf), "\x1b["); k >= 0 && strings.HasSuffix(string(buf), "R") {
			return string(buf), true
		}
	}
	return string(buf), false
}
