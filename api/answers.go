package api

import (
	"encoding/json"
	"strings"
)

// One decoder per call's 2xx answer. Each is a pure function of the body so it can be
// fuzzed; a failure comes back as an *Error whose Call and status exchange fills in.

func decodeSession(body []byte) (Session, *Error) {
	o, e := parseObject(body)
	if e != nil {
		return Session{}, e
	}
	if e := failure(o); e != nil {
		serverMessage(o, e)
		return Session{}, e
	}
	o = o.unwrap("token", "accessToken")
	var s Session
	v, _ := o.get("token", "accessToken", "access_token")
	s.Token = text(v)
	if s.Token == "" || s.Token != cleanText(s.Token, 0) {
		return Session{}, &Error{Kind: KindBadAnswer, reason: reasonMissing, host: "session token"}
	}
	s.ExpiresAt = parseInstant(text(o["expirationdate"]))
	if s.ExpiresAt.IsZero() {
		s.ExpiresAt = parseInstant(o.str("expiresAt", "expiration", "expires"))
	}
	return s, nil
}

func decodeSteps(body []byte) ([]AllowedStep, *Error) {
	raw, e := parseJSON(body)
	if e != nil {
		return nil, e
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		// An object: a failure, or the list inside an envelope.
		o, ok := asObject(raw)
		if !ok {
			return nil, &Error{Kind: KindBadAnswer, reason: reasonNotJSON}
		}
		if e := failure(o); e != nil {
			serverMessage(o, e)
			return nil, e
		}
		v, _ := o.get("value", "data", "result", "items", "steps", "updateSteps")
		if json.Unmarshal(v, &list) != nil {
			return nil, &Error{Kind: KindBadAnswer, reason: reasonMissing, host: "list of steps"}
		}
	}
	steps := make([]AllowedStep, 0, len(list))
	for _, item := range list {
		if o, ok := asObject(item); ok {
			v, _ := o.get("updateStepId", "updateStep", "stepId", "step", "id")
			if st, ok := stepOf(v); ok {
				steps = append(steps, AllowedStep{Step: st, LastUpdated: o.date("lastUpdatedDate", "lastUpdated")})
			}
		} else if st, ok := stepOf(item); ok {
			steps = append(steps, AllowedStep{Step: st})
		}
	}
	return steps, nil
}

// decodeStatus reads the {status} answer of Initialize, whose news is in its token if any.
// An empty 2xx body is a success there (the vendor's SDK trusts 2xx); anything that is not a
// JSON object is not.
func decodeStatus(body []byte) (object, *Error) {
	if len(trimSpace(body)) == 0 {
		return nil, nil
	}
	o, e := parseObject(body)
	if e != nil {
		return nil, e
	}
	if e := failure(o); e != nil {
		serverMessage(o, e)
		return nil, e
	}
	return o, nil
}

// decodeVerdict reads the answer of a call whose only news is whether it worked
// (VerifyPassword, Approve). Only an explicit success is one: status 0 (or "Success"), or
// isSuccess true. Status 1 is a failure; anything else ({}, {"status":"Error"}, {"status":-1},
// true, 2, [1], an empty body) says nothing and is never taken as a success.
func decodeVerdict(body []byte) *Error {
	o, e := parseObject(body)
	if e != nil {
		if e.reason == reasonNotJSON && e.Err == nil {
			e.reason = reasonNoVerdict // JSON, but not an object: true, 2, [1]
		}
		return e
	}
	if e := failure(o); e != nil {
		serverMessage(o, e)
		return e
	}
	if succeeded(o) {
		return nil
	}
	e = &Error{Kind: KindBadAnswer, reason: reasonNoVerdict}
	serverMessage(o, e)
	return e
}

// succeeded: the answer says in so many words that the call worked.
func succeeded(o object) bool {
	if v, ok := o.get("isSuccess", "succeeded", "success"); ok {
		if b, ok := boolean(v); ok && b {
			return true
		}
	}
	if v, ok := o.get("status"); ok {
		if n, ok := integer(v); ok && n == 0 {
			return true
		}
		if strings.EqualFold(strings.TrimSpace(text(v)), "success") {
			return true
		}
	}
	return false
}

func decodeInitialize(body []byte) (string, *Error) {
	o, e := decodeStatus(body)
	if e != nil || o == nil {
		return "", e
	}
	o = o.unwrap("token", "accessToken")
	if v, ok := o.get("token", "accessToken", "access_token"); ok {
		if t := text(v); t != "" && t == cleanText(t, 0) {
			return t, nil
		}
	}
	return "", nil
}

// decodeMethod reads {value: n}, {id, nameEn, nameAr, …} (possibly inside value), or a bare
// number.
func decodeMethod(body []byte) (VerificationMethod, *Error) {
	raw, e := parseJSON(body)
	if e != nil {
		return VerificationMethod{}, e
	}
	if n, ok := integer(raw); ok {
		return VerificationMethod{ID: n}, nil
	}
	o, ok := asObject(raw)
	if !ok {
		return VerificationMethod{}, &Error{Kind: KindBadAnswer, reason: reasonNotJSON}
	}
	if e := failure(o); e != nil {
		serverMessage(o, e)
		return VerificationMethod{}, e
	}
	if v, ok := o.get("value", "data", "result"); ok {
		if n, ok := integer(v); ok {
			return VerificationMethod{ID: n}, nil
		}
		if inner, ok := asObject(v); ok {
			o = inner
		}
	}
	id, ok := o.integer("id", "verificationMethodId", "updateVerificationMethodId", "methodId", "method")
	if !ok {
		return VerificationMethod{}, &Error{Kind: KindBadAnswer, reason: reasonMissing, host: "verification method"}
	}
	return VerificationMethod{ID: id, NameEn: o.str("nameEn", "name"), NameAr: o.str("nameAr")}, nil
}

func decodeUpload(body []byte) (UploadResult, *Error) {
	o, e := parseObject(body)
	if e != nil {
		return UploadResult{}, e
	}
	if e := failure(o); e != nil {
		serverMessage(o, e)
		return UploadResult{}, e
	}
	var res UploadResult
	res.Message = o.str("message")
	o = o.unwrap("passportData", "customerData", "isSuccess")
	pass, _ := o.get("passportData")
	cust, _ := o.get("customerData")
	po, pOK := asObject(pass)
	co, cOK := asObject(cust)
	switch {
	case pOK && cOK:
		res.Data = mergePassportData(decodePassportData(po, "passportData"), decodePassportData(co, "customerData"))
	case pOK:
		res.Data = decodePassportData(po, "passportData")
	case cOK:
		res.Data = decodePassportData(co, "customerData")
	default:
		return UploadResult{}, &Error{Kind: KindBadAnswer, reason: reasonMissing, host: "passport data"}
	}
	return res, nil
}

func decodeTranslation(body []byte) (bool, *Error) {
	raw, e := parseJSON(body)
	if e != nil {
		return false, e
	}
	if b, ok := boolean(raw); ok {
		return b, nil
	}
	o, ok := asObject(raw)
	if !ok {
		return false, &Error{Kind: KindBadAnswer, reason: reasonNotJSON}
	}
	if e := failure(o); e != nil {
		serverMessage(o, e)
		return false, e
	}
	v, _ := o.get("value", "isEnabled", "enabled", "data", "result")
	b, ok := boolean(v)
	if !ok {
		return false, &Error{Kind: KindBadAnswer, reason: reasonMissing, host: "translation setting"}
	}
	return b, nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\n' || b[len(b)-1] == '\r' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}
