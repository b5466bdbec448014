package tui

// How the Review screen is drawn: fields grouped, one Arabic value per line, findings under their
// field, the pictures beside when the window is wide enough.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"

	"example.com/passport-update/api/checks"
	"example.com/passport-update/api/fullname"
	"example.com/passport-update/styles"
	"example.com/passport-update/tui/arabic"
)

const labelWidth = 22

// valueIndent is where a row's value starts: the cursor mark and the label before it.
const valueIndent = 2 + labelWidth

// view draws the fields (windowed around the cursor to fit h lines) and, when wide enough, the
// face photo and scan beside them. Every value is drawn whole, wrapped under its first line:
// this screen exists so that what was read can be checked.
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
	// One column is left free at the right: a terminal that draws a line up to its last column
	// may wrap the cursor there.
	valueW := max(leftW-valueIndent-2, 10)
	pad := strings.Repeat(" ", valueIndent)

	var lines []string
	cursorLine, cursorEnd := 0, 0
	lines = append(lines, t.Heading.Render("Review what the scan says"))
	for _, l := range c.sentence(m.intro(c), leftW-1) {
		lines = append(lines, t.Muted.Render(l))
	}
	if !m.arabicShown {
		for _, l := range c.sentence(m.arabicReason, leftW-1) {
			lines = append(lines, t.WarnText.Render(l))
		}
	}
	// note adds a sentence under a row, wrapped and indented.
	note := func(style func(...string) string, s string) {
		for _, l := range c.sentence(s, leftW-5) {
			lines = append(lines, "    "+style(l))
		}
	}
	group := -1
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
			in := m.input
			in.Mode = c.mode
			in.SetWidth(valueW)
			lines = append(lines, prefix+lab+in.View(c.field))
			lines = append(lines, m.editLines(c, f, leftW)...)
		} else {
			// The value's lines as drawn, styled after the tail is placed: the spaces that align
			// a right-to-left line to the right are where its tail may go.
			var vals []string
			valStyle := plainStyle
			rtlRight := false // a value aligned to the right, which ends at the left of its last line
			switch {
			case f.value == "":
				vals, valStyle = []string{"(empty)"}, t.Muted.Render
			case f.spec.key == "VisualZone":
				for _, row := range mrzRows(f.value) {
					vals = append(vals, valueLines(arabic.Visible(row), c.mode, valueW)...)
				}
			default:
				v := arabic.Visible(f.value)
				vals = valueLines(v, c.mode, valueW)
				rtlRight = c.mode == arabic.ModeApp && len(vals) > 1 && arabic.ParagraphDirection(v) == arabic.DirRTL
				if f.edited() {
					valStyle = t.Edited.Render
				}
			}
			var tail string
			if f.spec.kind == kindCountry && f.value != "" {
				if name, ok := checks.CountryName(f.value); ok {
					tail = name
				}
			}
			if f.edited() {
				tail = strings.TrimSpace(tail + " (edited)")
			}
			last := vals[len(vals)-1]
			lastText := strings.TrimLeft(last, " ")
			for j, v := range vals {
				text := strings.TrimLeft(v, " ")
				vals[j] = v[:len(v)-len(text)] + valStyle(text)
			}
			if tail != "" {
				lead, tw := len(last)-len(lastText), arabic.Width(tail)
				switch {
				case rtlRight && lead > tw:
					vals[len(vals)-1] = t.Muted.Render(tail) + strings.Repeat(" ", lead-tw) + valStyle(lastText)
				case arabic.Width(last)+1+tw <= valueW:
					vals[len(vals)-1] += t.Muted.Render(" " + tail)
				default:
					vals = append(vals, t.Muted.Render(tail))
				}
			}
			for j, v := range vals {
				if j == 0 {
					lines = append(lines, prefix+lab+v)
				} else {
					lines = append(lines, pad+v)
				}
			}
			if f.edited() {
				m.wasLines(c, f, valueW, &lines)
			}
		}
		if f.spec.kind == kindArabicName && !(sel && m.editing) {
			note(t.Muted.Render, "↑ the value the API takes (fullNameAr)")
			if m.cleanedNote != "" && !f.edited() {
				note(t.Muted.Render, "From the scan's name: "+lowerFirst(m.cleanedNote)+" (the API takes letters only).")
			}
		}
		if e, ok := m.fieldErr[f.spec.key]; ok {
			note(t.ErrorText.Render, "✖ Server: "+e)
		}
		for _, fd := range m.findings {
			if fd.Field == f.spec.key {
				lines = append(lines, findingLines(c, fd, leftW-1, "    ")...)
			}
		}
		if sel {
			cursorEnd = len(lines) - 1
		}
	}
	// Findings about fields not on screen still show, at the end.
	var other []string
	for _, fd := range m.findings {
		if m.fieldIndex(fd.Field) < 0 {
			other = append(other, findingLines(c, fd, leftW-1, "    ")...)
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
		cursorEnd = cursorLine
		lines = append(lines, t.Selected.Render("› "+btn))
	} else {
		lines = append(lines, "  "+t.Muted.Render(btn))
	}
	lines = window(t, lines, cursorLine, cursorEnd, h)
	left := strings.Join(lines, "\n")
	if right == "" {
		return left
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(leftW).Render(left), "  ", clipLines(right, h))
}

// plainStyle draws text as it is.
func plainStyle(s ...string) string { return strings.Join(s, "") }

// intro says what this screen's values become: which one is sent, and where the rest are kept.
func (m reviewStep) intro(c *common) string {
	kept := "Other corrections are kept in the receipt, not sent to the server."
	if !c.receipts {
		kept = "Other corrections are not sent to the server, and no receipt is kept to record them (--receipt keeps one)."
	}
	if !m.arabicShown {
		// No ★ row: the line under this one says the name is sent as null.
		return strings.Replace(kept, "Other corrections", "Corrections", 1)
	}
	return "Only the Arabic full name (★) is sent. " + kept
}

// wasLines says, under a corrected row, what the value was: for the Arabic name, which is sent,
// what it replaces; for any other field, that the server keeps its own reading, which the checks
// judge.
func (m reviewStep) wasLines(c *common, f reviewField, valueW int, lines *[]string) {
	t := c.th
	was := arabic.Visible(f.orig)
	if f.spec.kind == kindArabicName {
		if was == "" {
			*lines = append(*lines, "    "+t.Muted.Render("was: (empty)"))
			return
		}
		for j, l := range valueLines(was, c.mode, valueW) {
			if j == 0 {
				*lines = append(*lines, "    "+t.Muted.Render(fmt.Sprintf("%-*s", labelWidth-2, "was:"))+l)
			} else {
				*lines = append(*lines, strings.Repeat(" ", valueIndent)+l)
			}
		}
		return
	}
	if was == "" {
		was = "nothing"
	}
	for _, l := range c.sentence("corrected here, not sent; the server keeps "+was+" (the checks judge that)", valueW) {
		*lines = append(*lines, strings.Repeat(" ", valueIndent)+t.Muted.Render(l))
	}
}

func (m reviewStep) editLines(c *common, f reviewField, w int) []string {
	t := c.th
	var out []string
	ind := "    "
	note := func(style func(...string) string, s string) {
		for _, l := range c.sentence(s, w-5) {
			out = append(out, ind+style(l))
		}
	}
	if d := m.input.Dropped(); d != "" {
		note(t.WarnText.Render, "⚠ "+d)
	}
	switch f.spec.kind {
	case kindArabicName:
		raw := m.input.Value()
		n := fullname.Normalize(raw)
		head := fmt.Sprintf("%-*s", labelWidth-2, "reads as:")
		for j, l := range valueLines(n, c.mode, w-valueIndent-2) {
			if j == 0 {
				out = append(out, ind+t.Label.Render(head)+l)
			} else {
				out = append(out, strings.Repeat(" ", valueIndent)+l)
			}
		}
		chk := fullname.Validate(n)
		switch {
		case !chk.OK():
			note(t.ErrorText.Render, "✖ "+chk.Err)
		case chk.Warning != "":
			note(t.WarnText.Render, "⚠ "+chk.Warning)
		default:
			out = append(out, ind+t.Success.Render("✓ valid")+t.Muted.Render(" — this is the value that will be sent"))
		}
		if expl := fullname.Explain(raw); expl != "" {
			note(t.Muted.Render, "For sending: "+lowerFirst(expl)+" (the API takes letters only).")
		}
		note(t.Muted.Render, "Display mode: "+c.mode.String()+" (ctrl+r changes it if the lines above look wrong)")
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

// findingLines draws one check result with a mark by severity, wrapped to w cells under indent.
func findingLines(c *common, fd checks.Finding, w int, indent string) []string {
	t := c.th
	s := fd.Sentence
	style, mark := t.Muted, "ℹ "
	switch fd.Severity {
	case checks.Problem:
		style, mark = t.ErrorText, "✖ "
	case checks.Warning:
		style, mark = t.WarnText, "⚠ "
	}
	var out []string
	for i, l := range c.sentence(s, w-len(indent)-2) {
		if i == 0 {
			l = mark + l
		} else {
			l = "  " + l
		}
		out = append(out, indent+style.Render(l))
	}
	return out
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

// lowerFirst starts a sentence's lower case after a colon; a name keeps its capital ("Persian
// and Urdu letter forms…").
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	for _, name := range []string{"Arabic", "Persian", "Urdu"} {
		if strings.HasPrefix(s, name) {
			return s
		}
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// window keeps h lines of lines so that the cursor's lines [cursor, cursorEnd] are in view (their
// first line when they are taller than the window), saying "↑ more above" and "↓ more below" in
// the first and last line where lines are out of view.
func window(t *styles.Theme, lines []string, cursor, cursorEnd, h int) []string {
	if h <= 0 || len(lines) <= h {
		return lines
	}
	if h < 3 {
		return lines[:h]
	}
	// One line after the cursor's, so the next field's label shows it is not the last.
	end := min(max(cursorEnd+1, cursor), len(lines)-1)
	seen := func(start int) (lo, hi int) {
		lo, hi = start, start+h-1
		if start > 0 {
			lo++
		}
		if start+h < len(lines) {
			hi--
		}
		return lo, hi
	}
	start := -1
	for s := 0; s+h <= len(lines); s++ {
		if lo, hi := seen(s); cursor >= lo && end <= hi {
			start = s
			break
		}
	}
	if start < 0 {
		start = min(max(cursor-1, 0), len(lines)-h)
	}
	out := append([]string(nil), lines[start:start+h]...)
	if start > 0 {
		out[0] = t.Muted.Render("↑ more above (" + plural(start+1, "line") + ")")
	}
	if below := len(lines) - (start + h); below > 0 {
		out[h-1] = t.Muted.Render("↓ more below (" + plural(below+1, "line") + ")")
	}
	return out
}
