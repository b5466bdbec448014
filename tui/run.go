package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"

	"example.com/passport-update/styles"
)

// ErrNoTerminal is returned by Run when standard input is not a terminal.
var ErrNoTerminal = errors.New("passport-update needs a terminal; for scripts and CI use `passport-update run` (see `passport-update run --help`)")

// Run runs the wizard until the user quits or ctx ends. The terminal is always given back:
// signals become a clean quit (see leaveMsg), and a panic in the wizard is written to a temp file
// (no secrets) and reported in one sentence.
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
		if in == os.Stdin {
			// Before bubbletea takes the terminal: the one bounded question the wizard asks it
			// (the background, and how it draws pictures).
			told := styles.AskTerminal(cfg.Getenv, os.Stdin, os.Stdout)
			lipgloss.SetHasDarkBackground(told.Dark)
			cfg.Graphics = Graphics{Protocol: told.Graphics, CellSize: func() (int, int) { return styles.CellSize(os.Stdout) }}
		}
	}
	defer func() {
		if r := recover(); r != nil {
			path := writePanicReport(fmt.Sprintf("panic: %v\n\n%s", r, debug.Stack()))
			err = fmt.Errorf("internal error; details written to %s", path)
		}
	}()

	p := tea.NewProgram(firstModel(ctx, cfg, out),
		tea.WithContext(ctx),
		tea.WithAltScreen(),
		tea.WithInput(in),
		tea.WithOutput(out),
		tea.WithFilter(lateAnswerFilter()),
		tea.WithoutSignalHandler(),
	)

	// SIGINT, SIGTERM and SIGHUP are one request to leave, handled as ctrl+c is: an approval in
	// flight is waited for, a second signal leaves at once.
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case <-sigs:
				p.Send(leaveMsg{})
			case <-stop:
				return
			}
		}
	}()
	final, runErr := p.Run()
	signal.Stop(sigs)
	close(stop)

	res, bidiOff, panicPath := outcome(final)
	if bidiOff {
		_, _ = io.WriteString(out, "\x1b[8h")
	}
	if panicPath != "" {
		return res, fmt.Errorf("internal error; details written to %s", panicPath)
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

// firstModel builds the wizard for out, laid out for the real window so the early paint and
// bubbletea's first render draw the same thing.
func firstModel(ctx context.Context, cfg Config, out io.Writer) *firstPaint {
	if f, ok := out.(term.File); ok {
		if w, h, err := term.GetSize(f.Fd()); err == nil && w > 0 && h > 0 {
			return firstModelSized(ctx, cfg, out, w, h)
		}
	}
	return firstModelSized(ctx, cfg, out, 0, 0)
}

// firstModelSized is firstModel for a window of w×h (0×0: unknown, the model's 80×24).
func firstModelSized(ctx context.Context, cfg Config, out io.Writer, w, h int) *firstPaint {
	m := newModel(ctx, cfg, styles.NewRenderer(out, cfg.Getenv))
	if w > 0 && h > 0 {
		m.apply(tea.WindowSizeMsg{Width: w, Height: h}) // draws the frame
	} else {
		m.frame = m.render()
	}
	return &firstPaint{Model: m, out: out}
}

// outcome reads what Run reports from the program's final model, once the case at the desk has
// ended and its receipt is written (finalResult): the program may have ended before the command
// writing it was run or answered.
func outcome(final tea.Model) (res Result, bidiOff bool, panicPath string) {
	var m *Model
	switch final := final.(type) {
	case Model:
		m = &final
	case *firstPaint: // no message was ever handled
		m = final.Model
	default:
		return Model{}.Result(), false, ""
	}
	return m.finalResult(), m.bidiOff, m.panicPath
}

// firstPaint draws the first frame as soon as bubbletea has entered the alternate screen,
// instead of at its renderer's first tick (1/60 s later). bubbletea v1 enters the alternate
// screen, starts the renderer, then calls Init; its first render then redraws the same cells.
// After the first message the program holds the plain Model again.
type firstPaint struct {
	*Model
	out io.Writer
}

func (f *firstPaint) Init() tea.Cmd {
	_, _ = io.WriteString(f.out, paintFrame(f.frame, f.c.width))
	return tea.Batch(f.initCmds...)
}

// paintFrame is frame as bubbletea's renderer writes it on the alternate screen: from the top
// left, each line cleared to its end unless it fills the width.
func paintFrame(frame string, width int) string {
	var b strings.Builder
	b.Grow(len(frame) + 256)
	b.WriteString(ansi.CursorHomePosition)
	for i, line := range strings.Split(frame, "\n") {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(line)
		if ansi.StringWidth(line) < width {
			b.WriteString(ansi.EraseLineRight)
		}
	}
	return b.String()
}

// lateAnswerFilter keeps a terminal's late answers to the start-up question out of the fields.
// styles.AskTerminal waits QueryTimeout for them; on a slow remote link they can come later, and
// bubbletea reads an OSC 11 answer (ESC ] 11;rgb:RRRR/GGGG/BBBB, then ESC \ or BEL) as alt+],
// runes and alt+\, and kitty's answer to the picture query (ESC _ Gi=31;OK ESC \) as alt+_,
// runes and alt+\: both would be typed into the Applicant ID. (The device attributes and the
// cursor position arrive as CSI sequences, which bubbletea drops.) The wizard binds no alt+]
// or alt+_ key.
func lateAnswerFilter() func(tea.Model, tea.Msg) tea.Msg {
	inAnswer, inAPC := false, false
	return func(_ tea.Model, msg tea.Msg) tea.Msg {
		k, ok := msg.(tea.KeyMsg)
		if !ok {
			return msg
		}
		switch {
		case k.Type == tea.KeyRunes && k.Alt && string(k.Runes) == "]":
			inAnswer = true
			return nil
		case k.Type == tea.KeyRunes && k.Alt && string(k.Runes) == "_":
			inAPC = true
			return nil
		case inAPC && (k.Type == tea.KeyRunes && !k.Alt || k.Type == tea.KeySpace):
			return nil
		case inAnswer && k.Type == tea.KeyRunes && !k.Alt && answerText(k.Runes):
			return nil
		case (inAnswer || inAPC) && (k.Type == tea.KeyRunes && k.Alt && string(k.Runes) == "\\" || k.Type == tea.KeyCtrlG):
			inAnswer, inAPC = false, false
			return nil
		}
		inAnswer, inAPC = false, false
		return msg
	}
}

// answerText reports whether runes can be part of an OSC colour answer such as
// "11;rgb:1c1c/1c1c/1c1c" (xterm also answers rgba: and 8-bit forms).
func answerText(runes []rune) bool {
	for _, r := range runes {
		switch {
		case r >= '0' && r <= '9', r >= 'a' && r <= 'f', r >= 'A' && r <= 'F',
			r == 'r', r == 'g', r == ':', r == ';', r == '/':
		default:
			return false
		}
	}
	return true
}
