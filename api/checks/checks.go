// Package checks raises the inline warnings of the Review screen: expiry, MRZ check digits and
// disagreements, age, gender, nationality.
//
// Every check reads only the OCR answer and today's date, so the Review screen can rerun Review
// after each edit and the receipt can store exactly what the user saw. Findings come in a fixed
// order (expiry, birth date, age, sex, nationality, then the MRZ in zone order) so screens and
// golden files do not shuffle.
package checks

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/mrz"
)

// Severity says how loud a finding is.
type Severity int

const (
	Info    Severity = iota // worth knowing, nothing to fix
	Warning                 // check against the passport
	Problem                 // the update should not go ahead as it is
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Problem:
		return "problem"
	}
	return fmt.Sprintf("severity %d", int(s))
}

// MarshalText writes the severity as its word ("warning"), so receipts read without a legend.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads the words MarshalText writes.
func (s *Severity) UnmarshalText(b []byte) error {
	for _, v := range []Severity{Info, Warning, Problem} {
		if string(b) == v.String() {
			*s = v
			return nil
		}
	}
	return fmt.Errorf("checks: unknown severity %q", b)
}

// Finding is one check raised about one field.
type Finding struct {
	Field    string   `json:"field"` // the api.PassportData field name, e.g. "ExpirationDate"
	Severity Severity `json:"severity"`
	Code     string   `json:"code"` // stable id, e.g. "passport-expired", "mrz-check-digit"
	Sentence string   `json:"sentence"`
	// Suggestion is the value the MRZ holds for Field, in the field's own form (dates as
	// YYYY-MM-DD, sex as M/F/X, Germany's D as DEU), for a "take the MRZ's value" key; "" when
	// the finding has none.
	Suggestion string `json:"suggestion,omitempty"`
}

// The stable finding codes.
const (
	CodeExpiryMissing      = "expiry-missing"
	CodePassportExpired    = "passport-expired"
	CodePassportExpiring   = "passport-expiring"
	CodeIssueDateFuture    = "issue-date-future"
	CodeIssuedAfterExpiry  = "issued-after-expiry"
	CodeBirthdateMissing   = "birthdate-missing"
	CodeBirthdateFuture    = "birthdate-future"
	CodeBirthdateTooOld    = "birthdate-too-old"
	CodeAgeMismatch        = "age-mismatch"
	CodeGenderUnknown      = "gender-unknown"
	CodeGenderMismatch     = "gender-mismatch"
	CodeNationalityMissing = "nationality-missing"
	CodeNationalityUnknown = "nationality-unknown"
	CodeMRZAbsent          = "mrz-absent"
	CodeMRZUnreadable      = "mrz-unreadable"
	CodeMRZCheckDigit      = "mrz-check-digit"
	CodeMRZMismatch        = "mrz-mismatch"
	CodeMRZOnly            = "mrz-only" // the field is empty and the MRZ holds the value
)

const (
	// AgeTolerance is how far (in years) the face's estimated age may stray from the birth date
	// before a warning: age estimators are off by a few years for most faces.
	AgeTolerance = 5
	// MaxAge is the oldest plausible customer.
	MaxAge = 120
	// ExpiryNoticeMonths is how soon an expiry is worth a warning: many countries refuse entry
	// on a passport with less than six months left.
	ExpiryNoticeMonths = 6
)

// Review runs every check on d as of today (its calendar date in its own location).
func Review(d api.PassportData, today time.Time) []Finding {
	y, m, dd := today.Date()
	r := review{d: d, today: api.Date{Year: y, Month: m, Day: dd}, now: today}
	if strings.TrimSpace(d.VisualZone) != "" {
		r.zone, r.zoneErr = mrz.Parse(d.VisualZone)
		r.hasZone = r.zoneErr == nil
	}
	r.expiry()
	r.birth()
	r.sex()
	r.nationality()
	r.mrz()
	return r.out
}

type review struct {
	d     api.PassportData
	today api.Date
	now   time.Time
	out   []Finding

	zone    mrz.TD3 // the parsed VisualZone when hasZone
	zoneErr error
	hasZone bool
}

func (r *review) add(field string, s Severity, code, format string, args ...any) {
	r.out = append(r.out, Finding{Field: field, Severity: s, Code: code, Sentence: fmt.Sprintf(format, args...)})
}

// before reports whether date a is before date b (calendar order; no time of day, no zone).
func before(a, b api.Date) bool {
	if a.Year != b.Year {
		return a.Year < b.Year
	}
	if a.Month != b.Month {
		return a.Month < b.Month
	}
	return a.Day < b.Day
}

func addMonths(d api.Date, n int) api.Date {
	t := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	// 31 August + 6 months is the last day of February, not 3 March.
	last := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return api.Date{Year: t.Year(), Month: t.Month(), Day: min(d.Day, last)}
}

func (r *review) expiry() {
	exp := r.d.ExpirationDate
	switch {
	case exp.IsZero():
		r.add("ExpirationDate", Warning, CodeExpiryMissing,
			"The expiry date is missing — read it from the passport and enter it.")
	case before(exp, r.today):
		r.add("ExpirationDate", Problem, CodePassportExpired,
			"The passport expired on %s — the customer needs a valid passport.", exp)
	case before(exp, addMonths(r.today, ExpiryNoticeMonths)):
		days := int(exp.Time().Sub(r.today.Time()).Hours() / 24)
		when := "in " + plural(days, "day")
		if days == 0 {
			when = "today"
		}
		r.add("ExpirationDate", Warning, CodePassportExpiring,
			"The passport expires on %s, %s — the customer may need a new one soon.", exp, when)
	}
	if iss := r.d.IssueDate; !iss.IsZero() {
		if before(r.today, iss) {
			r.add("IssueDate", Warning, CodeIssueDateFuture,
				"The issue date %s is in the future — check it on the passport.", iss)
		} else if !exp.IsZero() && before(exp, iss) {
			r.add("IssueDate", Warning, CodeIssuedAfterExpiry,
				"The issue date %s is after the expiry date %s — one of them is misread.", iss, exp)
		}
	}
}

// age is the age in whole years on today of someone born on b.
func age(b, today api.Date) int {
	n := today.Year - b.Year
	if today.Month < b.Month || today.Month == b.Month && today.Day < b.Day {
		n--
	}
	return n
}

func (r *review) birth() {
	b := r.d.Birthdate
	switch {
	case b.IsZero():
		r.add("Birthdate", Warning, CodeBirthdateMissing,
			"The birth date is missing — read it from the passport and enter it.")
		return
	case before(r.today, b):
		r.add("Birthdate", Problem, CodeBirthdateFuture,
			"The birth date %s is in the future — correct it from the passport.", b)
		return
	}
	years := age(b, r.today)
	if years > MaxAge {
		r.add("Birthdate", Problem, CodeBirthdateTooOld,
			"The birth date %s makes the customer %d years old — correct it from the passport.", b, years)
		return
	}
	// A detected age outside 1–130 is the estimator failing, not a face to compare.
	if det := r.d.DetectedAge; det != nil && *det > 0 && *det <= 130 {
		if diff := years - *det; diff > AgeTolerance || -diff > AgeTolerance {
			r.add("Birthdate", Warning, CodeAgeMismatch,
				"The birth date %s makes the customer %d, but the face on the photo looks about %d — check the birth date and that the photo is the customer's.",
				b, years, *det)
		}
	}
}

// sexOf reads a sex or gender value: "M", "F", "X" (unspecified), "" (absent) or "?" (unknown).
func sexOf(s string) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "":
		return ""
	case "M", "MALE", "MAN", "ذكر":
		return "M"
	case "F", "FEMALE", "WOMAN", "أنثى", "انثى":
		return "F"
	case "X", "<", "UNSPECIFIED":
		return "X"
	}
	return "?"
}

var sexWords = map[string]string{"M": "male", "F": "female", "X": "unspecified"}

func (r *review) sex() {
	g, det := sexOf(r.d.Gender), sexOf(r.d.DetectedGender)
	if g == "?" {
		r.add("Gender", Warning, CodeGenderUnknown,
			"The sex field says %q; a passport says M, F or X — correct it from the passport.", r.d.Gender)
		return
	}
	if (g == "M" || g == "F") && (det == "M" || det == "F") && g != det {
		r.add("Gender", Warning, CodeGenderMismatch,
			"The sex field says %s (%s) but the face on the photo looks %s — check the passport and that the photo is the customer's.",
			sexWords[g], g, sexWords[det])
	}
}

func (r *review) nationality() {
	n := strings.TrimSpace(r.d.Nationality)
	if n == "" {
		r.add("Nationality", Warning, CodeNationalityMissing,
			"The nationality is missing — pick the country from the list.")
		return
	}
	if _, ok := CountryName(n); !ok {
		// The zone's nationality is the likeliest right answer: offer it.
		if name, ok := CountryName(r.zone.Nationality); r.hasZone && ok {
			r.add("Nationality", Warning, CodeNationalityUnknown,
				"The nationality %q is not a known country code; the MRZ says %s (%s) — pick the country from the list.",
				n, r.zone.Nationality, name)
			r.out[len(r.out)-1].Suggestion = isoCode(r.zone.Nationality)
			return
		}
		r.add("Nationality", Warning, CodeNationalityUnknown,
			"The nationality %q is not a known country code — pick the country from the list.", n)
	}
}

var checkNames = map[string]string{
	mrz.CheckDocumentNumber: "the document number",
	mrz.CheckBirthDate:      "the birth date",
	mrz.CheckExpiryDate:     "the expiry date",
	mrz.CheckPersonalNumber: "the personal number",
	mrz.CheckComposite:      "the whole zone (composite)",
}

func (r *review) mrz() {
	if strings.TrimSpace(r.d.VisualZone) == "" {
		r.add("VisualZone", Info, CodeMRZAbsent,
			"The answer has no machine-readable zone (MRZ), so the fields cannot be checked against it.")
		return
	}
	z, err := r.zone, r.zoneErr
	if err != nil {
		reason := err.Error()
		var pe *mrz.ParseError
		if errors.As(err, &pe) {
			reason = strings.TrimSuffix(pe.Reason, ".")
		}
		r.add("VisualZone", Warning, CodeMRZUnreadable,
			"The machine-readable zone (MRZ) cannot be read: %s — compare the fields with the passport by eye.", reason)
		return
	}
	for _, f := range z.Failed {
		r.add("VisualZone", Problem, CodeMRZCheckDigit,
			"The MRZ check digit for %s does not match — the zone was misread or altered; compare it with the passport.", checkNames[f])
	}
	r.zoneFields(z)
}

// zoneFields compares each MRZ field with the extracted field, in the order of the zone.
func (r *review) zoneFields(z mrz.TD3) {
	d := r.d
	if c := strings.Trim(strings.ToUpper(d.DocumentCode), " <"); c != "" && c != z.DocumentCode {
		r.mismatch("DocumentCode", "document code", z.DocumentCode, d.DocumentCode, z.DocumentCode)
	}
	if _, known := CountryName(d.IssuingAuthority); known && !sameCountry(d.IssuingAuthority, z.IssuingState) {
		r.mismatch("IssuingAuthority", "issuing state", z.IssuingState, d.IssuingAuthority, isoCode(z.IssuingState))
	}
	r.name("FamilyNameEn", "surname", z.Surname, d.FamilyNameEn, z.NameTruncated, false)
	r.name("FirstNameEn", "given names", z.GivenNames, d.FirstNameEn, z.NameTruncated, true)
	r.text("DocumentNumber", "document number", z.DocumentNumber, d.DocumentNumber, alnum, z.DocumentNumber)
	if _, known := CountryName(d.Nationality); known || strings.TrimSpace(d.Nationality) == "" {
		// An unknown code was reported with the zone's value as the suggestion already.
		r.text("Nationality", "nationality", z.Nationality, d.Nationality, isoCode, isoCode(z.Nationality))
	}
	r.date("Birthdate", "birth date", z.BirthDate, d.Birthdate, mrz.BirthDate)
	if zs := sexOf(z.Sex); zs != "" {
		shown := z.Sex
		if zs == "X" {
			shown = "X (unspecified)" // the zone prints a filler
		}
		if g := sexOf(d.Gender); g == "" {
			r.only("Gender", "sex", shown, zs)
		} else if g != "?" && g != zs {
			r.mismatch("Gender", "sex", shown, d.Gender, zs)
		}
	}
	r.date("ExpirationDate", "expiry date", z.ExpiryDate, d.ExpirationDate, mrz.ExpiryDate)
}

func (r *review) mismatch(field, what, zone, value, suggest string) {
	r.add(field, Warning, CodeMRZMismatch, "The MRZ says the %s is %s but the field says %s.", what, zone, strings.TrimSpace(value))
	r.out[len(r.out)-1].Suggestion = suggest
}

func (r *review) only(field, what, zone, suggest string) {
	r.add(field, Info, CodeMRZOnly, "The %s field is empty; the MRZ says %s.", what, zone)
	r.out[len(r.out)-1].Suggestion = suggest
}

// isoCode is a zone's country code as the Nationality field holds it: Germany's D becomes DEU.
func isoCode(s string) string {
	if s = normalCode(s); s == "D" {
		return "DEU"
	}
	return s
}

func alnum(s string) string {
	return strings.Map(func(c rune) rune {
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
			return c
		case c >= 'a' && c <= 'z':
			return c - 'a' + 'A'
		}
		return -1
	}, s)
}

// text compares a code or number after reducing both sides with norm.
func (r *review) text(field, what, zone, value string, norm func(string) string, suggest string) {
	if zone == "" {
		return
	}
	switch {
	case strings.TrimSpace(value) == "":
		r.only(field, what, zone, suggest)
	case norm(zone) != norm(value):
		r.mismatch(field, what, zone, value, suggest)
	}
}

// name compares names as the zone writes them (mrz.NameVariants): "Müller" matches MUELLER and
// MULLER. A possibly truncated zone name only has to start the field's name; and the given-names
// field may hold the first given names alone ("Anna" for ANNA MARIA), since many records do.
func (r *review) name(field, what, zone, value string, truncated, given bool) {
	if zone == "" {
		return
	}
	if strings.TrimSpace(value) == "" {
		r.only(field, what, zone, zone)
		return
	}
	z := mrz.NameField(zone)
	for _, v := range mrz.NameVariants(value) {
		if v == "" {
			return // a name in another script: nothing to compare in the zone's letters
		}
		if z == v || truncated && strings.HasPrefix(v, z) || given && strings.HasPrefix(z, v+"<") {
			return
		}
	}
	r.mismatch(field, what, zone, value, zone)
}

// date compares a YYMMDD zone date with a field date digit by digit; a '<' in the zone (an
// unknown day or month, as ICAO allows) matches anything. century places the zone date for the
// sentence.
func (r *review) date(field, what, zone string, value api.Date, century func(string, time.Time) (int, int, int, bool)) {
	if strings.Trim(zone, "<") == "" {
		return
	}
	shown, suggest := zone, ""
	if y, m, d, ok := century(zone, r.now); ok {
		shown = api.Date{Year: y, Month: time.Month(m), Day: d}.String()
		suggest = shown
	}
	if value.IsZero() {
		r.only(field, what, shown, suggest)
		return
	}
	v := fmt.Sprintf("%02d%02d%02d", ((value.Year%100)+100)%100, int(value.Month)%100, value.Day%100)
	for i := 0; i < len(zone) && i < len(v); i++ {
		if zone[i] != '<' && zone[i] != v[i] {
			r.mismatch(field, what, shown, value.String(), suggest)
			return
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
