package checks

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Country is one ISO 3166-1 alpha-3 code.
type Country struct{ Code, Name string }

// iso3166 holds every officially assigned ISO 3166-1 alpha-3 code (249) with its English short
// name as ISO publishes it (leading "the" dropped, as in the ISO list's sorted form).
var iso3166 = []Country{
	{"ABW", "Aruba"}, {"AFG", "Afghanistan"}, {"AGO", "Angola"}, {"AIA", "Anguilla"},
	{"ALA", "Åland Islands"}, {"ALB", "Albania"}, {"AND", "Andorra"}, {"ARE", "United Arab Emirates"},
	{"ARG", "Argentina"}, {"ARM", "Armenia"}, {"ASM", "American Samoa"}, {"ATA", "Antarctica"},
	{"ATF", "French Southern Territories"}, {"ATG", "Antigua and Barbuda"}, {"AUS", "Australia"},
	{"AUT", "Austria"}, {"AZE", "Azerbaijan"}, {"BDI", "Burundi"}, {"BEL", "Belgium"}, {"BEN", "Benin"},
	{"BES", "Bonaire, Sint Eustatius and Saba"}, {"BFA", "Burkina Faso"}, {"BGD", "Bangladesh"},
	{"BGR", "Bulgaria"}, {"BHR", "Bahrain"}, {"BHS", "Bahamas"}, {"BIH", "Bosnia and Herzegovina"},
	{"BLM", "Saint Barthélemy"}, {"BLR", "Belarus"}, {"BLZ", "Belize"}, {"BMU", "Bermuda"},
	{"BOL", "Bolivia (Plurinational State of)"}, {"BRA", "Brazil"}, {"BRB", "Barbados"},
	{"BRN", "Brunei Darussalam"}, {"BTN", "Bhutan"}, {"BVT", "Bouvet Island"}, {"BWA", "Botswana"},
	{"CAF", "Central African Republic"}, {"CAN", "Canada"}, {"CCK", "Cocos (Keeling) Islands"},
	{"CHE", "Switzerland"}, {"CHL", "Chile"}, {"CHN", "China"}, {"CIV", "Côte d'Ivoire"},
	{"CMR", "Cameroon"}, {"COD", "Congo, Democratic Republic of the"}, {"COG", "Congo"},
	{"COK", "Cook Islands"}, {"COL", "Colombia"}, {"COM", "Comoros"}, {"CPV", "Cabo Verde"},
	{"CRI", "Costa Rica"}, {"CUB", "Cuba"}, {"CUW", "Curaçao"}, {"CXR", "Christmas Island"},
	{"CYM", "Cayman Islands"}, {"CYP", "Cyprus"}, {"CZE", "Czechia"}, {"DEU", "Germany"},
	{"DJI", "Djibouti"}, {"DMA", "Dominica"}, {"DNK", "Denmark"}, {"DOM", "Dominican Republic"},
	{"DZA", "Algeria"}, {"ECU", "Ecuador"}, {"EGY", "Egypt"}, {"ERI", "Eritrea"},
	{"ESH", "Western Sahara"}, {"ESP", "Spain"}, {"EST", "Estonia"}, {"ETH", "Ethiopia"},
	{"FIN", "Finland"}, {"FJI", "Fiji"}, {"FLK", "Falkland Islands (Malvinas)"}, {"FRA", "France"},
	{"FRO", "Faroe Islands"}, {"FSM", "Micronesia (Federated States of)"}, {"GAB", "Gabon"},
	{"GBR", "United Kingdom of Great Britain and Northern Ireland"}, {"GEO", "Georgia"},
	{"GGY", "Guernsey"}, {"GHA", "Ghana"}, {"GIB", "Gibraltar"}, {"GIN", "Guinea"},
	{"GLP", "Guadeloupe"}, {"GMB", "Gambia"}, {"GNB", "Guinea-Bissau"}, {"GNQ", "Equatorial Guinea"},
	{"GRC", "Greece"}, {"GRD", "Grenada"}, {"GRL", "Greenland"}, {"GTM", "Guatemala"},
	{"GUF", "French Guiana"}, {"GUM", "Guam"}, {"GUY", "Guyana"}, {"HKG", "Hong Kong"},
	{"HMD", "Heard Island and McDonald Islands"}, {"HND", "Honduras"}, {"HRV", "Croatia"},
	{"HTI", "Haiti"}, {"HUN", "Hungary"}, {"IDN", "Indonesia"}, {"IMN", "Isle of Man"},
	{"IND", "India"}, {"IOT", "British Indian Ocean Territory"}, {"IRL", "Ireland"},
	{"IRN", "Iran (Islamic Republic of)"}, {"IRQ", "Iraq"}, {"ISL", "Iceland"}, {"ISR", "Israel"},
	{"ITA", "Italy"}, {"JAM", "Jamaica"}, {"JEY", "Jersey"}, {"JOR", "Jordan"}, {"JPN", "Japan"},
	{"KAZ", "Kazakhstan"}, {"KEN", "Kenya"}, {"KGZ", "Kyrgyzstan"}, {"KHM", "Cambodia"},
	{"KIR", "Kiribati"}, {"KNA", "Saint Kitts and Nevis"}, {"KOR", "Korea, Republic of"},
	{"KWT", "Kuwait"}, {"LAO", "Lao People's Democratic Republic"}, {"LBN", "Lebanon"},
	{"LBR", "Liberia"}, {"LBY", "Libya"}, {"LCA", "Saint Lucia"}, {"LIE", "Liechtenstein"},
	{"LKA", "Sri Lanka"}, {"LSO", "Lesotho"}, {"LTU", "Lithuania"}, {"LUX", "Luxembourg"},
	{"LVA", "Latvia"}, {"MAC", "Macao"}, {"MAF", "Saint Martin (French part)"}, {"MAR", "Morocco"},
	{"MCO", "Monaco"}, {"MDA", "Moldova, Republic of"}, {"MDG", "Madagascar"}, {"MDV", "Maldives"},
	{"MEX", "Mexico"}, {"MHL", "Marshall Islands"}, {"MKD", "North Macedonia"}, {"MLI", "Mali"},
	{"MLT", "Malta"}, {"MMR", "Myanmar"}, {"MNE", "Montenegro"}, {"MNG", "Mongolia"},
	{"MNP", "Northern Mariana Islands"}, {"MOZ", "Mozambique"}, {"MRT", "Mauritania"},
	{"MSR", "Montserrat"}, {"MTQ", "Martinique"}, {"MUS", "Mauritius"}, {"MWI", "Malawi"},
	{"MYS", "Malaysia"}, {"MYT", "Mayotte"}, {"NAM", "Namibia"}, {"NCL", "New Caledonia"},
	{"NER", "Niger"}, {"NFK", "Norfolk Island"}, {"NGA", "Nigeria"}, {"NIC", "Nicaragua"},
	{"NIU", "Niue"}, {"NLD", "Netherlands, Kingdom of the"}, {"NOR", "Norway"}, {"NPL", "Nepal"},
	{"NRU", "Nauru"}, {"NZL", "New Zealand"}, {"OMN", "Oman"}, {"PAK", "Pakistan"}, {"PAN", "Panama"},
	{"PCN", "Pitcairn"}, {"PER", "Peru"}, {"PHL", "Philippines"}, {"PLW", "Palau"},
	{"PNG", "Papua New Guinea"}, {"POL", "Poland"}, {"PRI", "Puerto Rico"},
	{"PRK", "Korea (Democratic People's Republic of)"}, {"PRT", "Portugal"}, {"PRY", "Paraguay"},
	{"PSE", "Palestine, State of"}, {"PYF", "French Polynesia"}, {"QAT", "Qatar"}, {"REU", "Réunion"},
	{"ROU", "Romania"}, {"RUS", "Russian Federation"}, {"RWA", "Rwanda"}, {"SAU", "Saudi Arabia"},
	{"SDN", "Sudan"}, {"SEN", "Senegal"}, {"SGP", "Singapore"},
	{"SGS", "South Georgia and the South Sandwich Islands"},
	{"SHN", "Saint Helena, Ascension and Tristan da Cunha"}, {"SJM", "Svalbard and Jan Mayen"},
	{"SLB", "Solomon Islands"}, {"SLE", "Sierra Leone"}, {"SLV", "El Salvador"}, {"SMR", "San Marino"},
	{"SOM", "Somalia"}, {"SPM", "Saint Pierre and Miquelon"}, {"SRB", "Serbia"}, {"SSD", "South Sudan"},
	{"STP", "Sao Tome and Principe"}, {"SUR", "Suriname"}, {"SVK", "Slovakia"}, {"SVN", "Slovenia"},
	{"SWE", "Sweden"}, {"SWZ", "Eswatini"}, {"SXM", "Sint Maarten (Dutch part)"}, {"SYC", "Seychelles"},
	{"SYR", "Syrian Arab Republic"}, {"TCA", "Turks and Caicos Islands"}, {"TCD", "Chad"},
	{"TGO", "Togo"}, {"THA", "Thailand"}, {"TJK", "Tajikistan"}, {"TKL", "Tokelau"},
	{"TKM", "Turkmenistan"}, {"TLS", "Timor-Leste"}, {"TON", "Tonga"}, {"TTO", "Trinidad and Tobago"},
	{"TUN", "Tunisia"}, {"TUR", "Türkiye"}, {"TUV", "Tuvalu"}, {"TWN", "Taiwan, Province of China"},
	{"TZA", "Tanzania, United Republic of"}, {"UGA", "Uganda"}, {"UKR", "Ukraine"},
	{"UMI", "United States Minor Outlying Islands"}, {"URY", "Uruguay"},
	{"USA", "United States of America"}, {"UZB", "Uzbekistan"}, {"VAT", "Holy See"},
	{"VCT", "Saint Vincent and the Grenadines"}, {"VEN", "Venezuela (Bolivarian Republic of)"},
	{"VGB", "Virgin Islands (British)"}, {"VIR", "Virgin Islands (U.S.)"}, {"VNM", "Viet Nam"},
	{"VUT", "Vanuatu"}, {"WLF", "Wallis and Futuna"}, {"WSM", "Samoa"}, {"YEM", "Yemen"},
	{"ZAF", "South Africa"}, {"ZMB", "Zambia"}, {"ZWE", "Zimbabwe"},
}

// icaoCodes are the codes ICAO 9303 Part 3 (section 5) adds for travel documents: they appear in
// real passports' nationality and issuing-state fields, so a nationality holding one is not an
// error even though ISO 3166 does not list it. UTO is the fictional state of ICAO's specimens.
var icaoCodes = []Country{
	{"D", "Germany"},
	{"EUE", "European Union"},
	{"GBD", "British Overseas Territories Citizen"},
	{"GBN", "British National (Overseas)"},
	{"GBO", "British Overseas Citizen"},
	{"GBP", "British Protected Person"},
	{"GBS", "British Subject"},
	{"RKS", "Kosovo"},
	{"UNA", "United Nations specialized agency"},
	{"UNK", "Kosovo (United Nations Interim Administration)"},
	{"UNO", "United Nations"},
	{"XBA", "African Development Bank"},
	{"XCC", "Caribbean Community"},
	{"XCO", "Common Market for Eastern and Southern Africa"},
	{"XEC", "Economic Community of West African States"},
	{"XES", "Organisation of Eastern Caribbean States"},
	{"XIM", "African Export-Import Bank"},
	{"XOM", "Sovereign Military Order of Malta"},
	{"XPO", "Interpol"},
	{"XXA", "Stateless person"},
	{"XXB", "Refugee (1951 Convention)"},
	{"XXC", "Refugee (other)"},
	{"XXX", "Unspecified nationality"},
	{"UTO", "Utopia (ICAO specimen)"},
}

var (
	tableOnce sync.Once
	byName    []Country          // iso3166 sorted by name
	byCode    map[string]Country // ISO and ICAO codes
)

func tables() {
	tableOnce.Do(func() {
		byName = append([]Country(nil), iso3166...)
		keys := make(map[string]string, len(byName))
		for _, c := range byName {
			keys[c.Name] = sortKey(c.Name)
		}
		sort.SliceStable(byName, func(i, j int) bool { return keys[byName[i].Name] < keys[byName[j].Name] })
		byCode = make(map[string]Country, len(iso3166)+len(icaoCodes))
		for _, list := range [][]Country{iso3166, icaoCodes} {
			for _, c := range list {
				byCode[c.Code] = c
			}
		}
	})
}

// sortKey is a name as people alphabetise it: accents and case ignored, so Åland sorts with A
// and Côte with Co (what a collator's loose English order gives for these names, without
// linking a collator and its tables into the binary).
func sortKey(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Countries is the ISO 3166-1 alpha-3 list sorted by English name, for the nationality picker.
// It is a fresh copy: callers may reorder it.
func Countries() []Country {
	tables()
	return append([]Country(nil), byName...)
}

// ICAOCodes are the non-ISO codes ICAO allows in passports (D for Germany, GBN, UNO, XXA for
// stateless persons, UTO of the specimens…), sorted by code; a picker may offer them after the
// countries.
func ICAOCodes() []Country {
	out := append([]Country(nil), icaoCodes...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// CountryName names an ISO 3166-1 alpha-3 code or one of the ICAO codes, in any letter case and
// with the zone's fillers or spaces around it ("egy", "D<<" → Germany).
func CountryName(code string) (string, bool) {
	tables()
	c, ok := byCode[normalCode(code)]
	return c.Name, ok
}

func normalCode(code string) string {
	return strings.ToUpper(strings.Trim(code, " \t<"))
}

// sameCountry compares two nationality codes, reading Germany's one-letter ICAO code D as DEU.
func sameCountry(a, b string) bool {
	canon := func(s string) string {
		if s = normalCode(s); s == "D" {
			return "DEU"
		}
		return s
	}
	return canon(a) == canon(b)
}
