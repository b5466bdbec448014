package tui

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"passport-update/api"
	"passport-update/styles"
	"passport-update/tui/arabic"
	"passport-update/tui/picker"
)

// state is where the wizard is. The confirm-quit and too-small states are overlays on top of
// it (the step underneath keeps everything typed).
type state int

const (
	stSession state = iota
	stPassword
	stPassport
	stUpload
	stReview
	stApprove
	stDone
	stError // this customer cannot go on (step not allowed, other method, …)
)

func (s state) String() string {
	return [...]string{"session", "password", "passport", "upload", "review", "approve", "done", "error"}[s]
}

// callKind names each kind of request the root may wait for.
type callKind int

const (
	callSession callKind = iota
	callTranslation
	callVerify
	callUpload
	callScan
	callPhoto
	callApprove
	callReceipt
	numCalls
)

// inflight is the request the root waits for, per kind: its id and how to cancel it. Held in an
// array (not a map) so copies of the model never share it.
type inflight struct {
	id     int
	cancel context.CancelFunc
}

// Model is the root of the wizard.
type Model struct {
	ctx context.Context
	cfg Config
	c   common

	globalKeys GlobalKeyMap
	passKeys   PassportKeyMap
	help       help.Model
	spin       spinner.Model

	state       state
	errStep     int // header step shown in stError
	errSentence string
	confirmQuit bool
	notice      notice

	seq   int
	calls [numCalls]inflight

	bidiToggle bool // the terminal understands CSI 8 l/h
	bidiOff    bool // we switched the terminal's bidi off

	// this customer
	applicantID  string
	client       *api.Client
	startedAt    time.Time
	translation  bool
	chosen       picker.ChosenFile
	uploaded     bool
	imageSHA256  string
	approvedThis bool
	timings      map[string]time.Duration

	session  sessionModel
	password passwordModel
	picker   picker.Model
	upload   uploadModel
	uploadCh chan uploadProgressMsg
	review   reviewModel
	approve  approveModel
	done     doneModel

	result    Result
	panicPath string
	quitting  bool
	initCmds  []tea.Cmd
	// pickerStarted: the picker has listed its folder for this customer (it does so only when
	// the passport step is first reached, so start-up does no step-3 work).
	pickerStarted bool

	frame            string // the rendered screen, rebuilt at the end of every Update
	pickerW, pickerH int    // the size last given to the picker
}

// New builds the wizard's root model. r draws everything; build it with styles.NewRenderer so
// no terminal query happens.
func New(ctx context.Context, cfg Config, r *lipgloss.Renderer) Model {
	m := newModel(ctx, cfg, r)
	m.frame = m.render()
	return *m
}

// newModel is New on the heap and without its first frame (see firstModel, which draws it
// once, at the window's real size).
func newModel(ctx context.Context, cfg Config, r *lipgloss.Renderer) *Model {
	if ctx == nil {
		ctx = context.Background()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Getenv == nil {
		cfg.Getenv = func(string) string { return "" }
	}
	th := styles.New(r)
	m := &Model{
		ctx:        ctx,
		cfg:        cfg,
		c:          common{th: th, field: fieldStyles(th), width: 80, height: 24, mode: cfg.RTL, now: cfg.Now, demo: cfg.Demo},
		globalKeys: DefaultGlobalKeyMap(),
		passKeys:   DefaultPassportKeyMap(),
		bidiToggle: arabic.SupportsBidiToggle(cfg.Getenv),
	}
	m.help = help.New()
	m.help.Styles = help.Styles{
		ShortKey: th.HelpKey, ShortDesc: th.HelpDesc, ShortSeparator: th.HelpSep,
		FullKey: th.HelpKey, FullDesc: th.HelpDesc, FullSeparator: th.HelpSep, Ellipsis: th.HelpSep,
	}
	m.spin = spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(th.Key))
	m.resetCustomer()
	if m.c.mode == arabic.ModeApp && m.bidiToggle {
		m.bidiOff = true
		m.initCmds = append(m.initCmds, bidiCmd(cfg.Output, false))
	}
	if cfg.Demo != nil && cfg.Demo.Specimens != nil {
		// Init runs after the first frame is drawn: the specimens are written meanwhile,
		// off the loop, and are there long before the passport step.
		write := cfg.Demo.Specimens
		m.initCmds = append(m.initCmds, func() tea.Msg { _ = write(); return nil })
	}
	if cfg.TokenReady {
		m.initCmds = append(m.initCmds, m.resume())
	}
	return m
}

// resetCustomer clears everything about the current customer: the next one starts clean.
func (m *Model) resetCustomer() {
	m.cancelAll()
	hint := ""
	if m.cfg.Demo != nil {
		hint = m.cfg.Demo.PasswordHint
	}
	m.state = stSession
	m.errSentence = ""
	m.confirmQuit = false
	m.notice = notice{}
	m.applicantID = ""
	m.client = nil
	m.startedAt = time.Time{}
	m.translation = false
	m.chosen = picker.ChosenFile{}
	m.uploaded = false
	m.imageSHA256 = ""
	m.approvedThis = false
	m.timings = map[string]time.Duration{}
	m.session = newSession(m.cfg.Demo, m.cfg.TokenReady)
	m.password = newPassword(hint)
	m.picker = picker.New(picker.Options{StartDir: m.cfg.StartDir, MaxBytes: m.cfg.MaxImageSize}).SetSize(m.c.width, m.bodyHeightGuess())
	m.upload = uploadModel{}
	m.uploadCh = nil
	m.review = reviewModel{}
	m.approve = approveModel{}
	m.done = doneModel{}
	m.pickerStarted = false
	m.initCmds = m.initCmds[:0:0]
}

// Init starts, with a ready token, the silent session check (and switches the terminal's bidi
// off in app mode). The picker lists its folder when the passport step is first reached.
func (m Model) Init() tea.Cmd { return tea.Batch(m.initCmds...) }

// startPicker lists the picker's folder the first time this customer reaches the passport step.
func (m *Model) startPicker() tea.Cmd {
	if m.pickerStarted {
		return nil
	}
	m.pickerStarted = true
	list := m.picker.Init()
	if m.cfg.Demo == nil || m.cfg.Demo.Specimens == nil {
		return list
	}
	written := m.cfg.Demo.Specimens
	return func() tea.Msg {
		if err := written(); err != nil {
			return tea.BatchMsg{list, func() tea.Msg { return specimensMsg{err: err} }}
		}
		return list()
	}
}

// specimensMsg: the demo's specimen images could not all be written to the picker's folder.
type specimensMsg struct{ err error }

// begin registers a new request of kind k (cancelling any older one of that kind) and returns
// its id and context.
func (m *Model) begin(k callKind) (int, context.Context) {
	if c := m.calls[k].cancel; c != nil {
		c()
	}
	m.seq++
	ctx, cancel := context.WithCancel(m.ctx)
	m.calls[k] = inflight{id: m.seq, cancel: cancel}
	return m.seq, ctx
}

// finish reports whether id is the answer the root waits for, and forgets the request.
func (m *Model) finish(k callKind, id int) bool {
	f := m.calls[k]
	if f.id == 0 || f.id != id {
		return false
	}
	f.cancel()
	m.calls[k] = inflight{}
	return true
}

func (m *Model) cancel(k callKind) {
	if c := m.calls[k].cancel; c != nil {
		c()
	}
	m.calls[k] = inflight{}
}

func (m *Model) cancelAll() {
	for k := range m.calls {
		m.cancel(callKind(k))
	}
}

func (m *Model) busy() bool {
	return m.calls[callSession].id != 0 || m.calls[callVerify].id != 0 ||
		m.calls[callUpload].id != 0 || m.calls[callApprove].id != 0
}

// inputFocused reports whether a text input has the keys (then `?` is typed, not help).
func (m *Model) inputFocused() bool {
	switch m.state {
	case stSession:
		return !m.session.ready && !m.session.busy
	case stPassword:
		return !m.password.locked && !m.password.busy
	case stPassport:
		return m.picker.Capturing()
	case stReview:
		return m.review.editing
	}
	return false
}

// Update is the state machine. A panic in it is written down and ends the program cleanly.
func (m Model) Update(msg tea.Msg) (res tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.panicPath = writePanicReport(fmt.Sprintf("panic in Update: %v\n\n%s", r, debug.Stack()))
			m.cancelAll()
			m.quitting = true
			res, cmd = m, tea.Quit
		}
	}()
	cmd = m.apply(msg)
	return m, cmd
}

// apply is Update on the model in place: the state machine, then the picker's size and the
// frame, which is rendered once here and only read by View.
func (m *Model) apply(msg tea.Msg) tea.Cmd {
	before := m.state
	cmd := m.update(msg)
	if m.state != before && m.cfg.Logger != nil {
		// Steps only: no value typed or received is logged.
		m.cfg.Logger.Debug("wizard step", "from", before.String(), "to", m.state.String())
	}
	if m.state == stPassport && !m.tooSmall() {
		// The picker gets exactly the rows between header and footer (they grow with a notice
		// or the full help).
		if _, _, h := m.chrome(); h != m.pickerH || m.c.width != m.pickerW {
			m.pickerW, m.pickerH = m.c.width, h
			m.picker = m.picker.SetSize(m.c.width, h)
		}
	}
	m.frame = m.render()
	return cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.picker = m.picker.SetSize(msg.Width, m.bodyHeightGuess())
		if m.state == stUpload {
			m.upload = m.upload.setSize(msg.Width)
		}
		return m.startThumbs()
	case specimensMsg:
		m.notice = notice{kind: noticeError, sentence: "The specimen passports could not be written to " + m.cfg.StartDir +
			" (" + msg.err.Error() + "). Choose an image of your own with ctrl+l."}
		return nil
	case panicMsg:
		m.panicPath = writePanicReport(msg.report)
		m.cancelAll()
		m.quitting = true
		return tea.Quit
	case tea.KeyMsg:
		return m.key(msg)
	case spinner.TickMsg:
		if msg.ID != m.spin.ID() {
			break // the picker's own spinner
		}
		if !m.busy() && !(m.state == stSession && m.session.ready) {
			return nil // nothing to wait for: let the ticks stop
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return cmd
	case sessionMsg:
		return m.onSession(msg)
	case translationMsg:
		return m.onTranslation(msg)
	case verifyMsg:
		return m.onVerify(msg)
	case uploadProgressMsg:
		return m.onProgress(msg)
	case uploadDoneMsg:
		return m.onUploaded(msg)
	case scanThumbMsg:
		if m.finish(callScan, msg.id) && msg.ok {
			m.review.scan = msg.thumb.Text
		}
		return nil
	case photoThumbMsg:
		if m.finish(callPhoto, msg.id) && msg.ok {
			m.review.photo = msg.thumb.Text
		}
		return nil
	case approveMsg:
		return m.onApproved(msg)
	case receiptMsg:
		return m.onReceipt(msg)
	case bidiWrittenMsg:
		return nil
	case picker.ChosenMsg:
		if m.state != stPassport {
			return nil
		}
		return m.startUpload(msg.File)
	}
	// Anything else belongs to the picker (its listing, preview and search results), whatever
	// the state: it drops what is stale by itself.
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Update(msg)
	return cmd
}

// Result is what main prints after the program ends.
func (m Model) Result() Result {
	r := m.result
	if r.Summary == "" {
		r.Summary = "No passport was approved."
	}
	return r
}

func (m *Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }

func (m *Model) stepIndex() int {
	switch m.state {
	case stSession:
		return 0
	case stPassword:
		return 1
	case stPassport, stUpload:
		return 2
	case stReview:
		return 3
	case stApprove:
		return 4
	case stDone:
		return len(styles.Steps)
	}
	return m.errStep
}

func (m *Model) bodyHeightGuess() int { return max(m.c.height-6, 5) }

// imageName is the file name for the receipt (no directory: the path may say who the
// customer is).
func imageName(p string) string { return filepath.Base(p) }
