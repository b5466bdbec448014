// Package tui is the bubbletea wizard: one root state machine (Session → Password → Passport →
// Upload → Review → Approve → Done, plus the error, confirm-quit and too-small states) with one
// small model per step. Every API call runs as a tea.Cmd built from copies and tagged with a
// request id; the root drops answers whose id is no longer the one it waits for.
package tui

import (
	"io"
	"log/slog"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/tui/arabic"
)

// DemoApplicant is one sandbox scenario offered on the Session screen in demo mode.
type DemoApplicant struct {
	ApplicantID string
	Name        string
	Description string
}

// Demo is set when the wizard runs against the embedded sandbox (the SANDBOX badge, the
// applicant list, the password hint). The tui never imports the sandbox itself.
type Demo struct {
	Applicants   []DemoApplicant
	PasswordHint string // the public demo password; empty to hide
	// Specimens, when set, puts the specimen images in StartDir, or waits until they are
	// there, and says whether that worked; every call after the first returns the first's
	// answer. The wizard calls it once its first frame is drawn, and the picker lists its
	// folder only after it returns.
	Specimens func() error
}

// Config is everything the wizard needs; main builds it from flags and the environment.
type Config struct {
	Client       *api.Client // base client (carries the token when Token is ready)
	TenantID     string
	TenantSecret string // secret: never displayed or logged
	TokenReady   bool   // steps 1–3 were done elsewhere: skip the Session screen
	Demo         *Demo
	StartDir     string // absolute; where the picker opens
	MaxImageSize int64
	ReceiptDir   string // "" = no receipts
	// Operator is who serves the customers (shown in the header), Host the workstation; both
	// go into every receipt.
	Operator string
	Host     string
	RTL      arabic.Mode
	Version  string
	Logger   *slog.Logger // may be nil
	Graphics Graphics     // how pictures are drawn (the face view); zero: half-blocks
	Input    io.Reader    // nil = stdin (tests)
	Output   io.Writer    // nil = stdout (tests)

	// Getenv reads the environment for the colour profile, background and terminal bidi
	// support; nil = os.Getenv.
	Getenv func(string) string
	// Now is the clock (elapsed times, expiry checks); nil = time.Now. Tests fix it.
	Now func() time.Time
}

// Result is what stays in the terminal after the alternate screen closes.
type Result struct {
	Summary  string // one line, e.g. "Approved passport X1234567 for DEMO-HAPPY in 42s — receipt …"
	Approved int    // customers approved in this run
	// OutcomeUnknown: the last approval was sent and no answer says whether it went through.
	OutcomeUnknown bool
}
