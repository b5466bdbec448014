package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/tui/picker"
)

// PassportKeyMap is the keys the passport step adds to the picker's own.
type PassportKeyMap struct {
	Back key.Binding
}

// DefaultPassportKeyMap: esc goes back to the password (when the picker is not typing).
func DefaultPassportKeyMap() PassportKeyMap {
	return PassportKeyMap{Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))}
}

// ShortHelp and FullHelp make the key map a help.KeyMap.
func (k PassportKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k PassportKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Back}} }

// passportStep is step 3: the picker, and the file chosen for this customer.
type passportStep struct {
	keys    PassportKeyMap
	picker  picker.Model
	chosen  picker.ChosenFile
	listed  bool // the folder was listed for this customer (only once the step is reached)
	specErr error
}

// specimensMsg: the demo's specimen images could not all be written to the picker's folder.
type specimensMsg struct{ err error }

func (specimensMsg) owner() stepID { return stPassport }

// newPassport's picker draws in the theme, at the size c has.
func newPassport(cfg *Config, c *common) passportStep {
	opts := picker.Options{StartDir: cfg.StartDir, MaxBytes: cfg.MaxImageSize, Styles: picker.StylesFrom(c.th),
		Sentence: sentenceLines}
	return passportStep{
		keys:   DefaultPassportKeyMap(),
		picker: picker.New(opts).SetSize(c.width, max(c.height-6, 5)),
	}
}

func (p passportStep) typing() bool { return p.picker.Capturing() }

// enter shows the step: the first time it lists the folder (in the demo once the specimens are
// written), after that it highlights the chosen file again, with sentence above the list.
func (p passportStep) enter(d desk, sentence string) (passportStep, tea.Cmd) {
	var cmd tea.Cmd
	switch {
	case p.chosen.Path != "":
		p.picker, cmd = p.picker.SelectCmd(p.chosen.Path)
	case !p.listed:
		cmd = p.list(d)
	}
	p.listed = true
	p.picker = p.picker.SetError(sentence)
	return p, cmd
}

func (p passportStep) list(d desk) tea.Cmd {
	list := p.picker.Init()
	if d.cfg.Demo == nil || d.cfg.Demo.Specimens == nil {
		return list
	}
	written := d.cfg.Demo.Specimens
	return func() tea.Msg {
		if err := written(); err != nil {
			return tea.BatchMsg{list, func() tea.Msg { return specimensMsg{err: err} }}
		}
		return list()
	}
}

func (p passportStep) setSize(w, h int) passportStep {
	p.picker = p.picker.SetSize(w, h)
	return p
}

// view is the picker, its sentence drawn in the display mode of now (ctrl+r changes it without
// a message to this step).
func (p passportStep) view(c *common) string { return p.picker.SetMode(c.mode).View() }

func (p passportStep) update(msg tea.Msg, d desk) (passportStep, tea.Cmd, action) {
	p.picker = p.picker.SetMode(d.mode) // the sentence's lines decide the list's height
	switch msg := msg.(type) {
	case specimensMsg:
		return p, nil, actNotice{kind: noticeError, sentence: "The specimen passports could not be written to " + d.cfg.StartDir +
			" (" + msg.err.Error() + "). Choose an image of your own with ctrl+l."}
	case picker.ChosenMsg:
		p.chosen = msg.File
		return p, nil, actChosen{file: msg.File}
	case tea.KeyMsg:
		if !p.picker.Capturing() && key.Matches(msg, p.keys.Back) {
			return p, nil, actBack{}
		}
	}
	var cmd tea.Cmd
	p.picker, cmd = p.picker.Update(msg)
	return p, cmd, nil
}

func (p passportStep) ShortHelp() []key.Binding  { return p.picker.ShortHelp() }
func (p passportStep) FullHelp() [][]key.Binding { return p.picker.FullHelp() }
