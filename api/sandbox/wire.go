package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

// dateStyle is how a scenario writes dates: the styles API.md says a client must read.
type dateStyle int

const (
	zuluMillis dateStyle = iota // 1991-07-23T00:00:00.000Z, as the docs show
	dotnet7                     // 1991-07-23T00:00:00.0000000, .NET DateTime without a zone
	dotnet0                     // 1991-07-23T00:00:00
	dateOnly                    // 1991-07-23 (timestamps as 2026-11-26T09:30:00Z)
)

func (d dateStyle) date(t time.Time) string {
	switch d {
	case dotnet7:
		return t.UTC().Format("2006-01-02T15:04:05.0000000")
	case dotnet0:
		return t.UTC().Format("2006-01-02T15:04:05")
	case dateOnly:
		return t.UTC().Format("2006-01-02")
	default:
		return t.UTC().Format("2006-01-02T15:04:05.000Z")
	}
}

// timestamp is a moment (token expiry, last update): a bare date would lose the time.
func (d dateStyle) timestamp(t time.Time) string {
	if d == dateOnly {
		return t.UTC().Format(time.RFC3339)
	}
	return d.date(t)
}

func (d dateStyle) example() string {
	return d.date(time.Date(1991, time.July, 23, 0, 0, 0, 0, time.UTC))
}

// writeJSON writes v as the answer. Encoding our own literal shapes cannot fail.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// errorBody is the documented 4xx body: {message, errorCode}.
type errorBody struct {
	Message   string `json:"message"`
	ErrorCode any    `json:"errorCode"`
}

// errorCodes gives each failure a string code and the number the SDK's servers use.
var errorCodes = map[string]int{
	"INVALID_TENANT":         1001,
	"APPLICANT_NOT_FOUND":    1002,
	"INVALID_PASSWORD":       1003,
	"ACCOUNT_LOCKED":         1004,
	"PASSWORD_NOT_VERIFIED":  1005,
	"PASSPORT_NOT_UPLOADED":  1006,
	"ALREADY_APPROVED":       1007,
	"STEP_NOT_ALLOWED":       1008,
	"VERIFICATION_METHOD":    1009,
	"OCR_FAILED":             1010,
	"IMAGE_UNREADABLE":       1011,
	"IMAGE_TOO_LARGE":        1012,
	"SESSION_EXPIRED":        1013,
	"SESSION_TOKEN_REPLACED": 1014,
}

func code(sc *scenario, name string) any {
	if sc != nil && sc.numericCodes {
		return errorCodes[name]
	}
	return name
}

// fail writes {message, errorCode} in the scenario's code style and the caller's language.
func fail(w http.ResponseWriter, r *http.Request, sc *scenario, status int, name string, m message, args ...any) {
	writeJSON(w, status, errorBody{Message: m.in(r, args...), ErrorCode: code(sc, name)})
}

// problem writes an ASP.NET validation failure as RFC 9457 problem details.
func problem(w http.ResponseWriter, field, msg string) {
	w.Header().Set("Content-Type", "application/problem+json; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{
		"type":    "https://tools.ietf.org/html/rfc9110#section-15.5.1",
		"title":   "One or more validation errors occurred.",
		"status":  400,
		"errors":  map[string][]string{field: {msg}},
		"traceId": "00-5f1c0d2a9b7e4c3d8a6b2e1f0c9d8e7a-3b2a1c0d9e8f7a6b-00",
	})
}

// unauthorized answers 401 the way the scenario's gateway does: an empty body with a
// WWW-Authenticate challenge (ASP.NET's JwtBearer default), or {message}.
func unauthorized(w http.ResponseWriter, r *http.Request, sc *scenario, name string, m message) {
	if sc == nil || sc.empty401 {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	fail(w, r, sc, http.StatusUnauthorized, name, m)
}

// badGateway is what an nginx in front of a dead upstream answers.
const badGatewayPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.24.0</center>
</body>
</html>
`

func badGateway(w http.ResponseWriter, r *http.Request) {
	// Read what the client sends first, as a proxy does, so a large upload is not cut off
	// mid-write; the cap still applies.
	_, _ = io.Copy(io.Discard, r.Body)
	w.Header().Set("Content-Type", "text/html")
	w.Header().Set("Server", "nginx/1.24.0")
	w.WriteHeader(http.StatusBadGateway)
	_, _ = io.WriteString(w, badGatewayPage)
}

// arabic reports whether the caller asked for Arabic messages (tags are case-insensitive).
func arabic(r *http.Request) bool {
	lang := strings.TrimSpace(r.Header.Get("Accept-Language"))
	return len(lang) >= 2 && strings.EqualFold(lang[:2], "ar")
}
