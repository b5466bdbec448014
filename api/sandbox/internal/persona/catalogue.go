package persona

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"time"
)

// The specimen personas. Every one is invented: names are common first and family names put
// together at random, document numbers and dates are made up, and every image is marked SPECIMEN.
var (
	Amina = Persona{
		Key: "amina", Surname: "ALMANSOURI", GivenNames: "AMINA KHALED",
		FirstNameAr: "أمينة", FatherNameAr: "خالد", FamilyNameAr: "المنصوري",
		Sex: "F", Nationality: "JOR", IssuingState: "JOR", DocumentNumber: "K4821907",
		BirthDate: Date(1991, time.July, 23), IssueDate: Date(2021, time.March, 15), ExpiryDate: Date(2031, time.March, 14),
		PlaceOfBirth: "AMMAN", IssuingAuthority: "CIVIL STATUS AND PASSPORTS",
	}
	Omar = Persona{
		Key: "omar", Surname: "ALHADDAD", GivenNames: "OMAR YOUSEF",
		FirstNameAr: "عمر", FatherNameAr: "يوسف", FamilyNameAr: "الحداد",
		Sex: "M", Nationality: "EGY", IssuingState: "EGY", DocumentNumber: "A27193846",
		BirthDate: Date(1985, time.February, 11), IssueDate: Date(2022, time.October, 2), ExpiryDate: Date(2029, time.October, 1),
		PlaceOfBirth: "CAIRO", IssuingAuthority: "PASSPORTS AND IMMIGRATION",
	}
	Layla = Persona{
		Key: "layla", Surname: "ALNOURI", GivenNames: "LAYLA SAMIR",
		FirstNameAr: "ليلى", FatherNameAr: "سمير", FamilyNameAr: "النوري",
		Sex: "F", Nationality: "ARE", IssuingState: "ARE", DocumentNumber: "XN0634182",
		BirthDate: Date(1998, time.December, 5), IssueDate: Date(2024, time.January, 20), ExpiryDate: Date(2029, time.January, 19),
		PlaceOfBirth: "DUBAI", IssuingAuthority: "IDENTITY AND CITIZENSHIP",
	}
	Yusuf = Persona{
		Key: "yusuf", Surname: "ALQASIMI", GivenNames: "YUSUF IBRAHIM",
		FirstNameAr: "يوسف", FatherNameAr: "إبراهيم", FamilyNameAr: "القاسمي",
		Sex: "M", Nationality: "SAU", IssuingState: "SAU", DocumentNumber: "F73305126",
		BirthDate: Date(1979, time.April, 30), IssueDate: Date(2019, time.June, 20), ExpiryDate: Date(2024, time.June, 19),
		PlaceOfBirth: "JEDDAH", IssuingAuthority: "GENERAL DIRECTORATE OF PASSPORTS",
	}
	// Hana carries ICAO 9303's own fictional state, Utopia (UTO), so a client meets an
	// unknown nationality code, and a personal number, so its check digit is exercised.
	Hana = Persona{
		Key: "hana", Surname: "ALALAMI", GivenNames: "HANA RASHID",
		FirstNameAr: "هناء", FatherNameAr: "رشيد", FamilyNameAr: "العلمي",
		Sex: "F", Nationality: "UTO", IssuingState: "UTO", DocumentNumber: "U5530927",
		PersonalNumber: "ZE184226B",
		BirthDate:      Date(2001, time.September, 14), IssueDate: Date(2023, time.May, 2), ExpiryDate: Date(2033, time.May, 1),
		PlaceOfBirth: "UTOPIA CITY", IssuingAuthority: "MINISTRY OF THE INTERIOR",
	}
)

// SpecimenFile describes one generated specimen image: what is drawn on it and how big.
type SpecimenFile struct {
	Name    string // file name under specimens/
	Persona Persona
	Width   int    // pixels; the height follows the passport page's proportions
	Format  string // "jpeg" or "png"
	Note    string // what the file is for in a demo
}

// Catalogue lists the specimen images in the order the index page shows them.
var Catalogue = []SpecimenFile{
	{"passport-amina-specimen.jpg", Amina, 1200, "jpeg", "the happy-path passport"},
	{"passport-omar-specimen.jpg", Omar, 1200, "jpeg", "a second persona"},
	{"passport-yusuf-expired-specimen.jpg", Yusuf, 1200, "jpeg", "expired in 2024, whatever the scenario"},
	{"passport-hana-utopia-specimen.png", Hana, 1000, "png", "PNG; nationality UTO (ICAO's fictional Utopia); personal number"},
	{"passport-layla-large-specimen.jpg", Layla, 3000, "jpeg", "a large scan (3000 px wide)"},
	{"passport-omar-tiny-specimen.jpg", Omar, 400, "jpeg", "too small to read (400 px wide)"},
}

// Hash-derived personas: a different upload gives a different person, the same upload always
// the same one.
var (
	maleFirst   = [][2]string{{"AHMAD", "أحمد"}, {"KARIM", "كريم"}, {"TAREK", "طارق"}, {"NABIL", "نبيل"}, {"SAMI", "سامي"}, {"ZIAD", "زياد"}, {"HAMZA", "حمزة"}, {"FARES", "فارس"}}
	femaleFirst = [][2]string{{"MARIAM", "مريم"}, {"SALMA", "سلمى"}, {"NOUR", "نور"}, {"DANA", "دانة"}, {"RANIA", "رانيا"}, {"HIBA", "هبة"}, {"LINA", "لينا"}, {"SARA", "سارة"}}
	fatherNames = [][2]string{{"MAHMOUD", "محمود"}, {"ADEL", "عادل"}, {"JAMAL", "جمال"}, {"HASSAN", "حسن"}, {"WALID", "وليد"}, {"MUNIR", "منير"}, {"RAMI", "رامي"}, {"BASSAM", "بسام"}}
	familyNames = [][2]string{{"ALSAYED", "السيد"}, {"ALKHATIB", "الخطيب"}, {"ALRASHID", "الراشد"}, {"ALAMIN", "الأمين"}, {"ALFARSI", "الفارسي"}, {"ALHASHIMI", "الهاشمي"}, {"ALTAMIMI", "التميمي"}, {"ALZAHRANI", "الزهراني"}}
	countries   = []struct{ code, city string }{{"JOR", "IRBID"}, {"EGY", "ALEXANDRIA"}, {"ARE", "ABU DHABI"}, {"SAU", "RIYADH"}, {"KWT", "KUWAIT"}, {"BHR", "MANAMA"}, {"OMN", "MUSCAT"}, {"MAR", "RABAT"}}
)

// FromHash derives a stable, valid persona from the SHA-256 of an uploaded image. Its dates are
// fixed ranges, not relative to today, so the answer never changes.
func FromHash(sum [sha256.Size]byte) Persona {
	pick := func(i int, n int) int { return int(sum[i]) % n }
	male := sum[0]&1 == 0
	first := femaleFirst[pick(1, len(femaleFirst))]
	sex := "F"
	if male {
		first, sex = maleFirst[pick(1, len(maleFirst))], "M"
	}
	father := fatherNames[pick(2, len(fatherNames))]
	family := familyNames[pick(3, len(familyNames))]
	country := countries[pick(4, len(countries))]
	birth := Date(1955, time.January, 1).AddDate(0, 0, int(binary.BigEndian.Uint16(sum[5:7]))%(50*365))
	issue := Date(2020, time.January, 1).AddDate(0, 0, int(binary.BigEndian.Uint16(sum[7:9]))%(6*365))
	return Persona{
		Key:     "hash-" + fmt.Sprintf("%x", sum[:4]),
		Surname: family[0], GivenNames: first[0] + " " + father[0],
		FirstNameAr: first[1], FatherNameAr: father[1], FamilyNameAr: family[1],
		Sex: sex, Nationality: country.code, IssuingState: country.code,
		DocumentNumber: fmt.Sprintf("%c%08d", 'A'+sum[9]%26, binary.BigEndian.Uint32(sum[10:14])%100000000),
		BirthDate:      birth, IssueDate: issue, ExpiryDate: issue.AddDate(10, 0, -1),
		PlaceOfBirth: country.city, IssuingAuthority: "PASSPORTS DEPARTMENT",
	}
}
