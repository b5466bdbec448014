// Package arabic owns Arabic text: the normalised value that is stored and sent (Normalize,
// Validate), the cleaning of any value before it reaches the screen (Clean), and how a line is drawn
// in each display mode (Display: a complete UAX #9 implementation, shaping from the Unicode
// Character Database, widths).
//
// Why our own bidi: golang.org/x/text/unicode/bidi returns runs in logical order and moves harakat to
// the wrong letter, and go-text/typesetting does not expose per-character levels (ARABIC.md). This
// implementation passes every line of the Unicode conformance file BidiCharacterTest.txt.
package arabic

import (
	"fmt"
	"strings"
)

// Mode is how right-to-left text is drawn.
type Mode int

const (
	ModeTerminal Mode = iota // print logical order; the terminal reorders (VTE, Konsole, Apple Terminal, mintty)
	ModeApp                  // reorder (UAX #9) and shape ourselves
	ModeOff                  // print logical order, no help at all
)

var modeNames = [...]string{"terminal", "app", "off"}

func (m Mode) String() string {
	if m < 0 || int(m) >= len(modeNames) {
		return fmt.Sprintf("Mode(%d)", int(m))
	}
	return modeNames[m]
}

// ParseMode reads "terminal", "app" or "off" (case and surrounding spaces ignored).
func ParseMode(s string) (Mode, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	for i, n := range modeNames {
		if v == n {
			return Mode(i), nil
		}
	}
	return ModeTerminal, fmt.Errorf("unknown right-to-left mode %q: use terminal, app or off", s)
}

// GuessMode picks a default from the terminal's environment variables. It does not read
// PASSPORT_RTL: the command line and that variable override the guess before it is made.
//
// Precedence, most trustworthy first, because variables leak into terminals started from another
// terminal's shell:
//  1. TERM_PROGRAM, which each emulator overwrites: ghostty, vscode, WezTerm (and the other
//     xterm.js terminals Hyper and Tabby) → app;
//     Apple_Terminal, mintty → terminal; anything else (tmux, iTerm.app…) falls through.
//  2. Variables an emulator sets for its own windows: KITTY_WINDOW_ID, ALACRITTY_WINDOW_ID,
//     ALACRITTY_SOCKET, ALACRITTY_LOG, WT_SESSION → app; also TERM=xterm-kitty or alacritty.
//  3. VTE_VERSION, KONSOLE_VERSION → terminal.
//  4. Unknown → terminal (printing logical order is never worse than the raw text).
func GuessMode(getenv func(string) string) Mode {
	switch getenv("TERM_PROGRAM") {
	case "ghostty", "vscode", "WezTerm", "Hyper", "Tabby": // Hyper and Tabby are xterm.js, like vscode
		return ModeApp
	case "Apple_Terminal", "mintty":
		return ModeTerminal
	}
	for _, k := range []string{"KITTY_WINDOW_ID", "ALACRITTY_WINDOW_ID", "ALACRITTY_SOCKET", "ALACRITTY_LOG", "WT_SESSION"} {
		if getenv(k) != "" {
			return ModeApp
		}
	}
	switch getenv("TERM") {
	case "xterm-kitty", "alacritty", "xterm-ghostty":
		return ModeApp
	}
	return ModeTerminal
}

// Escape sequences for a terminal's own bidi (BDSM, ECMA-48 mode 8, as the freedesktop Terminal-WG
// bidi recommendation defines it and VTE and mintty implement it): CSI 8 l selects explicit mode, in
// which the terminal does not reorder, and CSI 8 h returns to implicit mode (the terminal reorders,
// the default).
const (
	TerminalBidiOff = "\x1b[8l"
	TerminalBidiOn  = "\x1b[8h"
)

// SupportsBidiToggle reports whether the terminal honours TerminalBidiOff/On: VTE (GNOME Terminal,
// Tilix…) and mintty. In app mode the program sends TerminalBidiOff on start and TerminalBidiOn on
// exit there, so the terminal does not reorder the already reordered lines a second time. Other
// terminals ignore the sequence, but it is not sent to them.
func SupportsBidiToggle(getenv func(string) string) bool {
	switch getenv("TERM_PROGRAM") {
	case "mintty":
		return true
	case "", "tmux", "screen":
	default:
		return false // another emulator, started from a VTE shell, inherits VTE_VERSION
	}
	return getenv("VTE_VERSION") != ""
}
