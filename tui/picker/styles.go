package picker

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"example.com/passport-update/styles"
)

// Styles are the picker's few looks, each one of the wizard's theme (styles.Theme): the list is
// the content, the matched letters and the refusal are the only things that stand out.
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
	Caret     lipgloss.Style // the input's cursor cell, drawn reversed as in every field

	// Profile is the colour profile the styles draw in: the preview's thumbnail is drawn in it
	// too, and without colour the input's cursor is a bar.
	Profile termenv.Profile
}

// StylesFrom takes the picker's looks from the wizard's theme, so the picker draws with the
// theme's renderer and palette like every other screen. Styles are shared, never copied: a
// Model holds a pointer, and a Model is copied at every step.
func StylesFrom(t *styles.Theme) *Styles {
	return &Styles{
		Location:  t.Heading,
		Status:    t.Muted,
		Prompt:    t.Key,
		Cursor:    t.Selected,
		Directory: t.Key,
		File:      t.Value,
		Other:     t.Muted,
		Match:     t.Match,
		Error:     t.ErrorText,
		Warning:   t.WarnText,
		Refusal:   t.ErrorText.Bold(true),
		Detail:    t.Muted,
		Caret:     t.R.NewStyle(),
		Profile:   t.R.ColorProfile(),
	}
}

// DefaultStyles is the theme on lipgloss's default renderer, for a picker used on its own.
func DefaultStyles() *Styles { return StylesFrom(styles.New(lipgloss.DefaultRenderer())) }
