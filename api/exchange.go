package api

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// request is one HTTP exchange of a call.
type request struct {
	call    string
	method  string
	path    string
	query   url.Values
	body    []byte      // a small JSON body, or nil
	stream  *uploadBody // the upload's streamed body, or nil
	secrets []string    // request-only secrets (password, tenant secret) to redact
	noAuth  bool        // step 1 has no bearer yet
	timeout time.Duration
	// secretAnswer: a 2xx answer may carry a token, so no excerpt of it is ever kept.
	secretAnswer bool
	// idempotent: sending it twice does no harm, so a gateway failure is retried once.
	idempotent bool
}

// answer is a response read whole (it is at most MaxAnswerBytes).
type answer struct {
	status int
	header http.Header
	body   []byte
}

// exchange sends rq, and once more when it is safe to repeat and a gateway or a refused
// connection stopped it (see retryAfter). It returns nil or an *Error (never a typed nil).
func (c *Client) exchange(ctx context.Context, rq request, ok func(answer) *Error) error {
	for try := 1; ; try++ {
		e := c.send(ctx, rq, ok)
		if e == nil {
			return nil
		}
		wait, again := c.retryAfter(rq, e, try)
		if !again || c.pause(ctx, wait) != nil {
			return e
		}
	}
}

// maxRetryWait caps how long a Retry-After may hold up the automatic retry: a person is
// waiting at the desk, and a server that asks for longer gets its error shown instead.
const maxRetryWait = 3 * time.Second

// retryAfter decides whether a failed try is sent again, and after how long. Only calls marked
// idempotent (the session set-up and the translation flag) are repeated, once, and only when
// the request cannot have done anything or a gateway says the server is briefly unavailable:
// a refused connection, or 502/503/504. VerifyPassword (a wrong-attempt counter), the upload
// and Approve are never repeated by the client.
func (c *Client) retryAfter(rq request, e *Error, try int) (time.Duration, bool) {
	if !rq.idempotent || try > 1 {
		return 0, false
	}
	switch {
	case e.StatusCode == http.StatusBadGateway, e.StatusCode == http.StatusServiceUnavailable,
		e.StatusCode == http.StatusGatewayTimeout:
	case e.StatusCode == 0 && e.Kind == KindNetwork && e.reason == reasonConnRefused:
	default:
		return 0, false
	}
	if e.RetryAfter > 0 {
		return e.RetryAfter, e.RetryAfter <= maxRetryWait
	}
	return c.retryPause, true
}

// send is one try: it sends rq, reads the answer through the read limit, turns every failure
// into an *Error, passes a 2xx answer to ok, and writes one request-log line.
func (c *Client) send(ctx context.Context, rq request, ok func(answer) *Error) *Error {
	start := time.Now()
	c.secrets.add(rq.secrets...)
	red := c.secrets.redactor()
	u := c.endpoint(rq.path, rq.query)

	cctx, cancel := context.WithTimeout(ctx, rq.timeout)
	defer cancel()
	var wrote atomic.Bool
	cctx = httptrace.WithClientTrace(cctx, &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }})

	var body io.Reader
	var reqBytes int64
	switch {
	case rq.stream != nil:
		body, reqBytes = rq.stream, rq.stream.length
		defer rq.stream.stop()
	case rq.body != nil:
		body, reqBytes = bytes.NewReader(rq.body), int64(len(rq.body))
	}
	var e *Error
	var status int
	var respBytes int64
	req, err := http.NewRequestWithContext(cctx, rq.method, u.String(), body)
	if err != nil {
		e = &Error{Kind: KindRefused, Err: err}
	} else {
		if body != nil {
			req.ContentLength = reqBytes
		}
		c.setHeaders(req, rq)
		var a answer
		a, respBytes, e = c.roundTrip(req, rq, ctx, cctx)
		status = a.status
		if e == nil {
			if a.status >= 200 && a.status < 300 {
				e = ok(a)
				if e != nil && e.Raw == "" && !rq.secretAnswer {
					e.Raw = excerpt(a.body, red)
				}
			} else {
				e = statusError(a)
				e.Raw = excerpt(a.body, red)
			}
			if e != nil {
				e.StatusCode = a.status
				e.Sent = true
			}
		}
	}
	if e != nil {
		e.Call = rq.call
		e.Sent = e.Sent || wrote.Load()
		if e.Kind == KindTimeout && e.timeout == 0 {
			e.timeout = rq.timeout
		}
		e.redact(red)
	}
	c.logRequest(ctx, rq, u.Path, status, time.Since(start), reqBytes, respBytes, e)
	return e
}

func (c *Client) setHeaders(req *http.Request, rq request) {
	h := req.Header
	h.Set("Accept", "application/json")
	if rq.method != http.MethodGet {
		h.Set("Content-Type", "application/json")
	}
	h.Set("User-Agent", c.userAgent)
	if c.lang != "" {
		h.Set("Accept-Language", c.lang)
	}
	if !rq.noAuth && c.token != "" {
		h.Set("Authorization", "Bearer "+c.token)
	}
}

// roundTrip sends req and reads at most MaxAnswerBytes of the answer (the call's deadline
// covers the body too, so a server that stalls after its headers times out).
func (c *Client) roundTrip(req *http.Request, rq request, parent, cctx context.Context) (answer, int64, *Error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{}, 0, transportError(err, rq, req.URL, parent, cctx)
	}
	defer resp.Body.Close()
	a := answer{status: resp.StatusCode, header: resp.Header}
	if resp.ContentLength > MaxAnswerBytes {
		return a, resp.ContentLength, &Error{Kind: KindBadAnswer, reason: reasonTooLarge, StatusCode: a.status, Sent: true}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxAnswerBytes+1))
	n := int64(len(data))
	if err != nil {
		e := transportError(err, rq, req.URL, parent, cctx)
		e.StatusCode, e.Sent = a.status, true
		if e.Kind == KindNetwork && e.reason == "" {
			e.reason = reasonReset
		}
		return a, n, e
	}
	if n > MaxAnswerBytes {
		return a, n, &Error{Kind: KindBadAnswer, reason: reasonTooLarge, StatusCode: a.status, Sent: true}
	}
	a.body = data
	return a, n, nil
}

// transportError sorts a failure to get (or finish reading) an answer.
func transportError(err error, rq request, u *url.URL, parent, cctx context.Context) *Error {
	e := &Error{Err: err}
	var redir *redirectError
	var dnsErr *net.DNSError
	var unknownCA x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	var hostErr x509.HostnameError
	var verifyErr *tls.CertificateVerificationError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case rq.stream != nil && rq.stream.failure() != nil:
		e.Kind, e.Err = KindRefused, rq.stream.failure()
		e.reason = reasonImageRead
		if errors.Is(e.Err, errImageLength) {
			e.reason, e.host = reasonImageLength, e.Err.Error()
		}
	case errors.As(err, &redir):
		e.Kind, e.reason, e.host, e.Sent = KindRefused, reasonRedirect, redir.location, true
	case errors.Is(err, context.Canceled) || errors.Is(parent.Err(), context.Canceled):
		e.Kind = KindCanceled
	case errors.Is(err, context.DeadlineExceeded) || cctx.Err() != nil ||
		(errors.As(err, &netErr) && netErr.Timeout()):
		e.Kind, e.timeout = KindTimeout, rq.timeout
	case errors.As(err, &unknownCA):
		e.Kind, e.reason = KindTLS, reasonTLSAuthority
	case errors.As(err, &invalid):
		e.Kind = KindTLS
		if invalid.Reason == x509.Expired {
			e.reason = reasonTLSExpired
		}
	case errors.As(err, &hostErr):
		e.Kind, e.reason, e.host = KindTLS, reasonTLSHost, u.Hostname()
	case errors.As(err, &verifyErr), errors.As(err, &recordErr):
		e.Kind = KindTLS
		if errors.As(err, &recordErr) {
			e.reason = reasonTLSNotTLS
		}
	case errors.As(err, &dnsErr):
		e.Kind, e.reason, e.host = KindNetwork, reasonDNS, u.Hostname()
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Kind, e.reason, e.host = KindNetwork, reasonConnRefused, u.Host
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		e.Kind, e.reason = KindNetwork, reasonReset
	case strings.Contains(err.Error(), "tls:") || strings.Contains(err.Error(), "x509:"):
		e.Kind = KindTLS
	default:
		e.Kind = KindNetwork
	}
	return e
}

// statusError reads a non-2xx answer: {message, errorCode}, problem details, plain text,
// HTML from a proxy, or nothing.
func statusError(a answer) *Error {
	e := &Error{Kind: kindForStatus(a.status)}
	t := bytes.TrimSpace(a.body)
	ctype := strings.ToLower(a.header.Get("Content-Type"))
	switch {
	case len(t) == 0:
		e.reason = reasonEmpty
	case looksHTML(t) || strings.Contains(ctype, "text/html"):
		e.reason = reasonHTML
	default:
		raw, perr := parseJSON(t)
		if perr != nil {
			// Plain text: ASP.NET's Content("…") or a gateway's one-liner.
			if len(t) <= 1000 {
				e.Message = cleanText(string(t), 500)
			}
			break
		}
		if obj, ok := asObject(raw); ok {
			serverMessage(obj, e)
		} else if s := text(raw); s != "" {
			e.Message = cleanText(s, 500)
		}
	}
	if looksTechnical(e.Message) {
		e.reason = reasonDotNet
	}
	if a.status >= 300 && a.status < 400 {
		e.reason = reasonRedirectStatus // a POST's redirect, handed back unfollowed
	}
	switch a.status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		e.RetryAfter = parseRetryAfter(a.header.Get("Retry-After"), time.Now())
	}
	return e
}

// serverMessage copies the message, errorCode and field errors of an answer into e.
func serverMessage(o object, e *Error) {
	if inner, ok := o.get("error"); ok {
		if nested, ok := asObject(inner); ok {
			serverMessage(nested, e)
		}
	}
	if m := o.str("message", "errorMessage", "detail", "error_description", "title"); m != "" {
		e.Message = cleanText(m, 500)
	}
	if s := o.str("errorCode", "code"); s != "" {
		e.ErrorCode = cleanText(s, 80)
	}
	if v, ok := o.get("errors"); ok {
		fe := fieldErrors(v)
		if len(fe[""]) > 0 && e.Message == "" {
			e.Message = cleanText(strings.Join(fe[""], " "), 500)
		}
		delete(fe, "")
		if len(fe) > 0 {
			e.FieldErrors = fe
		}
	}
}

// fieldErrors reads {Field: [msg…]}, {Field: msg}, [msg…] or [{propertyName, errorMessage}].
func fieldErrors(v json.RawMessage) map[string][]string {
	out := map[string][]string{}
	add := func(field string, msgs ...string) {
		field = cleanText(field, 100)
		for _, m := range msgs {
			if m = cleanText(m, 300); m != "" {
				out[field] = append(out[field], m)
			}
		}
	}
	var asMap map[string]json.RawMessage
	if json.Unmarshal(v, &asMap) == nil {
		for field, msgs := range asMap {
			var list []json.RawMessage
			if json.Unmarshal(msgs, &list) == nil {
				for _, m := range list {
					add(field, text(m))
				}
			} else {
				add(field, text(msgs))
			}
		}
		return out
	}
	var list []json.RawMessage
	if json.Unmarshal(v, &list) == nil {
		for _, item := range list {
			if o, ok := asObject(item); ok {
				add(o.str("propertyName", "field", "key", "name"), o.str("errorMessage", "message"))
			} else {
				add("", text(item))
			}
		}
	}
	return out
}

func kindForStatus(s int) Kind {
	switch {
	case s == 401:
		return KindUnauthorized
	case s == 403:
		return KindForbidden
	case s == 404 || s == 405 || s == 410:
		return KindNotFound
	case s == 408:
		return KindTimeout
	case s == 413:
		return KindTooLarge
	case s == 429:
		return KindRateLimited
	case s >= 500:
		return KindServer
	case s >= 400:
		return KindValidation
	}
	return KindBadAnswer // 1xx/3xx that reached us
}

// parseRetryAfter reads delay-seconds or an HTTP-date; 0 when absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(min(n, 86400)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, 24*time.Hour)
		}
	}
	return 0
}

// excerpt is a short, cleaned, redacted piece of a body for the log. Redaction runs on the
// whole body before the cut, so a secret split by the cut cannot leak its first half.
func excerpt(body []byte, red redactor) string {
	if len(body) == 0 {
		return ""
	}
	b := body
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	s := secretValue().ReplaceAllString(string(b), `"$1":"[redacted]"`)
	return cleanText(red.apply(s), 300)
}

// secretValue finds a JSON string under a key that names a secret (token, accessToken,
// password, tenantSecret, …), even cut off at the end of a truncated body: an answer may carry
// a secret this client has not seen yet, such as a fresh session token.
var secretValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)"([a-z_]*(?:token|password|secret)[a-z_]*)"\s*:\s*"(?:[^"\\]|\\.)*(?:"|$)`)
})

// redact removes every known secret from whatever the error could show or log.
func (e *Error) redact(red redactor) {
	e.Message = red.apply(e.Message)
	e.ErrorCode = red.apply(e.ErrorCode)
	e.Raw = red.apply(e.Raw)
	e.host = red.apply(e.host)
	for k, msgs := range e.FieldErrors {
		clean := make([]string, len(msgs))
		for i, m := range msgs {
			clean[i] = red.apply(m)
		}
		delete(e.FieldErrors, k)
		e.FieldErrors[red.apply(k)] = clean
	}
	if e.Err != nil {
		if s := e.Err.Error(); red.apply(s) != s || s != cleanText(s, 0) {
			e.Err = &redactedError{msg: cleanText(red.apply(s), 0), err: e.Err}
		}
	}
}

// redactedError shows a cleaned message but still unwraps to the original cause, so
// errors.Is(err, context.DeadlineExceeded) keeps working.
type redactedError struct {
	msg string
	err error
}

func (r *redactedError) Error() string { return r.msg }
func (r *redactedError) Unwrap() error { return r.err }

// logRequest writes the one request-log line: no body, no header, no query, no secret.
func (c *Client) logRequest(ctx context.Context, rq request, path string, status int, d time.Duration, reqBytes, respBytes int64, e *Error) {
	if c.logger == nil {
		return
	}
	level := slog.LevelInfo
	if e != nil {
		level = slog.LevelWarn
	}
	if !c.logger.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("call", rq.call),
		slog.String("method", rq.method),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Int64("duration_ms", d.Milliseconds()),
		slog.Int64("request_bytes", reqBytes),
		slog.Int64("response_bytes", respBytes),
	}
	if e != nil {
		attrs = append(attrs,
			slog.String("kind", e.Kind.String()),
			slog.String("error_code", e.ErrorCode),
			slog.Bool("sent", e.Sent),
			slog.String("error", e.Error()))
		if e.Raw != "" && c.logger.Enabled(ctx, slog.LevelDebug) {
			attrs = append(attrs, slog.String("raw", e.Raw))
		}
	}
	c.logger.LogAttrs(ctx, level, "api request", attrs...)
}
