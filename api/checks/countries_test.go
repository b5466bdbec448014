package checks

import (
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

func TestCountriesAreTheOfficiallyAssignedISOCodes(t *testing.T) {
	list := Countries()
	if len(list) != 249 {
		t.Errorf("Countries() has %d codes; ISO 3166-1 assigns 249", len(list))
	}
	seen := map[string]bool{}
	for _, c := range list {
		if seen[c.Code] {
			t.Errorf("%s listed twice", c.Code)
		}
		seen[c.Code] = true
		// x/text carries CLDR's copy of the ISO registry: a second source for every code.
		r, err := language.ParseRegion(c.Code)
		if err != nil || r.ISO3() != c.Code || !r.IsCountry() {
			t.Errorf("%s (%s) is not an assigned ISO 3166-1 country code (%v)", c.Code, c.Name, err)
		}
	}
	// And every country CLDR knows by an assigned alpha-2 code is in the list.
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err == nil && r.IsCountry() && len(r.ISO3()) == 3 && r.ISO3() != "ZZZ" && !seen[r.ISO3()] && !transitional[r.ISO3()] {
				t.Errorf("%s (%s) is missing", r.ISO3(), r)
			}
		}
	}
}

// transitional are withdrawn or reserved codes CLDR still parses (Yugoslavia, the USSR, East
// Germany, Kosovo's user-assigned XKK…): no passport issued today carries them.
var transitional = map[string]bool{
	"ASC": true, "ANT": true, "BUR": true, "CPT": true, "SCG": true, "CTE": true, "DDR": true,
	"DGA": true, "DHY": true, "FXX": true, "HVO": true, "JTN": true, "MID": true, "NHB": true,
	"ATN": true, "NTZ": true, "PCI": true, "PUS": true, "PCZ": true, "RHO": true, "SUN": true,
	"TAA": true, "TMP": true, "VDR": true, "WAK": true, "XKK": true, "YMD": true, "YUG": true, "ZAR": true,
}

func TestCountriesAreSortedByNameAsPeopleRead(t *testing.T) {
	list := Countries()
	c := collate.New(language.English, collate.Loose)
	for i := 1; i < len(list); i++ {
		if c.CompareString(list[i-1].Name, list[i].Name) > 0 {
			t.Errorf("%q sorts before %q", list[i-1].Name, list[i].Name)
		}
	}
	if list[0].Name != "Afghanistan" || list[1].Name != "Åland Islands" || list[len(list)-1].Name != "Zimbabwe" {
		t.Errorf("first %q, %q, last %q", list[0].Name, list[1].Name, list[len(list)-1].Name)
	}
	list[0].Name = "changed"
	if Countries()[0].Name != "Afghanistan" {
		t.Error("Countries() hands out its own table")
	}
}

func TestCountryNameReadsCodesInAnyCase(t *testing.T) {
	for _, tc := range []struct {
		code, name string
		ok         bool
	}{
		{"EGY", "Egypt", true},
		{"egy", "Egypt", true},
		{" Jor ", "Jordan", true},
		{"D<<", "Germany", true},
		{"D", "Germany", true},
		{"GBR", "United Kingdom of Great Britain and Northern Ireland", true},
		{"GBO", "British Overseas Citizen", true},
		{"XXA", "Stateless person", true},
		{"UTO", "Utopia (ICAO specimen)", true},
		{"CIV", "Côte d'Ivoire", true},
		{"XYZ", "", false},
		{"EG", "", false},
		{"", "", false},
	} {
		name, ok := CountryName(tc.code)
		if name != tc.name || ok != tc.ok {
			t.Errorf("CountryName(%q) = %q, %v; want %q, %v", tc.code, name, ok, tc.name, tc.ok)
		}
	}
}

func TestICAOCodesAreNotISOCodes(t *testing.T) {
	iso := map[string]bool{}
	for _, c := range Countries() {
		iso[c.Code] = true
	}
	for _, c := range ICAOCodes() {
		if iso[c.Code] {
			t.Errorf("%s is both an ISO and an ICAO-only code", c.Code)
		}
	}
}
