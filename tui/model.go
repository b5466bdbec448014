package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
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

	frame            string // the rendered screen, rebuilt at the end of every Update
	pickerW, pickerH int    // the size last given to the picker
}

// New builds the wizard's root model. r draws everything; build it with styles.NewRenderer so
// no terminal query happens.
func New(ctx context.Context, cfg Config, r *lipgloss.Renderer) Model {
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
	m := Model{
		ctx:        ctx,
		cfg:        cfg,
		c:          common{th: th, width: 80, height: 24, mode: cfg.RTL, now: cfg.Now, demo: cfg.Demo},
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
	m = m.resetCustomer()
	if m.c.mode == arabic.ModeApp && m.bidiToggle {
		m.bidiOff = true
		m.initCmds = append(m.initCmds, bidiCmd(cfg.Output, false))
	}
	if cfg.TokenReady {
		var cmd tea.Cmd
		m, cmd = m.resume()
		m.initCmds = append(m.initCmds, cmd)
	}
	m.frame = m.render()
	return m
}

// resetCustomer clears everything about the current customer: the next one starts clean.
func (m Model) resetCustomer() Model {
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
	m.initCmds = append(m.initCmds[:0:0], m.picker.Init())
	return m
}

// Init starts the picker's listing (so it is ready by step 3) and, with a ready token, the
// silent session check.
func (m Model) Init() tea.Cmd { return tea.Batch(m.initCmds...) }

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

func (m Model) busy() bool {
	return m.calls[callSession].id != 0 || m.calls[callVerify].id != 0 ||
		m.calls[callUpload].id != 0 || m.calls[callApprove].id != 0
}

// inputFocused reports whether a text input has the keys (then `?` is typed, not help).
func (m Model) inputFocused() bool {
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
	m, cmd = m.update(msg)
	if m.state == stPassport && !m.tooSmall() {
		// The picker gets exactly the rows between header and footer (they grow with a notice
		// or the full help).
		if _, _, h := m.chrome(); h != m.pickerH || m.c.width != m.pickerW {
			m.pickerW, m.pickerH = m.c.width, h
			m.picker = m.picker.SetSize(m.c.width, h)
		}
	}
	m.frame = m.render()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.c.width, m.c.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		m.picker = m.picker.SetSize(msg.Width, m.bodyHeightGuess())
		if m.state == stUpload {
			m.upload = m.upload.setSize(msg.Width)
		}
		return m.startThumbs()
	case panicMsg:
		m.panicPath = writePanicReport(msg.report)
		m.cancelAll()
		m.quitting = true
		return m, tea.Quit
	case tea.KeyMsg:
		return m.key(msg)
	case spinner.TickMsg:
		if !m.busy() && !(m.state == stSession && m.session.ready) {
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
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
		return m, nil
	case photoThumbMsg:
		if m.finish(callPhoto, msg.id) && msg.ok {
			m.review.photo = msg.thumb.Text
		}
		return m, nil
	case approveMsg:
		return m.onApproved(msg)
	case receiptMsg:
		return m.onReceipt(msg)
	case bidiWrittenMsg:
		return m, nil
	case picker.ChosenMsg:
		if m.state != stPassport {
			return m, nil
		}
		return m.startUpload(msg.File)
	}
	// Anything else belongs to the picker (its listing, preview and search results), whatever
	// the state: it drops what is stale by itself.
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Update(msg)
	return m, cmd
}

func (m Model) quit() (Model, tea.Cmd) {
	m.cancelAll()
	m.quitting = true
	return m, tea.Quit
}

func (m Model) key(k tea.KeyMsg) (Model, tea.Cmd) {
	if m.confirmQuit {
		switch k.String() {
		case "enter", "ctrl+c":
			return m.quit()
		case "esc":
			m.confirmQuit = false
		}
		return m, nil
	}
	if key.Matches(k, m.globalKeys.Quit) {
		if m.uploaded && !m.approvedThis {
			m.confirmQuit = true
			return m, nil
		}
		return m.quit()
	}
	if m.tooSmall() {
		return m, nil
	}
	if key.Matches(k, m.globalKeys.RTL) {
		return m.cycleMode()
	}
	if key.Matches(k, helpKeyF1) || (!m.inputFocused() && key.Matches(k, m.globalKeys.Help)) {
		m.help.ShowAll = !m.help.ShowAll
		return m, nil
	}
	if m.help.ShowAll && k.String() == "esc" && !m.inputFocused() {
		m.help.ShowAll = false
		return m, nil
	}
	var (
		cmd tea.Cmd
		act any
	)
	switch m.state {
	case stSession:
		if m.session.ready && !m.busy() && k.String() == "enter" {
			return m.resume()
		}
		m.session, cmd, act = m.session.update(k)
	case stPassword:
		m.password, cmd, act = m.password.update(k)
	case stPassport:
		if !m.picker.Capturing() && key.Matches(k, m.passKeys.Back) {
			act = actBack{}
			break
		}
		m.picker, cmd = m.picker.Update(k)
	case stUpload:
		m.upload, cmd, act = m.upload.update(k)
	case stReview:
		m.review, cmd, act = m.review.update(k, m.c.now())
	case stApprove:
		m.approve, cmd, act = m.approve.update(k)
	case stDone:
		m.done, cmd, act = m.done.update(k, m.c.now())
	case stError:
		switch k.String() {
		case "enter":
			if m.cfg.TokenReady {
				m = m.resetCustomer()
				m2, c := m.resume()
				return m2, tea.Batch(tea.Batch(m2.initCmds...), c)
			}
			m = m.resetCustomer()
			return m, tea.Batch(m.initCmds...)
		case "esc":
			return m.quit()
		}
	}
	if act == nil {
		return m, cmd
	}
	m2, c2 := m.act(act)
	return m2, tea.Batch(cmd, c2)
}

func (m Model) cycleMode() (Model, tea.Cmd) {
	m.c.mode = (m.c.mode + 1) % 3
	m.notice = notice{kind: noticeInfo, sentence: "Arabic display mode: " + m.c.mode.String() + " (ctrl+r cycles terminal → app → off)."}
	if !m.bidiToggle {
		return m, nil
	}
	switch {
	case m.c.mode == arabic.ModeApp && !m.bidiOff:
		m.bidiOff = true
		return m, bidiCmd(m.cfg.Output, false)
	case m.c.mode != arabic.ModeApp && m.bidiOff:
		m.bidiOff = false
		return m, bidiCmd(m.cfg.Output, true)
	}
	return m, nil
}

// act carries out what a step asked for.
func (m Model) act(a any) (Model, tea.Cmd) {
	switch a := a.(type) {
	case actNotice:
		if a.sentence == "" {
			m.notice = notice{}
			return m, nil
		}
		kind := a.kind
		if kind == noticeNone {
			kind = noticeWarning
		}
		m.notice = notice{kind: kind, sentence: a.sentence}
	case actOpenSession:
		m.notice = notice{}
		m.applicantID = a.applicantID
		m.startedAt = m.c.now()
		m.session.busy = true
		id, ctx := m.begin(callSession)
		return m, tea.Batch(openSessionCmd(ctx, id, m.cfg.Client, m.cfg.TenantID, m.cfg.TenantSecret, a.applicantID, m.c.now), m.spin.Tick)
	case actCancelSession:
		m.cancel(callSession)
		m.session.busy = false
		m.notice = notice{kind: noticeInfo, sentence: "Cancelled. Press enter to open the session again."}
	case actVerify:
		m.notice = notice{}
		m.password.busy = true
		// The field is emptied as the request leaves: the secret lives only in the command.
		m.password = m.password.clear()
		id, ctx := m.begin(callVerify)
		return m, tea.Batch(verifyCmd(ctx, id, m.client, a.password, m.c.now), m.spin.Tick)
	case actBack:
		return m.back()
	case actCancelUpload:
		m.cancel(callUpload)
		m.state = stPassport
		var cmd tea.Cmd
		m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
		m.picker = m.picker.SetError("Upload cancelled. Pick the file again to retry.")
		m.notice = notice{}
		return m, cmd
	case actBackToPicker:
		m.cancel(callScan)
		m.cancel(callPhoto)
		m.state = stPassport
		m.notice = notice{}
		var cmd tea.Cmd
		m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
		return m, cmd
	case actContinue:
		m.notice = notice{}
		m.approve = newApprove(a.fullNameAr, m.review.corrected().DocumentNumber, m.applicantID)
		m.state = stApprove
	case actBackToReview:
		m.notice = notice{}
		m.state = stReview
	case actApprove:
		m.notice = notice{}
		id, ctx := m.begin(callApprove)
		return m, tea.Batch(approveCmd(ctx, id, m.client, m.approve.fullNameAr, m.c.now), m.spin.Tick)
	case actNextCustomer:
		if m.cfg.TokenReady {
			m.notice = notice{kind: noticeInfo, sentence: "This run was started with one customer's session token; start passport-update again for the next customer."}
			return m, nil
		}
		m = m.resetCustomer()
		return m, tea.Batch(m.initCmds...)
	case actQuit:
		return m.quit()
	}
	return m, nil
}

// back is esc on Password or Passport.
func (m Model) back() (Model, tea.Cmd) {
	m.notice = notice{}
	switch m.state {
	case stPassword:
		if m.cfg.TokenReady {
			m.notice = notice{kind: noticeInfo, sentence: "The session came ready with the token; there is no step before this one."}
			return m, nil
		}
		m.cancel(callVerify)
		m.cancel(callTranslation)
		m.password = m.password.clear()
		m.password.busy = false
		m.client = nil
		m.state = stSession
	case stPassport:
		m.password = newPassword(m.password.hint)
		m.state = stPassword
	}
	return m, nil
}

func (m Model) resume() (Model, tea.Cmd) {
	m.session.ready = true
	m.startedAt = m.c.now()
	id, ctx := m.begin(callSession)
	return m, tea.Batch(resumeSessionCmd(ctx, id, m.cfg.Client, m.c.now), m.spin.Tick)
}

// sentence turns an error into what a person reads; server text is cleaned first.
func sentence(err error) string {
	var ae *api.Error
	var um *api.UnsupportedMethodError
	switch {
	case errors.Is(err, api.ErrPassportStepNotAllowed):
		return "This update session does not allow a passport update. Ask for a session that includes the passport step."
	case errors.As(err, &um):
		return "The tenant requires verification by " + arabic.Clean(um.Method.Name()) + ", which this tool does not support. Use the bank's main system for this customer."
	case errors.As(err, &ae):
		return arabic.Clean(ae.Sentence())
	case errors.Is(err, context.Canceled):
		return "Cancelled."
	}
	return arabic.Clean(err.Error())
}

func isUnauthorized(err error) bool {
	var ae *api.Error
	return errors.As(err, &ae) && ae.Kind == api.KindUnauthorized
}

// expired handles a 401 in mid-flow: back to Session with a sentence, the applicant ID and the
// chosen file kept.
func (m Model) expired() (Model, tea.Cmd) {
	m.cancelAll()
	m.client = nil
	m.password = newPassword(m.password.hint)
	m.approve.sending = false
	if m.cfg.TokenReady {
		m.errStep = 0
		m.errSentence = "The session token was refused (it may have expired). Start passport-update again with a fresh token."
		m.state = stError
		return m, nil
	}
	m.state = stSession
	m.session.busy = false
	m.session.input.SetValue(m.applicantID)
	m.session.input.CursorEnd()
	m.notice = notice{kind: noticeError, sentence: "The session has expired or was refused by the server. Press enter to open it again; the applicant ID and the chosen file are kept."}
	return m, nil
}

func (m Model) onSession(msg sessionMsg) (Model, tea.Cmd) {
	if !m.finish(callSession, msg.id) {
		return m, nil
	}
	m.session.busy = false
	m.timings["session"] = msg.took
	if msg.err != nil {
		var um *api.UnsupportedMethodError
		if errors.Is(msg.err, api.ErrPassportStepNotAllowed) || errors.As(msg.err, &um) || m.cfg.TokenReady {
			m.errStep = 0
			m.errSentence = sentence(msg.err)
			m.state = stError
			return m, nil
		}
		m.notice = notice{kind: noticeError, sentence: sentence(msg.err), retry: "enter"}
		return m, nil
	}
	m.session.ready = false
	m.client = msg.sess.Client
	if m.client == nil {
		m.client = m.cfg.Client
	}
	m.notice = notice{}
	m.state = stPassword
	id, ctx := m.begin(callTranslation)
	return m, translationCmd(ctx, id, m.client)
}

func (m Model) onTranslation(msg translationMsg) (Model, tea.Cmd) {
	if !m.finish(callTranslation, msg.id) {
		return m, nil
	}
	if msg.err != nil {
		// Not fatal: the Arabic field then shows only when OCR reads an Arabic name.
		m.translation = false
		if m.cfg.Logger != nil {
			m.cfg.Logger.Warn("translation flag", "err", msg.err)
		}
		return m, nil
	}
	m.translation = msg.enabled
	// A late answer (OCR was faster) still brings the Arabic field, unless edits were made.
	if m.state == stReview && msg.enabled && !m.review.arabicShown && len(m.review.corrections()) == 0 {
		photo, scan := m.review.photo, m.review.scan
		m.review = newReview(m.review.data, true).refresh(m.c.now())
		m.review.photo, m.review.scan = photo, scan
		m.review.photoTried, m.review.scanTried = true, true
	}
	return m, nil
}

func (m Model) onVerify(msg verifyMsg) (Model, tea.Cmd) {
	if !m.finish(callVerify, msg.id) {
		return m, nil
	}
	m.password.busy = false
	m.password = m.password.clear()
	m.timings["verify"] = msg.took
	if msg.err == nil {
		m.notice = notice{}
		m.state = stPassport
		if m.chosen.Path != "" {
			var cmd tea.Cmd
			m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
			return m, cmd
		}
		return m, nil
	}
	if isUnauthorized(msg.err) {
		return m.expired()
	}
	var ae *api.Error
	if errors.As(msg.err, &ae) && (ae.Kind == api.KindValidation || ae.Kind == api.KindFailed || ae.Kind == api.KindForbidden) {
		text := ae.Message + " " + ae.Sentence()
		if isLockout(text) {
			m.password.locked = true
			m.notice = notice{kind: noticeError, sentence: "The password is locked after too many wrong attempts. The customer must unlock it through the bank's usual channel."}
			return m, nil
		}
		m.password.wrong++
		if n, ok := readAttempts(text); ok {
			m.password.attemptsLeft = n
			if n == 0 {
				m.password.locked = true
				m.notice = notice{kind: noticeError, sentence: "No attempts are left: the password is locked. The customer must unlock it through the bank's usual channel."}
				return m, nil
			}
		}
		m.notice = notice{kind: noticeError, sentence: sentence(msg.err) + " Ask the customer to type it again."}
		return m, nil
	}
	m.notice = notice{kind: noticeError, sentence: sentence(msg.err) + " Have the password typed again and press enter to retry."}
	return m, nil
}

func (m Model) startUpload(f picker.ChosenFile) (Model, tea.Cmd) {
	m.notice = notice{}
	m.chosen = f
	m.state = stUpload
	m.upload = newUpload(&m.c, f, m.c.now()).setSize(m.c.width)
	id, ctx := m.begin(callUpload)
	ch := make(chan uploadProgressMsg, 1)
	m.uploadCh = ch
	return m, tea.Batch(uploadCmd(ctx, id, m.client, f, ch, m.c.now), waitProgress(ch), m.spin.Tick)
}

func (m Model) onProgress(msg uploadProgressMsg) (Model, tea.Cmd) {
	if msg.id != m.calls[callUpload].id || m.state != stUpload {
		return m, nil
	}
	m.upload.sent, m.upload.total = msg.sent, msg.total
	if msg.sent >= msg.total && m.upload.ocrSince.IsZero() {
		m.upload.ocrSince = m.c.now()
	}
	return m, waitProgress(msg.ch)
}

func (m Model) onUploaded(msg uploadDoneMsg) (Model, tea.Cmd) {
	if !m.finish(callUpload, msg.id) {
		return m, nil
	}
	if msg.err != nil {
		if isUnauthorized(msg.err) {
			return m.expired()
		}
		m.state = stPassport
		var cmd tea.Cmd
		m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
		m.picker = m.picker.SetError(sentence(msg.err))
		return m, cmd
	}
	if !msg.sentAt.IsZero() {
		m.timings["upload"] = msg.sentAt.Sub(m.upload.started)
		m.timings["ocr"] = msg.took - m.timings["upload"]
	} else {
		m.timings["upload"] = msg.took
	}
	m.uploaded = true
	m.state = stReview
	m.review = newReview(msg.res.Data, m.translation).refresh(m.c.now())
	return m.startThumbs()
}

// startThumbs decodes the scan and the face photo off the loop once the Review screen is wide
// enough to show them (now, or after a resize).
func (m Model) startThumbs() (Model, tea.Cmd) {
	if m.state != stReview || m.c.width < 110 {
		return m, nil
	}
	var cmds []tea.Cmd
	if m.review.scan == "" && m.calls[callScan].id == 0 && !m.review.scanTried {
		m.review.scanTried = true
		id, _ := m.begin(callScan)
		cmds = append(cmds, scanThumbCmd(id, m.chosen, m.cfg.MaxImageSize, 36, 12, m.c.th.R.ColorProfile()))
	}
	if m.review.data.Photo != "" && m.review.photo == "" && m.calls[callPhoto].id == 0 && !m.review.photoTried {
		m.review.photoTried = true
		id, _ := m.begin(callPhoto)
		cmds = append(cmds, photoThumbCmd(id, m.review.data.Photo, 16, 8))
	}
	return m, tea.Batch(cmds...)
}

// approvalUnknown: the request may have reached the server and no answer says what happened.
func approvalUnknown(err error) bool {
	var ae *api.Error
	if !errors.As(err, &ae) {
		return false
	}
	if !ae.Sent {
		return false
	}
	switch ae.Kind {
	case api.KindNetwork, api.KindTimeout, api.KindBadAnswer, api.KindServer, api.KindUnknown, api.KindCanceled:
		return true
	}
	return false
}

// unknownCause says in a few words what broke after the approval was sent.
func unknownCause(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		switch ae.Kind {
		case api.KindTimeout:
			return "The server did not answer in time."
		case api.KindServer:
			return "The server failed while answering."
		case api.KindBadAnswer:
			return "The server's answer could not be read."
		}
	}
	return "The connection dropped before the server answered."
}

func fieldMessage(err error, field string) (string, bool) {
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Kind != api.KindValidation {
		return "", false
	}
	for k, v := range ae.FieldErrors {
		if strings.EqualFold(k, field) || strings.EqualFold(strings.TrimPrefix(k, "$."), field) {
			return strings.Join(v, " "), true
		}
	}
	if strings.Contains(strings.ToLower(ae.Message), strings.ToLower(field)) {
		return ae.Message, true
	}
	return "", false
}

func (m Model) onApproved(msg approveMsg) (Model, tea.Cmd) {
	if !m.finish(callApprove, msg.id) {
		return m, nil
	}
	m.approve.sending = false
	m.timings["approve"] = msg.took
	if msg.err == nil {
		m.approvedThis = true
		m.notice = notice{}
		m.result.Approved++
		elapsed := m.c.now().Sub(m.startedAt)
		m.done = doneModel{keys: DefaultDoneKeyMap(), docNumber: m.approve.docNumber, applicant: m.applicantID, elapsed: elapsed, shownAt: m.c.now()}
		m.state = stDone
		m.result.Summary = fmt.Sprintf("Approved passport %s for %s in %s", arabic.Clean(m.approve.docNumber), arabic.Clean(m.applicantID), roundDuration(elapsed))
		if m.result.Approved > 1 {
			m.result.Summary += fmt.Sprintf(" (%d customers this run)", m.result.Approved)
		}
		if m.cfg.ReceiptDir != "" {
			m.done.receiptWait = true
			id, _ := m.begin(callReceipt)
			return m, receiptCmd(id, m.cfg.ReceiptDir, m.buildReceipt("approved"))
		}
		return m, nil
	}
	if isUnauthorized(msg.err) {
		return m.expired()
	}
	if text, ok := fieldMessage(msg.err, "FullNameAr"); ok {
		m.review = m.review.setFieldError("FullNameAr", text)
		m.state = stReview
		m.notice = notice{kind: noticeError, sentence: "The server refused the Arabic full name: " + arabic.Clean(text) + " Correct it and continue again."}
		return m, nil
	}
	if approvalUnknown(msg.err) {
		m.approve.unknown = true
		if m.cfg.Logger != nil {
			m.cfg.Logger.Warn("approve outcome unknown", "err", msg.err)
		}
		m.notice = notice{kind: noticeError, sentence: "The approval may or may not have gone through: " + lowerFirst(unknownCause(msg.err)) + " Check the customer's update in the back office before trying again; a second attempt needs enter twice."}
		if m.cfg.ReceiptDir != "" {
			id, _ := m.begin(callReceipt)
			return m, receiptCmd(id, m.cfg.ReceiptDir, m.buildReceipt("unknown"))
		}
		return m, nil
	}
	m.notice = notice{kind: noticeError, sentence: "The approval was refused: " + sentence(msg.err) + " Nothing was approved; press enter to try again once the cause is fixed."}
	return m, nil
}

func (m Model) onReceipt(msg receiptMsg) (Model, tea.Cmd) {
	if !m.finish(callReceipt, msg.id) {
		return m, nil
	}
	if m.state == stDone {
		m.done.receiptWait = false
		if msg.err != nil {
			m.done.receiptErr = "could not write the receipt: " + arabic.Clean(msg.err.Error())
		} else {
			m.done.receiptPath = msg.path
			m.result.Summary += " — receipt " + msg.path
		}
		return m, nil
	}
	if msg.err == nil && m.notice.kind == noticeError {
		m.notice.sentence += " Receipt: " + msg.path
	}
	return m, nil
}

// Result is what main prints after the program ends.
func (m Model) Result() Result {
	r := m.result
	if r.Summary == "" {
		r.Summary = "No passport was approved."
	}
	return r
}

func (m Model) tooSmall() bool { return m.c.width < minWidth || m.c.height < minHeight }

func (m Model) stepIndex() int {
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

func (m Model) bodyHeightGuess() int { return max(m.c.height-6, 5) }

// imageName is the file name for the receipt (no directory: the path may say who the
// customer is).
func imageName(p string) string { return filepath.Base(p) }
