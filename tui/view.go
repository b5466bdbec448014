package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"passport-update/styles"
	"passport-update/tui/arabic"
)

// View returns the screen rendered at the end of the last Update: all the drawing work happens
// there, so View itself costs nothing (the 1 ms budget per frame).
func (m Model) View() string {
	if m.quitting {
		return ""
	}
	return m.frame
}

// keyHelp is the footer's bindings: the active step's, then the global ones.
func (m *Model) keyHelp() keyHelp {
	var short []key.Binding
	var full [][]key.Binding
	switch m.state {
	case stSession:
		short, full = m.session.ShortHelp(), m.session.FullHelp()
	case stPassword:
		short, full = m.password.ShortHelp(), m.password.FullHelp()
	case stPassport:
		// The picker's keys are many: back and help go first so a narrow footer keeps them.
		helpKey := m.globalKeys.Help
		if m.inputFocused() {
			helpKey = helpKeyF1
		}
		short = append([]key.Binding{m.passKeys.Back, helpKey}, m.picker.ShortHelp()...)
		full = append([][]key.Binding{{m.globalKeys.Help, m.globalKeys.RTL, m.globalKeys.Quit, m.passKeys.Back}}, m.picker.FullHelp()...)
		return keyHelp{short: append(short, m.globalKeys.Quit), full: full}
	case stUpload:
		short, full = m.upload.ShortHelp(), m.upload.FullHelp()
	case stReview:
		short = m.review.ShortHelp()
		full = m.review.FullHelp()
	case stApprove:
		short, full = m.approve.ShortHelp(), m.approve.FullHelp()
	case stDone:
		short, full = m.done.ShortHelp(), m.done.FullHelp()
	case stError:
		b := []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start over")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "quit")),
		}
		short, full = b, [][]key.Binding{b}
	}
	if m.confirmQuit {
		b := []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "quit anyway")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stay")),
		}
		return keyHelp{short: b, full: [][]key.Binding{b}}
	}
	helpKey := m.globalKeys.Help
	if m.inputFocused() {
		helpKey = helpKeyF1
	}
	short = append(short[:len(short):len(short)], helpKey, m.globalKeys.Quit)
	// The global column comes first so a narrow screen never cuts it off.
	full = append([][]key.Binding{{helpKey, m.globalKeys.RTL, m.globalKeys.Quit}}, full...)
	return keyHelp{short: short, full: full}
}

// chrome draws the header (with the notice) and the footer; the body gets what is left.
func (m *Model) chrome() (header, footer string, bodyH int) {
	c := &m.c
	t := c.th
	var head strings.Builder
	applicant := arabic.Clean(m.applicantID)
	if m.state == stSession && !m.session.busy && !m.session.ready {
		// Back on the Session screen (a refusal, an expired session) no session is open for
		// anyone: the ID tried is in the field, not in the header.
		applicant = ""
	}
	head.WriteString(t.Header(styles.HeaderInfo{Step: m.stepIndex(), Demo: m.cfg.Demo != nil, Applicant: applicant, Width: c.width}))
	head.WriteString("\n")
	if m.notice.kind != noticeNone {
		s := arabic.Clean(m.notice.sentence)
		if m.notice.retry != "" {
			s += " Press " + m.notice.retry + " to try again."
		}
		switch m.notice.kind {
		case noticeError:
			head.WriteString(t.Error(s, c.width))
		case noticeWarning:
			head.WriteString(t.Warning(s, c.width))
		default:
			head.WriteString(t.Info(s, c.width))
		}
		head.WriteString("\n")
	}
	header = head.String()

	// bubbles/help adds an item that does not fit when the ellipsis would not fit either, so
	// every help line is cut to the width here.
	helpView := truncateLines(m.help.View(m.keyHelp()), c.width)
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
	if m.confirmQuit {
		return t.Heading.Render("Quit now?") + "\n\n" +
			t.Warning("The passport was uploaded but not approved. Quitting now loses this customer's review; they would have to start again.", c.width) +
			"\n\n" + t.Key.Render("enter") + t.Muted.Render(" quit anyway   ") + t.Key.Render("esc") + t.Muted.Render(" stay")
	}
	switch m.state {
	case stSession:
		return m.session.view(c, spin)
	case stPassword:
		return m.password.view(c, spin)
	case stPassport:
		return m.picker.View()
	case stUpload:
		return m.upload.view(c, spin)
	case stReview:
		return m.review.view(c, h)
	case stApprove:
		return m.approve.view(c, spin)
	case stDone:
		return m.done.view(c)
	case stError:
		return t.Heading.Render("This customer cannot continue here") + "\n\n" + t.Error(arabic.Clean(m.errSentence), c.width) +
			"\n\n" + t.Muted.Render("enter starts over, esc quits.")
	}
	return ""
}

func (m *Model) renderTooSmall() string {
	c := &m.c
	msg := fmt.Sprintf("Make me bigger: this window is %d×%d, passport-update needs at least %d×%d.\nEnlarge the window or make the font smaller; everything typed is kept.\nctrl+c quits.", c.width, c.height, minWidth, minHeight)
	w := max(c.width, 1)
	return c.th.R.NewStyle().Width(w).Render(msg)
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
