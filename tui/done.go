package tui

import (
	"fmt"
	"strings"
	"time"

	"example.com/passport-update/api/fullname"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k DoneKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Next, k.Quit} }
func (k DoneKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Next, k.Quit}} }

// doneStep is step 7: the outcome, and where the receipt went.
type doneStep struct {
	keys        DoneKeyMap
	docNumber   string
	applicant   string // "" with a ready token: the wizard never learns the applicant ID
	elapsed     time.Duration
	receiptPath string
	receiptErr  string
	receiptWait bool
	shownAt     time.Time
}

func newDone() doneStep { return doneStep{keys: DefaultDoneKeyMap()} }

// show fills the screen for an approval; the receipt, when one is written, follows.
func (s doneStep) show(docNumber, applicant string, elapsed time.Duration, now time.Time, receipt bool) doneStep {
	s.docNumber, s.applicant, s.elapsed, s.shownAt, s.receiptWait = docNumber, applicant, elapsed, now, receipt
	return s
}

// receiptWritten records where the receipt went (or why it could not be written).
func (s doneStep) receiptWritten(path string, err error) doneStep {
	s.receiptWait = false
	s.receiptPath = path
	if err != nil {
		s.receiptErr = "could not write the receipt: " + fullname.Clean(err.Error())
	}
	return s
}

func (s doneStep) update(msg tea.Msg, d desk) (doneStep, tea.Cmd, action) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case k.Type == tea.KeyEnter && d.now.Sub(s.shownAt) < enterGrace:
			return s, nil, nil
		case key.Matches(k, s.keys.Next):
			return s, nil, actNextCustomer{}
		case key.Matches(k, s.keys.Quit):
			return s, nil, actQuit{}
		}
	}
	return s, nil, nil
}

func (s doneStep) ShortHelp() []key.Binding  { return []key.Binding{s.keys.Next, s.keys.Quit} }
func (s doneStep) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s doneStep) view(c *common) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Success.Render("✓ Passport update approved"))
	b.WriteString("\n\n")
	if s.applicant != "" {
		b.WriteString("  " + t.Label.Render("Applicant        ") + fullname.Clean(s.applicant) + "\n")
	}
	b.WriteString("  " + t.Label.Render("Document number  ") + fullname.Clean(s.docNumber) + "\n")
	b.WriteString("  " + t.Label.Render("Time taken       ") + roundDuration(s.elapsed) + "\n")
	switch {
	case s.receiptErr != "":
		b.WriteString("  " + t.Label.Render("Receipt          ") + t.ErrorText.Render(truncate(s.receiptErr, c.width-21)) + "\n")
	case s.receiptPath != "":
		b.WriteString("  " + t.Label.Render("Receipt          ") + truncate(fullname.Clean(s.receiptPath), c.width-21) + "\n")
	case s.receiptWait:
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
