package api

// The questions both front ends (the wizard and `run`) ask about a failed call. They are
// answered here once, so the screen, the receipt, the JSON and the exit code always agree.

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// OutcomeUnknown reports whether e is an approval that may have been applied although no
// answer says so: the request may have reached the server (Sent) and what came back, if
// anything, neither confirms nor refuses it. Such an approval must never be repeated blindly
// nor reported as "not approved": a person checks the customer's record first.
func (e *Error) OutcomeUnknown() bool {
	if e == nil || e.Call != "Approve" || !e.Sent {
		return false
	}
	switch e.Kind {
	case KindNetwork, KindTimeout, KindCanceled, KindServer, KindUnknown:
		// The connection broke, the deadline passed or the user left after sending; a 5xx
		// (or a proxy's page) can come after the server behind it acted.
		return true
	case KindBadAnswer:
		switch e.StatusCode {
		case http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			// 307/308 ask for the same request at another address: the server did not act on
			// this one, and the redirect is not followed for a POST.
			return false
		}
		// A 2xx that does not say it succeeded (or cannot be read), and the redirects that
		// web servers send after acting on a POST (301/302/303, "post, then redirect").
		return true
	}
	return false
}

// OutcomeUnknown is (*Error).OutcomeUnknown for any error; false for nil and for errors that
// are not an *Error.
func OutcomeUnknown(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.OutcomeUnknown()
}

// SessionExpired reports whether err is a 401 after step 1: the session token is missing,
// expired or replaced, and the session must be opened again. (A 401 on step 1 is a refusal
// of the tenant credentials.)
func SessionExpired(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindUnauthorized && e.Call != "GenerateUpdateRequestSessionToken"
}

// FieldMessage is the server's complaint about field in a 400: the problem-details messages
// for it (matched case-insensitively, "$.fullNameAr" included), else the message when it
// names the field.
func FieldMessage(err error, field string) (string, bool) {
	var e *Error
	if !errors.As(err, &e) || e.Kind != KindValidation {
		return "", false
	}
	if msgs := e.Field(field); len(msgs) > 0 {
		return strings.Join(msgs, " "), true
	}
	if field != "" && strings.Contains(strings.ToLower(e.Message), strings.ToLower(field)) {
		return e.Message, true
	}
	return "", false
}

// PasswordRefusal is what the server said about a password it did not accept.
type PasswordRefusal struct {
	Locked       bool
	AttemptsLeft int    // -1 when the server did not say
	Sentence     string // what a person reads: the server's own sentence when it gives a readable one
}

// ReadPasswordRefusal reads a VerifyPassword failure that refuses the password itself: a
// 200 with status 1 (or isSuccess false), a 400, 403 or 423. ok is false for every other
// failure (network, 5xx, an unreadable answer, an expired session…), which says nothing
// about the password.
func ReadPasswordRefusal(err error) (PasswordRefusal, bool) {
	var e *Error
	if !errors.As(err, &e) || e.Call != "VerifyPassword" {
		return PasswordRefusal{}, false
	}
	switch e.Kind {
	case KindFailed, KindValidation, KindForbidden:
	default:
		return PasswordRefusal{}, false
	}
	return e.passwordRefusal(), true
}

func (e *Error) passwordRefusal() PasswordRefusal {
	r := PasswordRefusal{AttemptsLeft: -1}
	text := e.Message + " " + strings.Join(e.Field("password"), " ")
	if n, ok := readAttempts(text); ok {
		r.AttemptsLeft = n
	}
	r.Locked = e.StatusCode == http.StatusLocked || lockedRe().MatchString(text) || r.AttemptsLeft == 0
	msg := e.fieldSentence()
	if msg == "" {
		msg = e.humanMessage()
	}
	switch {
	case msg != "":
		r.Sentence = msg
	case r.Locked:
		r.Sentence = "The password is locked after too many wrong attempts. The customer must unlock it through the bank's usual channel."
	default:
		r.Sentence = "The password is wrong. Ask the customer to type it again."
	}
	return r
}

// The patterns that read a password refusal are compiled the first time one is needed.
var (
	attemptsLeftRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(\d+)\s*(?:more\s+)?(?:attempts?|tries|try)\s*(?:left|remaining)`)
	})
	remainingRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:remaining\s+(?:attempts?|tries)|(?:attempts?|tries)\s+(?:left|remaining))\s*[:=]?\s*(\d+)`)
	})
	lockedRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(lock(?:ed)?\s*out|locked|blocked|suspended|too many)\b`)
	})
)

// readAttempts finds "2 attempts left" / "remaining attempts: 2" in a server message.
func readAttempts(msg string) (int, bool) {
	for _, re := range []*regexp.Regexp{attemptsLeftRe(), remainingRe()} {
		if s := re.FindStringSubmatch(msg); s != nil {
			if n, err := strconv.Atoi(s[1]); err == nil {
				return n, true
			}
		}
	}
	return 0, false
}
