// Package mrz reads and checks the machine-readable zone of a passport (ICAO 9303, TD3: two
// lines of 44 characters).
package mrz

// CONTRACT STUB — the mrz helper replaces this file (same names and signatures).

// TD3 is a parsed passport MRZ. Dates are YYMMDD as printed.
type TD3 struct {
	DocumentCode   string
	IssuingState   string
	Surname        string
	GivenNames     string
	DocumentNumber string
	Nationality    string
	BirthDate      string
	Sex            string
	ExpiryDate     string
	PersonalNumber string
	// Failed lists the check digits that do not match: "document number", "birth date",
	// "expiry date", "personal number", "composite".
	Failed []string
}

// Parse reads a TD3 MRZ from text as servers send it (newlines, spaces, lower case tolerated).
func Parse(text string) (TD3, error) { return TD3{}, nil }

// CheckDigit is ICAO 9303's 7-3-1 check digit.
func CheckDigit(s string) int { return 0 }
