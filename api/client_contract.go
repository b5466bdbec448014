package api

// CONTRACT STUB — the api helper replaces this file with the real client (same names and signatures).

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"
)

var errTODO = errors.New("not implemented yet")

// VerifyPath picks which VerifyPassword path is used.
type VerifyPath int

const (
	VerifyAuto VerifyPath = iota // doc path first, SDK path on 404, remembered
	VerifyDoc
	VerifySDK
)

// Client talks to one deployment. It is safe for concurrent use; WithToken returns a copy.
type Client struct{}

type Option func(*Client)

func WithHTTPClient(h *http.Client) Option     { return nil }
func WithToken(token string) Option            { return nil }
func WithLanguage(lang string) Option          { return nil }
func WithTimeout(d time.Duration) Option       { return nil }
func WithUploadTimeout(d time.Duration) Option { return nil }
func WithLogger(l *slog.Logger) Option         { return nil }
func WithVerifyPath(p VerifyPath) Option       { return nil }
func WithUserAgent(version string) Option      { return nil }

// New builds a client for baseURL (which may carry a path prefix). http:// is refused for
// hosts other than loopback.
func New(baseURL string, opts ...Option) (*Client, error) { return nil, errTODO }

// NewHTTPClient builds the transport: TLS 1.2 minimum, extra CAs from caFile (PEM) if set,
// no cross-host redirects (the bearer token never follows one).
func NewHTTPClient(caFile string) (*http.Client, error) { return nil, errTODO }

// WithToken returns a copy of c that sends token as the bearer.
func (c *Client) WithToken(token string) *Client { return nil }

// HasToken reports whether a bearer token is set.
func (c *Client) HasToken() bool { return false }

func (c *Client) GenerateUpdateRequestSessionToken(ctx context.Context, r SessionRequest) (Session, error) {
	return Session{}, errTODO
}
func (c *Client) GetCurrentRequestSteps(ctx context.Context) ([]AllowedStep, error) {
	return nil, errTODO
}

// Initialize selects the step; if the answer carries a token, it is returned (else "").
func (c *Client) Initialize(ctx context.Context, step UpdateStep) (newToken string, err error) {
	return "", errTODO
}
func (c *Client) GetUpdateVerificationMethod(ctx context.Context, step UpdateStep) (VerificationMethod, error) {
	return VerificationMethod{}, errTODO
}
func (c *Client) VerifyPassword(ctx context.Context, password string, step UpdateStep) error {
	return errTODO
}

// UploadRequest is one passport image to upload. Image is read once, streamed through base64
// into the request body; Size must be its exact length (Content-Length is computed up front).
type UploadRequest struct {
	CustomerID string
	Image      io.Reader
	Size       int64
	// Progress, if set, is called with the image bytes sent so far and Size.
	Progress func(sent, total int64)
}

func (c *Client) UploadPassportImage(ctx context.Context, r UploadRequest) (UploadResult, error) {
	return UploadResult{}, errTODO
}
func (c *Client) IsTranslationStepEnabled(ctx context.Context) (bool, error) { return false, errTODO }

// Approve sends fullNameAr (nil → JSON null). Never retried.
func (c *Client) Approve(ctx context.Context, fullNameAr *string) error { return errTODO }

// PassportSession is what OpenPassportSession learned.
type PassportSession struct {
	Client    *Client // carries the token
	ExpiresAt time.Time
	Method    VerificationMethod
}

// OpenPassportSession runs steps 1, 2, 3 and 3b for the passport step. Errors:
// ErrPassportStepNotAllowed, *UnsupportedMethodError, or *Error.
func (c *Client) OpenPassportSession(ctx context.Context, tenantID, tenantSecret, applicantID string) (PassportSession, error) {
	return PassportSession{}, errTODO
}

// ResumePassportSession is OpenPassportSession for a ready token: step 3b only.
func (c *Client) ResumePassportSession(ctx context.Context) (PassportSession, error) {
	return PassportSession{}, errTODO
}

var ErrPassportStepNotAllowed = errors.New("this update session does not allow a passport update")

type UnsupportedMethodError struct{ Method VerificationMethod }

func (e *UnsupportedMethodError) Error() string {
	return "the tenant requires verification by " + e.Method.Name() + ", which this tool does not support"
}

// Error/Sentence/Unwrap on *Error — stub.
func (e *Error) Error() string    { return e.Call }
func (e *Error) Sentence() string { return e.Call }
func (e *Error) Unwrap() error    { return e.Err }
