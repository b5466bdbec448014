package picker

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds the picker's keys. None is a bare Latin letter: the filter and path inputs take
// typed text (and with an Arabic layout active a letter arrives as another letter anyway).
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open                                    key.Binding // enter: open a folder or choose a file
	Into                                    key.Binding // right: open a folder
	Parent                                  key.Binding // backspace/left: the folder above
	Filter                                  key.Binding // "/": fuzzy filter over this folder
	Search                                  key.Binding // ctrl+f: search names below the start folder
	Path                                    key.Binding // ctrl+l: type a path
	Close                                   key.Binding // esc: close the open input (only while one is open)
}

// DefaultKeyMap returns the picker's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first")),
		Bottom:   key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open/choose")),
		Into:     key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "open folder")),
		Parent:   key.NewBinding(key.WithKeys("backspace", "left"), key.WithHelp("backspace", "up a folder")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Search:   key.NewBinding(key.WithKeys("ctrl+f"), key.WithHelp("ctrl+f", "search subfolders")),
		Path:     key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("ctrl+l", "type a path")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
	}
}

// ShortHelp is the footer line: what the current mode lets the user do.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.Capturing() {
		return []key.Binding{k.Up, k.Down, k.Open, k.Close}
	}
	return []key.Binding{k.Open, k.Parent, k.Filter, k.Search, k.Path}
}

// FullHelp is the expanded help: moving, then acting.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Into, k.Parent},
		{k.Filter, k.Search, k.Path, k.Close},
	}
}
