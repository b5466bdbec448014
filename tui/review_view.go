package tui

// How the Review screen is drawn: fields grouped, one Arabic value per line, findings under their
// field, the pictures beside when the window is wide enough.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"passport-update/api/checks"
	"passport-update/styles"
	"passport-update/tui/arabic"
)

const labelWidth = 22

// showValue draws a value in the current Arabic display mode when it holds RTL text.
func showValue(v string, mode arabic.Mode) string {
	if arabic.HasRTL(v) {
		return arabic.Display(v, mode)
	}
	return v
}

// view draws the fields (windowed around the cursor to fit h lines) and, when wide enough, the
// face photo and scan beside them.
func (m reviewStep) view(c *common, h int) string {
	t := c.th
	right := ""
	if c.width >= 110 && (m.photo != "" || m.scan != "") {
		var rb strings.Builder
		if m.photo != "" {
			rb.WriteString(t.Label.Render("Face photo"))
			rb.WriteString("\n")
			rb.WriteString(m.photo)
			rb.WriteString("\n")
		}
		if m.scan != "" {
			rb.WriteString(t.Label.Render("Scan"))
			rb.WriteString("\n")
			rb.WriteString(m.scan)
		}
		right = rb.String()
	}
	leftW := c.width
	if right != "" {
		leftW = c.width - lipgloss.Width(right) - 2
	}

	var lines []string
	cursorLine := 0
	lines = append(lines, t.Heading.Render("Review what the scan says"))
	for _, l := range strings.Split(ansi.Wordwrap("Only the Arabic full name (★) is sent. Other corrections are kept in the receipt, not sent to the server.", leftW-1, ""), "\n") {
		lines = append(lines, t.Muted.Render(l))
	}
	if !m.arabicShown {
		for _, l := range strings.Split(ansi.Wordwrap(m.arabicReason, leftW-1, ""), "\n") {
			lines = append(lines, t.WarnText.Render(l))
		}
	}
	group := -1
	valueW := max(leftW-labelWidth-4, 10)
	for i, f := range m.fields {
		if f.spec.group != group {
			group = f.spec.group
			lines = append(lines, "", t.Heading.Render(strings.ToUpper(groupTitles[group])))
		}
		sel := i == m.cursor
		if sel {
			cursorLine = len(lines)
		}
		prefix := "  "
		if sel {
			prefix = "› "
		}
		label := f.spec.label
		if f.spec.kind == kindArabicName {
			label += " ★"
		}
		lab := t.Label.Render(fmt.Sprintf("%-*s", labelWidth, label))
		if sel {
			lab = t.Selected.Render(fmt.Sprintf("%-*s", labelWidth, label))
		}
		if sel && m.editing {
			lines = append(lines, prefix+lab+m.input.View(c.field))
			lines = append(lines, m.editLines(c, f, leftW)...)
		} else if f.spec.key == "VisualZone" {
			for j, row := range mrzRows(f.value) {
				if j == 0 {
					lines = append(lines, prefix+lab+truncate(row, valueW))
				} else {
					lines = append(lines, "  "+strings.Repeat(" ", labelWidth)+truncate(row, valueW))
				}
			}
		} else {
			v := showValue(f.value, c.mode)
			if f.value == "" {
				v = t.Muted.Render("(empty)")
			} else if f.edited() {
				v = t.Edited.Render(truncate(v, valueW-9)) + t.Muted.Render(" (edited)")
			} else {
				v = truncate(v, valueW)
			}
			if f.spec.kind == kindCountry && f.value != "" {
				if name, ok := checks.CountryName(f.value); ok {
					v += t.Muted.Render(" " + name)
				}
			}
			lines = append(lines, prefix+lab+v)
			if f.edited() {
				was := showValue(f.orig, c.mode)
				if f.orig == "" {
					was = "(empty)"
				}
				lines = append(lines, "    "+t.Muted.Render("was: ")+truncate(was, valueW))
			}
		}
		if f.spec.kind == kindArabicName && !(sel && m.editing) {
			lines = append(lines, "    "+t.Muted.Render(truncate("↑ the value the API takes (fullNameAr)", leftW-4)))
			if m.cleanedNote != "" && !f.edited() {
				lines = append(lines, "    "+t.Muted.Render(truncate("From the scan's name: "+lowerFirst(m.cleanedNote)+" (the API takes letters only).", leftW-4)))
			}
		}
		if e, ok := m.fieldErr[f.spec.key]; ok {
			lines = append(lines, "    "+t.ErrorText.Render(truncate("✖ Server: "+arabic.Clean(e), leftW-4)))
		}
		for _, fd := range m.findings {
			if fd.Field == f.spec.key {
				lines = append(lines, "    "+findingLine(t, fd, leftW-4))
			}
		}
	}
	// Findings about fields not on screen still show, at the end.
	var other []string
	for _, fd := range m.findings {
		if m.fieldIndex(fd.Field) < 0 {
			other = append(other, "    "+findingLine(t, fd, leftW-4))
		}
	}
	if len(other) > 0 {
		lines = append(lines, "", t.Heading.Render("OTHER CHECKS"))
		lines = append(lines, other...)
	}
	lines = append(lines, "")
	btn := "[ Continue to approval ]  ctrl+s"
	if m.cursor == len(m.fields) {
		cursorLine = len(lines)
		lines = append(lines, t.Selected.Render("› "+btn))
	} else {
		lines = append(lines, "  "+t.Muted.Render(btn))
	}
	if m.editing && m.fields[m.cursor].spec.kind == kindCountry {
		// keep the country list in view under the input
		cursorLine += min(len(m.countryMatches)+1, 7)
	}
	lines = window(lines, cursorLine, h)
	left := strings.Join(lines, "\n")
	if right == "" {
		return left
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(leftW).Render(left), "  ", clipLines(right, h))
}

func (m reviewStep) editLines(c *common, f reviewField, w int) []string {
	t := c.th
	var out []string
	ind := "    "
	switch f.spec.kind {
	case kindArabicName:
		raw := m.input.Value()
		n := arabic.Normalize(raw)
		out = append(out, ind+t.Label.Render("reads as: ")+truncate(arabic.Display(n, c.mode), w-14))
		chk := arabic.Validate(n)
		switch {
		case !chk.OK():
			out = append(out, ind+t.ErrorText.Render(truncate("✖ "+chk.Err, w-4)))
		case chk.Warning != "":
			out = append(out, ind+t.WarnText.Render(truncate("⚠ "+chk.Warning, w-4)))
		default:
			out = append(out, ind+t.Success.Render("✓ valid")+t.Muted.Render(" — this is the value that will be sent"))
		}
		if note := arabic.Explain(raw); note != "" {
			out = append(out, ind+t.Muted.Render(truncate("For sending: "+lowerFirst(note)+" (the API takes letters only).", w-4)))
		}
		out = append(out, ind+t.Muted.Render(truncate("Display mode: "+c.mode.String()+" (ctrl+r to change if the line above looks wrong)", w-4)))
	case kindDate:
		out = append(out, ind+t.Muted.Render("YYYY-MM-DD"))
	case kindCountry:
		if len(m.countryMatches) == 0 {
			out = append(out, ind+t.Muted.Render("Type a code or a country name."))
		}
		for i, s := range m.countryMatches {
			if i == m.countrySel {
				out = append(out, ind+t.Selected.Render("› "+s))
			} else {
				out = append(out, ind+"  "+s)
			}
		}
	}
	return out
}

// findingLine draws one check result with a mark by severity.
func findingLine(t *styles.Theme, fd checks.Finding, w int) string {
	s := arabic.Clean(fd.Sentence)
	switch fd.Severity {
	case checks.Problem:
		return t.ErrorText.Render(truncate("✖ "+s, w))
	case checks.Warning:
		return t.WarnText.Render(truncate("⚠ "+s, w))
	}
	return t.Muted.Render(truncate("ℹ "+s, w))
}

// mrzRows splits the MRZ into its lines, whatever separated them (a newline, or a space once
// control characters were cleaned).
func mrzRows(v string) []string {
	rows := strings.Fields(v)
	if len(rows) == 0 {
		return []string{""}
	}
	return rows
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// window keeps h lines of lines around the cursor line.
func window(lines []string, cursor, h int) []string {
	if h <= 0 || len(lines) <= h {
		return lines
	}
	start := 0
	if cursor >= h-2 {
		start = cursor - h + 3
	}
	if start+h > len(lines) {
		start = len(lines) - h
	}
	return lines[start : start+h]
}
