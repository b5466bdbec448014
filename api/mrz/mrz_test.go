package mrz

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// The specimen of ICAO 9303 Part 4, Appendix A (Anna Maria Eriksson of Utopia).
const (
	specimen1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
	specimen2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10"
)

// The German specimen passport (Erika Mustermann): one-letter state code, no personal number,
// '<' as the personal number's check digit.
const (
	german1 = "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<"
	german2 = "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"
)

func TestParseReadsTheICAOSpecimen(t *testing.T) {
	got, err := Parse(specimen1 + "\n" + specimen2)
	if err != nil {
		t.Fatal(err)
	}
	want := TD3{
		DocumentCode: "P", IssuingState: "UTO", Surname: "ERIKSSON", GivenNames: "ANNA MARIA",
		DocumentNumber: "L898902C3", Nationality: "UTO", BirthDate: "740812", Sex: "F",
		ExpiryDate: "120415", PersonalNumber: "ZE184226B", Line1: specimen1, Line2: specimen2,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse(specimen)\n got %+v\nwant %+v", got, want)
	}
	if !got.Valid() {
		t.Errorf("specimen check digits fail: %v", got.Failed)
	}
}

func TestParseReadsTheGermanSpecimenWithOneLetterStateAndNoPersonalNumber(t *testing.T) {
	got, err := Parse(german1 + "\n" + german2)
	if err != nil {
		t.Fatal(err)
	}
	if got.IssuingState != "D" || got.Nationality != "D" || got.Surname != "MUSTERMANN" ||
		got.GivenNames != "ERIKA" || got.PersonalNumber != "" || got.DocumentNumber != "C01X00T47" {
		t.Errorf("Parse(German specimen) = %+v", got)
	}
	if !got.Valid() {
		t.Errorf("German specimen check digits fail: %v", got.Failed)
	}
}

func TestParseToleratesHowServersSendTheZone(t *testing.T) {
	blanks := func(s string) string { return strings.ReplaceAll(s, "<", " ") }
	for _, tc := range []struct{ name, text string }{
		{"LF", specimen1 + "\n" + specimen2},
		{"CRLF", specimen1 + "\r\n" + specimen2 + "\r\n"},
		{"CR", specimen1 + "\r" + specimen2},
		{"one 88-character string", specimen1 + specimen2},
		{"one line, a space between", specimen1 + " " + specimen2},
		{"lower case", strings.ToLower(specimen1 + "\n" + specimen2)},
		{"surrounding whitespace and blank lines", "\n\t  " + specimen1 + "  \n\n  " + specimen2 + " \n"},
		{"OCR spaces inside the lines", "P<UTO ERIKSSON<<ANNA<MARIA<<<<< <<<<<<<<<<<<<<\nL898902C36 UTO 7408122 F 1204159 ZE184226B<<<<<10"},
		{"fillers read as blanks", "P " + blanks(specimen1[2:]) + "\n" + specimen2},
		{"trailing fillers trimmed by the server", strings.TrimRight(specimen1, "<") + "\n" + specimen2},
		{"wrapped at 40 columns", (specimen1 + specimen2)[:40] + "\n" + (specimen1 + specimen2)[40:80] + "\n" + (specimen1 + specimen2)[80:]},
		{"non-breaking spaces", specimen1 + "\u00a0\n\u00a0" + specimen2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.text)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.text, err)
			}
			if got.Line1 != specimen1 || got.Line2 != specimen2 || !got.Valid() {
				t.Errorf("Parse(%q) read\n%s\n%s\nfailed %v", tc.text, got.Line1, got.Line2, got.Failed)
			}
		})
	}
}

func TestParseRefusesWhatIsNotAPassportZoneWithASentence(t *testing.T) {
	td1 := "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
	for _, tc := range []struct{ name, text, says string }{
		{"empty", "  \r\n ", "empty"},
		{"first line of five", "P<UTO\n" + specimen2, "line 1 of the machine-readable zone has 5 characters"},
		{"second line one short", specimen1 + "\n" + specimen2[:43], "line 2 of the machine-readable zone has 43 characters"},
		{"first line one long", specimen1 + "<\n" + specimen2, "line 1 of the machine-readable zone has 45 characters"},
		{"one line of 87", specimen1 + specimen2[:43], "one line of 87 characters"},
		{"identity card", td1, "identity card (TD1)"},
		{"four lines", "A\nB\nC\nD", "has 4 lines"},
		{"three lines", "A\nB\nC", "has 3 lines"},
		{"TD2 document", "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6", "TD2 document"},
		{"visa", "V" + specimen1[1:] + "\n" + specimen2, "visa"},
		{"not a passport", "X" + specimen1[1:] + "\n" + specimen2, `starts with 'X'`},
		{"guillemet for filler", strings.Replace(specimen1, "<<", "«<", 1) + "\n" + specimen2, "'«' at position 14"},
		{"invalid UTF-8", specimen1 + "\n\xff" + specimen2[1:], "not valid text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.text)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want a *ParseError", tc.text, err)
			}
			if !strings.Contains(err.Error(), tc.says) || !strings.HasSuffix(err.Error(), ".") {
				t.Errorf("Parse(%q) error = %q, want a sentence saying %q", tc.text, err, tc.says)
			}
		})
	}
}

// alter replaces one character of line 2 of the specimen.
func alter(pos int, c byte) string {
	b := []byte(specimen2)
	b[pos] = c
	return specimen1 + "\n" + string(b)
}

func TestParseNamesEachFailingCheckDigit(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want []string
	}{
		{"document number misread", alter(3, '9'), []string{CheckDocumentNumber, CheckComposite}},
		{"document check digit misread", alter(9, '5'), []string{CheckDocumentNumber, CheckComposite}},
		{"birth date misread", alter(18, '3'), []string{CheckBirthDate, CheckComposite}},
		{"expiry date misread", alter(26, '6'), []string{CheckExpiryDate, CheckComposite}},
		{"expiry check digit is a letter O", alter(27, 'O'), []string{CheckExpiryDate, CheckComposite}},
		{"personal number misread", alter(30, '8'), []string{CheckPersonalNumber, CheckComposite}},
		{"composite misread", alter(43, '1'), []string{CheckComposite}},
		{"nationality misread (only the composite covers it? no: nothing does)", alter(10, 'X'), nil},
		{"sex misread (no check digit covers it)", alter(20, 'M'), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Failed, tc.want) {
				t.Errorf("Failed = %q, want %q", got.Failed, tc.want)
			}
		})
	}
}

func TestParseAcceptsEitherFillerOrZeroAsTheEmptyPersonalNumbersCheckDigit(t *testing.T) {
	l1, l2 := Compose(TD3{IssuingState: "GBR", Surname: "SMITH", GivenNames: "JOHN",
		DocumentNumber: "123456789", Nationality: "GBR", BirthDate: "850101", Sex: "M", ExpiryDate: "300101"})
	if l2[42] != '0' {
		t.Fatalf("Compose wrote %q as the empty personal number's check digit, want 0", l2[42])
	}
	if l1[:2] != "P<" {
		t.Errorf("Compose wrote document code %q for an empty one, want P<", l1[:2])
	}
	withFiller := l2[:42] + "<" + l2[43:] // '<' and '0' both weigh 0: the composite stays
	for _, line2 := range []string{l2, withFiller} {
		got, err := Parse(l1 + "\n" + line2)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Valid() {
			t.Errorf("Parse(%s) failed %v", line2, got.Failed)
		}
	}
	// A filler check digit beside a real personal number is a failure.
	got, _ := Parse(alter(42, '<'))
	if !reflect.DeepEqual(got.Failed, []string{CheckPersonalNumber, CheckComposite}) {
		t.Errorf("filler check digit for ZE184226B: Failed = %q", got.Failed)
	}
}

func TestParseSplitsNamesAtTheFirstDoubleFiller(t *testing.T) {
	for _, tc := range []struct{ field, surname, given string }{
		{"ERIKSSON<<ANNA<MARIA", "ERIKSSON", "ANNA MARIA"},
		{"VAN<DER<BERG<<JAN<PIETER", "VAN DER BERG", "JAN PIETER"},
		{"AL<RASHID<<MOHAMMED<<ALI", "AL RASHID", "MOHAMMED ALI"},
		{"MADONNA", "MADONNA", ""},
		{"<<ANNA", "", "ANNA"},
	} {
		got, err := Parse("P<UTO" + pad(tc.field, 39) + "\n" + specimen2)
		if err != nil {
			t.Fatal(err)
		}
		if got.Surname != tc.surname || got.GivenNames != tc.given {
			t.Errorf("%s: surname %q given %q, want %q %q", tc.field, got.Surname, got.GivenNames, tc.surname, tc.given)
		}
	}
}

func TestParseMarksAFullNameFieldAsPossiblyTruncated(t *testing.T) {
	full := "P<UTO" + "WOLFESCHLEGELSTEINHAUSENBERGER<<HUBERTO"
	got, err := Parse(full + "\n" + specimen2)
	if err != nil {
		t.Fatal(err)
	}
	if !got.NameTruncated {
		t.Error("a name field filled to its end is not marked NameTruncated")
	}
	if got, _ := Parse(specimen1 + "\n" + specimen2); got.NameTruncated {
		t.Error("the specimen's name is marked NameTruncated")
	}
}

func TestCheckDigitWeighs731(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want int
	}{
		{"L898902C3", 6}, // specimen document number
		{"740812", 2},
		{"120415", 9},
		{"ZE184226B<<<<<", 1},
		{"D23145890", 7}, // TD1 specimen document number
		{"C01X00T47", 8}, // German specimen
		{"<<<<<<<<<<<<<<", 0},
		{"l898902c3", 6}, // lower case weighs as upper
		{"", 0},
	} {
		if got := CheckDigit(tc.s); got != tc.want {
			t.Errorf("CheckDigit(%q) = %d, want %d", tc.s, got, tc.want)
		}
	}
}

func TestComposeWritesTheSpecimenBack(t *testing.T) {
	for _, lines := range [][2]string{{specimen1, specimen2}, {german1, german2[:42] + "0" + german2[43:]}} {
		parsed, err := Parse(lines[0] + "\n" + lines[1])
		if err != nil {
			t.Fatal(err)
		}
		l1, l2 := Compose(parsed)
		if l1 != lines[0] || l2 != lines[1] {
			t.Errorf("Compose(Parse(x))\n got %s\n     %s\nwant %s\n     %s", l1, l2, lines[0], lines[1])
		}
	}
}

func TestComposeTransliteratesAndFitsFields(t *testing.T) {
	l1, l2 := Compose(TD3{DocumentCode: "P", IssuingState: "deu", Surname: "Müller-Lüdenscheidt",
		GivenNames: "Jürgen Ørjan", DocumentNumber: "c01x00t47", Nationality: "D", BirthDate: "640812",
		Sex: "x", ExpiryDate: "270228", PersonalNumber: "12345678901234567890"})
	want1 := "P<DEUMUELLER<LUEDENSCHEIDT<<JUERGEN<OERJAN<<"
	if l1 != want1 {
		t.Errorf("line 1 = %s, want %s", l1, want1)
	}
	got, err := Parse(l1 + l2)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Valid() || got.Sex != "<" || got.PersonalNumber != "12345678901234" || got.DocumentNumber != "C01X00T47" {
		t.Errorf("Parse(Compose(…)) = %+v", got)
	}
}

func TestNameFieldWritesNamesAsICAODoes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Anna Maria", "ANNA<MARIA"},
		{"Müller", "MUELLER"},
		{"O'Neil", "ONEIL"},
		{"Jean-Pierre", "JEAN<PIERRE"},
		{"Ærøskøbing", "AEROESKOEBING"},
		{"José Ñúñez", "JOSE<NUNEZ"},
		{"Łukasz Świątek", "LUKASZ<SWIATEK"},
		{"  van  der Berg ", "VAN<DER<BERG"},
		{"Straße", "STRASSE"},
		{"محمد Ali", "ALI"},
		{"", ""},
	} {
		if got := NameField(tc.in); got != tc.want {
			t.Errorf("NameField(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameVariantsOfferBareLettersBesideICAOs(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Müller", []string{"MUELLER", "MULLER"}},
		{"Øystein Åsen", []string{"OEYSTEIN<AASEN", "OYSTEIN<ASEN"}},
		{"José", []string{"JOSE"}},
		{"Hassan", []string{"HASSAN"}},
	} {
		if got := NameVariants(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("NameVariants(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
