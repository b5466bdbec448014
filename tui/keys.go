package tui

import "github.com/charmbracelet/bubbles/key"

// GlobalKeyMap holds the keys every screen answers. None of them is a bare Latin letter that a
// text input would need: with an Arabic layout active `q` arrives as `ض`.
type GlobalKeyMap struct {
	Quit key.Binding
	Help key.Binding
	RTL  key.Binding
}

// DefaultGlobalKeyMap is ctrl+c, ?/؟/F1 and ctrl+r.
func DefaultGlobalKeyMap() GlobalKeyMap {
	return GlobalKeyMap{
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Help: key.NewBinding(key.WithKeys("?", "؟", "f1"), key.WithHelp("?/F1", "help")),
		RTL:  key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "Arabic display mode")),
	}
}

// helpKeyF1 is the help key that works while a text input has the keys (a typed `?` belongs to
// the input then).
var helpKeyF1 = key.NewBinding(key.WithKeys("f1"), key.WithHelp("F1", "help"))

// keyHelp adapts a step's bindings plus the global ones for bubbles/help.
type keyHelp struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k keyHelp) ShortHelp() []key.Binding  { return k.short }
func (k keyHelp) FullHelp() [][]key.Binding { return k.full }

// ShortHelp and FullHelp make the key map a help.KeyMap.
func (k GlobalKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Help, k.Quit} }
func (k GlobalKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Help, k.RTL, k.Quit}} }
