// Package checks raises the inline warnings of the Review screen: expiry, MRZ check digits and
// disagreements, age, gender, nationality.
package checks

// CONTRACT STUB — the checks helper replaces this file (same names and signatures).

import (
	"time"

	"passport-update/api"
)

type Severity int

const (
	Info Severity = iota
	Warning
	Problem
)

// Finding is one check raised about one field.
type Finding struct {
	Field    string   `json:"field"` // the api.PassportData field name, e.g. "ExpirationDate"
	Severity Severity `json:"severity"`
	Code     string   `json:"code"` // stable id, e.g. "passport-expired", "mrz-check-digit"
	Sentence string   `json:"sentence"`
}

// Review runs every check on d as of today.
func Review(d api.PassportData, today time.Time) []Finding { return nil }

// Country is one ISO 3166-1 alpha-3 code.
type Country struct{ Code, Name string }

func Countries() []Country                   { return nil }
func CountryName(code string) (string, bool) { return "", false }
