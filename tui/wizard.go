package tui

// The root's moves: keys every screen shares, and what it does with a step's action. The step
// on screen changes only in goTo.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api/fullname"
	"example.com/passport-update/internal/receipt"
	"example.com/passport-update/tui/arabic"
)

// leaveMsg asks the wizard to end, as ctrl+c does: SIGINT, SIGTERM or SIGHUP (see Run).
type leaveMsg struct{}

// goTo puts step s on screen.
func (m *Model) goTo(s stepID) {
	if s != m.step && m.cfg.Logger != nil {
		// Steps only: no value typed or received is logged.
		m.cfg.Logger.Debug("wizard step", "from", m.step.String(), "to", s.String())
	}
	m.step = s
}

// key routes a key: the leaving and confirm-quit overlays first, then the global keys (ctrl+c,
// help, ctrl+r), then the step on screen.
func (m *Model) key(k tea.KeyMsg) tea.Cmd {
	if k.Type == tea.KeyRunes && len(k.Runes) > 1 && !k.Paste && !m.typing() {
		// Keys typed fast, or sent over a link that batches input, reach bubbletea in one read
		// and arrive as one message ("/omr", "nAPP-1"). Where no text field has them, the first
		// is taken as a key and the rest as typed after it (into the field it may have opened).
		first := m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: k.Runes[:1], Alt: k.Alt})
		return tea.Batch(first, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: k.Runes[1:]}))
	}
	if m.leaving {
		if key.Matches(k, m.keys.Quit) {
			return m.stop()
		}
		return nil
	}
	if m.confirmQuit {
		switch k.String() {
		case "enter", "ctrl+c":
			return m.stop()
		case "esc":
			m.confirmQuit = false
		}
		return nil
	}
	if cmd, ok := m.faceViewKey(k); ok {
		return cmd
	}
	if key.Matches(k, m.keys.Quit) {
		return m.quit()
	}
	if m.tooSmall() {
		return nil
	}
	if key.Matches(k, m.keys.RTL) {
		return m.cycleMode()
	}
	if key.Matches(k, helpKeyF1) || (!m.typing() && key.Matches(k, m.keys.Help)) {
		m.help.ShowAll = !m.help.ShowAll
		return nil
	}
	if m.help.ShowAll && k.String() == "esc" && !m.typing() {
		m.help.ShowAll = false
		return nil
	}
	return m.send(m.step, k)
}

// quit is ctrl+c or a signal. With an approval in flight it waits for the answer (up to the
// call's timeout; a second ctrl+c leaves at once); when leaving would lose an uploaded review
// it asks first.
func (m *Model) quit() tea.Cmd {
	switch {
	case m.cs.approve.inFlight():
		m.leaving = true
		return nil
	case m.cs.uploaded() && !m.confirmQuit:
		m.confirmQuit = true
		return nil
	}
	return m.stop()
}

// stop ends the program now. The case ends first, and the program quits once its receipt
// (abandoned, refused, unknown when an approval is left without its answer, or the approval's
// own, which may still be being written) is on disk; Run makes sure of it however else the
// program ends (finalResult).
func (m *Model) stop() tea.Cmd {
	m.cs.end(&m.cfg, m.c.now())
	write := m.cs.receiptWritten()
	m.quitting = true
	if write != nil {
		return tea.Sequence(write, tea.Quit)
	}
	return tea.Quit
}

// cycleMode is ctrl+r: terminal → app → off. Entering app mode switches the terminal's own bidi
// off where it supports that (else it would reorder our reordered lines again); leaving turns it on.
func (m *Model) cycleMode() tea.Cmd {
	m.c.mode = (m.c.mode + 1) % 3
	m.notice = notice{kind: noticeInfo, sentence: "Arabic display mode: " + m.c.mode.String() + " (ctrl+r cycles terminal → app → off)."}
	if !m.bidiToggle {
		return nil
	}
	switch {
	case m.c.mode == arabic.ModeApp && !m.bidiOff:
		m.bidiOff = true
		return bidiCmd(m.cfg.Output, false)
	case m.c.mode != arabic.ModeApp && m.bidiOff:
		m.bidiOff = false
		return bidiCmd(m.cfg.Output, true)
	}
	return nil
}

// act carries out what a step asked for.
func (m *Model) act(a action) tea.Cmd {
	d := m.desk()
	cs := &m.cs
	switch a := a.(type) {
	case actNotice:
		m.notice = notice{kind: a.kind, sentence: a.sentence}
		if a.kind == noticeNone && a.sentence != "" {
			m.notice.kind = noticeWarning
		}
	case actStop:
		cs.close()
		cs.stopped = a.sentence
		m.notice = notice{}
		m.goTo(stStopped)
	case actSessionOpened:
		var write tea.Cmd
		if a.applicantID != cs.applicantID && cs.applicantID != "" {
			// Another applicant is another customer: the previous one's case ends here and
			// nothing of it carries over.
			write = cs.end(&m.cfg, d.now)
			*cs = newCase(&m.cfg, &m.c).withSession(cs.session)
		}
		cs.openedSession(a, d.now)
		m.notice = notice{}
		m.goTo(stPassword)
		var cmd tea.Cmd
		cs.review, cmd = cs.review.askTranslation(m.desk())
		return tea.Batch(write, cmd)
	case actExpired:
		return m.expired()
	case actVerified:
		m.notice = notice{}
		m.goTo(stPassport)
		var cmd tea.Cmd
		cs.passport, cmd = cs.passport.enter(d, "")
		return cmd
	case actBack:
		return m.back()
	case actChosen:
		if m.step != stPassport {
			return nil
		}
		m.notice = notice{}
		m.goTo(stUpload)
		cs.reachedUpload = true
		var cmd tea.Cmd
		cs.upload, cmd = cs.upload.start(d, &m.c, a.file)
		return cmd
	case actRefused:
		m.goTo(stPassport)
		var cmd tea.Cmd
		cs.passport, cmd = cs.passport.enter(d, a.sentence)
		return cmd
	case actUpload:
		var kept int
		cs.review, kept = cs.review.load(a.data, cs.upload.sha256, d.now)
		m.notice = notice{}
		if kept > 0 {
			m.notice = notice{kind: noticeInfo, sentence: fmt.Sprintf("The server read the same image again; your %s kept.", kept1(kept))}
		}
		m.goTo(stReview)
		return m.startThumbs()
	case actFaceView:
		return m.openFaceView()
	case actToApprove:
		cs.approve = cs.approve.prepare(a)
		m.notice = notice{}
		m.goTo(stApprove)
	case actFieldRefused:
		cs.review = cs.review.refused(a.field, a.message)
		m.notice = notice{kind: noticeError, sentence: "The server refused the Arabic full name: " + fullname.Clean(a.message) + " Correct it and continue again."}
		m.goTo(stReview)
	case actSettled:
		return m.settled(a)
	case actNextCustomer:
		return m.nextCustomer()
	case actQuit:
		return m.quit()
	}
	return nil
}

func kept1(n int) string {
	if n == 1 {
		return "correction was"
	}
	return fmt.Sprintf("%d corrections were", n)
}

// back is a step giving way to the one before it.
func (m *Model) back() tea.Cmd {
	m.notice = notice{}
	switch m.step {
	case stPassword:
		if m.cfg.TokenReady {
			m.notice = notice{kind: noticeInfo, sentence: "The session came ready with the token; there is no step before this one."}
			return nil
		}
		// The session stays the customer's until another one is opened.
		m.cs.review = m.cs.review.cancel()
		m.cs.client = nil
		m.goTo(stSession)
	case stPassport:
		m.goTo(stPassword)
	case stReview:
		m.goTo(stPassport)
		var cmd tea.Cmd
		m.cs.passport, cmd = m.cs.passport.enter(m.desk(), "")
		return cmd
	case stApprove:
		m.goTo(stReview)
	}
	return nil
}

// expired handles a 401 in mid-flow: back to Session with a sentence; the applicant ID, the
// chosen file and the corrections are kept (they come back once the same file is read again).
func (m *Model) expired() tea.Cmd {
	cs := &m.cs
	if m.cfg.TokenReady {
		return m.act(actStop{sentence: tokenRefused})
	}
	cs.client = nil
	cs.password = cs.password.leave()
	cs.session = cs.session.expired(cs.applicantID)
	m.notice = notice{kind: noticeError, sentence: "The session has expired or was refused by the server. Press enter to open it again; the applicant ID, the chosen file and your corrections are kept."}
	m.goTo(stSession)
	return nil
}

// settled: the approval ended, approved or with an outcome nobody knows. An approval ends the
// case (its receipt is written now, for Done to name); an unknown outcome stays on Approve with
// the sentence, and the case stays open: a second approval may follow, and the receipt records
// how the case ends.
func (m *Model) settled(a actSettled) tea.Cmd {
	cs := &m.cs
	now := m.c.now()
	var write tea.Cmd
	if a.outcome == outcomeApproved {
		write = cs.end(&m.cfg, now)
		m.result.Approved++
		m.result.Summary = fmt.Sprintf("Approved passport %s for %s in %s", fullname.Clean(cs.approve.docNumber), m.applicantLabel(), roundDuration(now.Sub(cs.startedAt)))
		if m.result.Approved > 1 {
			m.result.Summary += fmt.Sprintf(" (%d customers this run)", m.result.Approved)
		}
		cs.done = cs.done.show(cs.approve.docNumber, cs.applicantID, now.Sub(cs.startedAt), now, write != nil)
		m.notice = notice{}
		m.goTo(stDone)
	} else {
		if m.cfg.Logger != nil {
			m.cfg.Logger.Warn("approve outcome unknown", "applicant", cs.applicantID)
		}
		m.notice = notice{kind: noticeError, sentence: a.sentence}
	}
	if m.leaving {
		// Quit was asked while the approval was in flight: now the case ends (approved:
		// already, above; unknown: here) and the program quits once its receipt is written.
		m.quitting = true
		return tea.Sequence(write, cs.end(&m.cfg, now), tea.Quit)
	}
	return write
}

// receiptWritten: where a case's receipt went. Done names it; the summary line left in the
// terminal names the receipt of a case ended by quitting; a receipt that could not be written
// for a customer who has already left is said on the screen, since nothing else would say it.
func (m *Model) receiptWritten(msg receiptMsg) tea.Cmd {
	if !m.cs.receipt.answers(msg.id) {
		if msg.err != nil {
			m.notice = notice{kind: noticeError, sentence: fmt.Sprintf("The receipt for %s (%s) could not be written: %s",
				applicantLabel(msg.applicant), msg.outcome, fullname.Clean(msg.err.Error()))}
		}
		return nil
	}
	if m.step == stDone {
		m.cs.done = m.cs.done.receiptWritten(msg.path, msg.err)
		if msg.err != nil {
			m.result.Summary += " — the receipt could not be written: " + fullname.Clean(msg.err.Error())
		} else {
			m.result.Summary += " — receipt " + msg.path
		}
		return nil
	}
	m.cs.receiptPath = msg.path // Result names it with an unknown outcome
	if msg.outcome == receipt.Unknown {
		return nil
	}
	switch {
	case m.result.Summary == "":
		m.result.Summary = "No passport was approved. "
	case !strings.HasSuffix(m.result.Summary, "."):
		m.result.Summary += ". " // after "— receipt …json" of an approval earlier in the run
	default:
		m.result.Summary += " "
	}
	if msg.err != nil {
		m.result.Summary += fmt.Sprintf("The receipt for %s (%s) could not be written: %s", applicantLabel(msg.applicant), msg.outcome, fullname.Clean(msg.err.Error()))
	} else {
		m.result.Summary += fmt.Sprintf("%s's case is recorded as %s: receipt %s", applicantLabel(msg.applicant), msg.outcome, msg.path)
	}
	return nil
}

// finalResult is Result once the program has ended, however it ended: a quit, a signal, a
// closed window whose input failed before the signal was read, a panic. The case at the desk
// ends if it has not, and its receipt is written before Run returns, waiting for the command
// that may be writing it still.
func (m *Model) finalResult() Result {
	m.cs.end(&m.cfg, m.c.now()) // its command is not run: the job is written here
	var failed error
	if j := m.cs.receiptJob; j != nil {
		msg := j.write()
		failed = msg.err
		m.receiptWritten(msg)
	}
	r := m.Result()
	if r.OutcomeUnknown && failed != nil {
		r.Summary += " The receipt could not be written: " + fullname.Clean(failed.Error())
	}
	return r
}

// nextCustomer ends this customer's case and starts a new one: the next customer starts with
// nothing of this one's.
func (m *Model) nextCustomer() tea.Cmd {
	if m.cfg.TokenReady {
		m.notice = notice{kind: noticeInfo, sentence: "This run was started with one customer's session token; start passport-update again for the next customer."}
		return nil
	}
	write := m.cs.end(&m.cfg, m.c.now())
	m.cs = newCase(&m.cfg, &m.c)
	m.notice = notice{}
	m.goTo(stSession)
	return write
}

// stoppedKey: enter starts over with a new customer (with a ready token there is nothing to
// start over with: enter and esc quit).
func (m *Model) stoppedKey(k tea.KeyMsg) action {
	switch k.String() {
	case "enter":
		if m.cfg.TokenReady {
			return actQuit{}
		}
		return actNextCustomer{}
	case "esc":
		return actQuit{}
	}
	return nil
}

// startThumbs asks Review for its pictures (once the window is wide enough).
func (m *Model) startThumbs() tea.Cmd {
	var cmd tea.Cmd
	m.cs.review, cmd = m.cs.review.startThumbs(&m.c, m.cs.passport.chosen, m.cfg.MaxImageSize)
	return cmd
}

// applicantLabel names the customer at the desk in sentences.
func (m *Model) applicantLabel() string { return applicantLabel(m.cs.applicantID) }

func applicantLabel(id string) string {
	if id == "" {
		return "this customer"
	}
	return fullname.Clean(id)
}
