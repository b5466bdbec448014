package tui

import (
	"context"
	"path/filepath"
	"sync"
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

	// reachedUpload: this customer's scan was sent to the server. From then on the case ends
	// with a receipt, whatever the outcome.
	reachedUpload bool
	ended         bool        // end has run: nothing more happens in this case
	receipt       request     // the receipt's answer the root waits for
	receiptJob    *receiptJob // this case's receipt, written once; nil when none is due
	receiptPath   string      // the receipt written when the case ended away from Done
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

// close cancels every request still running for this customer. It writes nothing: end closes
// the case for good (close alone is for a panic, after which Run ends the case on the way out).
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

// end closes the case: the customer leaves the desk (Done, the next customer, another
// applicant, a quit, a signal, the program's end). Its requests are cancelled and, when its scan
// reached the server and receipts are kept, its receipt is written with the outcome the case
// ended with. The command that writes it is returned the first time only: one customer, one
// receipt, however many of those ways follow one another.
func (cs *Case) end(cfg *Config, now time.Time) tea.Cmd {
	cs.close()
	if cs.ended {
		return nil
	}
	cs.ended = true
	if !cs.reachedUpload || cfg.ReceiptDir == "" {
		return nil
	}
	id, _ := cs.receipt.start(context.Background())
	cs.receiptJob = &receiptJob{dir: cfg.ReceiptDir, r: cs.record(cfg, cs.outcome(), now), id: id, applicant: cs.applicantID}
	return cs.receiptWritten()
}

// receiptWritten is a command that answers once the case's receipt is written: it writes it if
// nothing has yet, else waits for the write under way, or repeats its answer. nil when the case
// has no receipt due.
func (cs *Case) receiptWritten() tea.Cmd {
	job := cs.receiptJob
	if job == nil {
		return nil
	}
	return safe(func() tea.Msg { return job.write() })
}

// outcome is how the case ends if it ends now, as its receipt records it.
func (cs *Case) outcome() string {
	switch {
	case cs.approve.outcome == outcomeApproved:
		return receipt.Approved
	case cs.approve.unknown() || cs.approve.inFlight():
		return receipt.Unknown // whatever was sent after it: the first may have gone through
	case cs.approve.attempts > 0:
		return receipt.Refused // every approval sent was answered, and none went through
	}
	return receipt.Abandoned
}

// receiptJob is one case's receipt, written once: by the command end returns or, when the program
// ended before that command's answer was read, by Run on its way out (Model.finalResult).
// Whichever comes second waits for the first and gets the same answer.
type receiptJob struct {
	once      sync.Once
	dir       string
	r         receipt.Receipt
	id        int64
	applicant string
	msg       receiptMsg
}

func (j *receiptJob) write() receiptMsg {
	j.once.Do(func() {
		path, err := receipt.Write(j.dir, j.r)
		j.msg = receiptMsg{id: j.id, path: path, err: err, applicant: j.applicant, outcome: j.r.Outcome}
	})
	return j.msg
}

// receiptMsg says where a case's receipt went.
type receiptMsg struct {
	id        int64
	path      string
	err       error
	applicant string // whose case it records, "" with a ready token
	outcome   string
}

// record is this customer's case as a receipt keeps it (no password, token or image bytes ever
// reach it). The name sent is there only when an approval was sent.
func (cs *Case) record(cfg *Config, outcome string, now time.Time) receipt.Receipt {
	var sent *string
	if cs.approve.attempts > 0 {
		sent = cs.approve.send
	}
	return receipt.Receipt{
		Tool:        "passport-update " + cfg.Version,
		Operator:    cfg.Operator,
		Host:        cfg.Host,
		ApplicantID: cs.applicantID,
		Outcome:     outcome,
		ImageName:   filepath.Base(cs.passport.chosen.Path), // no folder: it may say who the customer is
		ImageSize:   cs.passport.chosen.Size,
		ImageSHA256: cs.upload.sha256,
		Extracted:   receipt.FromPassport(cs.review.data),
		Corrections: cs.review.corrections(),
		Findings:    append([]checks.Finding(nil), cs.review.findings...),
		FullNameAr:  sent,
		StartedAt:   cs.startedAt,
		FinishedAt:  now,
		Timings: map[string]time.Duration{
			"session": cs.session.took, "verify": cs.password.took, "upload": cs.upload.sendTook,
			"ocr": cs.upload.ocrTook, "approve": cs.approve.took,
		},
	}
}
