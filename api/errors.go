package api

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Kind sorts failures by what a person should do about them.
type Kind int

const (
	KindUnknown      Kind = iota
	KindNetwork           // refused, DNS, reset, dropped mid-body
	KindTimeout           // the per-call limit passed
	KindCanceled          // the user cancelled (context canceled)
	KindTLS               // certificate or handshake failure
	KindUnauthorized      // 401: the session is missing or expired
	KindForbidden         // 403
	KindNotFound          // 404
	KindValidation        // 400 (message / problem details)
	KindTooLarge          // 413
	KindRateLimited       // 429
	KindServer            // 5xx
	KindBadAnswer         // HTML, empty, undecodable, over the read limit
	KindFailed            // 200 with status 1 or isSuccess false
	KindRefused           // refused locally before sending (e.g. http:// to a remote host)
)

var kindNames = [...]string{"unknown", "network", "timeout", "canceled", "tls", "unauthorized",
	"forbidden", "not_found", "validation", "too_large", "rate_limited", "server", "bad_answer",
	"failed", "refused"}

// String is the kind's name as the request log writes it ("not_found").
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is the one error type every Client method returns (inspect it with errors.As).
// Error() is for logs and never contains a secret; Sentence() is what a person reads.
type Error struct {
	Call        string // "VerifyPassword", "UploadPassportImage", …
	Kind        Kind
	StatusCode  int                 // 0 when no HTTP answer arrived
	Message     string              // the server's message, cleaned of control characters
	ErrorCode   string              // the server's errorCode, string or number, as text
	FieldErrors map[string][]string // problem-details errors: "FullNameAr" → messages
	RetryAfter  time.Duration       // from a 429's Retry-After
	Raw         string              // a short, cleaned excerpt of the body for the log
	Err         error               // the underlying transport or decoding error
	// Sent is true when the request may have reached the server (the outcome of a
	// non-idempotent call such as Approve is then unknown on a network failure).
	Sent bool

	reason  string        // finer cause behind Kind, picks the sentence (reason* below)
	host    string        // the host, file or detail the sentence names (never a secret)
	setting string        // where a refused URL or CA file came from ("--ca-file", "PASSPORT_CA_FILE"), or ""
	timeout time.Duration // the limit that passed, for KindTimeout
}

// Finer causes; they only choose wording.
const (
	reasonBadURL         = "bad_url"
	reasonURLCredentials = "url_credentials"
	reasonPlainHTTP      = "plain_http"
	reasonCAUnreadable   = "ca_unreadable"
	reasonCANoCerts      = "ca_no_certs"
	reasonRedirect       = "redirect"
	reasonImageLength    = "image_length"
	reasonImageRead      = "image_read"
	reasonConnRefused    = "conn_refused"
	reasonDNS            = "dns"
	reasonReset          = "reset"
	reasonTLSAuthority   = "tls_authority"
	reasonTLSExpired     = "tls_expired"
	reasonTLSHost        = "tls_host"
	reasonTLSNotTLS      = "tls_not_tls"
	reasonHTML           = "html"
	reasonEmpty          = "empty"
	reasonTooLarge       = "too_large"
	reasonTruncated      = "truncated"
	reasonNotJSON        = "not_json"
	reasonMissing        = "missing" // host holds what was missing
	reasonDotNet         = "dotnet"
	reasonRedirectStatus = "redirect_status"
	reasonNoVerdict      = "no_verdict" // a 2xx that does not say the call succeeded
)

// Error is the technical line for logs: call, status, errorCode, kind, a short message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Call)
	b.WriteString(": ")
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, "HTTP %d ", e.StatusCode)
	}
	b.WriteString(e.Kind.String())
	if e.reason != "" {
		b.WriteString(" (" + e.reason + ")")
	}
	if e.ErrorCode != "" {
		b.WriteString(" errorCode=" + e.ErrorCode)
	}
	if e.Message != "" {
		b.WriteString(": " + cleanText(e.Message, 200))
	}
	if len(e.FieldErrors) > 0 {
		for _, f := range sortedKeys(e.FieldErrors) {
			b.WriteString("; " + f + ": " + cleanText(strings.Join(e.FieldErrors[f], " "), 200))
		}
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Field returns the problem-details messages for a field, matched case-insensitively
// ("FullNameAr", "fullNameAr" and "$.fullNameAr" all match).
func (e *Error) Field(name string) []string {
	want := normField(name)
	var out []string
	for _, k := range sortedKeys(e.FieldErrors) {
		if normField(k) == want {
			out = append(out, e.FieldErrors[k]...)
		}
	}
	return out
}

func normField(s string) string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "$.")
	return strings.ToLower(s)
}

func sortedKeys(m map[string][]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// callWhat names each call in plain words, for sentences ("while uploading the passport image").
var callWhat = map[string]string{
	"GenerateUpdateRequestSessionToken": "starting the update session",
	"GetCurrentRequestSteps":            "checking what this session may update",
	"Initialize":                        "selecting the passport step",
	"GetUpdateVerificationMethod":       "checking how the customer must be verified",
	"VerifyPassword":                    "checking the password",
	"UploadPassportImage":               "uploading the passport image",
	"IsTranslationStepEnabled":          "checking the translation setting",
	"Approve":                           "sending the approval",
}

func (e *Error) what() string {
	if w, ok := callWhat[e.Call]; ok {
		return w
	}
	return "talking to the server"
}

// Sentence is what a person reads: what happened and what to do, in plain words.
func (e *Error) Sentence() string {
	if e.OutcomeUnknown() {
		// Approval is never repeated blindly: when it may have gone through, say so instead
		// of "try again".
		return e.unknownCause() + unknownAdvice
	}
	if e.Call == "Approve" && !e.Sent {
		switch e.Kind {
		case KindNetwork, KindTimeout, KindTLS, KindCanceled:
			// The connection failed before the request left: the server was not asked, so
			// nothing was refused either.
			return "The approval was not sent, so nothing was approved. " + e.sentence()
		}
	}
	if e.Call == "VerifyPassword" {
		if r, ok := ReadPasswordRefusal(e); ok {
			return r.Sentence
		}
	}
	return e.sentence()
}

// unknownAdvice ends every sentence about an approval whose outcome is unknown.
const unknownAdvice = " The approval may or may not have been recorded: check the customer's record in the back office before approving again."

// unknownCause says what broke after the approval was sent, without guessing the outcome.
func (e *Error) unknownCause() string {
	switch e.Kind {
	case KindNetwork:
		return "The connection to the server dropped after the approval was sent."
	case KindTimeout:
		return fmt.Sprintf("The server did not answer the approval in time (%s).", fmtDuration(e.timeout))
	case KindCanceled:
		return "The approval was cancelled after it was sent."
	case KindServer:
		if e.reason == reasonHTML {
			return fmt.Sprintf("A proxy between you and the server answered the approval instead of the server (HTTP %d).", e.StatusCode)
		}
		return fmt.Sprintf("The server failed with an internal error (HTTP %d) after the approval was sent.", e.StatusCode)
	case KindBadAnswer:
		switch {
		case e.StatusCode >= 300 && e.StatusCode < 400:
			return fmt.Sprintf("The server answered the approval with a redirect (HTTP %d), which was not followed.", e.StatusCode)
		case e.reason == reasonNoVerdict || e.reason == reasonEmpty:
			if msg := e.humanMessage(); msg != "" {
				return "The server answered the approval without saying it succeeded (it said: " + strings.TrimSuffix(msg, ".") + ")."
			}
			return "The server answered the approval without saying it succeeded."
		}
		return "The server's answer to the approval could not be read."
	}
	return "The approval was sent, but no answer says what happened."
}

// givenBy is " (PASSPORT_CA_FILE)": the setting a refused value came from, as the person set it,
// or "" when the caller did not say.
func (e *Error) givenBy() string {
	if e.setting == "" {
		return ""
	}
	return " (" + e.setting + ")"
}

func (e *Error) sentence() string {
	msg := e.humanMessage()
	switch e.Kind {
	case KindRefused:
		switch e.reason {
		case reasonPlainHTTP:
			return fmt.Sprintf("Refusing to use plain http:// with %s%s: use an https:// URL (plain http is allowed only for localhost).", e.host, e.givenBy())
		case reasonBadURL:
			return fmt.Sprintf("The API URL %q%s is not a valid http(s) URL: give the https:// address of the eKYC API.", e.host, e.givenBy())
		case reasonURLCredentials:
			return fmt.Sprintf("The API URL%s must not contain a user name or password. Remove them from it.", e.givenBy())
		case reasonCAUnreadable:
			return fmt.Sprintf("The CA file %s%s could not be read. Check its path and permissions.", e.host, e.givenBy())
		case reasonCANoCerts:
			return fmt.Sprintf("The CA file %s%s holds no PEM certificate. Give a PEM file (-----BEGIN CERTIFICATE-----).", e.host, e.givenBy())
		case reasonRedirect:
			return fmt.Sprintf("The server redirected the request to another server (%s); it was not followed so the session token stays private. Check the API URL.", e.host)
		case reasonImageLength:
			return "The image file changed while it was being sent (" + e.host + "). Choose the file again."
		case reasonImageRead:
			return "The image file could not be read while it was being sent. Choose the file again."
		}
		return "The request was refused before it was sent."
	case KindCanceled:
		return "Cancelled."
	case KindTimeout:
		if e.Call == "UploadPassportImage" {
			return fmt.Sprintf("The server did not finish with the passport image in time (%s). Try again; a smaller image may help.", fmtDuration(e.timeout))
		}
		if e.timeout > 0 {
			return fmt.Sprintf("The server did not answer in time while %s (%s). Check the network and try again.", e.what(), fmtDuration(e.timeout))
		}
		return fmt.Sprintf("The server did not answer in time while %s. Check the network and try again.", e.what())
	case KindNetwork:
		switch e.reason {
		case reasonConnRefused:
			return fmt.Sprintf("Could not connect to %s: the connection was refused. Check the API URL and that the server is running.", e.host)
		case reasonDNS:
			return fmt.Sprintf("The server name %s could not be found. Check the API URL and the network connection.", e.host)
		case reasonReset:
			return fmt.Sprintf("The connection to the server dropped while %s. Check the network and try again.", e.what())
		}
		return fmt.Sprintf("Could not reach the server while %s. Check the network and try again.", e.what())
	case KindTLS:
		switch e.reason {
		case reasonTLSExpired:
			return "The server's certificate has expired or is not valid yet. Tell the server's administrators, and check this computer's date and time."
		case reasonTLSHost:
			return fmt.Sprintf("The server's certificate is not valid for %s. Check the host name in the API URL.", e.host)
		case reasonTLSNotTLS:
			return "The server did not answer with HTTPS. Check the API URL's scheme and port."
		}
		return "The server's certificate is not trusted, so the connection was stopped; if your bank uses a private CA, pass --ca-file."
	case KindUnauthorized:
		if e.Call == "GenerateUpdateRequestSessionToken" {
			return "The server refused the tenant credentials. Check the tenant ID and tenant secret."
		}
		if e.Call == "VerifyPassword" && msg != "" {
			return msg
		}
		return "The session has expired or is not valid — start again from the applicant ID."
	case KindForbidden:
		if msg != "" {
			return msg
		}
		return fmt.Sprintf("The server refused %s (HTTP 403): this session or tenant is not allowed to do it.", e.what())
	case KindNotFound:
		if msg != "" {
			return msg
		}
		return fmt.Sprintf("The server has no such endpoint (HTTP %d) while %s. Check the API URL and its path prefix (for example /OnBoarding/).", e.status(404), e.what())
	case KindValidation:
		if fe := e.fieldSentence(); fe != "" {
			return fe
		}
		if msg != "" {
			return msg
		}
		return fmt.Sprintf("The server rejected the request (HTTP %d) while %s.", e.status(400), e.what())
	case KindTooLarge:
		return "The image is too large for the server (HTTP 413). Choose a smaller file or a lower-resolution photo."
	case KindRateLimited:
		if e.RetryAfter > 0 {
			return fmt.Sprintf("The server is receiving too many requests (HTTP 429). Try again in %s.", fmtDuration(e.RetryAfter))
		}
		return "The server is receiving too many requests (HTTP 429). Wait a minute and try again."
	case KindServer:
		if e.reason == reasonHTML {
			return fmt.Sprintf("A proxy between you and the server answered instead of the server (HTTP %d). Wait a moment and try again.", e.StatusCode)
		}
		if msg != "" {
			return msg
		}
		return fmt.Sprintf("The server failed with an internal error (HTTP %d) while %s. Try again; if it keeps happening, contact support.", e.status(500), e.what())
	case KindBadAnswer:
		switch e.reason {
		case reasonHTML:
			return "The server answered with a web page instead of data — a proxy or login portal may be in the way. Check the API URL and the network."
		case reasonEmpty:
			return fmt.Sprintf("The server sent an empty answer while %s. Try again.", e.what())
		case reasonTooLarge:
			return fmt.Sprintf("The server's answer was too large (over %d MB) and was not read. Check the API URL.", MaxAnswerBytes/1_000_000)
		case reasonTruncated:
			return fmt.Sprintf("The server's answer was cut off while %s. Try again.", e.what())
		case reasonMissing:
			return fmt.Sprintf("The server's answer had no %s. The server may be a different version than this tool expects.", e.host)
		case reasonRedirectStatus:
			return fmt.Sprintf("The server answered with a redirect (HTTP %d) that was not followed: a request that changes something is never sent twice. Check the API URL.", e.StatusCode)
		case reasonNoVerdict:
			return fmt.Sprintf("The server's answer while %s did not say it succeeded, so it was not taken as a success. Try again; if it keeps happening, the server may be a different version than this tool expects.", e.what())
		}
		return fmt.Sprintf("The server's answer could not be understood while %s. Check the API URL; the server may be a different version than this tool expects.", e.what())
	case KindFailed:
		if msg != "" {
			return msg
		}
		if e.Call == "UploadPassportImage" {
			return "The server could not read a passport in this image. Try a sharp, well-lit photo of the whole data page."
		}
		return fmt.Sprintf("The server reported a failure while %s.", e.what())
	}
	if msg != "" {
		return msg
	}
	return fmt.Sprintf("Something went wrong while %s. Try again.", e.what())
}

func (e *Error) status(def int) int {
	if e.StatusCode != 0 {
		return e.StatusCode
	}
	return def
}

// humanMessage is the server's message when a person can read it: not a .NET exception, not
// HTML, not a wall of text; "" otherwise (the raw text stays in Message and Raw for the log).
func (e *Error) humanMessage() string {
	m := cleanText(e.Message, 0)
	if m == "" || e.reason == reasonDotNet || e.reason == reasonHTML || looksTechnical(m) {
		return ""
	}
	if len([]rune(m)) > 300 {
		return ""
	}
	return sentenceCase(m)
}

func (e *Error) fieldSentence() string {
	var parts []string
	for _, f := range sortedKeys(e.FieldErrors) {
		for _, m := range e.FieldErrors[f] {
			m = cleanText(m, 300)
			if m == "" || looksTechnical(m) {
				continue
			}
			parts = append(parts, sentenceCase(m))
		}
	}
	return strings.Join(parts, " ")
}

// sentenceCase ends a message with a full stop so sentences can be joined.
func sentenceCase(m string) string {
	if m == "" {
		return m
	}
	switch m[len(m)-1] {
	case '.', '!', '?':
		return m
	}
	if strings.HasSuffix(m, "۔") || strings.HasSuffix(m, "؟") {
		return m
	}
	return m + "."
}

// looksTechnical spots .NET exception text and stack traces, which mean nothing to a person.
func looksTechnical(m string) bool {
	for _, p := range technicalMarkers {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

var technicalMarkers = []string{
	"Object reference not set", "Exception", "exception:", "System.", "Microsoft.",
	"Value cannot be null", "Sequence contains no", "Index was outside", "Nullable object must",
	"Input string was not in a correct format", "stack trace", "StackTrace", "NullReference",
	"An error occurred while updating the entries", "Cannot insert", "SqlException",
	"Unexpected character encountered", "JSON value could not be converted", "Timeout expired",
}

// fmtDuration says a wait in words: "30 seconds", "2 minutes", "1 hour".
func fmtDuration(d time.Duration) string {
	switch {
	case d <= 0:
		return "a moment"
	case d < 90*time.Second:
		n := int((d + time.Second - 1) / time.Second)
		return plural(n, "second")
	case d < 90*time.Minute:
		n := int((d + time.Minute - 1) / time.Minute)
		return plural(n, "minute")
	}
	n := int((d + time.Hour - 1) / time.Hour)
	return plural(n, "hour")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// ErrPassportStepNotAllowed: the session's allowed steps do not include the passport step.
var ErrPassportStepNotAllowed = errors.New("this update session does not allow a passport update")

// UnsupportedMethodError: the tenant requires an identity check other than the password.
type UnsupportedMethodError struct{ Method VerificationMethod }

func (e *UnsupportedMethodError) Error() string {
	return "the tenant requires verification by " + e.Method.Name() + ", which this tool does not support"
}

// Sentence is the person-facing wording.
func (e *UnsupportedMethodError) Sentence() string {
	return "This tenant requires verification by " + e.Method.Name() +
		", which this tool does not support. Ask the administrator to allow password verification for passport updates."
}

// Sentence returns the sentence a person should read for any error a Client method returns.
func Sentence(err error) string {
	if err == nil {
		return ""
	}
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Sentence()
	}
	var um *UnsupportedMethodError
	if errors.As(err, &um) {
		return um.Sentence()
	}
	if errors.Is(err, ErrPassportStepNotAllowed) {
		return "This update session does not allow a passport update. Start a session that includes the passport step."
	}
	if errors.Is(err, context.Canceled) {
		return "Cancelled."
	}
	// Not an answer from outside: the front end's own error, already worded for a person.
	if s := cleanText(err.Error(), 500); s != "" {
		return sentenceCase(s)
	}
	return "Something went wrong. Try again."
}
