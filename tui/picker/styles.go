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

// DefaultStyles returns the picker's default look.
func DefaultStyles() Styles {
	dim := lipgloss.AdaptiveColor{Light: "#6B6B6B", Dark: "#8A8A8A"}
	accent := lipgloss.AdaptiveColor{Light: "#1F5FAD", Dark: "#7FB2F0"}
	return Styles{
		Location:  lipgloss.NewStyle().Bold(true),
		Status:    lipgloss.NewStyle().Foreground(dim),
		Prompt:    lipgloss.NewStyle().Foreground(accent),
		Cursor:    lipgloss.NewStyle().Foreground(accent).Bold(true),
		Directory: lipgloss.NewStyle().Foreground(accent),
		File:      lipgloss.NewStyle(),
		Other:     lipgloss.NewStyle().Foreground(dim),
		Match:     lipgloss.NewStyle().Underline(true).Foreground(lipgloss.AdaptiveColor{Light: "#A04A00", Dark: "#F0A860"}),
		Error:     lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF7A7A"}),
		Warning:   lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#8A6100", Dark: "#E0C060"}),
		Refusal:   lipgloss.NewStyle().Foreground(lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF7A7A"}).Bold(true),
		Detail:    lipgloss.NewStyle().Foreground(dim),
	}
}
