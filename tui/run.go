package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"passport-update/styles"
)

// ErrNoTerminal is returned by Run when standard input is not a terminal.
var ErrNoTerminal = errors.New("passport-update needs a terminal; for scripts and CI use `passport-update run` (see `passport-update run --help`)")

// Run runs the wizard until the user quits or ctx ends. The terminal is always given back:
// bubbletea restores it on SIGTERM and on panics; SIGHUP is turned into a clean quit here, and a
// panic in the wizard is written to a temp file (no secrets) and reported in one sentence.
func Run(ctx context.Context, cfg Config) (res Result, err error) {
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	in := cfg.Input
	if in == nil {
		if !term.IsTerminal(os.Stdin.Fd()) {
			return Result{}, ErrNoTerminal
		}
		in = os.Stdin
	}
	out := cfg.Output
	if out == nil {
		out = os.Stdout
		cfg.Output = out
	}
	defer func() {
		if r := recover(); r != nil {
			path := writePanicReport(fmt.Sprintf("panic: %v\n\n%s", r, debug.Stack()))
			err = fmt.Errorf("internal error; details written to %s", path)
		}
	}()

	model := New(ctx, cfg, styles.NewRenderer(out, cfg.Getenv))
	p := tea.NewProgram(model,
		tea.WithContext(ctx),
		tea.WithAltScreen(),
		tea.WithInput(in),
		tea.WithOutput(out),
	)

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	stop := make(chan struct{})
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-stop:
		}
	}()
	final, runErr := p.Run()
	signal.Stop(hup)
	close(stop)

	fm, _ := final.(Model)
	if fm.bidiOff {
		_, _ = io.WriteString(out, "\x1b[8h")
	}
	res = fm.Result()
	if fm.panicPath != "" {
		return res, fmt.Errorf("internal error; details written to %s", fm.panicPath)
	}
	if runErr != nil {
		if errors.Is(runErr, tea.ErrProgramKilled) && ctx.Err() != nil {
			// ctx ended (main cancels it on SIGTERM/SIGHUP): a clean stop, like SIGTERM
			// caught by bubbletea itself; the terminal is already restored.
			return res, nil
		}
		if errors.Is(runErr, tea.ErrProgramPanic) {
			return res, errors.New("internal error; the terminal was restored")
		}
		return res, fmt.Errorf("wizard: %w", runErr)
	}
	return res, nil
}
