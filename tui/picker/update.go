package picker

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"

	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/fuzzyx"
)

type indexMsg struct {
	id int64 // the listing it indexes
	ix *fuzzyx.Index
}

type filterMsg struct {
	id      int64
	matches fuzzy.Matches
	total   int // every entry that matches; matches holds the best of them
	ix      *fuzzyx.Index
	n       int // entries the index covers (search results keep growing)
}

// rank answers a query over the whole index: the best maxMatches rows, and how many match in
// all, so the screen can say what it does not show.
func rank(ix *fuzzyx.Index, q string) (fuzzy.Matches, int) {
	best := ix.Top(q, maxMatches)
	if len(best) < maxMatches {
		return best, len(best)
	}
	total, _ := ix.Count(context.Background(), q)
	return best, max(total, len(best))
}

type resolvedMsg struct {
	id    int64
	path  string
	isDir bool
	err   error
}

type spinMsg struct{ id int64 }

// Update handles keys and the answers of the picker's own commands. ChosenMsg comes back as a
// command's message once enter picked a file that passed every check.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var pv tea.Cmd
	if m.needPreview {
		m.needPreview = false
		m, pv = m.previewHighlighted()
	}
	m, cmd := m.update(msg)
	m, spin := m.keepSpinning()
	if pv == nil && spin == nil {
		return m, cmd
	}
	return m, tea.Batch(pv, cmd, spin)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return m.onKey(msg)
	case listMsg:
		return m.onList(msg)
	case indexMsg:
		if msg.id != m.listID {
			return m, nil
		}
		m.ix = msg.ix
		if m.mode == modeFilter && m.query != "" {
			return m.runFilter()
		}
	case filterMsg:
		return m.onFilter(msg)
	case searchBatch:
		return m.onSearchBatch(msg)
	case restMsg:
		return m.onRest(msg)
	case inspectMsg:
		return m.onInspect(msg)
	case pictureMsg:
		return m.onPicture(msg), nil
	case verifiedMsg:
		return m.onVerified(msg)
	case resolvedMsg:
		return m.onResolved(msg)
	case spinMsg:
		if msg.id == m.spinID {
			m.spinning = false
			m.frame++
		}
	}
	return m, nil
}

func (m Model) busy() bool {
	return m.loading || m.partial || m.pv.decoding || m.checking != "" || m.searching || m.filtering
}

// keepSpinning runs one spinner tick chain while anything is in flight.
func (m Model) keepSpinning() (Model, tea.Cmd) {
	if m.spinning || !m.busy() {
		return m, nil
	}
	m.spinning, m.spinID = true, nextID()
	id := m.spinID
	return m, m.sh.tick(100*time.Millisecond, func(time.Time) tea.Msg { return spinMsg{id: id} })
}

func (m Model) onList(msg listMsg) (Model, tea.Cmd) {
	if msg.id != m.listID {
		return m, nil
	}
	wasPartial := m.partial
	if wasPartial && m.pending == "" && m.cursor > 0 {
		// The user moved while the rest was read: keep the same name highlighted.
		if r, ok := m.highlighted(); ok && r.entry >= 0 {
			m.pending = m.entries[r.entry].name
		}
	}
	m.loading, m.partial, m.entries, m.ix, m.listErr = false, msg.rest != nil, msg.entries, nil, ""
	m.nDirs = 0
	for _, e := range m.entries {
		if e.kind != kindDir {
			break
		}
		m.nDirs++
	}
	if msg.err != nil {
		m.listErr = listSentence(msg.err)
		if len(m.entries) > 0 {
			m.listErr = "Some names in this folder could not be read."
		}
	}
	if m.pending != "" {
		if i := m.indexOf(m.pending); i >= 0 {
			m.cursor = i
			m.pending = ""
		} else if !m.partial {
			m.pending = "" // gone: the first row is highlighted
		}
	}
	m = m.scrollToCursor()
	if !wasPartial {
		m.pv.path = "" // the file may have changed since the last listing
	}
	m, pv := m.previewHighlighted()
	if m.partial {
		return m, tea.Batch(pv, waitList(msg.rest))
	}
	var ix tea.Cmd
	if len(m.entries) > 0 {
		ix = indexCmd(m.listID, m.entries)
	}
	return m, tea.Batch(pv, ix)
}

// indexCmd builds the fuzzy index off the UI loop once the listing is on screen.
func indexCmd(id int64, entries []entry) tea.Cmd {
	return func() tea.Msg {
		names := make([]string, len(entries))
		for i, e := range entries {
			names[i] = e.disp
			if e.kind == kindDir {
				names[i] += "/"
			}
		}
		return indexMsg{id: id, ix: fuzzyx.NewIndex(names)}
	}
}

// runFilter starts the filter for the current query; at most one runs at a time, and a query
// typed meanwhile runs when it answers (filterDirty), so keys never wait and never pile up work.
func (m Model) runFilter() (Model, tea.Cmd) {
	if m.query == "" {
		m.matches, m.hasMatches, m.filtering, m.filterDirty = nil, false, false, false
		m.filterID = nextID()
		return m, nil
	}
	if m.filtering {
		m.filterDirty = true
		return m, nil
	}
	m.filterID = nextID()
	id, q := m.filterID, m.query
	switch m.mode {
	case modeFilter:
		if m.ix == nil {
			return m, nil // indexMsg runs it
		}
		ix := m.ix
		m.filtering = true
		return m, func() tea.Msg {
			best, total := rank(ix, q)
			return filterMsg{id: id, matches: best, total: total, ix: ix}
		}
	case modeSearch:
		ix, n, disp := m.searchIx, m.searchIxN, m.searchDisp[:len(m.searchDisp):len(m.searchDisp)]
		m.filtering = true
		return m, func() tea.Msg {
			if ix == nil || n != len(disp) {
				ix, n = fuzzyx.NewIndex(disp), len(disp)
			}
			best, total := rank(ix, q)
			return filterMsg{id: id, matches: best, total: total, ix: ix, n: n}
		}
	}
	return m, nil
}

func (m Model) onFilter(msg filterMsg) (Model, tea.Cmd) {
	if msg.id != m.filterID {
		return m, nil
	}
	m.filtering = false
	if m.mode == modeSearch {
		m.searchIx, m.searchIxN = msg.ix, msg.n
	}
	m.matches, m.matchTotal, m.hasMatches = msg.matches, msg.total, true
	m = m.scrollToCursor()
	m, pv := m.previewHighlighted()
	if m.filterDirty {
		m.filterDirty = false
		var f tea.Cmd
		m, f = m.runFilter()
		return m, tea.Batch(pv, f)
	}
	return m, pv
}

func (m Model) onSearchBatch(msg searchBatch) (Model, tea.Cmd) {
	if msg.id != m.searchID || m.mode != modeSearch {
		return m, nil
	}
	m.searchPaths = append(m.searchPaths, msg.paths...)
	m.searchDisp = append(m.searchDisp, msg.disp...)
	var next tea.Cmd
	if msg.done {
		m.searching, m.searchWhy, m.searchCh = false, msg.why, nil
	} else {
		next = nextBatch(m.searchID, m.searchCh)
	}
	var f, pv tea.Cmd
	if m.query != "" {
		m, f = m.runFilter()
	} else {
		m = m.scrollToCursor()
		m, pv = m.previewHighlighted()
	}
	return m, tea.Batch(next, f, pv)
}

func (m Model) onVerified(msg verifiedMsg) (Model, tea.Cmd) {
	if msg.id != m.chooseID {
		return m, nil
	}
	m.checking = ""
	info := msg.info
	if info.Path == m.pv.path {
		m.pv.info = &info
		if msg.img != nil {
			m.pv.img = msg.img
		}
		m = m.renderThumb()
	}
	if info.Refusal != "" {
		m.errText = info.Refusal
		return m, nil
	}
	chosen := ChosenMsg{File: chosenFrom(info, msg.img)}
	return m, func() tea.Msg { return chosen }
}

func (m Model) onResolved(msg resolvedMsg) (Model, tea.Cmd) {
	if msg.id != m.resolveID {
		return m, nil
	}
	if msg.err != nil {
		if errors.Is(msg.err, fs.ErrNotExist) {
			m.errText = "Nothing is at " + imagecheck.EscapeName(msg.path) + " — check the path."
		} else {
			m.errText = imagecheck.Sentence(msg.err)
		}
		return m, nil
	}
	m = m.closeInput()
	if msg.isDir {
		return m.navigate(msg.path, "")
	}
	dir, name := filepath.Dir(msg.path), filepath.Base(msg.path)
	var list tea.Cmd
	if dir != m.dir {
		m, list = m.navigate(dir, name)
	} else if i := m.indexOf(name); i >= 0 {
		m.cursor = i
		m = m.scrollToCursor()
	}
	m, choose := m.choose(msg.path)
	return m, tea.Batch(list, choose)
}

func resolveCmd(id int64, path string) tea.Cmd {
	return func() tea.Msg {
		st, err := os.Stat(path)
		return resolvedMsg{id: id, path: path, isDir: err == nil && st.IsDir(), err: err}
	}
}

// navigate shows dir, highlighting name once it is listed.
func (m Model) navigate(dir, name string) (Model, tea.Cmd) {
	m = m.closeInput()
	m.dir, m.pending, m.listID, m.loading, m.partial = dir, name, nextID(), true, false
	m.entries, m.ix, m.nDirs, m.listErr, m.errText = nil, nil, 0, "", ""
	m.cursor, m.offset = 0, 0
	m.pv.stop()
	m.pv = previewState{}
	m.chooseID, m.checking = 0, ""
	return m, listCmd(m.listID, dir)
}

// choose checks path off the UI loop and, if it passes, answers with a ChosenMsg.
func (m Model) choose(path string) (Model, tea.Cmd) {
	if m.checking == path {
		return m, nil // enter pressed again while checking: one check, one ChosenMsg
	}
	m.errText, m.chooseID, m.checking = "", nextID(), path
	return m, verifyCmd(m.chooseID, path, m.opts.MaxBytes, m.sh)
}

func (m Model) closeInput() Model {
	if m.searchCancel != nil {
		m.searchCancel()
	}
	if m.mode == modeFilter || m.mode == modeSearch {
		// Keep the highlighted folder entry highlighted in the full listing.
		if r, ok := m.highlighted(); ok && r.entry >= 0 {
			m.cursor = r.entry
		}
	}
	if m.mode == modeSearch {
		m.cursor = m.saved
	}
	m.mode, m.query = modeBrowse, ""
	m.input.Reset()
	m.matches, m.matchTotal, m.hasMatches, m.filtering, m.filterDirty, m.filterID = nil, 0, false, false, false, 0
	m.searchID, m.searching, m.searchWhy, m.searchCh, m.searchCancel = 0, false, "", nil, nil
	m.searchPaths, m.searchDisp, m.searchIx, m.searchIxN = nil, nil, nil, 0
	return m.scrollToCursor()
}

func (m Model) openInput(md mode) (Model, tea.Cmd) {
	q := m.input.Value()
	m = m.closeInput()
	m.mode = md
	if md == modeSearch {
		m.saved = m.cursor
		m.searchID, m.searching = nextID(), true
		// Below the folder on screen, wherever the picker started; it stays on screen while
		// the search is open (opening another folder closes the search).
		m.searchCh, m.searchCancel = startSearch(m.dir, m.opts.SearchDepth, m.opts.SearchLimit, m.opts.SearchTimeout)
		m.cursor, m.offset = 0, 0
		if q != "" { // "/" then ctrl+f: carry the query over
			m.input.SetValue(q)
			m.query = q
		}
		return m, nextBatch(m.searchID, m.searchCh)
	}
	return m, nil
}

func (m Model) onKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.mode != modeBrowse {
		switch {
		case key.Matches(msg, k.Close):
			m = m.closeInput()
			return m.previewHighlighted()
		case key.Matches(msg, k.Search) && m.mode == modeFilter:
			return m.openInput(modeSearch)
		case key.Matches(msg, k.Open) && m.mode == modePath:
			return m.submitPath()
		case key.Matches(msg, k.Open):
			return m.activate()
		case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown):
			return m.move(msg)
		}
		var cmd tea.Cmd
		m.input, _ = m.input.Update(msg)
		if m.mode == modePath || m.input.Value() == m.query {
			return m, cmd
		}
		m.query = m.input.Value()
		m.cursor, m.offset = 0, 0
		var f tea.Cmd
		m, f = m.runFilter()
		if m.query == "" {
			m = m.scrollToCursor()
			var pv tea.Cmd
			m, pv = m.previewHighlighted()
			return m, tea.Batch(cmd, pv)
		}
		return m, tea.Batch(cmd, f)
	}
	switch {
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom):
		return m.move(msg)
	case key.Matches(msg, k.Open):
		return m.activate()
	case key.Matches(msg, k.Into):
		if r, ok := m.highlighted(); ok && r.kind == kindDir {
			return m.navigate(r.path, "")
		}
	case key.Matches(msg, k.Parent):
		if parent := filepath.Dir(m.dir); parent != m.dir {
			return m.navigate(parent, filepath.Base(m.dir))
		}
	case key.Matches(msg, k.Filter):
		return m.openInput(modeFilter)
	case key.Matches(msg, k.Search):
		return m.openInput(modeSearch)
	case key.Matches(msg, k.Path):
		return m.openInput(modePath)
	}
	return m, nil
}

func (m Model) move(msg tea.KeyMsg) (Model, tea.Cmd) {
	k, page := m.keys, max(m.layout().listH-1, 1)
	switch {
	case key.Matches(msg, k.Up):
		m.cursor--
	case key.Matches(msg, k.Down):
		m.cursor++
	case key.Matches(msg, k.PageUp):
		m.cursor -= page
	case key.Matches(msg, k.PageDown):
		m.cursor += page
	case key.Matches(msg, k.Top):
		m.cursor = 0
	case key.Matches(msg, k.Bottom):
		m.cursor = m.rowCount() - 1
	}
	m.chooseID, m.checking = 0, "" // the user moved on: a pending check no longer picks
	m = m.scrollToCursor()
	return m.previewHighlighted()
}

// activate is enter on the highlighted row: open a folder, resolve a symlink, check a file.
func (m Model) activate() (Model, tea.Cmd) {
	r, ok := m.highlighted()
	if !ok {
		return m, nil
	}
	switch r.kind {
	case kindDir:
		return m.navigate(r.path, "")
	case kindLink:
		m.resolveID = nextID()
		return m, resolveCmd(m.resolveID, r.path)
	}
	if m.mode == modeFilter {
		m = m.closeInput()
	}
	return m.choose(r.path)
}

// submitPath resolves a typed path: absolute, relative to the folder shown, or under ~.
func (m Model) submitPath() (Model, tea.Cmd) {
	p := strings.TrimSpace(m.input.Value())
	if p == "" {
		return m.closeInput(), nil
	}
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, "~"+string(filepath.Separator)) {
		p = filepath.Join(homeDir(), p[1:])
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(m.dir, p)
	}
	m.resolveID = nextID()
	return m, resolveCmd(m.resolveID, filepath.Clean(p))
}
