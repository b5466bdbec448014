// Package picker is the passport-image step's file chooser: a hardened directory listing, a fuzzy
// filter, a recursive name search, a typed path, and a preview of the highlighted file.
//
// It is built in the spirit of bubbles/filepicker but fixes what that component cannot do for a
// branch counter: listings are read and sorted once off the UI loop without a stat per entry
// (100,000 files stay instant), extensions match in any letter case, esc is left to the wizard
// unless an input is open, a file that vanished is a sentence instead of a panic, and every file
// is checked (type, size, header, structure, a reduced decode) before the wizard sees it in a
// ChosenMsg, which carries the reduced copy for Review.
//
// All I/O runs in tea.Cmds that carry a request id; answers for an id that is no longer current
// (the user moved on) are dropped. A preview starts only once the cursor rests on a file and is
// cancelled when it moves on, so scrolling past photos costs nothing.
package picker

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/sahilm/fuzzy"

	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/fuzzyx"
	"example.com/passport-update/tui/preview"
	"example.com/passport-update/tui/textfield"
)

// Options configure a picker. Zero values pick sensible defaults.
type Options struct {
	StartDir string // made absolute by New; "" means the working directory
	MaxBytes int64  // files larger than this are refused; 0 means no limit

	Styles *Styles        // nil: DefaultStyles(); shared with every copy, so not changed after New
	Keys   *KeyMap        // nil: DefaultKeyMap()
	Cache  *preview.Cache // nil: a new cache; share one to keep thumbnails across customers

	// Sentence draws the sentence above the list (a server's message may hold Arabic) in w cells
	// in display mode m, as the wizard draws every sentence; nil: a plain word wrap.
	Sentence func(s string, m arabic.Mode, w int) []string

	SearchDepth   int           // ctrl+f folder depth; 0: DefaultSearchDepth
	SearchLimit   int           // ctrl+f result count; 0: DefaultSearchLimit
	SearchTimeout time.Duration // ctrl+f time; 0: DefaultSearchTimeout
}

// maxMatches is how many filter results are kept: a screenful many times over, and the size the
// fuzzyx index is fastest for.
const maxMatches = 200

type mode uint8

const (
	modeBrowse mode = iota
	modeFilter      // "/": fuzzy filter over this folder
	modeSearch      // ctrl+f: fuzzy filter over names found below the start folder
	modePath        // ctrl+l: a typed path
)

// shared is what every copy of one picker uses together; it holds synchronisation, never model
// state, so command goroutines may use it.
type shared struct {
	cache  *preview.Cache
	decode chan struct{} // one decode at a time: a fallback full decode holds the whole photo
	// decodes counts the decodes started (cache misses), for the tests of work not done.
	decodes atomic.Int64
	tick    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // the spinner's clock
	rest    func(time.Duration, func(time.Time) tea.Msg) tea.Cmd // the preview's rest delay
}

// lastID numbers every request of every picker in the process, so an answer meant for an earlier
// picker (a previous customer) can never match the current one's id.
var lastID atomic.Int64

func nextID() int64 { return lastID.Add(1) }

// Model is the picker. Embed it in a step, forward messages to Update, and call SetSize.
type Model struct {
	opts Options
	keys KeyMap
	st   *Styles // shared by every copy; never modified
	sh   *shared

	width, height int
	start, dir    string
	rtl           arabic.Mode // how Arabic in the sentence above the list is drawn (SetMode)

	listID   int64
	loading  bool
	partial  bool // entries are a large folder's first names; the whole listing is on its way
	entries  []entry
	nDirs    int
	listErr  string
	ix       *fuzzyx.Index
	cursor   int
	offset   int
	saved    int // the listing's cursor while a search shows other rows
	mode     mode
	input    textfield.Field
	query    string
	pending  string // a name to highlight once the listing arrives
	errText  string // the one sentence above the list
	spinID   int64
	spinning bool
	frame    int

	filterID    int64
	filtering   bool
	filterDirty bool
	matches     fuzzy.Matches
	matchTotal  int  // how many names match in all; matches holds the best maxMatches of them
	hasMatches  bool // matches answer the current query (else the unfiltered rows show)

	searchID     int64
	searching    bool
	searchWhy    string
	searchPaths  []string
	searchDisp   []string
	searchIx     *fuzzyx.Index
	searchIxN    int
	searchCh     <-chan searchBatch
	searchCancel context.CancelFunc

	pv          previewState
	needPreview bool // Select changed the highlight without a command: preview on the next Update
	chooseID    int64
	checking    string // the path being checked after enter, "" when none
	resolveID   int64
}

// New returns a picker on opts.StartDir. Its listing starts with Init.
func New(opts Options) Model {
	if opts.StartDir == "" {
		opts.StartDir = "."
	}
	start, err := filepath.Abs(opts.StartDir)
	if err != nil {
		start = filepath.Clean(opts.StartDir)
	}
	if opts.SearchDepth <= 0 {
		opts.SearchDepth = DefaultSearchDepth
	}
	if opts.SearchLimit <= 0 {
		opts.SearchLimit = DefaultSearchLimit
	}
	if opts.SearchTimeout <= 0 {
		opts.SearchTimeout = DefaultSearchTimeout
	}
	m := Model{opts: opts, keys: DefaultKeyMap(), st: opts.Styles, start: start, dir: start,
		listID: nextID(), loading: true}
	if opts.Keys != nil {
		m.keys = *opts.Keys
	}
	if m.st == nil {
		m.st = DefaultStyles()
	}
	m.sh = &shared{cache: opts.Cache, decode: make(chan struct{}, 1), tick: tea.Tick, rest: tea.Tick}
	if m.sh.cache == nil {
		m.sh.cache = preview.NewCache(preview.DefaultCacheBytes)
	}
	return m
}

// Init lists the current folder (the start folder, or the one Select moved to).
func (m Model) Init() tea.Cmd { return listCmd(m.listID, m.dir) }

// SetSize gives the picker its area; the list height follows from it (never from the stock
// picker's guessed margins).
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = max(w, 0), max(h, 0)
	m = m.scrollToCursor()
	return m.renderThumb()
}

// Capturing reports whether a text input (filter, search, path) has the keys: the root must then
// pass every key (esc included) to the picker instead of treating it as a shortcut.
func (m Model) Capturing() bool { return m.mode != modeBrowse }

// Dir is the folder shown; StartDir the absolute folder the picker started in.
func (m Model) Dir() string      { return m.dir }
func (m Model) StartDir() string { return m.start }

// Select highlights path (after an OCR failure), moving to its folder if needed. It cannot return
// a command, so the folder is re-read by the next Init and the preview starts on the next Update:
// prefer SelectCmd, or return m.Init() yourself.
func (m Model) Select(path string) Model {
	abs, err := filepath.Abs(path)
	if err != nil {
		return m
	}
	m = m.closeInput()
	dir, name := filepath.Dir(abs), filepath.Base(abs)
	m.pending = name
	if dir == m.dir && !m.loading {
		if i := m.indexOf(name); i >= 0 {
			m.cursor = i
			m = m.scrollToCursor()
		}
		m.pv.stop()
		m.pv, m.needPreview = previewState{}, true
		return m
	}
	m.pv.stop()
	m.pv = previewState{}
	m.dir, m.listID, m.loading, m.partial, m.entries, m.ix, m.listErr = dir, nextID(), true, false, nil, nil, ""
	m.cursor, m.offset = 0, 0
	return m
}

// SelectCmd is Select plus the command that re-reads the folder and previews the file.
func (m Model) SelectCmd(path string) (Model, tea.Cmd) {
	m = m.Select(path)
	return m, m.Init()
}

// SetError shows a sentence above the list (e.g. the server's OCR message); it stays until the
// user chooses again or changes folder. "" clears it.
func (m Model) SetError(sentence string) Model {
	m.errText = sentence
	return m
}

// SetMode sets how right-to-left text in the sentence above the list is drawn (Options.Sentence).
func (m Model) SetMode(rtl arabic.Mode) Model {
	m.rtl = rtl
	return m
}

// Cache is the thumbnail cache this picker fills (see ChosenFile.Thumbnail).
func (m Model) Cache() *preview.Cache { return m.sh.cache }

// Err is the sentence currently shown above the list, "" when none.
func (m Model) Err() string { return m.errText }

func (m Model) indexOf(name string) int {
	for i, e := range m.entries {
		if e.name == name {
			return i
		}
	}
	return -1
}

func homeDir() string {
	h, _ := os.UserHomeDir()
	return h
}
