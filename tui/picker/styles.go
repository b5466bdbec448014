package picker

import "github.com/charmbracelet/lipgloss"

// Styles are the picker's few looks. Colours are adaptive and quiet: the list is the content,
// the matched letters and the refusal are the only things that stand out.
type Styles struct {
	Location  lipgloss.Style // the folder line
	Status    lipgloss.Style // counts, "Loading…", the input hint
	Prompt    lipgloss.Style // "/ ", "Search: ", "Path: "
	Cursor    lipgloss.Style // the "> " mark and the highlighted row
	Directory lipgloss.Style
	File      lipgloss.Style
	Other     lipgloss.Style // symlinks, pipes and devices named like images
	Match     lipgloss.Style // matched letters in filter results
	Error     lipgloss.Style // the sentence above the list
	Warning   lipgloss.Style // preview warnings
	Refusal   lipgloss.Style // preview refusal sentence
	Detail    lipgloss.Style // size · pixels · format
}

// DefaultStyles returns the picker's default look. Styles are shared, never copied: a Model holds
// a pointer (the set is 6.6 KB, and a Model is copied at every step).
func DefaultStyles() *Styles {
	st := &Styles{}
	st.listStyles()
	st.noteStyles()
	return st
}

var (
	dim    = lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	accent = lipgloss.AdaptiveColor{Light: "#1F5FAD", Dark: "#7FB2F0"}
	red    = lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF7A7A"}
)

// listStyles and noteStyles are two halves: each chained style call leaves a 552-byte temporary
// in the frame, and one function for all of them needs a 14 KB stack frame at start-up.
func (st *Styles) listStyles() {
	st.Location = lipgloss.NewStyle().Bold(true)
	st.Status = lipgloss.NewStyle().Foreground(dim)
	st.Prompt = lipgloss.NewStyle().Foreground(accent)
	st.Cursor = lipgloss.NewStyle().Foreground(accent).Bold(true)
	st.Directory = lipgloss.NewStyle().Foreground(accent)
	st.File = lipgloss.NewStyle()
	st.Other = lipgloss.NewStyle().Foreground(dim)
}

func (st *Styles) noteStyles() {
	st.Match = lipgloss.NewStyle().Underline(true).Foreground(lipgloss.AdaptiveColor{Light: "#A04A00", Dark: "#F0A860"})
	st.Error = lipgloss.NewStyle().Foreground(red)
	st.Warning = lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#8A6100", Dark: "#E0C060"})
	st.Refusal = lipgloss.NewStyle().Foreground(red).Bold(true)
	st.Detail = lipgloss.NewStyle().Foreground(dim)
}
