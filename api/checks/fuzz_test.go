package checks

import (
	"reflect"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// FuzzReview: Review never panics, always names a PassportData field with a stable code and a
// sentence, and gives the same answer twice.
func FuzzReview(f *testing.F) {
	d := egyptian()
	f.Add(d.VisualZone, d.Nationality, d.Gender, d.DetectedGender, d.FamilyNameEn, d.FirstNameEn,
		d.DocumentNumber, d.IssuingAuthority, 1988, 3, 14, 2031, 5, 9, 38)
	f.Add("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
		"UTO", "F", "Female", "Eriksson", "Anna", "L898902C3", "UTO", 1974, 8, 12, 2012, 4, 15, 52)
	f.Add("", "", "", "", "", "", "", "", 0, 0, 0, 0, 0, 0, -1)
	typ := reflect.TypeOf(api.PassportData{})
	f.Fuzz(func(t *testing.T, zone, nat, gender, detGender, family, first, doc, issuer string,
		by, bm, bd, ey, em, ed, age int) {
		p := api.PassportData{
			VisualZone: zone, Nationality: nat, Gender: gender, DetectedGender: detGender,
			FamilyNameEn: family, FirstNameEn: first, DocumentNumber: doc, IssuingAuthority: issuer,
			Birthdate:      api.Date{Year: by, Month: time.Month(bm), Day: bd},
			ExpirationDate: api.Date{Year: ey, Month: time.Month(em), Day: ed},
			DetectedAge:    &age,
		}
		got := Review(p, today)
		for _, f := range got {
			if _, ok := typ.FieldByName(f.Field); !ok || f.Code == "" || f.Sentence == "" {
				t.Fatalf("bad finding %+v", f)
			}
		}
		if again := Review(p, today); !reflect.DeepEqual(got, again) {
			t.Fatal("Review is not deterministic")
		}
	})
}
