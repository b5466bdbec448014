package picker

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/textfield"
)

// Below this width the preview pane gives way to a one-line summary under the list.
const minWidthForPane = 72

type layout struct {
	listW, listH, paneW int
	summary             bool // narrow: one summary line under the list instead of the pane
	errLines            []string
}

// layout takes a pointer: the model is large, and copying it on every call from SetSize and
// scrollToCursor is what the start-up path's small stack cannot afford.
func (m *Model) layout() layout {
	var l layout
	if m.errText != "" && m.width > 0 {
		l.errLines = m.sentence(m.errText, m.width, 2)
	}
	if n := m.searchNotice(); n != "" && m.width > 0 {
		l.errLines = append(l.errLines, wrap(n, m.width, 2)...)
	}
	l.listH = m.height - 2 - len(l.errLines)
	if m.width >= minWidthForPane {
		l.paneW = min(max(m.width*2/5, 30), 60)
		l.listW = m.width - l.paneW - 2
	} else {
		l.listW, l.summary = m.width, true
		l.listH--
	}
	l.listH = max(l.listH, 1)
	return l
}

var spinFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (m Model) spinner() string { return spinFrames[m.frame%len(spinFrames)] }

// View draws exactly the area given to SetSize: the folder line, the status or input line, the
// sentence (if any), then the list with the preview beside it (or a summary line below it).
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	lay := m.layout()
	lines := make([]string, 0, m.height)
	lines = append(lines, m.locationLine())
	lines = append(lines, m.statusLine())
	for _, l := range lay.errLines {
		lines = append(lines, m.st.Error.Render(l))
	}
	list := m.listLines(lay.listW, lay.listH)
	if lay.paneW > 0 {
		pane := m.paneLines(lay.paneW, lay.listH)
		for i := 0; i < max(len(list), len(pane)); i++ {
			l, p := "", ""
			if i < len(list) {
				l = list[i]
			}
			if i < len(pane) {
				p = pane[i]
			}
			if p == "" {
				lines = append(lines, l)
			} else {
				lines = append(lines, pad(l, lay.listW)+"  "+p)
			}
		}
	} else {
		lines = append(lines, list...)
		for range lay.listH - len(list) {
			lines = append(lines, "")
		}
		lines = append(lines, ansi.Truncate(m.summaryLine(), m.width, "…"))
	}
	for len(lines) < m.height {
		lines = append(lines, "")
	}
	return strings.Join(lines[:m.height], "\n")
}

func (m Model) locationLine() string {
	label := "Folder: "
	if m.mode == modeSearch {
		label = "Searching below: "
	}
	dir := imagecheck.EscapeName(m.dir)
	if m.mode == modeSearch {
		dir = imagecheck.EscapeName(m.dir)
	}
	if over := ansi.StringWidth(label+dir) - m.width; over > 0 {
		dir = ansi.TruncateLeft(dir, over+1, "…")
	}
	return ansi.Truncate(m.st.Location.Render(label+dir), m.width, "")
}

func (m Model) statusLine() string {
	var prompt, right string
	switch m.mode {
	case modeBrowse:
		if m.loading {
			return m.st.Status.Render(m.spinner() + " Reading the folder…")
		}
		files := len(m.entries) - m.nDirs
		if m.partial {
			return ansi.Truncate(m.st.Status.Render(fmt.Sprintf("%s Reading a large folder… showing the first %s names; the rest follow",
				m.spinner(), thousands(len(m.entries)))), m.width, "…")
		}
		return ansi.Truncate(m.st.Status.Render(fmt.Sprintf("%s · %s", count(files, "image", "images"),
			count(m.nDirs, "folder", "folders"))), m.width, "…")
	case modeFilter:
		prompt, right = "/ ", m.matchCount(len(m.entries))
	case modeSearch:
		prompt = "Search: "
		right = count(len(m.searchPaths), "image found", "images found")
		if m.query != "" && m.hasMatches {
			right = m.matchCount(len(m.searchPaths)) + " among " + right
		}
		if m.searching {
			right += " " + m.spinner()
		}
	case modePath:
		prompt, right = "Path: ", "enter opens · esc closes"
	}
	right = "  " + right
	inputW := max(m.width-ansi.StringWidth(prompt)-ansi.StringWidth(right), 8)
	in := inputLine(m.input, inputW, m.cursorCell)
	return ansi.Truncate(m.st.Prompt.Render(prompt)+in+m.st.Status.Render(right), m.width, "…")
}

// searchNotice is the sentence that says what a finished search left out, "" when nothing.
func (m Model) searchNotice() string {
	if m.mode != modeSearch || m.searching || m.searchWhy == "" || m.searchWhy == "cancelled" {
		return ""
	}
	return "Not every image below this folder is listed: " + m.searchWhy + "."
}

func (m Model) matchCount(total int) string {
	switch {
	case m.query == "":
		return count(total, "entry", "entries")
	case m.filtering && !m.hasMatches, m.mode == modeFilter && m.ix == nil:
		return m.spinner() + " filtering"
	case m.matchTotal > len(m.matches):
		return fmt.Sprintf("showing the best %d of %s matches", len(m.matches), thousands(m.matchTotal))
	}
	return count(len(m.matches), "match", "matches")
}

func (m Model) listLines(w, h int) []string {
	lines := make([]string, 0, h)
	n := m.rowCount()
	switch {
	case m.listErr != "" && n == 0:
		lines = append(lines, wrap(m.listErr, w, h)...)
	case m.loading && m.mode != modeSearch:
	case n == 0 && m.mode == modeSearch && m.searching:
		lines = append(lines, m.st.Status.Render(m.spinner()+" Searching…"))
	case n == 0 && m.query != "":
		lines = append(lines, m.st.Status.Render("No names match."))
	case n == 0:
		lines = append(lines, m.st.Status.Render("No folders or JPEG/PNG images here."))
	}
	for i := m.offset; i < n && len(lines) < h; i++ {
		r, _ := m.row(i)
		mark, style := "  ", m.st.File
		switch r.kind {
		case kindDir:
			style = m.st.Directory
		case kindLink, kindOther:
			style = m.st.Other
		}
		if i == m.cursor {
			mark, style = m.st.Cursor.Render("> "), style.Inherit(m.st.Cursor)
		}
		name := highlight(r.disp, r.matched, style, m.st.Match.Inherit(style))
		switch r.kind {
		case kindDir:
			name += style.Render("/")
		case kindLink:
			name += style.Render("@")
		}
		lines = append(lines, mark+ansi.Truncate(name, max(w-2, 1), "…"))
	}
	return lines
}

// cursorCell draws the input's cursor as every field does (textfield.Cursor).
func (m Model) cursorCell(s string) string {
	return textfield.Cursor(m.st.Caret, m.st.Profile == termenv.Ascii)(s)
}

// highlight renders s with the bytes at idx (rune starts, ascending) in the match style.
func highlight(s string, idx []int, base, match lipgloss.Style) string {
	if len(idx) == 0 {
		return base.Render(s)
	}
	var b strings.Builder
	start, j, inMatch := 0, 0, false
	flush := func(end int) {
		if end > start {
			if inMatch {
				b.WriteString(match.Render(s[start:end]))
			} else {
				b.WriteString(base.Render(s[start:end]))
			}
		}
		start = end
	}
	for i := range s {
		isMatch := j < len(idx) && idx[j] == i
		if isMatch {
			j++
		}
		if isMatch != inMatch {
			flush(i)
			inMatch = isMatch
		}
	}
	flush(len(s))
	return b.String()
}

// paneText is the preview's text above the thumbnail.
func (m Model) paneText(w int) []string {
	r, ok := m.highlighted()
	if !ok {
		return nil
	}
	if r.kind == kindDir {
		return []string{m.st.Location.Render(ansi.Truncate(r.disp+"/", w, "…")), m.st.Detail.Render("Folder — enter opens it.")}
	}
	lines := []string{m.st.Location.Render(ansi.Truncate(imagecheck.EscapeName(filepath.Base(r.path)), w, "…"))}
	if m.checking == r.path {
		lines = append(lines, m.st.Status.Render(m.spinner()+" Checking the image…"))
	}
	info := m.pv.info
	if info == nil || m.pv.path != r.path {
		return append(lines, m.st.Status.Render(m.spinner()+" Reading…"))
	}
	lines = append(lines, m.st.Detail.Render(ansi.Truncate(details(*info), w, "…")))
	for _, warn := range info.Warnings {
		lines = append(lines, m.st.Warning.Render(ansi.Truncate("! "+warn, w, "…")))
	}
	if info.Refusal != "" {
		for _, l := range wrap(info.Refusal, w, 3) {
			lines = append(lines, m.st.Refusal.Render(l))
		}
	}
	if m.pv.decoding {
		lines = append(lines, m.st.Status.Render(m.spinner()+" Drawing the preview…"))
	}
	return lines
}

func (m Model) paneLines(w, h int) []string {
	lines := m.paneText(w)
	if m.pv.thumb.Rows > 0 {
		lines = append(lines, "")
		lines = append(lines, strings.Split(m.pv.thumb.Text, "\n")...)
	}
	if len(lines) > h {
		lines = lines[:h]
	}
	return lines
}

// summaryLine replaces the pane when the terminal is narrow.
func (m Model) summaryLine() string {
	r, ok := m.highlighted()
	if !ok || r.kind == kindDir || m.pv.info == nil || m.pv.path != r.path {
		return ""
	}
	info := m.pv.info
	if info.Refusal != "" {
		return m.st.Refusal.Render(info.Refusal)
	}
	s := details(*info)
	for _, warn := range info.Warnings {
		s += " · ! " + warn
	}
	return m.st.Detail.Render(s)
}

// details is "1.2 MB · 2480×3508 px · JPEG".
func details(i imagecheck.Info) string {
	s := imagecheck.HumanBytes(i.Size)
	if i.Format != "" {
		s += fmt.Sprintf(" · %d×%d px · %s", i.Width, i.Height, strings.ToUpper(i.Format))
	}
	return s
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// wrap breaks s into at most n lines of width w (the last one truncated with "…").
// sentence is s in at most n lines of w cells, drawn by Options.Sentence when there is one.
func (m *Model) sentence(s string, w, n int) []string {
	if m.opts.Sentence == nil || w <= 0 {
		return wrap(s, w, n)
	}
	lines := m.opts.Sentence(s, m.rtl, w)
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1]+" …", w, "…")
	}
	return lines
}

func wrap(s string, w, n int) []string {
	if w <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wordwrap(s, w, ""), "\n")
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1]+" …", w, "…")
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return lines
}

func pad(s string, w int) string {
	if d := w - ansi.StringWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}
