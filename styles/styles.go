// Package styles is the wizard's one theme: adaptive colours for light and dark backgrounds (or
// none under NO_COLOR), the header with the step line and the SANDBOX badge, the footer, and the
// error and warning blocks every screen shares.
//
// The renderer is built with explicit settings so that lipgloss never asks the terminal itself
// (termenv's background query can stall start-up for seconds); the one question the wizard asks,
// bounded, is DarkBackground's.
package styles

import (
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// NewRenderer builds a lipgloss renderer for w without asking the terminal anything: the colour
// profile comes from the environment (NO_COLOR → none) and the background is the one lipgloss
// was given (tui.Run gives it DarkBackground's answer).
func NewRenderer(w io.Writer, getenv func(string) string) *lipgloss.Renderer {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(Profile(w, getenv))
	r.SetHasDarkBackground(lipgloss.HasDarkBackground())
	return r
}

// Profile is the colour profile the environment allows. It reads only variables (TERM,
// COLORTERM, NO_COLOR, CLICOLOR_FORCE) and whether w is a terminal; it never queries.
func Profile(w io.Writer, getenv func(string) string) termenv.Profile {
	if getenv("NO_COLOR") != "" {
		return termenv.Ascii
	}
	env := envFunc(getenv)
	out := termenv.NewOutput(w, termenv.WithEnvironment(env))
	return out.EnvColorProfile()
}

type envFunc func(string) string

func (e envFunc) Getenv(k string) string { return e(k) }
func (e envFunc) Environ() []string      { return nil }

// Theme is the set of styles the wizard draws with. All come from one renderer.
type Theme struct {
	R *lipgloss.Renderer

	Title       lipgloss.Style
	StepDone    lipgloss.Style
	StepCurrent lipgloss.Style
	StepTodo    lipgloss.Style
	StepSep     lipgloss.Style
	Badge       lipgloss.Style
	Applicant   lipgloss.Style
	Rule        lipgloss.Style

	Heading  lipgloss.Style
	Label    lipgloss.Style
	Value    lipgloss.Style
	Muted    lipgloss.Style
	Selected lipgloss.Style
	Edited   lipgloss.Style
	Key      lipgloss.Style
	Success  lipgloss.Style

	ErrorBox   lipgloss.Style
	WarningBox lipgloss.Style
	InfoBox    lipgloss.Style
	ErrorText  lipgloss.Style
	WarnText   lipgloss.Style

	Button        lipgloss.Style
	ButtonFocused lipgloss.Style

	HelpKey  lipgloss.Style
	HelpDesc lipgloss.Style
	HelpSep  lipgloss.Style

	// Match marks the letters a filter matched in a listing (the file picker's), over the
	// row's own style.
	Match lipgloss.Style
}

var (
	accent = lipgloss.AdaptiveColor{Light: "#1D4ED8", Dark: "#7AA2F7"}
	fg     = lipgloss.AdaptiveColor{Light: "#1F2328", Dark: "#E6E6E6"}
	muted  = lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"}
	good   = lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#3FB950"}
	warn   = lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#D29922"}
	bad    = lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"}
	loud   = lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#000000"}
	loudBg = lipgloss.AdaptiveColor{Light: "#BF3989", Dark: "#FF7AC6"}
	selBg  = lipgloss.AdaptiveColor{Light: "#DDF4FF", Dark: "#1F2D4D"}
)

// resolver turns the adaptive colours into the renderer's own colours once, so that drawing
// never converts a hex colour again (lipgloss would, per Render, per colour: for a 16-colour
// terminal that nearest-colour search costs more than the rest of a frame).
type resolver struct {
	dark    bool
	profile termenv.Profile
}

func (rs resolver) color(c lipgloss.AdaptiveColor) lipgloss.TerminalColor {
	hex := c.Light
	if rs.dark {
		hex = c.Dark
	}
	switch rs.profile {
	case termenv.Ascii:
		return lipgloss.NoColor{}
	case termenv.ANSI:
		if ac, ok := termenv.ANSI.Color(hex).(termenv.ANSIColor); ok {
			return lipgloss.Color(strconv.Itoa(int(ac)))
		}
	case termenv.ANSI256:
		if ac, ok := termenv.ANSI256.Color(hex).(termenv.ANSI256Color); ok {
			return lipgloss.Color(strconv.Itoa(int(ac)))
		}
	}
	return lipgloss.Color(hex)
}

// New builds the theme on r: the adaptive palette resolved for r's background and profile. The
// theme is one value shared by every screen.
func New(r *lipgloss.Renderer) *Theme {
	c := resolver{dark: r.HasDarkBackground(), profile: r.ColorProfile()}.color
	s := r.NewStyle
	leftRule := func(border lipgloss.TerminalColor) lipgloss.Style {
		return s().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(border).PaddingLeft(1)
	}
	return &Theme{
		R: r,

		Title:       s().Bold(true).Foreground(c(accent)),
		StepDone:    s().Foreground(c(good)),
		StepCurrent: s().Bold(true).Underline(true).Foreground(c(accent)),
		StepTodo:    s().Foreground(c(muted)),
		StepSep:     s().Foreground(c(muted)),
		Badge:       s().Bold(true).Foreground(c(loud)).Background(c(loudBg)).Padding(0, 1),
		Applicant:   s().Foreground(c(fg)),
		Rule:        s().Foreground(c(muted)),

		Heading:  s().Bold(true).Foreground(c(accent)),
		Label:    s().Foreground(c(muted)),
		Value:    s().Foreground(c(fg)),
		Muted:    s().Foreground(c(muted)),
		Selected: s().Bold(true).Background(c(selBg)),
		Edited:   s().Foreground(c(warn)),
		Key:      s().Bold(true).Foreground(c(accent)),
		Success:  s().Bold(true).Foreground(c(good)),

		ErrorBox:   leftRule(c(bad)).Foreground(c(bad)),
		WarningBox: leftRule(c(warn)).Foreground(c(warn)),
		InfoBox:    leftRule(c(accent)),
		ErrorText:  s().Foreground(c(bad)),
		WarnText:   s().Foreground(c(warn)),

		Button:        s().Padding(0, 2).Border(lipgloss.NormalBorder()).BorderForeground(c(muted)),
		ButtonFocused: s().Padding(0, 2).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(c(good)).Foreground(c(good)),

		HelpKey:  s().Foreground(c(accent)),
		HelpDesc: s().Foreground(c(muted)),
		HelpSep:  s().Foreground(c(muted)),

		Match: s().Bold(true).Underline(true),
	}
}

// Steps is the step line, in order.
var Steps = []string{"Session", "Password", "Passport", "Review", "Approve"}

// HeaderInfo is what the header shows.
type HeaderInfo struct {
	Step      int // index into Steps; len(Steps) when all are done
	Demo      bool
	Applicant string // already cleaned of control characters
	Operator  string // who serves the customer, ready to draw (arabic.Visible); "" shows none
	Width     int
}

// Header draws the two header lines: step line with badge and applicant, then a rule that names
// the operator at its right end.
func (t *Theme) Header(h HeaderInfo) string {
	var b strings.Builder
	for i, name := range Steps {
		if i > 0 {
			b.WriteString(t.StepSep.Render(" › "))
		}
		switch {
		case i < h.Step:
			b.WriteString(t.StepDone.Render(name))
		case i == h.Step:
			b.WriteString(t.StepCurrent.Render(name))
		default:
			b.WriteString(t.StepTodo.Render(name))
		}
	}
	left := b.String()
	var right string
	if h.Applicant != "" {
		right = t.Applicant.Render("Applicant " + h.Applicant)
	}
	if h.Demo {
		if right != "" {
			right += " "
		}
		right += t.Badge.Render("SANDBOX")
	}
	gap := h.Width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 && h.Applicant != "" {
		// Narrow: the applicant without its label may still fit on the step line.
		right = strings.Replace(right, t.Applicant.Render("Applicant "+h.Applicant), t.Applicant.Render(h.Applicant), 1)
		gap = h.Width - lipgloss.Width(left) - lipgloss.Width(right)
	}
	line := left
	if right != "" {
		if gap < 1 {
			// Too narrow for one line: the badge and applicant go on their own line.
			line = left + "\n" + right
		} else {
			line = left + strings.Repeat(" ", gap) + right
		}
	}
	return line + "\n" + t.operatorRule(h.Operator, max(h.Width, 1))
}

// operatorRule is the rule under the step line, "──── operator amal.h ──": the operator's name
// takes no line of its own and never pushes the applicant or the badge off the step line. A name
// too long for the width is cut with "…"; below a useful width the rule is plain.
func (t *Theme) operatorRule(operator string, width int) string {
	const label, tail = " operator ", " ──"
	room := width - lipgloss.Width(label) - lipgloss.Width(tail) - 4 // keep four cells of rule on the left
	if operator == "" || room < 4 {
		return t.Rule.Render(strings.Repeat("─", width))
	}
	name := ansi.Truncate(operator, room, "…")
	left := width - lipgloss.Width(label) - lipgloss.Width(name) - lipgloss.Width(tail)
	return t.Rule.Render(strings.Repeat("─", left)+label) + t.Applicant.Render(name) + t.Rule.Render(tail)
}

// Footer draws the rule and the key help.
func (t *Theme) Footer(help string, width int) string {
	return t.Rule.Render(strings.Repeat("─", max(width, 1))) + "\n" + help
}

// Error draws a sentence as an error block wrapped to width.
func (t *Theme) Error(sentence string, width int) string {
	return t.ErrorBox.Width(max(width-2, 10)).Render(sentence)
}

// Warning draws a sentence as a warning block wrapped to width.
func (t *Theme) Warning(sentence string, width int) string {
	return t.WarningBox.Width(max(width-2, 10)).Render(sentence)
}

// Info draws a sentence as a neutral block wrapped to width.
func (t *Theme) Info(sentence string, width int) string {
	return t.InfoBox.Width(max(width-2, 10)).Render(sentence)
}
