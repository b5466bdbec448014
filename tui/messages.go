package tui

import (
	"time"

	"passport-update/api"
	"passport-update/tui/preview"
)

// Every answer from a command carries the id of the request that produced it; the root keeps
// the id it still waits for per call and drops anything else (the user went back, cancelled or
// moved on to the next customer).

type sessionMsg struct {
	id   int
	sess api.PassportSession
	err  error
	took time.Duration
}

type translationMsg struct {
	id      int
	enabled bool
	err     error
}

type verifyMsg struct {
	id   int
	err  error
	took time.Duration
}

// uploadProgressMsg is one reading of the bytes sent; the reader re-arms after each.
type uploadProgressMsg struct {
	id          int
	sent, total int64
	ch          <-chan uploadProgressMsg
}

type uploadDoneMsg struct {
	id     int
	res    api.UploadResult
	err    error
	sentAt time.Time // when the last byte went out (zero if it never did)
	sha256 string    // hex SHA-256 of the bytes sent
	took   time.Duration
}

type scanThumbMsg struct {
	id    int
	thumb preview.Thumbnail
	ok    bool
}

type photoThumbMsg struct {
	id    int
	thumb preview.Thumbnail
	ok    bool
}

type approveMsg struct {
	id   int
	err  error
	took time.Duration
}

type receiptMsg struct {
	id   int
	path string
	err  error
}

// panicMsg reports a panic caught in a command; the root writes it down and quits.
type panicMsg struct{ report string }

// bidiWrittenMsg confirms a CSI 8 l/h was written (nothing to do but keep Update total).
type bidiWrittenMsg struct{}
