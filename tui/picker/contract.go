// Package picker is the passport-image step's file chooser: a hardened directory listing, a fuzzy
// filter, a recursive name search, a typed path, and a preview of the highlighted file.
package picker

// CONTRACT STUB — the picker helper replaces this file (same names and signatures).

import (
	"os"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

type Options struct {
	StartDir string // made absolute by New
	MaxBytes int64  // files larger than this are refused
}

// ChosenFile is a file that passed every local check.
type ChosenFile struct {
	Path    string
	Size    int64
	ModTime time.Time
	Format  string // "jpeg" or "png"
	Width   int
	Height  int
}

// Open reopens the file for upload, refusing it with a sentence if it is no longer a regular
// file or its size or modification time changed since it was checked.
func (f ChosenFile) Open() (*os.File, error) { return os.Open(f.Path) }

// ChosenMsg is sent when the user picks a file that passed every check.
type ChosenMsg struct{ File ChosenFile }

type Model struct{}

func New(opts Options) Model                        { return Model{} }
func (m Model) Init() tea.Cmd                       { return nil }
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) { return m, nil }
func (m Model) View() string                        { return "" }
func (m Model) SetSize(w, h int) Model              { return m }
func (m Model) ShortHelp() []key.Binding            { return nil }
func (m Model) FullHelp() [][]key.Binding           { return nil }

// Capturing reports whether a text input (filter, path) has the keys: the root must then pass
// every key (esc included) to the picker instead of treating it as a shortcut.
func (m Model) Capturing() bool { return false }

// Select highlights path (after an OCR failure) and SetError shows a sentence above the list.
func (m Model) Select(path string) Model       { return m }
func (m Model) SetError(sentence string) Model { return m }
