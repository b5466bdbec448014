package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"passport-update/api"
	"passport-update/api/checks"
	"passport-update/tui/arabic"
)

// ApproveKeyMap is the Approve screen's keys.
type ApproveKeyMap struct {
	Approve key.Binding
	Back    key.Binding
}

// DefaultApproveKeyMap: enter (on the focused Approve button) or ctrl+s sends; esc goes back.
func DefaultApproveKeyMap() ApproveKeyMap {
	return ApproveKeyMap{
		Approve: key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "approve")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to review")),
	}
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k ApproveKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Approve, k.Back} }
func (k ApproveKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Approve, k.Back}} }

// The approval's outcomes, as the receipt and the summary line say them.
const (
	outcomeApproved = "approved"
	outcomeUnknown  = "unknown"
)

// approveStep is step 6. While a request is in flight no key sends another, so however often
// keys arrive only one request leaves. The key is needed twice (armed, then confirmed) after an
// unknown outcome, and when the checks found problems (an expired passport, an MRZ that fails
// its check digits): those are repeated here, so nobody approves past them unseen. An unknown
// outcome stays with this customer, whatever screen they go back to.
type approveStep struct {
	keys      ApproveKeyMap
	send      *string
	docNumber string
	problems  []checks.Finding // the Problem findings of Review
	req       request
	outcome   string // "", outcomeApproved or outcomeUnknown
	armed     bool   // first press armed (after unknown, or with problems); second press sends
	attempts  int
	took      time.Duration
	sentAt    time.Time
}

// approveMsg is the answer to Approve.
type approveMsg struct {
	id   int64
	err  error
	took time.Duration
}

func (approveMsg) owner() stepID { return stApprove }

func newApprove() approveStep { return approveStep{keys: DefaultApproveKeyMap()} }

// prepare shows what Review will send.
func (a approveStep) prepare(send *string, docNumber string, findings []checks.Finding) approveStep {
	a.send, a.docNumber, a.armed, a.problems = send, docNumber, false, nil
	for _, f := range findings {
		if f.Severity == checks.Problem {
			a.problems = append(a.problems, f)
		}
	}
	return a
}

func (a approveStep) inFlight() bool { return a.req.busy() }
func (a approveStep) unknown() bool  { return a.outcome == outcomeUnknown }

// twice reports whether the next approval needs the key twice.
func (a approveStep) twice() bool { return a.unknown() || len(a.problems) > 0 }

var (
	approveAgain  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter ×2", "approve again"))
	approveAnyway = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter ×2", "approve anyway"))
)

func (a approveStep) update(msg tea.Msg, d desk) (approveStep, tea.Cmd, action) {
	switch msg := msg.(type) {
	case approveMsg:
		return a.answered(msg)
	case tea.KeyMsg:
		if a.req.busy() {
			return a, nil, nil // the one guard: nothing is sent while an approval is in flight
		}
		switch {
		case key.Matches(msg, a.keys.Back):
			a.armed = false
			return a, nil, actBack{}
		case key.Matches(msg, a.keys.Approve):
			if a.twice() && !a.armed {
				a.armed = true
				return a, nil, nil
			}
			a.armed = false
			a.attempts++
			a.sentAt = d.now
			id, ctx := a.req.start(d.ctx)
			c := d.client
			var send *string
			if a.send != nil {
				v := *a.send
				send = &v
			}
			return a, tea.Batch(safe(func() tea.Msg {
				start := time.Now()
				err := c.Approve(ctx, send)
				return approveMsg{id: id, err: err, took: time.Since(start)}
			}), d.tick), actNotice{}
		}
	}
	return a, nil, nil
}

// answered: success → Done; a 400 naming FullNameAr → back to that field; an answer that does
// not say what happened → outcome unknown, never retried by itself; a refusal → stay and say so.
func (a approveStep) answered(msg approveMsg) (approveStep, tea.Cmd, action) {
	if !a.req.answers(msg.id) {
		return a, nil, nil
	}
	a.took = msg.took
	err := msg.err
	if err == nil {
		a.outcome = outcomeApproved
		return a, nil, actSettled{outcome: outcomeApproved}
	}
	if api.OutcomeUnknown(err) {
		a.outcome = outcomeUnknown
		return a, nil, actSettled{outcome: outcomeUnknown, sentence: api.Sentence(err) + " A second approval needs enter twice."}
	}
	if api.SessionExpired(err) {
		return a, nil, actExpired{}
	}
	if text, ok := api.FieldMessage(err, "FullNameAr"); ok {
		return a, nil, actFieldRefused{field: "FullNameAr", message: text}
	}
	return a, nil, actNotice{kind: noticeError, sentence: "Nothing was approved: " + api.Sentence(err) + " Press enter to try again once the cause is fixed."}
}

func (a approveStep) ShortHelp() []key.Binding {
	switch {
	case a.req.busy():
		return nil
	case a.unknown():
		return []key.Binding{approveAgain, a.keys.Back}
	case len(a.problems) > 0:
		return []key.Binding{approveAnyway, a.keys.Back}
	}
	return []key.Binding{a.keys.Approve, a.keys.Back}
}

func (a approveStep) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }

func (a approveStep) view(c *common, spin, applicant string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Approve the passport update"))
	b.WriteString("\n\n")
	b.WriteString(t.Muted.Render("This is exactly what will be sent:"))
	b.WriteString("\n\n")
	b.WriteString("  " + t.Label.Render("call        ") + "POST …/UpdatePassport/Approve\n")
	if a.send != nil {
		// One Arabic value on its own line.
		b.WriteString("  " + t.Label.Render("fullNameAr  ") + truncate(arabic.Display(*a.send, c.mode), c.width-16) + "\n")
	} else {
		b.WriteString("  " + t.Label.Render("fullNameAr  ") + "null" + t.Muted.Render("  (translation off, no Arabic name read)") + "\n")
	}
	b.WriteString("\n")
	about := fmt.Sprintf("Document %s", arabic.Clean(a.docNumber))
	if applicant != "" {
		about += " for applicant " + arabic.Clean(applicant)
	}
	b.WriteString(t.Muted.Render(ansi.Wordwrap(about+". The server approves the scan it read; other corrections stay in the receipt.", c.width-1, "")))
	b.WriteString("\n\n")
	if len(a.problems) > 0 {
		b.WriteString(t.ErrorText.Render("The checks found problems with this passport:"))
		b.WriteString("\n")
		for _, f := range a.problems {
			b.WriteString("  " + findingLine(t, f, c.width-3) + "\n")
		}
		b.WriteString(t.Muted.Render(ansi.Wordwrap("The server may refuse or accept it. esc goes back to review to correct a field.", c.width-1, "")))
		b.WriteString("\n\n")
	}
	switch {
	case a.req.busy():
		b.WriteString(spin + " Sending the approval… (not retried automatically)\n")
	case a.unknown() && a.armed:
		b.WriteString(t.ButtonFocused.Render("Press enter again to send a second approval"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("Only if you checked that the first one did not go through. esc goes back."))
		b.WriteString("\n")
	case a.unknown():
		b.WriteString(t.Button.Render("Approve again"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render(ansi.Wordwrap("First check whether the first approval went through; then enter twice to send again.", c.width-1, "")))
		b.WriteString("\n")
	case a.armed:
		b.WriteString(t.ButtonFocused.Render("Press enter again to approve despite the problems above"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("esc goes back to review."))
		b.WriteString("\n")
	case len(a.problems) > 0:
		b.WriteString(t.Button.Render("Approve anyway"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("enter twice sends one approval; esc goes back to review."))
		b.WriteString("\n")
	default:
		b.WriteString(t.ButtonFocused.Render("Approve"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("enter or ctrl+s sends one approval; esc goes back to review."))
		b.WriteString("\n")
	}
	return b.String()
}
