package mrz

import (
	"testing"
	"time"
)

var today = time.Date(2026, time.November, 26, 10, 0, 0, 0, time.UTC)

type ymd struct {
	y, m, d int
	ok      bool
}

func TestBirthDateIsNeverInTheFuture(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ymd
	}{
		{"740812", ymd{1974, 8, 12, true}},
		{"150301", ymd{2015, 3, 1, true}},
		{"261126", ymd{2026, 11, 26, true}}, // born today
		{"261127", ymd{1926, 11, 27, true}}, // tomorrow is a century ago
		{"000229", ymd{2000, 2, 29, true}},
		{"740230", ymd{}},  // 30 February
		{"741301", ymd{}},  // month 13
		{"74<<<<", ymd{}},  // unknown month and day
		{"7408", ymd{}},    // too short
		{"7408120", ymd{}}, // too long
	} {
		y, m, d, ok := BirthDate(tc.in, today)
		if got := (ymd{y, m, d, ok}); got != tc.want {
			t.Errorf("BirthDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestExpiryDateFallsWithinFiftyYearsOfToday(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ymd
	}{
		{"270228", ymd{2027, 2, 28, true}},
		{"120415", ymd{2012, 4, 15, true}},
		{"750101", ymd{2075, 1, 1, true}}, // 49 years ahead
		{"760101", ymd{1976, 1, 1, true}}, // 50 years back
		{"991231", ymd{1999, 12, 31, true}},
		{"280229", ymd{2028, 2, 29, true}},
		{"270229", ymd{}},
		{"27O228", ymd{}}, // a letter O read for a zero
	} {
		y, m, d, ok := ExpiryDate(tc.in, today)
		if got := (ymd{y, m, d, ok}); got != tc.want {
			t.Errorf("ExpiryDate(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
