package textfield

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// KeyMap holds the editing keys, for Update and for the help a screen shows while a field is
// edited. Control keys work with any keyboard layout active (an Arabic layout types letters, not
// Latin shortcuts).
type KeyMap struct {
	CharacterBackward       key.Binding // ← ctrl+b
	CharacterForward        key.Binding // → ctrl+f
	LineStart               key.Binding // home ctrl+a
	LineEnd                 key.Binding // end ctrl+e
	DeleteCharacterBackward key.Binding // backspace: one character, so a stray haraka can go alone
	DeleteCharacterForward  key.Binding // delete ctrl+d: the letter under the cursor with its harakat
	DeleteBeforeCursor      key.Binding // ctrl+u
	DeleteAfterCursor       key.Binding // ctrl+k
	DeleteWordBackward      key.Binding // ctrl+w alt+backspace
}

// DefaultKeyMap is the keys of every field.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		CharacterBackward:       key.NewBinding(key.WithKeys("left", "ctrl+b"), key.WithHelp("←", "move left")),
		CharacterForward:        key.NewBinding(key.WithKeys("right", "ctrl+f"), key.WithHelp("→", "move right")),
		LineStart:               key.NewBinding(key.WithKeys("home", "ctrl+a"), key.WithHelp("home", "start")),
		LineEnd:                 key.NewBinding(key.WithKeys("end", "ctrl+e"), key.WithHelp("end", "end")),
		DeleteCharacterBackward: key.NewBinding(key.WithKeys("backspace"), key.WithHelp("backspace", "delete before")),
		DeleteCharacterForward:  key.NewBinding(key.WithKeys("delete", "ctrl+d"), key.WithHelp("delete", "delete under")),
		DeleteBeforeCursor:      key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear to start")),
		DeleteAfterCursor:       key.NewBinding(key.WithKeys("ctrl+k"), key.WithHelp("ctrl+k", "clear to end")),
		DeleteWordBackward:      key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace"), key.WithHelp("ctrl+w", "delete word")),
	}
}

// The keys of a field with no KeyMap of its own, built once.
var defaultKeys = DefaultKeyMap()

func (f Field) keys() *KeyMap {
	if f.KeyMap == nil {
		return &defaultKeys
	}
	return f.KeyMap
}

func (*KeyMap) matches(k tea.KeyMsg, b key.Binding) bool { return key.Matches(k, b) }

// move is the ←/→ pair as one entry of the short help.
func (k KeyMap) move() key.Binding {
	keys := append(append([]string(nil), k.CharacterBackward.Keys()...), k.CharacterForward.Keys()...)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k.CharacterBackward.Help().Key+"/"+k.CharacterForward.Help().Key, "move"))
}

// lineEnds is the home/end pair as one entry of the short help.
func (k KeyMap) lineEnds() key.Binding {
	keys := append(append([]string(nil), k.LineStart.Keys()...), k.LineEnd.Keys()...)
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k.LineStart.Help().Key+"/"+k.LineEnd.Help().Key, "start/end"))
}

// ShortHelp is the editing keys for a one-line footer: ←/→, home/end, ctrl+u, ctrl+k, ctrl+w.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.move(), k.lineEnds(), k.DeleteBeforeCursor, k.DeleteAfterCursor, k.DeleteWordBackward}
}

// FullHelp is every editing key, in columns: moving, deleting, clearing.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.CharacterBackward, k.CharacterForward, k.LineStart, k.LineEnd},
		{k.DeleteCharacterBackward, k.DeleteCharacterForward, k.DeleteWordBackward},
		{k.DeleteBeforeCursor, k.DeleteAfterCursor},
	}
}
