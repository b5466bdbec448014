package mrz

import "time"

// A zone prints years with two digits; these helpers choose the century. They return ok=false
// for anything that is not a real calendar date (unknown parts written as '<', month 13, 30 Feb).

// BirthDate places a YYMMDD birth date in the latest century that does not put it after today:
// "740812" is 1974-08-12, "150301" is 2015-03-01, and on 2026-11-26 "261127" is 1926-11-27. A
// person older than 100 is therefore read a century too young; ICAO leaves no better clue.
func BirthDate(yymmdd string, today time.Time) (y, m, d int, ok bool) {
	yy, m, d, ok := fields(yymmdd)
	if !ok {
		return 0, 0, 0, false
	}
	ty, tm, td := today.Date()
	now := ty*10000 + int(tm)*100 + td
	for _, c := range []int{(ty / 100) * 100, (ty/100 - 1) * 100} {
		if y := c + yy; y*10000+m*100+d <= now && exists(y, m, d) {
			return y, m, d, true
		}
	}
	return 0, 0, 0, false
}

// ExpiryDate places a YYMMDD expiry date in the century that puts it within 50 years of today's
// year (from 50 years before to 49 after). Passports run ten years at most, so any real expiry is
// far inside that window, whether it is past or to come.
func ExpiryDate(yymmdd string, today time.Time) (y, m, d int, ok bool) {
	yy, m, d, ok := fields(yymmdd)
	if !ok {
		return 0, 0, 0, false
	}
	ty := today.Year()
	y = (ty/100)*100 + yy
	switch {
	case y < ty-50:
		y += 100
	case y > ty+49:
		y -= 100
	}
	if !exists(y, m, d) {
		return 0, 0, 0, false
	}
	return y, m, d, true
}

func fields(s string) (yy, m, d int, ok bool) {
	if len(s) != 6 {
		return 0, 0, 0, false
	}
	for i := 0; i < 6; i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, 0, false
		}
	}
	n := func(i int) int { return int(s[i]-'0')*10 + int(s[i+1]-'0') }
	return n(0), n(2), n(4), true
}

// exists reports whether y-m-d exists (time.Date would quietly roll 30 Feb into March).
func exists(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}
