package persona

import (
	"crypto/sha256"
	"strings"
	"testing"
	"time"
)

func TestMRZComposesICAOsOwnExample(t *testing.T) {
	// ICAO 9303 part 4, appendix: the Utopian specimen passport of Anna Maria Eriksson.
	anna := Persona{
		Surname: "ERIKSSON", GivenNames: "ANNA MARIA", Sex: "F", Nationality: "UTO", IssuingState: "UTO",
		DocumentNumber: "L898902C3", PersonalNumber: "ZE184226B",
		BirthDate: Date(1974, time.August, 12), ExpiryDate: Date(2012, time.April, 15),
	}
	want := [2]string{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"}
	if got := anna.MRZ(); got != want {
		t.Fatalf("MRZ\n%s\n%s\nwant\n%s\n%s", got[0], got[1], want[0], want[1])
	}
}

func TestMRZFitsLongNamesAndShortNumbers(t *testing.T) {
	p := Persona{Surname: "ABDELRAHMAN-ALMUTAWAKKIL", GivenNames: "MOHAMMED ABDULAZIZ SALEH", Sex: "M",
		Nationality: "SAU", IssuingState: "SAU", DocumentNumber: "K48", BirthDate: Date(2000, 1, 2), ExpiryDate: Date(2030, 1, 1)}
	m := p.MRZ()
	if len(m[0]) != 44 || len(m[1]) != 44 {
		t.Fatalf("line lengths %d/%d, want 44", len(m[0]), len(m[1]))
	}
	if !strings.HasPrefix(m[0], "P<SAUABDELRAHMAN<ALMUTAWAKKIL<<MOHAMMED<") || !strings.HasPrefix(m[1], "K48<<<<<<") {
		t.Fatalf("MRZ %q", m)
	}
}

func TestCheckDigitWeights(t *testing.T) {
	for _, tt := range []struct {
		field string
		want  byte
	}{{"L898902C3", '6'}, {"740812", '2'}, {"120415", '9'}, {"ZE184226B<<<<<", '1'}, {"<<<<<<<<<<<<<<", '0'}} {
		if got := CheckDigit(tt.field); got != tt.want {
			t.Errorf("CheckDigit(%q) = %c, want %c", tt.field, got, tt.want)
		}
	}
}

func TestFromHashIsStableAndDiffers(t *testing.T) {
	a, b := sha256.Sum256([]byte("scan one")), sha256.Sum256([]byte("scan two"))
	if FromHash(a) != FromHash(a) {
		t.Fatal("the same hash gave two personas")
	}
	pa, pb := FromHash(a), FromHash(b)
	if pa.DocumentNumber == pb.DocumentNumber {
		t.Fatalf("two hashes share document number %s", pa.DocumentNumber)
	}
	for _, p := range []Persona{pa, pb} {
		if len(p.DocumentNumber) != 9 || !p.ExpiryDate.After(p.IssueDate) || p.BirthDate.Year() < 1955 || p.BirthDate.Year() > 2005 {
			t.Errorf("implausible persona %+v", p)
		}
		if strings.Count(p.FullNameAr(), " ") != 2 {
			t.Errorf("Arabic name %q should have three parts", p.FullNameAr())
		}
	}
}

func TestAgeOnCountsBirthdays(t *testing.T) {
	p := Persona{BirthDate: Date(1991, time.July, 23)}
	for _, tt := range []struct {
		day  time.Time
		want int
	}{{Date(2026, time.July, 22), 34}, {Date(2026, time.July, 23), 35}, {Date(2026, time.December, 1), 35}} {
		if got := p.AgeOn(tt.day); got != tt.want {
			t.Errorf("age on %s = %d, want %d", tt.day.Format("2006-01-02"), got, tt.want)
		}
	}
}

func TestCatalogueNamesAreUniqueAndPersonasValid(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Catalogue {
		if seen[f.Name] {
			t.Errorf("%s listed twice", f.Name)
		}
		seen[f.Name] = true
		for _, r := range f.Persona.FullNameAr() {
			if !(r >= 0x0621 && r <= 0x064A || r == ' ') {
				t.Errorf("%s: Arabic name %q has U+%04X outside the SDK's range", f.Name, f.Persona.FullNameAr(), r)
			}
		}
	}
}
