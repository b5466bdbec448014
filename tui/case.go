package tui

import (
	"context"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
	"example.com/passport-update/internal/receipt"
)

// Case is the customer at the desk: what the wizard knows about them and every step's state for
// them (attempts and lock, chosen file, OCR answer, corrections, checks, approval outcome). The
// next customer gets a new Case; nothing is reset by hand.
type Case struct {
	applicantID string      // "" until a session is open (and always with a ready token)
	client      *api.Client // this customer's session; nil until it is open
	startedAt   time.Time

	session  sessionStep
	password passwordStep
	passport passportStep
	upload   uploadStep
	review   reviewStep
	approve  approveStep
	done     doneStep
	stopped  string // why this customer cannot go on here (stStopped)

	receipt     request
	receiptPath string // the receipt written for an unknown outcome
}

func newCase(cfg *Config, c *common) Case {
	hint := ""
	if cfg.Demo != nil {
		hint = cfg.Demo.PasswordHint
	}
	return Case{
		session:  newSession(cfg.Demo, cfg.TokenReady),
		password: newPassword(hint),
		passport: newPassport(cfg, c),
		upload:   newUpload(),
		review:   newReview(),
		approve:  newApprove(),
		done:     newDone(),
	}
}

// withSession keeps the Session screen as it is (the ID just typed) in a new case.
func (cs Case) withSession(s sessionStep) Case {
	cs.session = s
	return cs
}

// openedSession records a session the server just opened for this customer. Its password
// attempts are the new session's: the step starts afresh; the chosen file, the OCR answer and
// the corrections stay (the session expired and was opened again).
func (cs *Case) openedSession(a actSessionOpened, now time.Time) {
	cs.applicantID, cs.client = a.applicantID, a.session.Client
	if cs.startedAt.IsZero() {
		cs.startedAt = now
	}
	cs.password = newPassword(cs.password.hint)
}

// close cancels every request still running for this customer.
func (cs *Case) close() {
	cs.session = cs.session.cancel()
	cs.password = cs.password.leave()
	cs.upload = cs.upload.cancel()
	cs.review = cs.review.cancel()
}

// uploaded reports whether this customer's scan reached the server and no approval is known
// to have gone through: leaving now loses the review.
func (cs *Case) uploaded() bool {
	return cs.review.loaded && cs.approve.outcome != outcomeApproved
}

// receiptMsg says where the receipt went.
type receiptMsg struct {
	id   int64
	path string
	err  error
}

// writeReceipt writes this customer's record when receipts are kept.
func (cs *Case) writeReceipt(cfg *Config, outcome string, now time.Time) tea.Cmd {
	if cfg.ReceiptDir == "" {
		return nil
	}
	id, _ := cs.receipt.start(context.Background())
	r, dir := cs.record(cfg, outcome, now), cfg.ReceiptDir
	return safe(func() tea.Msg {
		path, err := receipt.Write(dir, r)
		return receiptMsg{id: id, path: path, err: err}
	})
}

// record is this customer's case as a receipt keeps it (no password, token or image bytes ever
// reach it).
func (cs *Case) record(cfg *Config, outcome string, now time.Time) receipt.Receipt {
	return receipt.Receipt{
		Tool:        "passport-update " + cfg.Version,
		ApplicantID: cs.applicantID,
		Outcome:     outcome,
		ImageName:   filepath.Base(cs.passport.chosen.Path), // no folder: it may say who the customer is
		ImageSize:   cs.passport.chosen.Size,
		ImageSHA256: cs.upload.sha256,
		Extracted:   receipt.FromPassport(cs.review.data),
		Corrections: cs.review.corrections(),
		Findings:    append([]checks.Finding(nil), cs.review.findings...),
		FullNameAr:  cs.approve.send,
		StartedAt:   cs.startedAt,
		FinishedAt:  now,
		Timings: map[string]time.Duration{
			"session": cs.session.took, "verify": cs.password.took, "upload": cs.upload.sendTook,
			"ocr": cs.upload.ocrTook, "approve": cs.approve.took,
		},
	}
}
