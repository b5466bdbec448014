package persona

import (
	"strings"
	"time"
)

// MRZ composes the two 44-character lines of an ICAO 9303 TD3 machine-readable zone. This is the
// sandbox's own composer, written apart from package api/mrz on purpose: tests cross-check the two.
func (p Persona) MRZ() [2]string {
	names := mrzField(p.Surname) + "<<" + mrzField(p.GivenNames)
	line1 := pad("P<"+pad(p.IssuingState, 3)+names, 44)

	doc := pad(mrzField(p.DocumentNumber), 9)
	birth := yymmdd(p.BirthDate)
	expiry := yymmdd(p.ExpiryDate)
	personal := pad(mrzField(p.PersonalNumber), 14)
	docCD := string(CheckDigit(doc))
	birthCD := string(CheckDigit(birth))
	expiryCD := string(CheckDigit(expiry))
	// An unused personal number may carry '<' or '0' as its check digit; '0' is what
	// CheckDigit gives for all fillers, so naive readers agree with it too.
	personalCD := string(CheckDigit(personal))
	composite := doc + docCD + birth + birthCD + expiry + expiryCD + personal + personalCD
	line2 := doc + docCD + pad(p.Nationality, 3) + birth + birthCD + pad(p.Sex, 1) + expiry + expiryCD +
		personal + personalCD + string(CheckDigit(composite))
	return [2]string{line1[:44], line2}
}

// VisualZone is the MRZ as the vendor's OCR sends it: both lines joined by a newline.
func (p Persona) VisualZone() string {
	m := p.MRZ()
	return m[0] + "\n" + m[1]
}

// CheckDigit is ICAO 9303's check digit: weights 7, 3, 1 over digit values, letters A=10…Z=35,
// filler '<' = 0, modulo 10.
func CheckDigit(s string) byte {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum += charValue(s[i]) * weights[i%3]
	}
	return byte('0' + sum%10)
}

func charValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	default:
		return 0
	}
}

// mrzField upper-cases and replaces everything that is not A–Z or 0–9 by the filler '<', the
// way ICAO 9303 writes spaces, hyphens and apostrophes in names.
func mrzField(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(strings.TrimSpace(s)) {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('<')
		}
	}
	return b.String()
}

func pad(s string, n int) string {
	if len(s) >= n {
		return s
	}
	return s + strings.Repeat("<", n-len(s))
}

func yymmdd(t time.Time) string { return t.Format("060102") }
