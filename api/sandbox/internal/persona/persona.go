// Package persona holds the fictional people the sandbox's OCR "reads": the personas drawn on the
// embedded specimen images, the stable persona derived from any other image's hash, and the
// ICAO 9303 TD3 machine-readable zone each of them carries. It is shared by the sandbox server
// and the specimen generator so that the OCR answer always matches what is drawn.
package persona

import (
	"strings"
	"time"
)

// Persona is one fictional passport holder. Latin names are upper case as printed on a
// passport; Arabic names are in logical order, letters U+0621–U+064A and spaces only, so they
// pass the vendor SDK's rules unchanged.
type Persona struct {
	Key              string // short stable key, e.g. "amina"
	Surname          string // "ALMANSOURI"
	GivenNames       string // "AMINA KHALED"
	FirstNameAr      string // "أمينة"
	FatherNameAr     string // "خالد"
	FamilyNameAr     string // "المنصوري"
	Sex              string // "M" or "F"
	Nationality      string // ICAO 9303 three-letter code
	IssuingState     string // ICAO 9303 three-letter code
	DocumentNumber   string // up to 9 characters, A–Z 0–9
	PersonalNumber   string // up to 14 characters, may be empty
	BirthDate        time.Time
	IssueDate        time.Time
	ExpiryDate       time.Time
	PlaceOfBirth     string
	IssuingAuthority string
}

// FirstNameEn is the first given name.
func (p Persona) FirstNameEn() string {
	first, _, _ := strings.Cut(p.GivenNames, " ")
	return first
}

// FullNameEn is the given names followed by the surname, as the vendor's OCR joins them.
func (p Persona) FullNameEn() string { return p.GivenNames + " " + p.Surname }

// FullNameAr is first, father's and family name: the "two names or more" the SDK requires.
func (p Persona) FullNameAr() string {
	return strings.Join(nonEmpty(p.FirstNameAr, p.FatherNameAr, p.FamilyNameAr), " ")
}

// AgeOn is the holder's age in whole years on the given day.
func (p Persona) AgeOn(day time.Time) int {
	age := day.Year() - p.BirthDate.Year()
	if day.Month() < p.BirthDate.Month() || day.Month() == p.BirthDate.Month() && day.Day() < p.BirthDate.Day() {
		age--
	}
	return age
}

func nonEmpty(parts ...string) []string {
	out := parts[:0:0]
	for _, s := range parts {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Date is a calendar date at midnight UTC.
func Date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
