package tui

// What every step shares: the step ids, the desk a step reads while it works, the request a
// step waits for, and the actions a step hands the root.

import (
	"context"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/picker"
)

// stepID is where the wizard is. The confirm-quit, leaving and too-small states are overlays on
// top of it (the step underneath keeps everything typed).
type stepID int

const (
	stSession stepID = iota
	stPassword
	stPassport
	stUpload
	stReview
	stApprove
	stDone
	stStopped // this customer cannot go on here (step not allowed, other method, bad token)
)

func (s stepID) String() string {
	return [...]string{"session", "password", "passport", "upload", "review", "approve", "done", "stopped"}[s]
}

// stepMsg is an answer that belongs to one step, whichever step is on screen: the root hands
// it to its owner, which drops it when its request id is stale.
type stepMsg interface{ owner() stepID }

// desk is what a step may read while it handles a message: the customer's session, the
// wizard's configuration and the time. Steps never keep it.
type desk struct {
	ctx    context.Context
	cfg    *Config
	client *api.Client // this customer's session; nil until it is open
	now    time.Time
	mode   arabic.Mode // how Arabic is drawn now (ctrl+r changes it): a field's ←/→ follow it
	tick   tea.Cmd     // the spinner's next frame, for steps that start waiting
}

// request is the one call a step waits for: its id and how to cancel it. Ids are unique in
// the process, so an answer meant for an earlier customer never matches.
type request struct {
	id     int64
	cancel context.CancelFunc
}

var lastRequest atomic.Int64

// start cancels r's call, if any, and begins a new one under parent.
func (r *request) start(parent context.Context) (int64, context.Context) {
	r.stop()
	ctx, cancel := context.WithCancel(parent)
	r.id, r.cancel = lastRequest.Add(1), cancel
	return r.id, ctx
}

// answers reports whether id is the call r waits for, and forgets the call if so.
func (r *request) answers(id int64) bool {
	if r.id == 0 || r.id != id {
		return false
	}
	r.cancel()
	*r = request{}
	return true
}

// stop cancels the call; its answer, if one comes, is dropped.
func (r *request) stop() {
	if r.cancel != nil {
		r.cancel()
	}
	*r = request{}
}

func (r request) busy() bool { return r.id != 0 }

// The actions a step returns; the root carries them out in act, the one place the step on
// screen changes.
type (
	action any

	actNotice struct {
		sentence string
		kind     noticeKind
	}
	// actStop: this customer cannot go on here; sentence says why and what to do.
	actStop struct{ sentence string }
	// actSessionOpened: the session exists; the password comes next.
	actSessionOpened struct {
		applicantID string
		session     api.PassportSession
	}
	// actExpired: the server no longer accepts the session (a 401 mid-flow).
	actExpired  struct{}
	actVerified struct{}
	// actBack: the step on screen gives way to the one before it.
	actBack      struct{}
	actChosen    struct{ file picker.ChosenFile }
	actUpload    struct{ data api.PassportData } // the OCR answer for the chosen file
	actRefused   struct{ sentence string }       // the upload failed or was cancelled
	actToApprove struct {
		send      *string
		docNumber string
		findings  []checks.Finding // about the values the server holds
		kept      []keptCorrection // corrections made on Review that are not sent
	}
	// actFieldRefused: the server refused a field's value (a 400 naming it) on approval.
	actFieldRefused struct{ field, message string }
	// actSettled: the approval ended with an outcome the receipt records; sentence says what
	// to do when the outcome is unknown.
	actSettled      struct{ outcome, sentence string }
	actNextCustomer struct{}
	actQuit         struct{}
)
