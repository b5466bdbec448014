package api

import "time"

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
}
