package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"passport-update/tui/arabic"
)

// DoneKeyMap is the Done screen's keys. The screen has no text input, so letters are safe; the
// Arabic-layout twins (ى for n, ض for q) are accepted as well.
type DoneKeyMap struct {
	Next key.Binding
	Quit key.Binding
}

// enterGrace is how long after the approval enter is ignored on Done: an impatient second enter
// on the Approve button must not skip the outcome and start the next customer.
const enterGrace = time.Second

// DefaultDoneKeyMap: n/enter starts the next customer, q/esc quits.
func DefaultDoneKeyMap() DoneKeyMap {
	return DoneKeyMap{
		Next: key.NewBinding(key.WithKeys("n", "ى", "enter"), key.WithHelp("n/enter", "next customer")),
		Quit: key.NewBinding(key.WithKeys("q", "ض", "esc"), key.WithHelp("q/esc", "quit")),
	}
}

// doneModel is step 7.
type doneModel struct {
	keys        DoneKeyMap
	docNumber   string
	applicant   string
	elapsed     time.Duration
	receiptPath string
	receiptErr  string
	receiptWait bool
	shownAt     time.Time
}

type actNextCustomer struct{}
type actQuit struct{}

func (m doneModel) ShortHelp() []key.Binding { return []key.Binding{m.keys.Next, m.keys.Quit} }

func (m doneModel) update(msg tea.Msg, now time.Time) (doneModel, tea.Cmd, any) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case k.Type == tea.KeyEnter && now.Sub(m.shownAt) < enterGrace:
			return m, nil, nil
		case key.Matches(k, m.keys.Next):
			return m, nil, actNextCustomer{}
		case key.Matches(k, m.keys.Quit):
			return m, nil, actQuit{}
		}
	}
	return m, nil, nil
}

func (m doneModel) view(c *common) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Success.Render("✓ Passport update approved"))
	b.WriteString("\n\n")
	b.WriteString("  " + t.Label.Render("Applicant        ") + arabic.Clean(m.applicant) + "\n")
	b.WriteString("  " + t.Label.Render("Document number  ") + arabic.Clean(m.docNumber) + "\n")
	b.WriteString("  " + t.Label.Render("Time taken       ") + roundDuration(m.elapsed) + "\n")
	switch {
	case m.receiptPath != "":
		b.WriteString("  " + t.Label.Render("Receipt          ") + truncate(arabic.Clean(m.receiptPath), c.width-21) + "\n")
	case m.receiptErr != "":
		b.WriteString("  " + t.Label.Render("Receipt          ") + t.ErrorText.Render(truncate(m.receiptErr, c.width-21)) + "\n")
	case m.receiptWait:
		b.WriteString("  " + t.Label.Render("Receipt          ") + t.Muted.Render("writing…") + "\n")
	}
	b.WriteString("\n")
	b.WriteString(t.Muted.Render("Press n or enter for the next customer, q or esc to quit."))
	b.WriteString("\n")
	return b.String()
}

func roundDuration(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s < 60 {
		return fmt.Sprintf("%ds", s)
	}
	return fmt.Sprintf("%dm%02ds", s/60, s%60)
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k DoneKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Next, k.Quit} }
func (k DoneKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Next, k.Quit}} }

// FullHelp is the step's keys in its current state.
func (m doneModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
