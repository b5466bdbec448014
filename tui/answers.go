package tui

// The root's handling of every answer: each first checks that its id is still the one waited for.

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"passport-update/api"
	"passport-update/tui/arabic"
	"passport-update/tui/picker"
)

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
func (m *Model) expired() tea.Cmd {
	m.cancelAll()
	m.client = nil
	m.password = newPassword(m.password.hint)
	m.approve.sending = false
	if m.cfg.TokenReady {
		m.errStep = 0
		m.errSentence = "The session token was refused (it may have expired). Start passport-update again with a fresh token."
		m.state = stError
		return nil
	}
	m.state = stSession
	m.session.busy = false
	m.session.input.SetValue(m.applicantID)
	m.session.input.CursorEnd()
	m.notice = notice{kind: noticeError, sentence: "The session has expired or was refused by the server. Press enter to open it again; the applicant ID and the chosen file are kept."}
	return nil
}

func (m *Model) onSession(msg sessionMsg) tea.Cmd {
	if !m.finish(callSession, msg.id) {
		return nil
	}
	m.session.busy = false
	m.timings["session"] = msg.took
	if msg.err != nil {
		var um *api.UnsupportedMethodError
		if errors.Is(msg.err, api.ErrPassportStepNotAllowed) || errors.As(msg.err, &um) || m.cfg.TokenReady {
			m.errStep = 0
			m.errSentence = sentence(msg.err)
			m.state = stError
			return nil
		}
		m.notice = notice{kind: noticeError, sentence: sentence(msg.err), retry: "enter"}
		return nil
	}
	m.session.ready = false
	m.client = msg.sess.Client
	if m.client == nil {
		m.client = m.cfg.Client
	}
	m.notice = notice{}
	m.state = stPassword
	id, ctx := m.begin(callTranslation)
	return translationCmd(ctx, id, m.client)
}

func (m *Model) onTranslation(msg translationMsg) tea.Cmd {
	if !m.finish(callTranslation, msg.id) {
		return nil
	}
	if msg.err != nil {
		// Not fatal: the Arabic field then shows only when OCR reads an Arabic name.
		m.translation = false
		if m.cfg.Logger != nil {
			m.cfg.Logger.Warn("translation flag", "err", msg.err)
		}
		return nil
	}
	m.translation = msg.enabled
	// A late answer (OCR was faster) still brings the Arabic field, unless edits were made.
	if m.state == stReview && msg.enabled && !m.review.arabicShown && len(m.review.corrections()) == 0 {
		photo, scan := m.review.photo, m.review.scan
		m.review = newReview(m.review.data, true).refresh(m.c.now())
		m.review.photo, m.review.scan = photo, scan
		m.review.photoTried, m.review.scanTried = true, true
	}
	return nil
}

// onVerify: success → the picker; a refusal counts a wrong attempt (attempts left read from the
// server's message) or locks the screen; a 401 means the session itself is gone.
func (m *Model) onVerify(msg verifyMsg) tea.Cmd {
	if !m.finish(callVerify, msg.id) {
		return nil
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
			return cmd
		}
		return m.startPicker()
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
			return nil
		}
		m.password.wrong++
		if n, ok := readAttempts(text); ok {
			m.password.attemptsLeft = n
			if n == 0 {
				m.password.locked = true
				m.notice = notice{kind: noticeError, sentence: "No attempts are left: the password is locked. The customer must unlock it through the bank's usual channel."}
				return nil
			}
		}
		m.notice = notice{kind: noticeError, sentence: sentence(msg.err) + " Ask the customer to type it again."}
		return nil
	}
	m.notice = notice{kind: noticeError, sentence: sentence(msg.err) + " Have the password typed again and press enter to retry."}
	return nil
}

func (m *Model) startUpload(f picker.ChosenFile) tea.Cmd {
	m.notice = notice{}
	m.chosen = f
	m.state = stUpload
	m.upload = newUpload(&m.c, f, m.c.now()).setSize(m.c.width)
	id, ctx := m.begin(callUpload)
	ch := make(chan uploadProgressMsg, 1)
	m.uploadCh = ch
	return tea.Batch(uploadCmd(ctx, id, m.client, f, ch, m.c.now), waitProgress(ch), m.spin.Tick)
}

func (m *Model) onProgress(msg uploadProgressMsg) tea.Cmd {
	if msg.id != m.calls[callUpload].id || m.state != stUpload {
		return nil
	}
	m.upload.sent, m.upload.total = msg.sent, msg.total
	if msg.sent >= msg.total && m.upload.ocrSince.IsZero() {
		m.upload.ocrSince = m.c.now()
	}
	return waitProgress(msg.ch)
}

func (m *Model) onUploaded(msg uploadDoneMsg) tea.Cmd {
	if !m.finish(callUpload, msg.id) {
		return nil
	}
	if msg.err != nil {
		if isUnauthorized(msg.err) {
			return m.expired()
		}
		m.state = stPassport
		var cmd tea.Cmd
		m.picker, cmd = m.picker.SelectCmd(m.chosen.Path)
		m.picker = m.picker.SetError(sentence(msg.err))
		return cmd
	}
	if !msg.sentAt.IsZero() {
		m.timings["upload"] = msg.sentAt.Sub(m.upload.started)
		m.timings["ocr"] = msg.took - m.timings["upload"]
	} else {
		m.timings["upload"] = msg.took
	}
	m.uploaded = true
	m.imageSHA256 = msg.sha256
	m.state = stReview
	m.review = newReview(msg.res.Data, m.translation).refresh(m.c.now())
	return m.startThumbs()
}

// startThumbs decodes the scan and the face photo off the loop once the Review screen is wide
// enough to show them (now, or after a resize).
func (m *Model) startThumbs() tea.Cmd {
	if m.state != stReview || m.c.width < 110 {
		return nil
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
	return tea.Batch(cmds...)
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

// fieldMessage finds the server's complaint about field in a 400 (problem details or message).
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

// onApproved: success → Done (and the receipt); a 400 naming FullNameAr → back to that field; a
// failure after the request may have arrived → outcome unknown, never retried by itself.
func (m *Model) onApproved(msg approveMsg) tea.Cmd {
	if !m.finish(callApprove, msg.id) {
		return nil
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
			return receiptCmd(id, m.cfg.ReceiptDir, m.buildReceipt("approved"))
		}
		return nil
	}
	if isUnauthorized(msg.err) {
		return m.expired()
	}
	if text, ok := fieldMessage(msg.err, "FullNameAr"); ok {
		m.review = m.review.setFieldError("FullNameAr", text)
		m.state = stReview
		m.notice = notice{kind: noticeError, sentence: "The server refused the Arabic full name: " + arabic.Clean(text) + " Correct it and continue again."}
		return nil
	}
	if approvalUnknown(msg.err) {
		m.approve.unknown = true
		if m.cfg.Logger != nil {
			m.cfg.Logger.Warn("approve outcome unknown", "err", msg.err)
		}
		m.notice = notice{kind: noticeError, sentence: "The approval may or may not have gone through: " + lowerFirst(unknownCause(msg.err)) + " Check the customer's update in the back office before trying again; a second attempt needs enter twice."}
		if m.cfg.ReceiptDir != "" {
			id, _ := m.begin(callReceipt)
			return receiptCmd(id, m.cfg.ReceiptDir, m.buildReceipt("unknown"))
		}
		return nil
	}
	m.notice = notice{kind: noticeError, sentence: "The approval was refused: " + sentence(msg.err) + " Nothing was approved; press enter to try again once the cause is fixed."}
	return nil
}

func (m *Model) onReceipt(msg receiptMsg) tea.Cmd {
	if !m.finish(callReceipt, msg.id) {
		return nil
	}
	if m.state == stDone {
		m.done.receiptWait = false
		if msg.err != nil {
			m.done.receiptErr = "could not write the receipt: " + arabic.Clean(msg.err.Error())
		} else {
			m.done.receiptPath = msg.path
			m.result.Summary += " — receipt " + msg.path
		}
		return nil
	}
	if msg.err == nil && m.notice.kind == noticeError {
		m.notice.sentence += " Receipt: " + msg.path
	}
	return nil
}
