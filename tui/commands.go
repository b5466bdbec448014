package tui

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/tui/arabic"
)

// Commands are plain functions over copies: a client pointer (the client is safe for concurrent
// use and never changes once built), strings, and a context whose cancel func the step keeps.
// None of them reads the model. Each step's own commands live in its file; these are the root's.

func safe(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{report: fmt.Sprintf("panic in command: %v\n\n%s", r, debug.Stack())}
			}
		}()
		return cmd()
	}
}

// bidiCmd switches the terminal's own bidi off (CSI 8 l) or back on (CSI 8 h). It writes the
// short sequence in one call from a command so Update stays free of I/O; terminals without the
// mode ignore it, and it is only sent where it is known (VTE, mintty).
func bidiCmd(w io.Writer, on bool) tea.Cmd {
	if w == nil {
		return nil
	}
	seq := arabic.TerminalBidiOff
	if on {
		seq = arabic.TerminalBidiOn
	}
	return func() tea.Msg {
		_, _ = io.WriteString(w, seq)
		return bidiWrittenMsg{}
	}
}

// panicMsg reports a panic caught in a command; the root writes it down and quits.
type panicMsg struct{ report string }

// bidiWrittenMsg confirms a CSI 8 l/h was written (nothing to do but keep Update total).
type bidiWrittenMsg struct{}

// writePanicReport stores a panic's details in a new temp file (no secrets: only the panic
// value and the stack) and returns its path.
func writePanicReport(report string) string {
	f, err := os.CreateTemp("", "passport-update-panic-*.txt")
	if err != nil {
		return ""
	}
	defer f.Close()
	_ = f.Chmod(0o600)
	_, _ = io.WriteString(f, report)
	return f.Name()
}
