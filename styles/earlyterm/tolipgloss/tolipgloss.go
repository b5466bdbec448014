// Package tolipgloss hands earlyterm's answer to lipgloss. Its import path sorts before
// github.com/charmbracelet/bubbletea, so its init gives lipgloss an answer (earlyterm's
// provisional one) before bubbletea's init asks lipgloss, which would otherwise query the
// terminal itself and wait up to five seconds for an answer.
package tolipgloss

import (
	"github.com/charmbracelet/lipgloss"

	"earlyterm"
)

func init() {
	lipgloss.SetHasDarkBackground(earlyterm.Provisional())
}

// Settle reads the terminal's answer to the start-up query (see earlyterm.Settle), gives the
// terminal back, and tells lipgloss the background. main calls it before anything else.
func Settle() {
	lipgloss.SetHasDarkBackground(earlyterm.Settle())
}
