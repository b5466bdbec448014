package tui

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"example.com/passport-update/api"
	"example.com/passport-update/api/fullname"
	"example.com/passport-update/tui/textfield"
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

// sessionStep is step 1: the applicant ID and the session for it (steps 1, 2, 3, 3b of the
// API), or with a ready token the silent check of step 3b.
type sessionStep struct {
	keys       SessionKeyMap
	input      textfield.Field
	demo       []DemoApplicant
	sel        int  // highlighted demo applicant, -1 for none
	tokenReady bool // steps 1–3 were done elsewhere: nothing to type
	opening    string
	req        request
	took       time.Duration
}

// sessionMsg is the answer to opening (or checking) the session.
type sessionMsg struct {
	id   int64
	sess api.PassportSession
	err  error
	took time.Duration
}

func (sessionMsg) owner() stepID { return stSession }

func newSession(demo *Demo, tokenReady bool) sessionStep {
	s := sessionStep{keys: DefaultSessionKeyMap(), input: newInput("Applicant ID › ", "from the onboarding callback", 128), sel: -1, tokenReady: tokenReady}
	if demo != nil {
		s.demo = demo.Applicants
	}
	return s
}

func (s sessionStep) typing() bool { return !s.tokenReady && !s.req.busy() }

// resume checks a ready token: the verification method only.
func (s sessionStep) resume(d desk) (sessionStep, tea.Cmd) {
	id, ctx := s.req.start(d.ctx)
	c := d.cfg.Client
	return s, tea.Batch(safe(func() tea.Msg {
		start := time.Now()
		sess, err := c.ResumePassportSession(ctx)
		return sessionMsg{id: id, sess: sess, err: err, took: time.Since(start)}
	}), d.tick)
}

func (s sessionStep) open(d desk, applicantID string) (sessionStep, tea.Cmd) {
	id, ctx := s.req.start(d.ctx)
	s.opening = applicantID
	c, tenantID, secret := d.cfg.Client, d.cfg.TenantID, d.cfg.TenantSecret
	return s, tea.Batch(safe(func() tea.Msg {
		start := time.Now()
		sess, err := c.OpenPassportSession(ctx, tenantID, secret, applicantID)
		return sessionMsg{id: id, sess: sess, err: err, took: time.Since(start)}
	}), d.tick)
}

// cancel drops the session being opened; its answer, if one comes, is ignored.
func (s sessionStep) cancel() sessionStep {
	s.req.stop()
	return s
}

// expired is the step again after the server refused the session mid-flow: the applicant ID is
// in the field, ready for enter.
func (s sessionStep) expired(applicantID string) sessionStep {
	s.req.stop()
	s.input.SetValue(applicantID)
	return s
}

func (s sessionStep) update(msg tea.Msg, d desk) (sessionStep, tea.Cmd, action) {
	switch msg := msg.(type) {
	case sessionMsg:
		return s.answered(msg, d)
	case tea.KeyMsg:
		if s.req.busy() {
			if !s.tokenReady && key.Matches(msg, s.keys.Cancel) {
				s.req.stop()
				return s, nil, actNotice{kind: noticeInfo, sentence: "Cancelled. Press enter to open the session again."}
			}
			return s, nil, nil
		}
		if s.tokenReady {
			return s, nil, nil
		}
		switch {
		case key.Matches(msg, s.keys.Open):
			id := strings.TrimSpace(s.input.Value())
			if id == "" && s.sel >= 0 {
				id = s.demo[s.sel].ApplicantID
			}
			if id == "" {
				return s, nil, actNotice{sentence: "Type the applicant ID first."}
			}
			s, cmd := s.open(d, id)
			return s, cmd, actNotice{}
		case key.Matches(msg, s.keys.Up) && len(s.demo) > 0:
			s.sel = (s.sel - 1 + len(s.demo)) % len(s.demo)
			s.input.SetValue(s.demo[s.sel].ApplicantID)
			return s, nil, nil
		case key.Matches(msg, s.keys.Down) && len(s.demo) > 0:
			s.sel = (s.sel + 1) % len(s.demo)
			s.input.SetValue(s.demo[s.sel].ApplicantID)
			return s, nil, nil
		}
		var cmd tea.Cmd
		s.input, cmd = s.input.Update(msg)
		return s, cmd, nil
	}
	return s, nil, nil
}

func (s sessionStep) answered(msg sessionMsg, d desk) (sessionStep, tea.Cmd, action) {
	if !s.req.answers(msg.id) {
		return s, nil, nil
	}
	s.took = msg.took
	err := msg.err
	var um *api.UnsupportedMethodError
	switch {
	case err == nil:
		return s, nil, actSessionOpened{applicantID: s.opening, session: msg.sess}
	case errors.Is(err, context.Canceled):
		return s, nil, nil
	case s.tokenReady && api.SessionExpired(err):
		return s, nil, actStop{sentence: tokenRefused}
	case s.tokenReady, errors.Is(err, api.ErrPassportStepNotAllowed), errors.As(err, &um):
		return s, nil, actStop{sentence: api.Sentence(err)}
	}
	return s, nil, actNotice{kind: noticeError, sentence: api.Sentence(err) + " Press enter to try again."}
}

// tokenRefused is what a refused ready token means: there is no applicant step to go back to.
const tokenRefused = "The server refused the session token (it may have expired). Start passport-update again with a fresh token."

func (s sessionStep) ShortHelp() []key.Binding {
	switch {
	case s.req.busy() && !s.tokenReady:
		return []key.Binding{s.keys.Cancel}
	case s.tokenReady:
		return nil
	case len(s.demo) > 0:
		return []key.Binding{s.keys.Open, s.keys.Pick}
	}
	return []key.Binding{s.keys.Open}
}

// FullHelp adds the field's editing keys while the applicant ID can be typed.
func (s sessionStep) FullHelp() [][]key.Binding {
	if !s.typing() {
		return [][]key.Binding{s.ShortHelp()}
	}
	return append([][]key.Binding{s.ShortHelp()}, s.input.FullHelp()...)
}

func (s sessionStep) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Open the update session"))
	b.WriteString("\n\n")
	if s.tokenReady {
		b.WriteString(spin + " Checking the session token…\n")
		return b.String()
	}
	b.WriteString(t.Muted.Render("Type the customer's applicant ID and press enter."))
	b.WriteString("\n\n")
	b.WriteString(fieldView(c, s.input))
	if s.req.busy() {
		b.WriteString("\n" + spin + " Opening the session (token, allowed steps, verification method)…\n")
	}
	if len(s.demo) > 0 {
		b.WriteString("\n")
		b.WriteString(t.Heading.Render("Sandbox applicants"))
		b.WriteString(t.Muted.Render("  (↑/↓ to pick)"))
		b.WriteString("\n")
		w := c.width - 4
		idWidth := 0
		for _, a := range s.demo {
			idWidth = max(idWidth, lipgloss.Width(fullname.Clean(a.ApplicantID)))
		}
		for i, a := range s.demo {
			id := fullname.Clean(a.ApplicantID)
			line := id + strings.Repeat(" ", idWidth-lipgloss.Width(id)) + "  " + fullname.Clean(a.Name)
			if a.Description != "" {
				line += " — " + fullname.Clean(a.Description)
			}
			line = truncate(line, w)
			if i == s.sel {
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

// fieldView draws a one-line text field at the screen's width, with the sentence saying what
// was left out of what was typed or pasted, if anything was.
func fieldView(c *common, in textfield.Field) string {
	in.SetWidth(c.width - 1)
	out := in.View(c.field) + "\n"
	if d := in.Dropped(); d != "" {
		for _, l := range c.sentence("⚠ "+d, c.width-1) {
			out += c.th.WarnText.Render(l) + "\n"
		}
	}
	return out
}
