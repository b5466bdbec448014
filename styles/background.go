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

// Terminal is what the start-up question learnt about the terminal.
type Terminal struct {
	Dark     bool     // the background is dark: the theme follows it
	Graphics Graphics // how the terminal draws pictures
}

// Graphics is how a terminal draws pictures: HalfBlocks (coloured characters, any terminal)
// unless it answered that it speaks a picture protocol.
type Graphics int

const (
	HalfBlocks Graphics = iota
	Kitty               // the kitty graphics protocol (kitty, WezTerm, Ghostty, Konsole…)
	Sixel               // DEC Sixel (xterm -ti vt340, foot, mlterm, WezTerm, Windows Terminal…)
)

func (g Graphics) String() string {
	return [...]string{"half-blocks", "kitty", "sixel"}[g]
}

// The questions, asked in one write and answered in order: the background (OSC 11), whether the
// kitty graphics protocol is understood (a query for a 1×1 image that is never stored: only a
// terminal that speaks the protocol answers, with OK), the device attributes (DA1, which lists
// 4 when Sixel is drawn), and the cursor position (DSR), which every terminal answers last and
// so ends the wait.
const (
	askBackground = "\x1b]11;?\x1b\\"
	askKitty      = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\"
	askAttributes = "\x1b[c"
	askCursor     = "\x1b[6n"
)

// AskTerminal decides the background and how pictures are drawn, with at most one question to
// the terminal, bounded by QueryTimeout: a terminal that answers ends the wait with its answer,
// a silent one costs QueryTimeout, once. The background is PASSPORT_THEME (light|dark), then
// COLORFGBG, then the terminal's answer; dark when unknown. Nothing is asked under CI, without a
// TERM, or under tmux or screen (they answer for themselves and do not pass pictures through:
// half-blocks there); the picture question is also left out on the Linux console, which would
// print it. The terminal is given back as it was.
func AskTerminal(getenv func(string) string, in, out *os.File) Terminal {
	dark, known := darkFromEnv(getenv)
	told := Terminal{Dark: dark || !known}
	t := getenv("TERM")
	if getenv("CI") != "" || t == "" || strings.HasPrefix(t, "screen") || strings.HasPrefix(t, "tmux") || t == "dumb" {
		return told
	}
	pictures := t != "linux" && getenv("TMUX") == "" && getenv("STY") == ""
	if known && !pictures || in == nil || out == nil {
		return told
	}
	question := askCursor
	if pictures {
		question = askKitty + askAttributes + question
	}
	if !known {
		question = askBackground + question
	}
	q := send(in, out, question)
	if q == nil {
		return told
	}
	answer, ok := q.finish()
	if !ok {
		return told
	}
	if !known {
		if d, ok := FromOSC11(answer); ok {
			told.Dark = d
		}
	}
	if pictures {
		told.Graphics = GraphicsFrom(answer)
	}
	return told
}

// DarkBackground is AskTerminal's answer about the background.
func DarkBackground(getenv func(string) string, in, out *os.File) bool {
	return AskTerminal(getenv, in, out).Dark
}

// darkFromEnv is what the environment says about the background: PASSPORT_THEME, then COLORFGBG.
func darkFromEnv(getenv func(string) string) (dark, known bool) {
	switch strings.ToLower(getenv("PASSPORT_THEME")) {
	case "light":
		return false, true
	case "dark":
		return true, true
	}
	return FromCOLORFGBG(getenv("COLORFGBG"))
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
