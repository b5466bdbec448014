package tui

import (
	"context"
	"io"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"example.com/passport-update/styles"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// asciiRenderer draws without colour (golden files stay plain text) and asks nothing.
func asciiRenderer() *lipgloss.Renderer {
	return styles.NewRenderer(io.Discard, func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	})
}

// driver runs the wizard the way bubbletea does, minus the terminal: every command runs in its
// own goroutine at once, a batch's commands start the moment the batch is read (bubbletea's loop
// does that too, without waiting for anything), a sequence's run one after the other, and their
// messages come back to Update one at a time, in the order they finish. Spinner ticks are
// dropped (they only animate), so a flow settles once no request is left.
type driver struct {
	t       testing.TB
	m       Model
	msgs    chan tea.Msg
	pending atomic.Int64 // messages still to come
	quit    bool
	frames  []string
}

type cmdDone struct{ msg tea.Msg }

func newDriver(t testing.TB, cfg Config, w, h int) *driver {
	t.Helper()
	return newDriverOn(t, asciiRenderer(), cfg, w, h)
}

// newDriverOn is newDriver drawing with r.
func newDriverOn(t testing.TB, r *lipgloss.Renderer, cfg Config, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, msgs: make(chan tea.Msg, 256)}
	d.m = New(context.Background(), cfg, r)
	d.spawn(d.m.Init())
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) spawn(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.pending.Add(1)
	go d.run(cmd)
}

// run is one command's goroutine.
func (d *driver) run(cmd tea.Cmd) {
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			d.spawn(c)
		}
		msg = nil
	}
	if seq := sequence(msg); seq != nil {
		for _, c := range seq {
			if c == nil {
				continue
			}
			d.pending.Add(1)
			d.msgs <- cmdDone{c()}
		}
		msg = nil
	}
	d.msgs <- cmdDone{msg}
}

// sequence reads tea.Sequence's message (its type is not exported): the commands in order.
func sequence(msg tea.Msg) []tea.Cmd {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Type().PkgPath() != reflect.TypeOf(tea.BatchMsg{}).PkgPath() || v.Type().Name() != "sequenceMsg" {
		return nil
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds
}

// send delivers msg to Update and starts the commands it returns.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	nm, cmd := d.m.Update(msg)
	d.m = nm.(Model)
	d.frames = append(d.frames, d.m.View())
	d.spawn(cmd)
}

// step waits for one message and delivers it.
func (d *driver) step() {
	d.t.Helper()
	select {
	case r := <-d.msgs:
		d.pending.Add(-1)
		d.deliver(r.(cmdDone).msg)
	case <-time.After(10 * time.Second):
		d.t.Fatalf("no command finished within 10s (pending %d); screen:\n%s", d.pending.Load(), d.m.View())
	}
}

func (d *driver) deliver(msg tea.Msg) {
	switch msg.(type) {
	case nil:
	case tea.QuitMsg:
		d.quit = true
	case spinner.TickMsg:
	default:
		d.send(msg)
	}
}

// until runs commands until ok holds.
func (d *driver) until(what string, ok func(Model) bool) {
	d.t.Helper()
	for !ok(d.m) {
		if d.pending.Load() == 0 {
			d.t.Fatalf("waiting for %s, but nothing is running; screen:\n%s", what, d.m.View())
		}
		d.step()
	}
}

// settle runs commands until none is left.
func (d *driver) settle() {
	d.t.Helper()
	for d.pending.Load() > 0 {
		d.step()
	}
}

func (d *driver) press(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// typeText sends text as typed runes (one message per rune, like a keyboard).
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (d *driver) screen() string { return d.m.View() }

func (d *driver) requireScreen(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

var namedKeys = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
	"tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, "ctrl+c": tea.KeyCtrlC, "ctrl+s": tea.KeyCtrlS,
	"ctrl+r": tea.KeyCtrlR, "f1": tea.KeyF1, "backspace": tea.KeyBackspace, "ctrl+u": tea.KeyCtrlU,
}

func keyMsg(k string) tea.KeyMsg {
	if t, ok := namedKeys[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}
