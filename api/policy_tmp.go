package api

// TEMPORARY until the api-policy branch lands: the policy functions the wizard asks.

import "errors"

func OutcomeUnknown(err error) bool {
	var ae *Error
	if !errors.As(err, &ae) || ae.Call != "Approve" || !ae.Sent {
		return false
	}
	switch ae.Kind {
	case KindNetwork, KindTimeout, KindBadAnswer, KindServer, KindUnknown, KindCanceled:
		return true
	}
	return false
}

func SessionExpired(err error) bool {
	var ae *Error
	return errors.As(err, &ae) && ae.Kind == KindUnauthorized && ae.Call != "GenerateUpdateRequestSessionToken"
}

func FieldMessage(err error, field string) (string, bool) {
	var ae *Error
	if !errors.As(err, &ae) || ae.Kind != KindValidation {
		return "", false
	}
	if f := ae.Field(field); len(f) > 0 {
		return f[0], true
	}
	return "", false
}

type PasswordRefusal struct {
	Locked       bool
	AttemptsLeft int
	Sentence     string
}

func ReadPasswordRefusal(err error) (PasswordRefusal, bool) {
	var ae *Error
	if !errors.As(err, &ae) || (ae.Kind != KindValidation && ae.Kind != KindFailed && ae.Kind != KindForbidden) {
		return PasswordRefusal{}, false
	}
	return PasswordRefusal{AttemptsLeft: -1, Sentence: ae.Sentence()}, true
}
