package tui

import (
	"github.com/charmbracelet/lipgloss"
	"passport-update/tui/textfield"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"passport-update/tui/arabic"
)

// SessionKeyMap is the Session screen's keys.
type SessionKeyMap struct {
	Pick   key.Binding // help only: the short form of Up and Down
	Open   key.Binding
	Cancel key.Binding
	Up     key.Binding
	Down   key.Binding
}

// DefaultSessionKeyMap: enter opens the session, up/down pick a demo applicant.
func DefaultSessionKeyMap() SessionKeyMap {
	return SessionKeyMap{
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open session")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Pick:   key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "pick applicant")),
		Up:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "previous applicant")),
		Down:   key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "next applicant")),
	}
}

// sessionModel is step 1: the applicant ID, or the silent resume of a ready token.
type sessionModel struct {
	keys  SessionKeyMap
	input textfield.Field
	demo  []DemoApplicant
	sel   int  // highlighted demo applicant, -1 for none
	busy  bool // a session call is in flight
	ready bool // resuming a ready token: nothing to type
}

// actOpenSession asks the root to open a session for the applicant.
type actOpenSession struct{ applicantID string }

// actCancelSession abandons the session being opened.
type actCancelSession struct{}

func newSession(demo *Demo, ready bool) sessionModel {
	in := newInput("Applicant ID › ", "from the onboarding callback", 128)
	m := sessionModel{keys: DefaultSessionKeyMap(), input: in, sel: -1, ready: ready}
	if demo != nil {
		m.demo = demo.Applicants
	}
	return m
}

func (m sessionModel) ShortHelp() []key.Binding {
	if m.busy {
		return []key.Binding{m.keys.Cancel}
	}
	if m.ready {
		return nil
	}
	if len(m.demo) > 0 {
		return []key.Binding{m.keys.Open, m.keys.Pick}
	}
	return []key.Binding{m.keys.Open}
}

func (m sessionModel) update(msg tea.Msg) (sessionModel, tea.Cmd, any) {
	if k, ok := msg.(tea.KeyMsg); ok && m.busy && !m.ready && key.Matches(k, m.keys.Cancel) {
		return m, nil, actCancelSession{}
	}
	if m.busy || m.ready {
		return m, nil, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.keys.Open):
			id := strings.TrimSpace(m.input.Value())
			if id == "" && m.sel >= 0 {
				id = m.demo[m.sel].ApplicantID
			}
			if id == "" {
				return m, nil, actNotice{sentence: "Type the applicant ID first."}
			}
			return m, nil, actOpenSession{applicantID: id}
		case key.Matches(k, m.keys.Up) && len(m.demo) > 0:
			m.sel--
			if m.sel < 0 {
				m.sel = len(m.demo) - 1
			}
			m.input.SetValue(m.demo[m.sel].ApplicantID)
			m.input.CursorEnd()
			return m, nil, nil
		case key.Matches(k, m.keys.Down) && len(m.demo) > 0:
			m.sel = (m.sel + 1) % len(m.demo)
			m.input.SetValue(m.demo[m.sel].ApplicantID)
			m.input.CursorEnd()
			return m, nil, nil
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd, nil
}

func (m sessionModel) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Open the update session"))
	b.WriteString("\n\n")
	if m.ready {
		b.WriteString(spin + " Checking the session token…\n")
		return b.String()
	}
	b.WriteString(t.Muted.Render("Type the customer's applicant ID and press enter."))
	b.WriteString("\n\n")
	b.WriteString(m.input.View(c.field))
	b.WriteString("\n")
	if m.busy {
		b.WriteString("\n" + spin + " Opening the session (token, allowed steps, verification method)…\n")
	}
	if len(m.demo) > 0 {
		b.WriteString("\n")
		b.WriteString(t.Heading.Render("Sandbox applicants"))
		b.WriteString(t.Muted.Render("  (↑/↓ to pick)"))
		b.WriteString("\n")
		w := c.width - 4
		idWidth := 0
		for _, a := range m.demo {
			idWidth = max(idWidth, lipgloss.Width(arabic.Clean(a.ApplicantID)))
		}
		for i, a := range m.demo {
			id := arabic.Clean(a.ApplicantID)
			line := id + strings.Repeat(" ", idWidth-lipgloss.Width(id)) + "  " + arabic.Clean(a.Name)
			if a.Description != "" {
				line += " — " + arabic.Clean(a.Description)
			}
			line = truncate(line, w)
			if i == m.sel {
				b.WriteString(t.Selected.Render("› " + line))
			} else {
				b.WriteString("  " + line)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k SessionKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Open, k.Pick} }
func (k SessionKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Open, k.Up, k.Down, k.Cancel}}
}

// FullHelp is the step's keys in its current state.
func (m sessionModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
