package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/tui/textfield"
)

// PasswordKeyMap is the Password screen's keys.
type PasswordKeyMap struct {
	Verify key.Binding
	Back   key.Binding
}

// DefaultPasswordKeyMap: enter verifies, esc goes back to the session.
func DefaultPasswordKeyMap() PasswordKeyMap {
	return PasswordKeyMap{
		Verify: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "verify")),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// passwordStep is step 2: the customer's password, masked. The field is emptied as the request
// leaves, so the secret lives no longer than the one command. Wrong attempts and the lock are
// this customer's: the next customer's case starts with a new step.
type passwordStep struct {
	keys         PasswordKeyMap
	input        textfield.Field
	req          request
	wrong        int // wrong attempts counted here
	attemptsLeft int // from the server's answer; -1 unknown
	locked       bool
	hint         string
	took         time.Duration
}

// verifyMsg is the answer to VerifyPassword.
type verifyMsg struct {
	id   int64
	err  error
	took time.Duration
}

func (verifyMsg) owner() stepID { return stPassword }

func newPassword(hint string) passwordStep {
	in := newInput("Password › ", "the customer types it", 256)
	in.Mask = '•'
	return passwordStep{keys: DefaultPasswordKeyMap(), input: in, attemptsLeft: -1, hint: hint}
}

func (p passwordStep) typing() bool { return !p.locked && !p.req.busy() }

// leave empties the field and drops a verification in flight (going back, or the session ended).
func (p passwordStep) leave() passwordStep {
	p.req.stop()
	p.input.Reset()
	return p
}

func (p passwordStep) update(msg tea.Msg, d desk) (passwordStep, tea.Cmd, action) {
	switch msg := msg.(type) {
	case verifyMsg:
		return p.answered(msg)
	case tea.KeyMsg:
		if key.Matches(msg, p.keys.Back) {
			return p.leave(), nil, actBack{}
		}
		if p.req.busy() || p.locked {
			return p, nil, nil
		}
		if key.Matches(msg, p.keys.Verify) {
			if p.input.Value() == "" {
				return p, nil, actNotice{sentence: "Ask the customer to type their password first."}
			}
			password := p.input.Value()
			p.input.Reset()
			id, ctx := p.req.start(d.ctx)
			c := d.client
			return p, tea.Batch(safe(func() tea.Msg {
				start := time.Now()
				err := c.VerifyPassword(ctx, password, api.StepPassport)
				return verifyMsg{id: id, err: err, took: time.Since(start)}
			}), d.tick), actNotice{}
		}
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return p, cmd, nil
	}
	return p, nil, nil
}

// answered: success → the picker; a refusal counts a wrong attempt or locks the screen, in the
// server's own words where it gives them; a 401 means the session itself is gone.
func (p passwordStep) answered(msg verifyMsg) (passwordStep, tea.Cmd, action) {
	if !p.req.answers(msg.id) {
		return p, nil, nil
	}
	p.took = msg.took
	err := msg.err
	if err == nil {
		return p, nil, actVerified{}
	}
	if errors.Is(err, context.Canceled) {
		return p, nil, nil
	}
	if api.SessionExpired(err) {
		return p, nil, actExpired{}
	}
	r, refused := api.ReadPasswordRefusal(err)
	if !refused {
		return p, nil, actNotice{kind: noticeError, sentence: api.Sentence(err) + " Have the password typed again and press enter to retry."}
	}
	if r.AttemptsLeft >= 0 {
		p.attemptsLeft = r.AttemptsLeft
	}
	if r.Locked || r.AttemptsLeft == 0 {
		p.locked = true
		return p, nil, actNotice{kind: noticeError, sentence: r.Sentence}
	}
	p.wrong++
	return p, nil, actNotice{kind: noticeError, sentence: r.Sentence + " Ask the customer to type it again."}
}

func (p passwordStep) ShortHelp() []key.Binding {
	if p.req.busy() || p.locked {
		return []key.Binding{p.keys.Back}
	}
	return []key.Binding{p.keys.Verify, p.keys.Back}
}

// FullHelp adds the field's editing keys while the password can be typed.
func (p passwordStep) FullHelp() [][]key.Binding {
	if !p.typing() {
		return [][]key.Binding{p.ShortHelp()}
	}
	return append([][]key.Binding{p.ShortHelp()}, p.input.FullHelp()...)
}

func (p passwordStep) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Verify the customer's password"))
	b.WriteString("\n\n")
	if p.locked {
		// The sentence itself is in the notice above; this says what is left to do here.
		b.WriteString(t.Muted.Render("No more attempts can be made for this customer's session."))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("esc goes back to the applicant ID; ctrl+c quits."))
		b.WriteString("\n")
		return b.String()
	}
	b.WriteString(t.Muted.Render("Turn the keyboard to the customer; the password is never shown or stored."))
	b.WriteString("\n\n")
	in := p.input
	in.SetWidth(c.width - 1)
	b.WriteString(in.View(c.field))
	b.WriteString("\n")
	if d := p.input.Dropped(); d != "" {
		for _, l := range c.sentence("⚠ "+d, c.width-1) {
			b.WriteString(t.WarnText.Render(l) + "\n")
		}
	}
	if p.req.busy() {
		b.WriteString("\n" + spin + " Verifying…\n")
	}
	if p.wrong > 0 {
		s := fmt.Sprintf("Wrong password %d time", p.wrong)
		if p.wrong > 1 {
			s += "s"
		}
		if p.attemptsLeft >= 0 {
			s += fmt.Sprintf(" — %d attempt", p.attemptsLeft)
			if p.attemptsLeft != 1 {
				s += "s"
			}
			s += " left before the password locks"
		}
		b.WriteString("\n" + t.WarnText.Render(s+".") + "\n")
	}
	if p.hint != "" {
		b.WriteString("\n" + t.Muted.Render("Sandbox password: "+p.hint) + "\n")
	}
	return b.String()
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k PasswordKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Verify, k.Back} }
func (k PasswordKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Verify, k.Back}} }
