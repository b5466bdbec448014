package api

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Defaults for the per-call limits. OCR can be slow: the vendor's SDK allows 60 s for the upload.
const (
	DefaultTimeout       = 20 * time.Second
	DefaultUploadTimeout = 60 * time.Second
	// MaxAnswerBytes is the most of an answer body the client reads; a larger answer is refused
	// without being read whole (a misconfigured URL can point at a download).
	MaxAnswerBytes = 8_000_000 // 8 MB, in the unit every size is shown in
)

// VerifyPath picks which VerifyPassword path is used.
type VerifyPath int

const (
	VerifyAuto VerifyPath = iota // doc path first, SDK path on 404, remembered
	VerifyDoc
	VerifySDK
)

// String is the command-line spelling: auto, doc, sdk.
func (p VerifyPath) String() string {
	switch p {
	case VerifyDoc:
		return "doc"
	case VerifySDK:
		return "sdk"
	}
	return "auto"
}

// ParseVerifyPath reads the command-line spelling (auto, doc, sdk; case-insensitive; "" is auto).
func ParseVerifyPath(s string) (VerifyPath, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "auto":
		return VerifyAuto, true
	case "doc":
		return VerifyDoc, true
	case "sdk":
		return VerifySDK, true
	}
	return VerifyAuto, false
}

// Client talks to one deployment. It is safe for concurrent use; WithToken returns a copy.
// Everything in it is fixed after New except the remembered VerifyPassword path, which is
// shared (atomically) between a client and all its WithToken copies.
type Client struct {
	base          *url.URL
	http          *http.Client
	token         string
	lang          string
	timeout       time.Duration
	uploadTimeout time.Duration
	logger        *slog.Logger
	verifyPath    VerifyPath
	userAgent     string
	urlSetting    string // where baseURL came from, named when it is refused
	// learned is the VerifyPassword path that answered (0 unknown, 1 doc, 2 sdk).
	learned *atomic.Int32
	// secrets is every secret handled so far, shared like learned.
	secrets *secretSet
	// retryPause is the wait before the one retry of an idempotent call when the server
	// gave no Retry-After; pause waits (tests replace it to see the waits without taking them).
	retryPause time.Duration
	pause      func(ctx context.Context, d time.Duration) error
}

// DefaultRetryPause is the wait before the one automatic retry of a call that is safe to
// repeat, when the server did not say how long to wait.
const DefaultRetryPause = 500 * time.Millisecond

// WithRetryPause sets the wait before the one automatic retry of a session set-up call or of
// IsTranslationStepEnabled when the server gives no Retry-After (d < 0 keeps the default).
func WithRetryPause(d time.Duration) Option {
	return func(c *Client) {
		if d >= 0 {
			c.retryPause = d
		}
	}
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Option configures a Client in New.
type Option func(*Client)

// WithHTTPClient uses h for every request (NewHTTPClient builds a safe one). The client's
// redirect policy is tightened so a redirect never carries the bearer to another host.
func WithHTTPClient(h *http.Client) Option { return func(c *Client) { c.http = h } }

// WithToken sets the bearer token (a ready session token; surrounding spaces are dropped).
func WithToken(token string) Option { return func(c *Client) { c.token = strings.TrimSpace(token) } }

// WithLanguage sets Accept-Language (e.g. "en", "ar") so server messages come localised.
func WithLanguage(lang string) Option { return func(c *Client) { c.lang = strings.TrimSpace(lang) } }

// WithTimeout limits every call except the upload (default 20 s; d <= 0 keeps the default).
func WithTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithUploadTimeout limits UploadPassportImage, sending and OCR together (default 60 s).
func WithUploadTimeout(d time.Duration) Option {
	return func(c *Client) {
		if d > 0 {
			c.uploadTimeout = d
		}
	}
}

// WithLogger turns on the request log: one line per HTTP request, never a secret or a body.
// Failed answers' excerpts (cleaned, redacted) are added only when l is enabled at Debug.
func WithLogger(l *slog.Logger) Option { return func(c *Client) { c.logger = l } }

// WithVerifyPath forces the VerifyPassword path (VerifyAuto tries the doc path, then the SDK's).
func WithVerifyPath(p VerifyPath) Option { return func(c *Client) { c.verifyPath = p } }

// WithUserAgent sends "example.com/passport-update/<version>".
func WithUserAgent(version string) Option {
	return func(c *Client) {
		if v := strings.TrimSpace(version); v != "" {
			c.userAgent = "example.com/passport-update/" + v
		}
	}
}

// WithURLSetting names where New's baseURL came from, as the person set it ("--api-url",
// "PASSPORT_API_URL"): the sentence refusing the URL names it.
func WithURLSetting(name string) Option { return func(c *Client) { c.urlSetting = name } }

// New builds a client for baseURL (which may carry a path prefix such as /OnBoarding/).
// http:// is refused for hosts other than loopback: the session token and the password
// must never cross a network in clear.
func New(baseURL string, opts ...Option) (*Client, error) {
	c := &Client{
		timeout:       DefaultTimeout,
		uploadTimeout: DefaultUploadTimeout,
		userAgent:     "passport-update",
		learned:       new(atomic.Int32),
		secrets:       newSecretSet(),
		retryPause:    DefaultRetryPause,
		pause:         sleep,
	}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	u, err := parseBaseURL(baseURL, c.urlSetting)
	if err != nil {
		return nil, err
	}
	c.base = u
	c.secrets.add(c.token)
	if c.http == nil {
		h, err := NewHTTPClient("", "")
		if err != nil {
			return nil, err
		}
		c.http = h
	} else {
		c.http = withSameOriginRedirects(c.http)
	}
	return c, nil
}

func parseBaseURL(raw, setting string) (*url.URL, error) {
	refuse := func(reason, detail string) error {
		return &Error{Call: "New", Kind: KindRefused, reason: reason, host: detail, setting: setting}
	}
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, refuse(reasonBadURL, cleanText(raw, 200))
	}
	if u.User != nil {
		return nil, refuse(reasonURLCredentials, u.Hostname())
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return nil, refuse(reasonPlainHTTP, u.Hostname())
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	u.RawQuery, u.Fragment = "", ""
	return u, nil
}

// isLoopbackHost: localhost, 127.0.0.0/8 and ::1 never leave the machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithToken returns a copy of c that sends token as the bearer.
func (c *Client) WithToken(token string) *Client {
	cp := *c
	cp.token = strings.TrimSpace(token)
	c.secrets.add(cp.token)
	return &cp
}

// HasToken reports whether a bearer token is set.
func (c *Client) HasToken() bool { return c.token != "" }

// BaseURL is the deployment's base URL as used (no trailing slash); it holds no secret.
func (c *Client) BaseURL() string { return c.base.String() }

// endpoint joins the base URL's path prefix and an API path.
func (c *Client) endpoint(path string, query url.Values) *url.URL {
	u := *c.base
	u.Path = c.base.Path + "/" + strings.TrimLeft(path, "/")
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	return &u
}

// CloseIdleConnections closes kept-alive connections (at exit, or after a network change).
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }
