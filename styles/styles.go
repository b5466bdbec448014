// Package styles is the wizard's one theme: adaptive colours for light and dark backgrounds (or
// none under NO_COLOR), the header with the step line and the SANDBOX badge, the footer, and the
// error and warning blocks every screen shares.
//
// The renderer is built with explicit settings so that no terminal query (the background-colour
// OSC 11 request that can stall start-up for seconds) ever happens here.
package styles

import (
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// NewRenderer builds a lipgloss renderer for w without asking the terminal anything: the colour
// profile comes from the environment (NO_COLOR → none), the background from COLORFGBG, and a
// dark background is assumed when nothing says otherwise.
func NewRenderer(w io.Writer, getenv func(string) string) *lipgloss.Renderer {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	r := lipgloss.NewRenderer(w)
	r.SetColorProfile(Profile(w, getenv))
	r.SetHasDarkBackground(DarkBackground(getenv))
	return r
}

// Profile is the colour profile the environment allows. It reads only variables (TERM,
// COLORTERM, NO_COLOR, CLICOLOR_FORCE) and whether w is a terminal; it never queries.
func Profile(w io.Writer, getenv func(string) string) termenv.Profile {
	if getenv("NO_COLOR") != "" {
		return termenv.Ascii
	}
	env := envFunc(getenv)
	out := termenv.NewOutput(w, termenv.WithEnvironment(env), termenv.WithColorCache(true))
	return out.EnvColorProfile()
}

// DarkBackground guesses the background from COLORFGBG ("15;0" = light text on black); true
// when unknown, the common case for terminals at a bank branch.
func DarkBackground(getenv func(string) string) bool {
	v := getenv("COLORFGBG")
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return true
	}
	bg, err := strconv.Atoi(v[i+1:])
	if err != nil {
		return true
	}
	// ANSI 0–6 and 8 are dark; 7 and 9–15 are light.
	return bg < 7 || bg == 8
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
}

var (
	accent  = lipgloss.AdaptiveColor{Light: "#1D4ED8", Dark: "#7AA2F7"}
	fg      = lipgloss.AdaptiveColor{Light: "#1F2328", Dark: "#E6E6E6"}
	muted   = lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"}
	good    = lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#3FB950"}
	warn    = lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#D29922"}
	bad     = lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"}
	loud    = lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#000000"}
	loudBg  = lipgloss.AdaptiveColor{Light: "#BF3989", Dark: "#FF7AC6"}
	selBg   = lipgloss.AdaptiveColor{Light: "#DDF4FF", Dark: "#1F2D4D"}
	btnText = lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#0D1117"}
)

// New builds the theme on r.
func New(r *lipgloss.Renderer) Theme {
	s := r.NewStyle
	return Theme{
		R:           r,
		Title:       s().Bold(true).Foreground(accent),
		StepDone:    s().Foreground(good),
		StepCurrent: s().Bold(true).Underline(true).Foreground(accent),
		StepTodo:    s().Foreground(muted),
		StepSep:     s().Foreground(muted),
		Badge:       s().Bold(true).Foreground(loud).Background(loudBg).Padding(0, 1),
		Applicant:   s().Foreground(fg),
		Rule:        s().Foreground(muted),

		Heading:  s().Bold(true).Foreground(accent),
		Label:    s().Foreground(muted),
		Value:    s().Foreground(fg),
		Muted:    s().Foreground(muted),
		Selected: s().Bold(true).Background(selBg),
		Edited:   s().Foreground(warn),
		Key:      s().Bold(true).Foreground(accent),
		Success:  s().Bold(true).Foreground(good),

		ErrorBox:   s().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(bad).PaddingLeft(1).Foreground(bad),
		WarningBox: s().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(warn).PaddingLeft(1).Foreground(warn),
		InfoBox:    s().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(accent).PaddingLeft(1),
		ErrorText:  s().Foreground(bad),
		WarnText:   s().Foreground(warn),

		Button:        s().Padding(0, 2).Border(lipgloss.NormalBorder()).BorderForeground(muted),
		ButtonFocused: s().Padding(0, 2).Bold(true).Border(lipgloss.ThickBorder()).BorderForeground(good).Foreground(good),

		HelpKey:  s().Foreground(accent),
		HelpDesc: s().Foreground(muted),
		HelpSep:  s().Foreground(muted),
	}
}

// Steps is the step line, in order.
var Steps = []string{"Session", "Password", "Passport", "Review", "Approve"}

// HeaderInfo is what the header shows.
type HeaderInfo struct {
	Step      int // index into Steps; len(Steps) when all are done
	Demo      bool
	Applicant string // already cleaned of control characters
	Width     int
}

// Header draws the two header lines: step line with badge and applicant, then a rule.
func (t Theme) Header(h HeaderInfo) string {
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
	line := left
	if right != "" {
		if gap < 1 {
			// Too narrow for one line: the badge and applicant go on their own line.
			line = left + "\n" + right
		} else {
			line = left + strings.Repeat(" ", gap) + right
		}
	}
	return line + "\n" + t.Rule.Render(strings.Repeat("─", max(h.Width, 1)))
}

// Footer draws the rule and the key help.
func (t Theme) Footer(help string, width int) string {
	return t.Rule.Render(strings.Repeat("─", max(width, 1))) + "\n" + help
}

// Error draws a sentence as an error block wrapped to width.
func (t Theme) Error(sentence string, width int) string {
	return t.ErrorBox.Width(max(width-2, 10)).Render(sentence)
}

// Warning draws a sentence as a warning block wrapped to width.
func (t Theme) Warning(sentence string, width int) string {
	return t.WarningBox.Width(max(width-2, 10)).Render(sentence)
}

// Info draws a sentence as a neutral block wrapped to width.
func (t Theme) Info(sentence string, width int) string {
	return t.InfoBox.Width(max(width-2, 10)).Render(sentence)
}
