package api

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// object is a decoded JSON object with keys folded to lower case: ASP.NET may answer in
// camelCase or PascalCase, and unknown keys are simply never looked at.
type object map[string]json.RawMessage

// parseObject decodes an answer that must be a JSON object. The error says why not, in the
// reason vocabulary of *Error.
func parseObject(body []byte) (object, *Error) {
	raw, e := parseJSON(body)
	if e != nil {
		return nil, e
	}
	obj, ok := asObject(raw)
	if !ok {
		return nil, &Error{Kind: KindBadAnswer, reason: reasonNotJSON}
	}
	return obj, nil
}

// parseJSON checks the body is one JSON value, naming empty, HTML and truncated bodies.
func parseJSON(body []byte) (json.RawMessage, *Error) {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return nil, &Error{Kind: KindBadAnswer, reason: reasonEmpty}
	}
	if looksHTML(t) {
		return nil, &Error{Kind: KindBadAnswer, reason: reasonHTML}
	}
	var raw json.RawMessage
	if err := json.Unmarshal(t, &raw); err != nil {
		reason := reasonNotJSON
		if strings.Contains(err.Error(), "unexpected end of JSON input") {
			reason = reasonTruncated
		}
		return nil, &Error{Kind: KindBadAnswer, reason: reason, Err: err}
	}
	return raw, nil
}

func looksHTML(b []byte) bool {
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	head := strings.ToLower(string(b[:min(len(b), 512)]))
	return strings.Contains(head, "<html") || strings.Contains(head, "<!doctype") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body") ||
		strings.Contains(head, "<title") || strings.Contains(head, "<h1") || strings.Contains(head, "<?xml")
}

func asObject(raw json.RawMessage) (object, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	obj := make(object, len(m))
	for k, v := range m {
		lk := strings.ToLower(k)
		// An exact camelCase key wins over a differently-cased duplicate.
		if _, dup := obj[lk]; dup && k != camel(k) {
			continue
		}
		obj[lk] = v
	}
	return obj, true
}

func camel(k string) string {
	if k == "" {
		return k
	}
	return strings.ToLower(k[:1]) + k[1:]
}

// get returns the first present, non-null value among names.
func (o object) get(names ...string) (json.RawMessage, bool) {
	for _, n := range names {
		if v, ok := o[strings.ToLower(n)]; ok && !isNull(v) {
			return v, true
		}
	}
	return nil, false
}

// has reports whether any of names is present, even as null.
func (o object) has(names ...string) bool {
	for _, n := range names {
		if _, ok := o[strings.ToLower(n)]; ok {
			return true
		}
	}
	return false
}

func isNull(v json.RawMessage) bool {
	v = bytes.TrimSpace(v)
	return len(v) == 0 || string(v) == "null"
}

// unwrap descends into a {value|data|result: {...}} envelope when o lacks every wanted key.
func (o object) unwrap(wanted ...string) object {
	if o.has(wanted...) {
		return o
	}
	for _, env := range []string{"value", "data", "result"} {
		if v, ok := o.get(env); ok {
			if inner, ok := asObject(v); ok && inner.has(wanted...) {
				return inner
			}
		}
	}
	return o
}

// text reads a value as text whatever its JSON type: a string as is, a number or boolean as
// written, null/object/array as "". A server sending 123 where "123" was expected still works.
func text(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		return ""
	case '{', '[', 'n':
		return ""
	}
	return string(v) // number, true, false
}

// str is text of the first present name, cleaned of control characters.
func (o object) str(names ...string) string {
	v, _ := o.get(names...)
	return cleanText(text(v), 2000)
}

// integer reads a number or a numeric string ("2", " 34 ", 34.0).
func integer(v json.RawMessage) (int, bool) {
	s := strings.TrimSpace(text(v))
	if s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) || math.Abs(f) > 1<<31 {
		return 0, false
	}
	return int(f), true
}

func (o object) integer(names ...string) (int, bool) {
	v, ok := o.get(names...)
	if !ok {
		return 0, false
	}
	return integer(v)
}

// boolean reads true/false, "true"/"false" (any case), 1/0.
func boolean(v json.RawMessage) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(text(v))) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	return false, false
}

// ParseDate reads every date form the server sends as the calendar date written, without zone
// conversion: "2025-11-06T03:46:44.418Z", "1991-07-23T00:00:00", "…+03:00", 0–7 fraction
// digits, "1991-07-23", and a space instead of T. ok is false for "", null and anything else.
func ParseDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return Date{}, false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	if rest := s[10:]; rest != "" && !validTimePart(rest) {
		return Date{}, false
	}
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return Date{}, false
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, true
}

// validTimePart accepts "T15:04", "T15:04:05", an optional fraction of up to 9 digits, and an
// optional "Z" or ±hh:mm / ±hhmm zone.
func validTimePart(s string) bool {
	if s[0] != 'T' && s[0] != 't' && s[0] != ' ' {
		return false
	}
	s = s[1:]
	if len(s) < 5 || s[2] != ':' {
		return false
	}
	h, ok1 := digits(s[0:2])
	mi, ok2 := digits(s[3:5])
	if !ok1 || !ok2 || h > 24 || mi > 59 {
		return false
	}
	s = s[5:]
	if len(s) >= 3 && s[0] == ':' {
		sec, ok := digits(s[1:3])
		if !ok || sec > 60 {
			return false
		}
		s = s[3:]
		if len(s) > 0 && s[0] == '.' {
			n := 1
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				n++
			}
			if n == 1 || n > 10 {
				return false
			}
			s = s[n:]
		}
	}
	switch {
	case s == "" || s == "Z" || s == "z":
		return true
	case s[0] == '+' || s[0] == '-':
		z := strings.ReplaceAll(s[1:], ":", "")
		if len(z) != 4 && len(z) != 2 {
			return false
		}
		_, ok := digits(z)
		return ok
	}
	return false
}

func digits(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func daysIn(m time.Month, y int) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// UnmarshalJSON accepts every form ParseDate does; null, "" and unparseable text leave the
// zero date (one bad date must not lose the rest of an answer).
func (d *Date) UnmarshalJSON(b []byte) error {
	*d, _ = ParseDate(text(b))
	return nil
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

func (o object) date(names ...string) Date {
	v, _ := o.get(names...)
	d, _ := ParseDate(text(v))
	return d
}

// parseInstant reads an expiry time. A time without a zone is taken as UTC (what .NET
// servers mean when they omit it).
func parseInstant(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if d, ok := ParseDate(s); ok {
		return d.Time()
	}
	return time.Time{}
}

// failure turns a 2xx answer's own failure markers (status: 1, isSuccess: false) into an error.
func failure(o object) *Error {
	if v, ok := o.get("isSuccess", "succeeded", "success"); ok {
		if b, ok := boolean(v); ok && !b {
			return &Error{Kind: KindFailed}
		}
	}
	if v, ok := o.get("status"); ok {
		// 0 Success, 1 Failed; other numbers (some gateways echo the HTTP status) say nothing.
		if n, ok := integer(v); ok && n == 1 {
			return &Error{Kind: KindFailed}
		}
		if s := strings.ToLower(text(v)); s == "failed" || s == "failure" {
			return &Error{Kind: KindFailed}
		}
	}
	return nil
}

// decodePassportData reads one passportData/customerData record.
func decodePassportData(o object, source string) PassportData {
	p := PassportData{
		Source:           source,
		CustomerID:       o.str("customerId"),
		FullNameAr:       o.str("fullNameAr"),
		FirstNameAr:      o.str("firstNameAr"),
		FamilyNameAr:     o.str("familyNameAr"),
		FullNameEn:       o.str("fullNameEn"),
		FirstNameEn:      o.str("firstNameEn"),
		FamilyNameEn:     o.str("familyNameEn"),
		FullName:         o.str("fullName"),
		FirstName:        o.str("firstName"),
		FamilyName:       o.str("familyName"),
		DocumentNumber:   o.str("documentNumber"),
		DocumentCode:     o.str("documentCode"),
		DocumentTypeID:   o.str("documentTypeId"),
		DocumentTypeCode: o.str("documentTypeCode"),
		IssuingAuthority: o.str("issuingAuthority"),
		Nationality:      o.str("nationality"),
		IssueDate:        o.date("issueDate"),
		ExpirationDate:   o.date("expirationDate", "expiryDate"),
		Birthdate:        o.date("birthdate", "birthDate", "dateOfBirth"),
		Gender:           o.str("gender"),
		DetectedGender:   o.str("detectedGender"),
		IDNumber:         o.str("idNumber"),
		IDNumberBack:     o.str("idNumberBack"),
		Address:          o.str("address"),
		State:            o.str("state"),
		Profession:       o.str("profession"),
		MaritalStatus:    o.str("maritalStatus"),
		Religion:         o.str("religion"),
	}
	if v, ok := o.get("visualZone", "mrz"); ok {
		p.VisualZone = cleanMultiline(text(v), 400)
	}
	// Images keep their characters but never control bytes; no length cut (they are big).
	p.Photo = cleanMultiline(text(o["photo"]), 0)
	p.IDFrontScan = cleanMultiline(text(o["idfrontscan"]), 0)
	p.IDBackScan = cleanMultiline(text(o["idbackscan"]), 0)
	if v, ok := o.get("detectedAge"); ok {
		if n, ok := integer(v); ok && n >= 0 && n <= 150 {
			p.DetectedAge = &n
		}
	}
	return p
}

// mergePassportData fills the fields left empty in primary from secondary.
func mergePassportData(primary, secondary PassportData) PassportData {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fillDate := func(dst *Date, src Date) {
		if dst.IsZero() {
			*dst = src
		}
	}
	p := primary
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&p.CustomerID, secondary.CustomerID}, {&p.FullNameAr, secondary.FullNameAr},
		{&p.FirstNameAr, secondary.FirstNameAr}, {&p.FamilyNameAr, secondary.FamilyNameAr},
		{&p.FullNameEn, secondary.FullNameEn}, {&p.FirstNameEn, secondary.FirstNameEn},
		{&p.FamilyNameEn, secondary.FamilyNameEn}, {&p.FullName, secondary.FullName},
		{&p.FirstName, secondary.FirstName}, {&p.FamilyName, secondary.FamilyName},
		{&p.DocumentNumber, secondary.DocumentNumber}, {&p.DocumentCode, secondary.DocumentCode},
		{&p.DocumentTypeID, secondary.DocumentTypeID}, {&p.DocumentTypeCode, secondary.DocumentTypeCode},
		{&p.IssuingAuthority, secondary.IssuingAuthority}, {&p.Nationality, secondary.Nationality},
		{&p.VisualZone, secondary.VisualZone}, {&p.Gender, secondary.Gender},
		{&p.DetectedGender, secondary.DetectedGender}, {&p.IDNumber, secondary.IDNumber},
		{&p.IDNumberBack, secondary.IDNumberBack}, {&p.Address, secondary.Address},
		{&p.State, secondary.State}, {&p.Profession, secondary.Profession},
		{&p.MaritalStatus, secondary.MaritalStatus}, {&p.Religion, secondary.Religion},
		{&p.Photo, secondary.Photo}, {&p.IDFrontScan, secondary.IDFrontScan},
		{&p.IDBackScan, secondary.IDBackScan},
	} {
		fill(f.dst, f.src)
	}
	fillDate(&p.IssueDate, secondary.IssueDate)
	fillDate(&p.ExpirationDate, secondary.ExpirationDate)
	fillDate(&p.Birthdate, secondary.Birthdate)
	if p.DetectedAge == nil {
		p.DetectedAge = secondary.DetectedAge
	}
	return p
}

// stepOf reads an update step as a number, a numeric string or the enum's name ("Passport").
func stepOf(v json.RawMessage) (UpdateStep, bool) {
	if n, ok := integer(v); ok {
		return UpdateStep(n), true
	}
	switch strings.ToLower(strings.TrimSpace(text(v))) {
	case "nationalid":
		return StepNationalID, true
	case "passport":
		return StepPassport, true
	case "phone":
		return StepPhone, true
	case "email":
		return StepEmail, true
	case "device":
		return StepDevice, true
	case "location":
		return StepLocation, true
	case "securityquestions":
		return StepSecurityQuestions, true
	case "password":
		return StepPassword, true
	}
	return 0, false
}
