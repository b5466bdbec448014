package tui

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"example.com/passport-update/styles"
	"example.com/passport-update/tui/arabic"
)

// Model is the root of the wizard: it routes each message to the step that owns it and moves
// between steps in one place (act). Everything about the customer at the desk is in cs.
type Model struct {
	ctx  context.Context
	cfg  Config
	c    common
	keys GlobalKeyMap
	help help.Model
	spin spinner.Model

	step        stepID
	cs          Case
	notice      notice
	confirmQuit bool // "quit now?" is on screen
	leaving     bool // quit was asked while an approval was in flight: waiting for its answer

	bidiToggle bool // the terminal understands CSI 8 l/h
	bidiOff    bool // we switched the terminal's bidi off

	result    Result
	panicPath string
	quitting  bool
	initCmds  []tea.Cmd

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
		c:          common{th: th, field: fieldStyles(th), width: 80, height: 24, mode: cfg.RTL, now: cfg.Now, demo: cfg.Demo, receipts: cfg.ReceiptDir != ""},
		keys:       DefaultGlobalKeyMap(),
		bidiToggle: arabic.SupportsBidiToggle(cfg.Getenv),
	}
	m.help = help.New()
	m.help.Styles = help.Styles{
		ShortKey: th.HelpKey, ShortDesc: th.HelpDesc, ShortSeparator: th.HelpSep,
		FullKey: th.HelpKey, FullDesc: th.HelpDesc, FullSeparator: th.HelpSep, Ellipsis: th.HelpSep,
	}
	m.spin = spinner.New(spinner.WithSpinner(spinner.Line), spinner.WithStyle(th.Key))
	m.cs = newCase(&m.cfg, &m.c)
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
		var cmd tea.Cmd
		m.cs.session, cmd = m.cs.session.resume(m.desk())
		m.initCmds = append(m.initCmds, cmd)
	}
	return m
}

// Init starts, with a ready token, the silent session check (and switches the terminal's bidi
// off in app mode). The picker lists its folder when the passport step is first reached.
func (m Model) Init() tea.Cmd { return tea.Batch(m.initCmds...) }

// desk is what the steps read while they handle a message.
func (m *Model) desk() desk {
	return desk{ctx: m.ctx, cfg: &m.cfg, client: m.cs.client, now: m.c.now(), mode: m.c.mode, tick: m.spin.Tick}
}

// Update is the state machine. A panic in it is written down and ends the program cleanly.
func (m Model) Update(msg tea.Msg) (res tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			m.panicPath = writePanicReport(fmt.Sprintf("panic in Update: %v\n\n%s", r, debug.Stack()))
			m.cs.close()
			m.quitting = true
			res, cmd = m, tea.Quit
		}
	}()
	cmd = m.apply(msg)
	return m, cmd
}

// apply is Update on the model in place: the message, then the picker's size and the frame,
// which is rendered once here and only read by View.
func (m *Model) apply(msg tea.Msg) tea.Cmd {
	cmd := m.update(msg)
	if m.step == stPassport && !m.tooSmall() {
		// The picker gets exactly the rows between header and footer (they grow with a notice
		// or the full help).
		if _, _, h := m.chrome(); h != m.pickerH || m.c.width != m.pickerW {
			m.pickerW, m.pickerH = m.c.width, h
			m.cs.passport = m.cs.passport.setSize(m.c.width, h)
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
		m.cs.passport = m.cs.passport.setSize(msg.Width, max(msg.Height-6, 5))
		m.cs.upload = m.cs.upload.setSize(msg.Width)
		if m.step == stReview {
			return m.startThumbs()
		}
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case leaveMsg:
		// A signal cannot be asked "quit now?": only an approval in flight is waited for.
		if m.cs.approve.inFlight() && !m.leaving {
			m.leaving = true
			return nil
		}
		return m.stop()
	case panicMsg:
		m.panicPath = writePanicReport(msg.report)
		m.cs.close()
		m.quitting = true
		return tea.Quit
	case spinner.TickMsg:
		if msg.ID != m.spin.ID() || !m.waiting() {
			return nil // the picker's own spinner, or nothing left to wait for
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return cmd
	case receiptMsg:
		return m.receiptWritten(msg)
	case bidiWrittenMsg:
		return nil
	case stepMsg:
		return m.send(msg.owner(), msg)
	}
	// Anything else belongs to the picker (its listing, preview and search results), whatever
	// the step: it drops what is stale by itself.
	return m.send(stPassport, msg)
}

// send hands msg to step s and carries out the action it returns.
func (m *Model) send(s stepID, msg tea.Msg) tea.Cmd {
	d := m.desk()
	var cmd tea.Cmd
	var a action
	switch s {
	case stSession:
		m.cs.session, cmd, a = m.cs.session.update(msg, d)
	case stPassword:
		m.cs.password, cmd, a = m.cs.password.update(msg, d)
	case stPassport:
		m.cs.passport, cmd, a = m.cs.passport.update(msg, d)
	case stUpload:
		m.cs.upload, cmd, a = m.cs.upload.update(msg, d)
	case stReview:
		m.cs.review, cmd, a = m.cs.review.update(msg, d)
	case stApprove:
		m.cs.approve, cmd, a = m.cs.approve.update(msg, d)
	case stDone:
		m.cs.done, cmd, a = m.cs.done.update(msg, d)
	case stStopped:
		if k, ok := msg.(tea.KeyMsg); ok {
			a = m.stoppedKey(k)
		}
	}
	if a == nil {
		return cmd
	}
	return tea.Batch(cmd, m.act(a))
}

// waiting reports whether a request is running that the spinner stands for.
func (m *Model) waiting() bool {
	cs := &m.cs
	return cs.session.req.busy() || cs.password.req.busy() || cs.upload.req.busy() || cs.approve.inFlight()
}

// typing reports whether a text input has the keys (then `?` is typed, not help).
func (m *Model) typing() bool {
	switch m.step {
	case stSession:
		return m.cs.session.typing()
	case stPassword:
		return m.cs.password.typing()
	case stPassport:
		return m.cs.passport.typing()
	case stReview:
		return m.cs.review.typing()
	}
	return false
}

// Result is what main prints after the program ends.
func (m Model) Result() Result {
	r := m.result
	switch {
	case m.cs.approve.inFlight() || m.cs.approve.unknown():
		r.OutcomeUnknown = true
		r.Summary = "The approval for " + m.applicantLabel() + " was sent but no answer says whether it went through: check the customer's update in the back office before approving again."
		if m.cs.receiptPath != "" {
			r.Summary += " Receipt: " + m.cs.receiptPath
		}
	case r.Summary == "":
		r.Summary = "No passport was approved."
	}
	return r
}

func (m *Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }
