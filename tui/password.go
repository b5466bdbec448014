package tui

import (
	"fmt"
	"passport-update/tui/textfield"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
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

// passwordModel is step 2: the customer's password, masked; the field is emptied after every
// answer and when leaving, so the secret lives no longer than the one request.
type passwordModel struct {
	keys         PasswordKeyMap
	input        textfield.Field
	busy         bool
	wrong        int // wrong attempts counted here
	attemptsLeft int // from the server's message; -1 unknown
	locked       bool
	hint         string
}

type actVerify struct{ password string }
type actBack struct{}

func newPassword(hint string) passwordModel {
	in := newInput("Password › ", "the customer types it", 256)
	in.Mask = '•'
	return passwordModel{keys: DefaultPasswordKeyMap(), input: in, attemptsLeft: -1, hint: hint}
}

func (m passwordModel) ShortHelp() []key.Binding {
	if m.busy {
		return []key.Binding{m.keys.Back}
	}
	if m.locked {
		return []key.Binding{m.keys.Back}
	}
	return []key.Binding{m.keys.Verify, m.keys.Back}
}

// clear empties the field (after an answer, or when leaving the screen).
func (m passwordModel) clear() passwordModel {
	m.input.Reset()
	return m
}

func (m passwordModel) update(msg tea.Msg) (passwordModel, tea.Cmd, any) {
	if k, ok := msg.(tea.KeyMsg); ok && m.busy {
		// While verifying only esc works: it abandons the request (its answer is dropped).
		if key.Matches(k, m.keys.Back) {
			return m.clear(), nil, actBack{}
		}
		return m, nil, nil
	}
	if m.busy {
		return m, nil, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.keys.Back):
			return m.clear(), nil, actBack{}
		case m.locked:
			return m, nil, nil
		case key.Matches(k, m.keys.Verify):
			if m.input.Value() == "" {
				return m, nil, actNotice{sentence: "Ask the customer to type their password first."}
			}
			return m, nil, actVerify{password: m.input.Value()}
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return m, cmd, nil
}

// The patterns that read the server's refusal are compiled the first time one is needed.
var (
	attemptsLeftRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(\d+)\s*(?:more\s+)?(?:attempts?|tries|try)\s*(?:left|remaining)`)
	})
	remainingRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:remaining\s+(?:attempts?|tries)|(?:attempts?|tries)\s+(?:left|remaining))\s*[:=]?\s*(\d+)`)
	})
	lockedRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(lock(?:ed)?\s*out|locked|blocked|suspended|too many)\b`)
	})
)

// readAttempts finds "2 attempts left" / "remaining attempts: 2" in a server message.
func readAttempts(msg string) (int, bool) {
	for _, re := range []*regexp.Regexp{attemptsLeftRe(), remainingRe()} {
		if s := re.FindStringSubmatch(msg); s != nil {
			n, err := strconv.Atoi(s[1])
			if err == nil {
				return n, true
			}
		}
	}
	return 0, false
}

// isLockout reports whether a refusal says the password is locked.
func isLockout(msg string) bool { return lockedRe().MatchString(msg) }

func (m passwordModel) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Verify the customer's password"))
	b.WriteString("\n\n")
	if m.locked {
		// The sentence itself is in the notice above; this says what is left to do here.
		b.WriteString(t.Muted.Render("No more attempts can be made for this session."))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("esc goes back to the applicant ID; ctrl+c quits."))
		b.WriteString("\n")
		return b.String()
	}
	b.WriteString(t.Muted.Render("Turn the keyboard to the customer; the password is never shown or stored."))
	b.WriteString("\n\n")
	b.WriteString(m.input.View(c.field))
	b.WriteString("\n")
	if m.busy {
		b.WriteString("\n" + spin + " Verifying…\n")
	}
	if m.wrong > 0 {
		s := fmt.Sprintf("Wrong password %d time", m.wrong)
		if m.wrong > 1 {
			s += "s"
		}
		if m.attemptsLeft >= 0 {
			s += fmt.Sprintf(" — %d attempt", m.attemptsLeft)
			if m.attemptsLeft != 1 {
				s += "s"
			}
			s += " left before the password locks"
		}
		b.WriteString("\n" + t.WarnText.Render(s+".") + "\n")
	}
	if m.hint != "" {
		b.WriteString("\n" + t.Muted.Render("Sandbox password: "+m.hint) + "\n")
	}
	return b.String()
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k PasswordKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Verify, k.Back} }
func (k PasswordKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Verify, k.Back}} }

// FullHelp is the step's keys in its current state.
func (m passwordModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
