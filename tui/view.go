package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"example.com/passport-update/api/fullname"
	"example.com/passport-update/styles"
	"example.com/passport-update/tui/arabic"
)

// View returns the screen rendered at the end of the last Update: all the drawing work happens
// there, so View itself costs nothing however often bubbletea asks.
func (m Model) View() string {
	if m.quitting {
		return ""
	}
	return m.frame
}

// keyHelp is the footer's bindings: the step's, then the global ones.
func (m *Model) keyHelp() keyHelp {
	helpKey := m.keys.Help
	if m.typing() {
		helpKey = helpKeyF1
	}
	switch {
	case m.leaving:
		b := []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "leave now, outcome unknown"))}
		return keyHelp{short: b, full: [][]key.Binding{b}}
	case m.confirmQuit:
		b := []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "quit anyway")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stay")),
		}
		return keyHelp{short: b, full: [][]key.Binding{b}}
	case m.step == stPassport:
		// The picker's keys are many: back and help go first so a narrow footer keeps them.
		p := &m.cs.passport
		short := append([]key.Binding{p.keys.Back, helpKey}, p.ShortHelp()...)
		full := append([][]key.Binding{{m.keys.Help, m.keys.RTL, m.keys.Quit, p.keys.Back}}, p.FullHelp()...)
		return keyHelp{short: append(short, m.keys.Quit), full: full}
	}
	var short []key.Binding
	var full [][]key.Binding
	switch m.step {
	case stSession:
		short, full = m.cs.session.ShortHelp(), m.cs.session.FullHelp()
	case stPassword:
		short, full = m.cs.password.ShortHelp(), m.cs.password.FullHelp()
	case stUpload:
		short, full = m.cs.upload.ShortHelp(), m.cs.upload.FullHelp()
	case stReview:
		short, full = m.cs.review.ShortHelp(), m.cs.review.FullHelp()
	case stApprove:
		short, full = m.cs.approve.ShortHelp(), m.cs.approve.FullHelp()
	case stDone:
		short, full = m.cs.done.ShortHelp(), m.cs.done.FullHelp()
	case stStopped:
		start := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next customer"))
		if m.cfg.TokenReady {
			start = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "quit"))
		}
		short = []key.Binding{start, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "quit"))}
		full = [][]key.Binding{short}
	}
	short = append(short[:len(short):len(short)], helpKey, m.keys.Quit)
	// The global column comes first so a narrow screen never cuts it off.
	full = append([][]key.Binding{{helpKey, m.keys.RTL, m.keys.Quit}}, full...)
	return keyHelp{short: short, full: full}
}

// stepIndex is the header's step (the step line has five; Done is past the last).
func (m *Model) stepIndex() int {
	switch m.step {
	case stSession, stStopped:
		return 0
	case stPassword:
		return 1
	case stPassport, stUpload:
		return 2
	case stReview:
		return 3
	case stApprove:
		return 4
	}
	return len(styles.Steps)
}

// chrome draws the header (with the notice) and the footer; the body gets what is left.
func (m *Model) chrome() (header, footer string, bodyH int) {
	c := &m.c
	t := c.th
	var head strings.Builder
	applicant := fullname.Clean(m.cs.applicantID)
	switch {
	case m.step == stSession && m.cs.session.req.busy(), m.step == stStopped && applicant == "":
		applicant = fullname.Clean(m.cs.session.opening)
	case m.step == stSession:
		// Back on the Session screen (a refusal, an expired session) no session is open for
		// anyone: the ID tried is in the field, not in the header.
		applicant = ""
	}
	head.WriteString(t.Header(styles.HeaderInfo{Step: m.stepIndex(), Demo: m.cfg.Demo != nil, Applicant: applicant,
		Operator: arabic.Visible(m.cfg.Operator), Width: c.width}))
	head.WriteString("\n")
	if m.notice.kind != noticeNone {
		s := m.notice.sentence
		if m.notice.retry != "" {
			s += " Press " + m.notice.retry + " to try again."
		}
		head.WriteString(c.block(m.notice.kind, s, c.width))
		head.WriteString("\n")
	}
	header = head.String()

	// bubbles/help adds an item that does not fit when the ellipsis would not fit either, so
	// every help line is cut to the width here.
	helpView := truncateLines(m.help.View(m.keyHelp()), c.width)
	if m.step == stReview && m.typing() && !m.help.ShowAll {
		// While a value is edited the footer lists every editing key, on as many lines as
		// they take: one line would drop the last ones (and the global keys after them).
		helpView = m.packedHelp(m.keyHelp().short, c.width)
	}
	if m.help.ShowAll {
		helpView += "\n" + t.Muted.Render("Arabic display mode: ") + t.Key.Render(c.mode.String()) + t.Muted.Render(" — ctrl+r cycles terminal → app → off")
	}
	footer = t.Footer(helpView, c.width)
	// header ends with a newline, so it takes one line fewer than lipgloss.Height says.
	bodyH = c.height - (lipgloss.Height(header) - 1) - lipgloss.Height(footer)
	return header, footer, bodyH
}

// render draws the whole screen at the stored size.
func (m *Model) render() string {
	if m.tooSmall() {
		return m.renderTooSmall()
	}
	if screen, ok := m.faceViewScreen(); ok {
		return screen
	}
	header, footer, bodyH := m.chrome()
	body := m.renderBody(bodyH)
	body = clipLines(body, bodyH)
	pad := bodyH - lipgloss.Height(body)
	var b strings.Builder
	b.Grow(len(header) + len(body) + len(footer) + pad + 8)
	b.WriteString(header)
	b.WriteString(body)
	if pad > 0 {
		b.WriteString(strings.Repeat("\n", pad))
	}
	b.WriteString("\n")
	b.WriteString(footer)
	return b.String()
}

func (m *Model) renderBody(h int) string {
	c := &m.c
	t := c.th
	spin := m.spin.View()
	cs := &m.cs
	switch {
	case m.leaving:
		return t.Heading.Render("Waiting for the server's answer to the approval") + "\n\n" +
			c.block(noticeWarning, "The approval has been sent. Leaving now would leave its outcome unknown, so the wizard waits for the answer (up to the call's time limit) and then quits. Press ctrl+c again to leave at once.", c.width) +
			"\n\n" + spin + " Sending the approval…"
	case m.confirmQuit:
		return t.Heading.Render("Quit now?") + "\n\n" + c.block(noticeWarning, m.quitWarning(), c.width) +
			"\n\n" + t.Key.Render("enter") + t.Muted.Render(" quit anyway   ") + t.Key.Render("esc") + t.Muted.Render(" stay")
	}
	switch m.step {
	case stSession:
		return cs.session.view(c, spin)
	case stPassword:
		return cs.password.view(c, spin)
	case stPassport:
		return cs.passport.view(c)
	case stUpload:
		return cs.upload.view(c, spin)
	case stReview:
		return cs.review.view(c, h)
	case stApprove:
		return cs.approve.view(c, spin, cs.applicantID, h)
	case stDone:
		return cs.done.view(c)
	case stStopped:
		next := "enter starts the next customer, esc quits."
		if m.cfg.TokenReady {
			next = "enter or esc quits."
		}
		return t.Heading.Render("This customer cannot continue here") + "\n\n" + c.block(noticeError, cs.stopped, c.width) +
			"\n\n" + t.Muted.Render(next)
	}
	return ""
}

// quitWarning says what quitting now loses: never "not approved" when the approval may have gone
// through.
func (m *Model) quitWarning() string {
	if m.cs.approve.unknown() {
		return "The approval was sent but its outcome is unknown. Check the customer's update in the back office before approving again; the receipt, if one is kept, records it as unknown."
	}
	return "The passport was uploaded but not approved. Quitting now loses this customer's review; they would have to start again."
}

func (m *Model) renderTooSmall() string {
	c := &m.c
	msg := fmt.Sprintf("Make me bigger: this window is %d×%d, passport-update needs at least %d×%d.\nEnlarge the window or make the font smaller; everything typed is kept.\nctrl+c quits.", c.width, c.height, minWidth, minHeight)
	w := max(c.width, 1)
	return c.th.R.NewStyle().Width(w).Render(msg)
}

// packedHelp draws short help bindings on as many lines of w cells as they need, in order.
func (m *Model) packedHelp(bindings []key.Binding, w int) string {
	h := m.help
	h.Width = 0 // each line is measured here; help would cut the line and add "…"
	var lines []string
	var line []key.Binding
	for _, b := range bindings {
		if len(line) > 0 && lipgloss.Width(h.ShortHelpView(append(line[:len(line):len(line)], b))) > w {
			lines = append(lines, h.ShortHelpView(line))
			line = nil
		}
		line = append(line, b)
	}
	if len(line) > 0 {
		lines = append(lines, h.ShortHelpView(line))
	}
	return truncateLines(strings.Join(lines, "\n"), w)
}

func truncateLines(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = truncate(l, w)
		}
	}
	return strings.Join(lines, "\n")
}
