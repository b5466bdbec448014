// Package earlyterm gives lipgloss a background before bubbletea's init asks for one.
//
// bubbletea v1 calls lipgloss.HasDarkBackground() in its package init, and termenv then waits
// up to five seconds for an answer some terminals and harnesses never send. Go initialises a
// package once its imports are, taking the ready packages in import-path order; this package
// imports only lipgloss and its path sorts before github.com/charmbracelet/bubbletea, so its init
// runs between lipgloss's and bubbletea's. The answer it gives is provisional: the wizard decides
// the real background with a bounded query of its own (styles.DarkBackground) before it draws.
//
// It is its own module only for that sort order: a package of module passport-update sorts
// after github.com/… and would initialise after bubbletea.
package earlyterm

import "github.com/charmbracelet/lipgloss"

func init() {
	lipgloss.SetHasDarkBackground(true)
}
