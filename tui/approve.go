package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

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

// approveModel is step 6. sending is set before the request's command is returned, so however
// often keys arrive only one request leaves. The key is needed twice (armed, then confirmed)
// after an unknown outcome, and when the checks found problems (an expired passport, an MRZ
// that fails its check digits): those are repeated here, so nobody approves past them unseen.
type approveModel struct {
	keys       ApproveKeyMap
	fullNameAr *string
	docNumber  string
	applicant  string
	problems   []checks.Finding // the Problem findings of Review
	sending    bool
	unknown    bool // a request may have reached the server; outcome not known
	armed      bool // first press armed (after unknown, or with problems); second press sends
	attempts   int
}

type actApprove struct{}
type actBackToReview struct{}

func newApprove(fullNameAr *string, docNumber, applicant string, findings []checks.Finding) approveModel {
	m := approveModel{keys: DefaultApproveKeyMap(), fullNameAr: fullNameAr, docNumber: docNumber, applicant: applicant}
	for _, f := range findings {
		if f.Severity == checks.Problem {
			m.problems = append(m.problems, f)
		}
	}
	return m
}

// twice reports whether the next approval needs the key twice.
func (m approveModel) twice() bool { return m.unknown || len(m.problems) > 0 }

var (
	approveAgain  = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter ×2", "approve again"))
	approveAnyway = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter ×2", "approve anyway"))
)

func (m approveModel) ShortHelp() []key.Binding {
	if m.sending {
		return nil
	}
	if m.unknown {
		return []key.Binding{approveAgain, m.keys.Back}
	}
	if len(m.problems) > 0 {
		return []key.Binding{approveAnyway, m.keys.Back}
	}
	return []key.Binding{m.keys.Approve, m.keys.Back}
}

func (m approveModel) update(msg tea.Msg) (approveModel, tea.Cmd, any) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || m.sending {
		return m, nil, nil
	}
	switch {
	case key.Matches(k, m.keys.Back):
		m.armed = false
		return m, nil, actBackToReview{}
	case key.Matches(k, m.keys.Approve):
		if m.twice() && !m.armed {
			m.armed = true
			return m, nil, nil
		}
		m.sending = true
		m.armed = false
		m.attempts++
		return m, nil, actApprove{}
	}
	return m, nil, nil
}

func (m approveModel) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Approve the passport update"))
	b.WriteString("\n\n")
	b.WriteString(t.Muted.Render("This is exactly what will be sent:"))
	b.WriteString("\n\n")
	b.WriteString("  " + t.Label.Render("call        ") + "POST …/UpdatePassport/Approve\n")
	if m.fullNameAr != nil {
		// One Arabic value on its own line.
		b.WriteString("  " + t.Label.Render("fullNameAr  ") + truncate(arabic.Display(*m.fullNameAr, c.mode), c.width-16) + "\n")
	} else {
		b.WriteString("  " + t.Label.Render("fullNameAr  ") + "null" + t.Muted.Render("  (translation off, no Arabic name read)") + "\n")
	}
	b.WriteString("\n")
	b.WriteString(t.Muted.Render(ansi.Wordwrap(fmt.Sprintf("Document %s for applicant %s. The server approves the scan it read; other corrections stay in the receipt.", arabic.Clean(m.docNumber), arabic.Clean(m.applicant)), c.width-1, "")))
	b.WriteString("\n\n")
	if len(m.problems) > 0 {
		b.WriteString(t.ErrorText.Render("The checks found problems with this passport:"))
		b.WriteString("\n")
		for _, f := range m.problems {
			b.WriteString("  " + findingLine(t, f, c.width-3) + "\n")
		}
		b.WriteString(t.Muted.Render(ansi.Wordwrap("The server may refuse or accept it; the receipt records what was seen. esc goes back to review to correct a field.", c.width-1, "")))
		b.WriteString("\n\n")
	}
	switch {
	case m.sending:
		b.WriteString(spin + " Sending the approval… (not retried automatically)\n")
	case m.unknown && m.armed:
		b.WriteString(t.ButtonFocused.Render("Press enter again to send a second approval"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("Only if you checked that the first one did not go through. esc goes back."))
		b.WriteString("\n")
	case m.unknown:
		b.WriteString(t.Button.Render("Approve again"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render(ansi.Wordwrap("First check whether the first approval went through; then enter twice to send again.", c.width-1, "")))
		b.WriteString("\n")
	case m.armed:
		b.WriteString(t.ButtonFocused.Render("Press enter again to approve despite the problems above"))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("esc goes back to review."))
		b.WriteString("\n")
	case len(m.problems) > 0:
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

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k ApproveKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Approve, k.Back} }
func (k ApproveKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Approve, k.Back}} }

// FullHelp is the step's keys in its current state.
func (m approveModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
