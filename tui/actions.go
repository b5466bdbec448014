package tui

// The root's handling of keys and of what a step asks for (its action).

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"passport-update/tui/arabic"
)

func (m *Model) quit() tea.Cmd {
	m.cancelAll()
	m.quitting = true
	return tea.Quit
}

// key routes a key: the confirm-quit overlay first, then the global keys (ctrl+c, help, ctrl+r),
// then the active step, whose action (if any) the root carries out.
func (m *Model) key(k tea.KeyMsg) tea.Cmd {
	if k.Type == tea.KeyRunes && len(k.Runes) > 1 && !k.Paste && !m.inputFocused() {
		// Keys typed fast, or sent over a link that batches input, reach bubbletea in one read
		// and arrive as one message ("/omr", "nAPP-1"). Where no text field has them, the first
		// is taken as a key and the rest as typed after it (into the field it may have opened).
		first := m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: k.Runes[:1], Alt: k.Alt})
		return tea.Batch(first, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: k.Runes[1:]}))
	}
	if m.confirmQuit {
		switch k.String() {
		case "enter", "ctrl+c":
			return m.quit()
		case "esc":
			m.confirmQuit = false
		}
		return nil
	}
	if key.Matches(k, m.globalKeys.Quit) {
		if m.uploaded && !m.approvedThis {
			m.confirmQuit = true
			return nil
		}
		return m.quit()
	}
	if m.tooSmall() {
		return nil
	}
	if key.Matches(k, m.globalKeys.RTL) {
		return m.cycleMode()
	}
	if key.Matches(k, helpKeyF1) || (!m.inputFocused() && key.Matches(k, m.globalKeys.Help)) {
		m.help.ShowAll = !m.help.ShowAll
		return nil
	}
	if m.help.ShowAll && k.String() == "esc" && !m.inputFocused() {
		m.help.ShowAll = false
		return nil
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
				m.resetCustomer()
				c := m.resume()
				return tea.Batch(tea.Batch(m.initCmds...), c)
			}
			m.resetCustomer()
			return tea.Batch(m.initCmds...)
		case "esc":
			return m.quit()
		}
	}
	if act == nil {
		return cmd
	}
	return tea.Batch(cmd, m.act(act))
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
func (m *Model) act(a any) tea.Cmd {
	switch a := a.(type) {
	case actNotice:
		if a.sentence == "" {
			m.notice = notice{}
			return nil
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
		return tea.Batch(openSessionCmd(ctx, id, m.cfg.Client, m.cfg.TenantID, m.cfg.TenantSecret, a.applicantID, m.c.now), m.spin.Tick)
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
		return tea.Batch(verifyCmd(ctx, id, m.client, a.password, m.c.now), m.spin.Tick)
	case actBack:
		return m.back()
	case actCancelUpload:
		m.cancel(callUpload)
		m.state = stPassport
		var cmd tea.Cmd
		m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
		m.picker = m.picker.SetError("Upload cancelled. Pick the file again to retry.")
		m.notice = notice{}
		return cmd
	case actBackToPicker:
		m.cancel(callScan)
		m.cancel(callPhoto)
		m.state = stPassport
		m.notice = notice{}
		var cmd tea.Cmd
		m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
		return cmd
	case actContinue:
		m.notice = notice{}
		m.approve = newApprove(a.fullNameAr, m.review.corrected().DocumentNumber, m.applicantID, m.review.findings)
		m.state = stApprove
	case actBackToReview:
		m.notice = notice{}
		m.state = stReview
	case actApprove:
		m.notice = notice{}
		id, ctx := m.begin(callApprove)
		return tea.Batch(approveCmd(ctx, id, m.client, m.approve.fullNameAr, m.c.now), m.spin.Tick)
	case actNextCustomer:
		if m.cfg.TokenReady {
			m.notice = notice{kind: noticeInfo, sentence: "This run was started with one customer's session token; start passport-update again for the next customer."}
			return nil
		}
		m.resetCustomer()
		return tea.Batch(m.initCmds...)
	case actQuit:
		return m.quit()
	}
	return nil
}

// back is esc on Password or Passport.
func (m *Model) back() tea.Cmd {
	m.notice = notice{}
	switch m.state {
	case stPassword:
		if m.cfg.TokenReady {
			m.notice = notice{kind: noticeInfo, sentence: "The session came ready with the token; there is no step before this one."}
			return nil
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
	return nil
}

// resume checks a ready token (step 3b only); the Session screen shows a spinner meanwhile.
func (m *Model) resume() tea.Cmd {
	m.session.ready = true
	m.startedAt = m.c.now()
	id, ctx := m.begin(callSession)
	return tea.Batch(resumeSessionCmd(ctx, id, m.cfg.Client, m.c.now), m.spin.Tick)
}
