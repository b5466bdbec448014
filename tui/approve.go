package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
	"example.com/passport-update/styles"
)

// ApproveKeyMap is the Approve screen's keys.
type ApproveKeyMap struct {
	Approve key.Binding
	Back    key.Binding
	Scroll  key.Binding // help only: the short form of Up and Down
	Up      key.Binding
	Down    key.Binding
}

// DefaultApproveKeyMap: enter (on the focused Approve button) or ctrl+s sends; esc goes back.
func DefaultApproveKeyMap() ApproveKeyMap {
	return ApproveKeyMap{
		Approve: key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "approve")),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to review")),
		Scroll:  key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown"), key.WithHelp("↑↓", "scroll")),
		Up:      key.NewBinding(key.WithKeys("up", "pgup"), key.WithHelp("↑/pgup", "scroll up")),
		Down:    key.NewBinding(key.WithKeys("down", "pgdown"), key.WithHelp("↓/pgdown", "scroll down")),
	}
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k ApproveKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Approve, k.Back, k.Scroll} }
func (k ApproveKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Approve, k.Back}, {k.Up, k.Down}}
}

// The approval's outcomes, as the receipt and the summary line say them.
const (
	outcomeApproved = "approved"
	outcomeUnknown  = "unknown"
)

// approveStep is step 6. While a request is in flight no key sends another, so however often
// keys arrive only one request leaves. Every finding of Review is repeated here, so nobody
// approves past one unseen; the key is needed twice (armed, then confirmed) after an unknown
// outcome, and when the checks found problems (an expired passport, an MRZ that fails its check
// digits). An unknown outcome stays with this customer, whatever screen they go back to.
type approveStep struct {
	keys      ApproveKeyMap
	send      *string
	docNumber string
	findings  []checks.Finding // Review's, about the values the server holds
	problems  int              // how many of them are problems
	kept      []keptCorrection // corrections that are not sent
	scroll    int              // body lines scrolled off the top, at most bottom
	bottom    int              // the largest scroll the last frame had lines for
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

// keptCorrection is a value corrected on Review that is not sent: the server approves its own
// reading, and the receipt records both.
type keptCorrection struct {
	label, corrected, server string
}

// prepare shows what Review will send.
func (a approveStep) prepare(t actToApprove) approveStep {
	a.send, a.docNumber, a.armed, a.scroll = t.send, t.docNumber, false, 0
	a.findings, a.kept, a.problems = t.findings, t.kept, 0
	for _, f := range t.findings {
		if f.Severity == checks.Problem {
			a.problems++
		}
	}
	return a
}

func (a approveStep) inFlight() bool { return a.req.busy() }
func (a approveStep) unknown() bool  { return a.outcome == outcomeUnknown }

// twice reports whether the next approval needs the key twice.
func (a approveStep) twice() bool { return a.unknown() || a.problems > 0 }

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
		case key.Matches(msg, a.keys.Up):
			a.scroll = max(a.scroll-1, 0)
			return a, nil, nil
		case key.Matches(msg, a.keys.Down):
			a.scroll = min(a.scroll+1, a.bottom)
			return a, nil, nil
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
	case a.problems > 0:
		return []key.Binding{approveAnyway, a.keys.Back}
	}
	return []key.Binding{a.keys.Approve, a.keys.Back}
}

// FullHelp adds the scrolling keys; the screen names them where there is more to see.
func (a approveStep) FullHelp() [][]key.Binding {
	return [][]key.Binding{a.ShortHelp(), {a.keys.Up, a.keys.Down}}
}

// view draws what will be sent, whole, and every finding, in h lines: the heading stays, what
// does not fit under it scrolls, and the screen says when there is more above or below. It
// records how far the body can scroll (only drawing knows: it depends on the width, the display
// mode and the notice above), so ↓ stops at the last line; the root draws inside Update.
func (a *approveStep) view(c *common, spin, applicant string, h int) string {
	t := c.th
	var lines []string
	add := func(style func(...string) string, s string, indent string) {
		for _, l := range c.sentence(s, c.width-1-len(indent)) {
			lines = append(lines, indent+style(l))
		}
	}
	plain := func(s ...string) string { return strings.Join(s, "") }
	heading := t.Heading.Render("Approve the passport update")
	lines = append(lines, "", t.Muted.Render("This is exactly what will be sent:"), "")
	lines = append(lines, "  "+t.Label.Render("call        ")+"POST …/UpdatePassport/Approve")
	if a.send != nil {
		// The whole value, one Arabic value per line, wrapped under its first line.
		for i, l := range valueLines(*a.send, c.mode, c.width-16) {
			if i == 0 {
				lines = append(lines, "  "+t.Label.Render("fullNameAr  ")+l)
			} else {
				lines = append(lines, strings.Repeat(" ", 14)+l)
			}
		}
	} else {
		lines = append(lines, "  "+t.Label.Render("fullNameAr  ")+"null"+t.Muted.Render("  (translation off, no Arabic name read)"))
	}
	lines = append(lines, "")
	about := "Document " + a.docNumber
	if applicant != "" {
		about += " for applicant " + applicant
	}
	about += ". The server approves the scan it read."
	if len(a.kept) > 0 {
		about += " It keeps its own reading of the fields corrected here:"
	}
	add(t.Muted.Render, about, "")
	for _, k := range a.kept {
		add(plain, fmt.Sprintf("%s: corrected here to %s; the server keeps %s", k.label, k.corrected, k.server), "  ")
	}
	if len(a.kept) > 0 {
		if c.receipts {
			add(t.Muted.Render, "The receipt records both values.", "")
		} else {
			add(t.Muted.Render, "No receipt is kept (--receipt), so these corrections are recorded nowhere.", "")
		}
	}
	lines = append(lines, "")
	if len(a.findings) > 0 {
		if a.problems > 0 {
			lines = append(lines, t.ErrorText.Render("The checks found problems with this passport:"))
		} else {
			lines = append(lines, t.WarnText.Render("The checks found:"))
		}
		for _, f := range a.findings {
			lines = append(lines, findingLines(c, f, c.width-1, "  ")...)
		}
		add(t.Muted.Render, "The checks judge the values the server holds. The server may refuse or accept them. esc goes back to review.", "")
		lines = append(lines, "")
	}
	switch {
	case a.req.busy():
		lines = append(lines, spin+" Sending the approval… (not retried automatically)")
	case a.unknown() && a.armed:
		lines = append(lines, strings.Split(t.ButtonFocused.Render("Press enter again to send a second approval"), "\n")...)
		add(t.Muted.Render, "Only if you checked that the first one did not go through. esc goes back.", "")
	case a.unknown():
		lines = append(lines, strings.Split(t.Button.Render("Approve again"), "\n")...)
		add(t.Muted.Render, "First check whether the first approval went through; then enter twice to send again.", "")
	case a.armed:
		lines = append(lines, strings.Split(t.ButtonFocused.Render("Press enter again to approve despite the problems above"), "\n")...)
		add(t.Muted.Render, "esc goes back to review.", "")
	case a.problems > 0:
		lines = append(lines, strings.Split(t.Button.Render("Approve anyway"), "\n")...)
		add(t.Muted.Render, "enter twice sends one approval; esc goes back to review.", "")
	default:
		lines = append(lines, strings.Split(t.ButtonFocused.Render("Approve"), "\n")...)
		add(t.Muted.Render, "enter or ctrl+s sends one approval; esc goes back to review.", "")
	}
	bodyH := h - 1
	a.bottom = 0
	if bodyH >= 3 && len(lines) > bodyH {
		a.bottom = len(lines) - bodyH
	}
	a.scroll = min(a.scroll, a.bottom)
	return heading + "\n" + strings.Join(scrolled(t, lines, a.scroll, bodyH), "\n")
}

// scrolled keeps h lines of lines from the scroll offset (stopped at the last line), saying in
// the first and last line when lines are out of view above or below.
func scrolled(t *styles.Theme, lines []string, scroll, h int) []string {
	if h <= 0 || len(lines) <= h {
		return lines
	}
	if h < 3 {
		return lines[:h]
	}
	start := max(min(scroll, len(lines)-h), 0)
	out := append([]string(nil), lines[start:start+h]...)
	if start > 0 {
		out[0] = t.Muted.Render("↑ more above (↑ scrolls)")
	}
	if start+h < len(lines) {
		out[h-1] = t.Muted.Render("↓ more below (↓ scrolls)")
	}
	return out
}
