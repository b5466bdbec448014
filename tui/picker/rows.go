package picker

import "path/filepath"

// row is what one line of the list shows and acts on.
type row struct {
	disp    string
	matched []int // byte offsets into disp of the letters the filter matched
	kind    kind
	path    string // absolute
	entry   int    // index into entries, -1 for search results
}

// filtered reports whether the list shows filter results rather than all rows.
func (m *Model) filtered() bool {
	return (m.mode == modeFilter || m.mode == modeSearch) && m.query != "" && m.hasMatches
}

func (m *Model) rowCount() int {
	switch {
	case m.filtered():
		return len(m.matches)
	case m.mode == modeSearch:
		return len(m.searchPaths)
	}
	return len(m.entries)
}

func (m Model) row(i int) (row, bool) {
	if i < 0 || i >= m.rowCount() {
		return row{}, false
	}
	if m.mode == modeSearch {
		j, matched := i, []int(nil)
		if m.filtered() {
			j, matched = m.matches[i].Index, m.matches[i].MatchedIndexes
		}
		return row{disp: m.searchDisp[j], matched: matched, kind: kindFile,
			path: filepath.Join(m.dir, m.searchPaths[j]), entry: -1}, true
	}
	j, matched := i, []int(nil)
	if m.filtered() {
		j, matched = m.matches[i].Index, m.matches[i].MatchedIndexes
	}
	e := m.entries[j]
	return row{disp: e.disp, matched: matched, kind: e.kind, path: filepath.Join(m.dir, e.name), entry: j}, true
}

// highlighted is the row under the cursor.
func (m Model) highlighted() (row, bool) { return m.row(m.cursor) }

// scrollToCursor clamps the cursor to the rows and scrolls so it is visible.
func (m Model) scrollToCursor() Model {
	n := m.rowCount()
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	h := m.layout().listH
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = min(max(m.offset, 0), max(n-h, 0))
	return m
}
