// Package earlyterm settles the terminal's background colour before bubbletea's package init asks
// the terminal for it. bubbletea v1 calls lipgloss.HasDarkBackground() in init, and termenv then
// waits up to five seconds for an answer some terminals and harnesses never send. This package's
// module path sorts before github.com/…, so Go (1.21+ initialises packages in import-path order
// once their imports are done) runs this init first; it tells lipgloss an answer, which is then
// cached, and bubbletea's query never happens.
//
// When only the terminal can tell (no PASSPORT_THEME, no COLORFGBG, not tmux or screen), init
// sends the query and the terminal answers while the rest of the program initialises; main calls
// Settle first thing, which reads the answer (or gives up QueryTimeout after the query was sent)
// and puts the terminal back as it was.
//
// It is its own module only for that sort order.
package earlyterm

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
)

// QueryTimeout bounds the wait for the terminal's answer: a local terminal answers in a few
// milliseconds; one that never answers costs this much once.
const QueryTimeout = 120 * time.Millisecond

// inflight is the background query sent by init and not yet read: the terminal answers while the
// rest of the program initialises, and Settle reads the answer.
var inflight *query

func init() {
	dark, q := begin(os.Getenv, os.Stdin, os.Stdout)
	// Final unless a query is in flight; either way bubbletea's init finds an answer and asks
	// nothing itself.
	lipgloss.SetHasDarkBackground(dark)
	inflight = q
}

// Settle finishes the start-up background query if one is in flight: it reads the terminal's
// answer (waiting at most QueryTimeout from when the query was sent), puts the terminal back as
// it was, and tells lipgloss. Until then the terminal is in raw mode, so main calls it before
// anything else reads, writes or draws.
func Settle() {
	if q := inflight; q != nil {
		inflight = nil
		lipgloss.SetHasDarkBackground(q.finish())
	}
}

// Dark decides whether the background is dark: PASSPORT_THEME (light|dark) first, then
// COLORFGBG, then a bounded OSC 11 query where the terminal can take it; dark when unknown.
func Dark(getenv func(string) string, in, out *os.File) bool {
	dark, q := begin(getenv, in, out)
	if q != nil {
		return q.finish()
	}
	return dark
}

// begin decides what the environment decides, or sends the query and returns it in flight.
func begin(getenv func(string) string, in, out *os.File) (dark bool, q *query) {
	switch strings.ToLower(getenv("PASSPORT_THEME")) {
	case "light":
		return false, nil
	case "dark":
		return true, nil
	}
	if dark, ok := FromCOLORFGBG(getenv("COLORFGBG")); ok {
		return dark, nil
	}
	t := getenv("TERM")
	if getenv("CI") != "" || t == "" || strings.HasPrefix(t, "screen") || strings.HasPrefix(t, "tmux") || t == "dumb" {
		return true, nil
	}
	if in == nil || out == nil || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return true, nil
	}
	return true, send(in, out)
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
