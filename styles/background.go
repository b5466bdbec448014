// The background colour decides the theme. bubbletea v1 calls lipgloss.HasDarkBackground() in its
// package init, and termenv then waits up to five seconds for an answer some terminals and
// harnesses never send; this package's init gives lipgloss a provisional answer first (Go
// initialises the ready packages in import-path order, and this module's path sorts before
// github.com/…; TestLipglossIsAnsweredBeforeBubbleteaAsks guards it). The real answer is
// DarkBackground's, asked once with a bound before the first frame.

package styles

import (
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
)

// QueryTimeout bounds the wait for the terminal's answer to the background query: a local
// terminal answers at once; one that never answers costs this much, once, before the first frame.
const QueryTimeout = 100 * time.Millisecond

func init() {
	lipgloss.SetHasDarkBackground(true)
}

// DarkBackground decides whether the background is dark: PASSPORT_THEME (light|dark) first, then
// COLORFGBG, then, where the terminal can take it (not tmux or screen, not CI), an OSC 11 query
// answered within QueryTimeout; dark when unknown. The terminal is given back as it was.
func DarkBackground(getenv func(string) string, in, out *os.File) bool {
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
	if in == nil || out == nil {
		return true
	}
	if q := send(in, out); q != nil {
		return q.finish()
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
