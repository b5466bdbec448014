package checks

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/mrz"
)

// today is the Review date of every test: a Thursday in November 2026, mid-morning in Amman.
var today = time.Date(2026, time.November, 26, 10, 30, 0, 0, time.FixedZone("AST", 3*3600))

func date(y int, m time.Month, d int) api.Date { return api.Date{Year: y, Month: m, Day: d} }

func intp(n int) *int { return &n }

// egyptian is a consistent OCR answer for an Egyptian passport, its MRZ written by mrz.Compose.
func egyptian() api.PassportData {
	return withZone(api.PassportData{
		Source:       "passportData",
		FirstNameEn:  "Mohamed Ahmed",
		FamilyNameEn: "Hassan",
		FullNameEn:   "Mohamed Ahmed Hassan",
		FullNameAr:   "مُحَمَّد أَحْمَد حَسَن",
		DocumentCode: "P", DocumentNumber: "A12345678", IssuingAuthority: "EGY", Nationality: "EGY",
		IssueDate: date(2024, 5, 10), ExpirationDate: date(2031, 5, 9),
		Birthdate: date(1988, 3, 14), Gender: "M", DetectedGender: "Male", DetectedAge: intp(38),
	})
}

func yymmdd(d api.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d%02d%02d", d.Year%100, int(d.Month), d.Day)
}

// withZone writes d's own fields into its VisualZone, so the zone agrees with the fields.
func withZone(d api.PassportData) api.PassportData {
	l1, l2 := mrz.Compose(mrz.TD3{
		DocumentCode: d.DocumentCode, IssuingState: d.IssuingAuthority, Surname: d.FamilyNameEn,
		GivenNames: d.FirstNameEn, DocumentNumber: d.DocumentNumber, Nationality: d.Nationality,
		BirthDate: yymmdd(d.Birthdate), Sex: zoneSex(d.Gender), ExpiryDate: yymmdd(d.ExpirationDate),
	})
	d.VisualZone = l1 + "\n" + l2
	return d
}

// zoneSex writes a sex field the way a zone does (ذكر → M); values it cannot read go in as given.
func zoneSex(g string) string {
	if s := sexOf(g); s != "?" {
		return s
	}
	return g
}

// want is a finding without its sentence, plus words the sentence must hold.
type want struct {
	field string
	sev   Severity
	code  string
	says  []string
}

func expect(t *testing.T, got []Finding, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(wants), dump(got))
	}
	for i, w := range wants {
		g := got[i]
		if g.Field != w.field || g.Severity != w.sev || g.Code != w.code {
			t.Errorf("finding %d = %s/%s/%s, want %s/%s/%s\n%s", i, g.Field, g.Severity, g.Code, w.field, w.sev, w.code, dump(got))
		}
		for _, s := range w.says {
			if !strings.Contains(g.Sentence, s) {
				t.Errorf("finding %d %q does not say %q", i, g.Sentence, s)
			}
		}
	}
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %s: %s\n", f.Field, f.Severity, f.Code, f.Sentence)
	}
	return b.String()
}

func TestReviewFindsNothingInAConsistentPassport(t *testing.T) {
	expect(t, Review(egyptian(), today), nil)
}

func TestReviewChecksTheExpiryDate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		expiry api.Date
		want   []want
	}{
		{"expired last year", date(2024, 3, 1), []want{{"ExpirationDate", Problem, CodePassportExpired,
			[]string{"The passport expired on 2024-03-01 — the customer needs a valid passport."}}}},
		{"expired yesterday", date(2026, 11, 25), []want{{"ExpirationDate", Problem, CodePassportExpired, []string{"2026-11-25"}}}},
		{"expires today: still valid", date(2026, 11, 26), []want{{"ExpirationDate", Warning, CodePassportExpiring, []string{"2026-11-26, today"}}}},
		{"expires in 50 days", date(2027, 1, 15), []want{{"ExpirationDate", Warning, CodePassportExpiring, []string{"2027-01-15", "in 50 days"}}}},
		{"six months less a day", date(2027, 5, 25), []want{{"ExpirationDate", Warning, CodePassportExpiring, nil}}},
		{"six months exactly", date(2027, 5, 26), nil},
		{"years ahead", date(2031, 5, 9), nil},
		{"missing", api.Date{}, []want{{"ExpirationDate", Warning, CodeExpiryMissing, []string{"missing"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := egyptian()
			d.ExpirationDate, d.IssueDate = tc.expiry, api.Date{}
			expect(t, Review(withZone(d), today), tc.want)
		})
	}
}

func TestReviewChecksTheIssueDate(t *testing.T) {
	d := egyptian()
	d.IssueDate = date(2027, 1, 2)
	expect(t, Review(d, today), []want{{"IssueDate", Warning, CodeIssueDateFuture, []string{"2027-01-02"}}})
	d.IssueDate, d.ExpirationDate = date(2025, 1, 2), date(2024, 12, 1)
	expect(t, Review(withZone(d), today), []want{
		{"ExpirationDate", Problem, CodePassportExpired, nil},
		{"IssueDate", Warning, CodeIssuedAfterExpiry, []string{"2025-01-02", "2024-12-01"}},
	})
}

func TestReviewChecksTheBirthDateAndTheFacesAge(t *testing.T) {
	for _, tc := range []struct {
		name  string
		birth api.Date
		age   *int
		want  []want
	}{
		{"born in the future", date(2027, 2, 1), nil, []want{{"Birthdate", Problem, CodeBirthdateFuture, []string{"2027-02-01"}}}},
		{"121 years old", date(1905, 1, 1), nil, []want{{"Birthdate", Problem, CodeBirthdateTooOld, []string{"1905-01-01", "121 years old"}}}},
		{"120 years old", date(1906, 1, 1), nil, nil},
		{"face looks 6 years younger", date(1988, 3, 14), intp(32), []want{{"Birthdate", Warning, CodeAgeMismatch, []string{"1988-03-14", "customer 38", "about 32"}}}},
		{"face looks 9 years older", date(1988, 3, 14), intp(47), []want{{"Birthdate", Warning, CodeAgeMismatch, []string{"38", "47"}}}},
		{"face looks 5 years younger", date(1988, 3, 14), intp(33), nil},
		{"birthday tomorrow: still 37", date(1988, 11, 27), intp(43), []want{{"Birthdate", Warning, CodeAgeMismatch, []string{"customer 37", "about 43"}}}},
		{"no detected age", date(1988, 3, 14), nil, nil},
		{"detector failed (0)", date(1988, 3, 14), intp(0), nil},
		{"missing", api.Date{}, intp(38), []want{{"Birthdate", Warning, CodeBirthdateMissing, []string{"missing"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := egyptian()
			d.Birthdate, d.DetectedAge = tc.birth, tc.age
			expect(t, Review(withZone(d), today), tc.want)
		})
	}
}

func TestReviewComparesSexWithTheFacesGender(t *testing.T) {
	for _, tc := range []struct {
		gender, detected string
		want             []want
	}{
		{"M", "Male", nil},
		{"F", "female", nil},
		{"ذكر", "MALE", nil},
		{"F", "Male", []want{{"Gender", Warning, CodeGenderMismatch, []string{"female (F)", "looks male"}}}},
		{"M", "F", []want{{"Gender", Warning, CodeGenderMismatch, []string{"male (M)", "looks female"}}}},
		{"X", "Male", nil},
		{"F", "", nil},
		{"W", "Male", []want{{"Gender", Warning, CodeGenderUnknown, []string{`"W"`}}}},
	} {
		t.Run(tc.gender+" "+tc.detected, func(t *testing.T) {
			d := egyptian()
			d.Gender, d.DetectedGender = tc.gender, tc.detected
			expect(t, Review(withZone(d), today), tc.want)
		})
	}
}

func TestReviewChecksTheNationalityCode(t *testing.T) {
	for _, tc := range []struct {
		code string
		want []want
	}{
		{"EGY", nil},
		{"jor", nil},
		{"D", nil},   // Germany in ICAO's one-letter form
		{"GBN", nil}, // British National (Overseas)
		{"XXA", nil}, // stateless
		{"UTO", nil}, // the ICAO specimen's Utopia
		{"XYZ", []want{{"Nationality", Warning, CodeNationalityUnknown, []string{`"XYZ"`, "pick the country"}}}},
		{"EG", []want{{"Nationality", Warning, CodeNationalityUnknown, []string{`"EG"`}}}},
		{"Egyptian", []want{{"Nationality", Warning, CodeNationalityUnknown, []string{`"Egyptian"`, "MRZ says EGY (Egypt)"}}}},
		{"", []want{{"Nationality", Warning, CodeNationalityMissing, nil}}},
	} {
		t.Run(tc.code, func(t *testing.T) {
			d := egyptian()
			d.Nationality = tc.code
			expect(t, Review(withZone(d), today), tc.want)
		})
	}
}

// alterZone changes one character of line 2 of d's zone.
func alterZone(d api.PassportData, pos int, c byte) api.PassportData {
	lines := strings.Split(d.VisualZone, "\n")
	b := []byte(lines[1])
	b[pos] = c
	d.VisualZone = lines[0] + "\n" + string(b)
	return d
}

func TestReviewChecksTheMRZItself(t *testing.T) {
	d := egyptian()
	noZone := d
	noZone.VisualZone = ""
	cut := d
	cut.VisualZone = d.VisualZone[:len(d.VisualZone)-1]
	digit := func(name string) want { return want{"VisualZone", Problem, CodeMRZCheckDigit, []string{name}} }
	for _, tc := range []struct {
		name string
		d    api.PassportData
		want []want
	}{
		{"absent", noZone, []want{{"VisualZone", Info, CodeMRZAbsent, nil}}},
		{"a line cut short", cut, []want{{"VisualZone", Warning, CodeMRZUnreadable, []string{"line 2", "43 characters", "by eye"}}}},
		{"document number digit", alterZone(d, 9, '0'), []want{digit("document number"), digit("composite")}},
		{"birth date digit", alterZone(d, 19, '0'), []want{digit("birth date"), digit("composite")}},
		{"expiry date digit", alterZone(d, 27, '0'), []want{digit("expiry date"), digit("composite")}},
		{"personal number digit", alterZone(d, 42, '7'), []want{digit("personal number"), digit("composite")}},
		{"composite digit", alterZone(d, 43, '0'), []want{digit("composite")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name != "absent" && tc.name != "a line cut short" {
				if z, _ := mrz.Parse(tc.d.VisualZone); len(z.Failed) == 0 {
					t.Fatal("the altered digit happens to be the right one; pick another")
				}
			}
			expect(t, Review(tc.d, today), tc.want)
		})
	}
}

func TestReviewComparesEveryMRZFieldWithTheExtractedField(t *testing.T) {
	mismatch := func(field string, says ...string) []want {
		return []want{{field, Warning, CodeMRZMismatch, says}}
	}
	for _, tc := range []struct {
		name string
		edit func(*api.PassportData)
		want []want
	}{
		{"document number", func(d *api.PassportData) { d.DocumentNumber = "A12345679" },
			mismatch("DocumentNumber", "The MRZ says the document number is A12345678 but the field says A12345679.")},
		{"document number in lower case with a space", func(d *api.PassportData) { d.DocumentNumber = " a1234 5678" }, nil},
		{"birth date", func(d *api.PassportData) { d.Birthdate = date(1988, 4, 14) },
			mismatch("Birthdate", "The MRZ says the birth date is 1988-03-14 but the field says 1988-04-14.")},
		{"expiry date", func(d *api.PassportData) { d.ExpirationDate = date(2031, 5, 19) },
			mismatch("ExpirationDate", "The MRZ says the expiry date is 2031-05-09 but the field says 2031-05-19.")},
		{"sex", func(d *api.PassportData) { d.Gender, d.DetectedGender = "F", "" },
			mismatch("Gender", "The MRZ says the sex is M but the field says F.")},
		{"sex written as a word", func(d *api.PassportData) { d.Gender = "Male" }, nil},
		{"sex missing from the field", func(d *api.PassportData) { d.Gender = "" },
			[]want{{"Gender", Info, CodeMRZOnly, []string{"The sex field is empty; the MRZ says M."}}}},
		{"nationality", func(d *api.PassportData) { d.Nationality = "JOR" },
			mismatch("Nationality", "The MRZ says the nationality is EGY but the field says JOR.")},
		{"surname one letter short", func(d *api.PassportData) { d.FamilyNameEn = "Hasan" },
			mismatch("FamilyNameEn", "The MRZ says the surname is HASSAN but the field says Hasan.")},
		{"given names differ", func(d *api.PassportData) { d.FirstNameEn = "Mohammed Ahmed" },
			mismatch("FirstNameEn", "MOHAMED AHMED", "Mohammed Ahmed")},
		{"first given name alone", func(d *api.PassportData) { d.FirstNameEn = "Mohamed" }, nil},
		{"surname in Arabic script", func(d *api.PassportData) { d.FamilyNameEn = "حسن" }, nil},
		{"document code", func(d *api.PassportData) { d.DocumentCode = "PD" },
			mismatch("DocumentCode", "document code is P but the field says PD")},
		{"issuing state", func(d *api.PassportData) { d.IssuingAuthority = "JOR" },
			mismatch("IssuingAuthority", "issuing state is EGY but the field says JOR")},
		{"issuing authority in words", func(d *api.PassportData) { d.IssuingAuthority = "Passport Office, Cairo" }, nil},
		{"empty fields the zone can fill", func(d *api.PassportData) { d.DocumentNumber, d.FamilyNameEn = "", "" }, []want{
			{"FamilyNameEn", Info, CodeMRZOnly, []string{"surname field is empty", "HASSAN"}},
			{"DocumentNumber", Info, CodeMRZOnly, []string{"A12345678"}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := egyptian() // the zone keeps the original values
			tc.edit(&d)
			expect(t, Review(d, today), tc.want)
		})
	}
}

func TestReviewMatchesNamesAsTheZoneWritesThem(t *testing.T) {
	for _, tc := range []struct {
		name        string
		zoneSurname string
		field       string
	}{
		{"umlaut written AE", "MUELLER", "Müller"},
		{"umlaut written bare", "MULLER", "Müller"},
		{"hyphen as filler", "EL SAYED", "El-Sayed"},
		{"apostrophe dropped", "OCONNOR", "O'Connor"},
		{"cut to fit the zone", "ABDELRAHMAN ALHASHEMI ALQURAISHI", "Abdelrahman Alhashemi Alquraishi Albaghdadi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := egyptian()
			given := "MOHAMED AHMED"
			if strings.HasPrefix(tc.name, "cut") {
				given = "" // the surname fills the whole name field
			}
			l1, l2 := mrz.Compose(mrz.TD3{DocumentCode: "P", IssuingState: "EGY", Surname: tc.zoneSurname,
				GivenNames: given, DocumentNumber: "A12345678", Nationality: "EGY", BirthDate: "880314",
				Sex: "M", ExpiryDate: "310509"})
			if given == "" {
				l1 = l1[:5] + mrz.NameField(tc.field)[:39] // the zone as ICAO truncates it
				d.FirstNameEn = ""
			}
			d.VisualZone = l1 + "\r\n" + l2
			d.FamilyNameEn = tc.field
			expect(t, Review(d, today), nil)
		})
	}
}

func TestReviewListsFindingsInAFixedOrder(t *testing.T) {
	d := egyptian()
	d.ExpirationDate, d.IssueDate = date(2020, 1, 1), date(2010, 1, 2)
	d.Birthdate = date(1960, 1, 1)
	d.Gender, d.DetectedGender = "F", "Male"
	d.Nationality = "XYZ"
	d.DocumentNumber = "B7654321"
	d.FamilyNameEn = "Hasan"
	d = alterZone(d, 43, '0')
	got := Review(d, today)
	var codes []string
	for _, f := range got {
		codes = append(codes, f.Field+":"+f.Code)
	}
	wantCodes := []string{
		"ExpirationDate:passport-expired",
		"Birthdate:age-mismatch",
		"Gender:gender-mismatch",
		"Nationality:nationality-unknown",
		"VisualZone:mrz-check-digit",
		"FamilyNameEn:mrz-mismatch",
		"DocumentNumber:mrz-mismatch",
		"Birthdate:mrz-mismatch",
		"Gender:mrz-mismatch",
		"ExpirationDate:mrz-mismatch",
	}
	if !slices.Equal(codes, wantCodes) {
		t.Errorf("order\n got %q\nwant %q", codes, wantCodes)
	}
	if again := Review(d, today); !reflect.DeepEqual(got, again) {
		t.Error("Review gave different findings for the same record")
	}
}

func TestFindingFieldsNamePassportDataFields(t *testing.T) {
	d := egyptian()
	d.ExpirationDate, d.IssueDate, d.Birthdate = date(2026, 12, 1), date(2027, 1, 1), date(1700, 1, 1)
	d.Gender, d.Nationality, d.DocumentCode, d.IssuingAuthority = "F", "QQQ", "PO", "JOR"
	d.FamilyNameEn, d.FirstNameEn, d.DocumentNumber = "Smith", "John", "1"
	typ := reflect.TypeOf(api.PassportData{})
	for _, f := range Review(d, today) {
		if _, ok := typ.FieldByName(f.Field); !ok {
			t.Errorf("finding %s names %q, not a PassportData field", f.Code, f.Field)
		}
		if !strings.HasSuffix(f.Sentence, ".") || f.Sentence[0] < 'A' || f.Sentence[0] > 'Z' {
			t.Errorf("finding %s is not a sentence: %q", f.Code, f.Sentence)
		}
	}
}

func TestFindingsTravelAsJSONWithSeverityWords(t *testing.T) {
	in := []Finding{{Field: "ExpirationDate", Severity: Problem, Code: CodePassportExpired, Sentence: "The passport expired on 2024-03-01."}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"severity":"problem"`) {
		t.Errorf("JSON %s does not name the severity", b)
	}
	var out []Finding
	if err := json.Unmarshal(b, &out); err != nil || !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: %v %+v", err, out)
	}
	if err := json.Unmarshal([]byte(`[{"severity":"fatal"}]`), &out); err == nil {
		t.Error("an unknown severity word was accepted")
	}
}

func TestMRZFindingsSuggestTheZonesValueInTheFieldsForm(t *testing.T) {
	german := func(d *api.PassportData) {
		*d = withZone(api.PassportData{DocumentCode: "P", IssuingAuthority: "D", Nationality: "D",
			FamilyNameEn: "Mustermann", FirstNameEn: "Erika", DocumentNumber: "C01X00T47", Gender: "F",
			Birthdate: date(1964, 8, 12), ExpirationDate: date(2027, 2, 28)})
	}
	for _, tc := range []struct {
		name            string
		edit            func(*api.PassportData)
		field, suggests string
	}{
		{"birth date", func(d *api.PassportData) { d.Birthdate = date(1988, 4, 14) }, "Birthdate", "1988-03-14"},
		{"empty expiry", func(d *api.PassportData) { d.ExpirationDate = api.Date{} }, "ExpirationDate", "2031-05-09"},
		{"sex", func(d *api.PassportData) { d.Gender, d.DetectedGender = "F", "" }, "Gender", "M"},
		{"surname", func(d *api.PassportData) { d.FamilyNameEn = "Hasan" }, "FamilyNameEn", "HASSAN"},
		{"document number", func(d *api.PassportData) { d.DocumentNumber = "A1234567" }, "DocumentNumber", "A12345678"},
		{"nationality written as a word", func(d *api.PassportData) { d.Nationality = "Egyptian" }, "Nationality", "EGY"},
		{"Germany's D as DEU", func(d *api.PassportData) { german(d); d.Nationality = "AUT" }, "Nationality", "DEU"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := egyptian()
			tc.edit(&d)
			var found []Finding
			for _, f := range Review(d, today) {
				if f.Field == tc.field && f.Suggestion != "" {
					found = append(found, f)
				}
			}
			if len(found) != 1 || found[0].Suggestion != tc.suggests {
				t.Errorf("suggestions for %s: %+v, want %q", tc.field, found, tc.suggests)
			}
		})
	}
}

func TestReviewOfTheICAOSpecimenFindsOnlyItsExpiry(t *testing.T) {
	age := 52
	d := api.PassportData{
		FamilyNameEn: "Eriksson", FirstNameEn: "Anna Maria", DocumentCode: "P", DocumentNumber: "L898902C3",
		IssuingAuthority: "UTO", Nationality: "UTO", Birthdate: date(1974, 8, 12), Gender: "F",
		DetectedGender: "Female", DetectedAge: &age, ExpirationDate: date(2012, 4, 15), IssueDate: date(2002, 4, 16),
		VisualZone: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\r\nL898902C36UTO7408122F1204159ZE184226B<<<<<10",
	}
	expect(t, Review(d, today), []want{{"ExpirationDate", Problem, CodePassportExpired, []string{"2012-04-15"}}})
}
