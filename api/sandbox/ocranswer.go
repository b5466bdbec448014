package sandbox

import (
	"net/http"
	"strconv"
	"time"
)

// passportDataJSON is the SDK's passport record, plus the detected age and gender the
// national-ID record has.
type passportDataJSON struct {
	CustomerID       string  `json:"customerId"`
	FirstNameEn      string  `json:"firstNameEn"`
	FamilyNameEn     string  `json:"familyNameEn"`
	FullNameEn       string  `json:"fullNameEn"`
	FullNameAr       *string `json:"fullNameAr"`
	FirstNameAr      *string `json:"firstNameAr"`
	FamilyNameAr     *string `json:"familyNameAr"`
	Birthdate        string  `json:"birthdate"`
	ExpirationDate   string  `json:"expirationDate"`
	Gender           string  `json:"gender"`
	DocumentNumber   string  `json:"documentNumber"`
	DocumentCode     string  `json:"documentCode"`
	IssuingAuthority string  `json:"issuingAuthority"`
	Nationality      string  `json:"nationality"`
	VisualZone       string  `json:"visualZone"`
	Photo            string  `json:"photo"`
	DetectedAge      any     `json:"detectedAge"`
	DetectedGender   string  `json:"detectedGender"`
}

// customerDataJSON is the record the update docs show, with national-ID fields: the ones a
// passport does not have are null, and fullName/firstName/familyName are the Arabic slots.
type customerDataJSON struct {
	CustomerID       string  `json:"customerId"`
	IDFrontScan      *string `json:"idFrontScan"`
	IDBackScan       *string `json:"idBackScan"`
	Photo            string  `json:"photo"`
	FullName         *string `json:"fullName"`
	FullNameEn       string  `json:"fullNameEn"`
	FirstName        *string `json:"firstName"`
	FirstNameEn      string  `json:"firstNameEn"`
	FamilyName       *string `json:"familyName"`
	FamilyNameEn     string  `json:"familyNameEn"`
	Address          *string `json:"address"`
	State            *string `json:"state"`
	Birthdate        string  `json:"birthdate"`
	IDNumber         *string `json:"idNumber"`
	IDNumberBack     *string `json:"idNumberBack"`
	DocumentNumber   string  `json:"documentNumber"`
	DocumentTypeID   string  `json:"documentTypeId"`
	DocumentTypeCode string  `json:"documentTypeCode"`
	IssueDate        string  `json:"issueDate"`
	Profession       *string `json:"profession"`
	MaritalStatus    *string `json:"maritalStatus"`
	Religion         *string `json:"religion"`
	Gender           string  `json:"gender"`
	Nationality      string  `json:"nationality"`
	DetectedAge      any     `json:"detectedAge"`
	DetectedGender   string  `json:"detectedGender"`
	ExpirationDate   string  `json:"expirationDate"`
}

type uploadAnswer struct {
	IsSuccess    bool              `json:"isSuccess"`
	Message      string            `json:"message"`
	PassportData *passportDataJSON `json:"passportData,omitempty"`
	CustomerData *customerDataJSON `json:"customerData,omitempty"`
}

func uploadSuccess(r *http.Request, sc *scenario, read ocrRead, now time.Time) uploadAnswer {
	out := uploadAnswer{IsSuccess: true, Message: msgOCRSucceeded.in(r)}
	if sc.dataKey == passportData || sc.dataKey == bothKeys {
		out.PassportData = passportRecord(sc, read, now)
	}
	if sc.dataKey == customerData || sc.dataKey == bothKeys {
		out.CustomerData = customerRecord(sc, read, now)
	}
	return out
}

// detectedAge is what the face model estimates: the true age (from the printed birth date
// before any misreading), as a number or a string depending on the scenario.
func detectedAge(sc *scenario, read ocrRead, now time.Time) any {
	p := read.p
	if sc.mrzMismatch {
		p.BirthDate = p.BirthDate.AddDate(0, 0, -5)
	}
	age := p.AgeOn(now)
	if sc.ageAsString {
		return strconv.Itoa(age)
	}
	return age
}

func passportRecord(sc *scenario, read ocrRead, now time.Time) *passportDataJSON {
	p := read.p
	rec := &passportDataJSON{
		CustomerID: read.customerID, FirstNameEn: p.FirstNameEn(), FamilyNameEn: p.Surname, FullNameEn: p.FullNameEn(),
		Birthdate: sc.dates.date(p.BirthDate), ExpirationDate: sc.dates.date(p.ExpiryDate), Gender: p.Sex,
		DocumentNumber: p.DocumentNumber, DocumentCode: "P", IssuingAuthority: p.IssuingState,
		Nationality: p.Nationality, VisualZone: read.visualZone, Photo: read.face,
		DetectedAge: detectedAge(sc, read, now), DetectedGender: p.Sex,
	}
	if read.arabic {
		rec.FullNameAr, rec.FirstNameAr, rec.FamilyNameAr = ptr(p.FullNameAr()), ptr(p.FirstNameAr), ptr(p.FamilyNameAr)
	}
	return rec
}

func customerRecord(sc *scenario, read ocrRead, now time.Time) *customerDataJSON {
	p := read.p
	rec := &customerDataJSON{
		CustomerID: read.customerID, Photo: read.face, FullNameEn: p.FullNameEn(), FirstNameEn: p.FirstNameEn(),
		FamilyNameEn: p.Surname, Birthdate: sc.dates.date(p.BirthDate), DocumentNumber: p.DocumentNumber,
		DocumentTypeID: "2", DocumentTypeCode: "P", IssueDate: sc.dates.date(p.IssueDate),
		Gender: p.Sex, Nationality: p.Nationality, DetectedAge: detectedAge(sc, read, now),
		DetectedGender: map[string]string{"M": "Male", "F": "Female"}[p.Sex],
		ExpirationDate: sc.dates.date(p.ExpiryDate),
	}
	if read.arabic {
		rec.FullName, rec.FirstName, rec.FamilyName = ptr(p.FullNameAr()), ptr(p.FirstNameAr), ptr(p.FamilyNameAr)
	} else {
		// A national-ID server without an Arabic reading puts the Latin name in fullName:
		// a client must not take it for the Arabic name.
		rec.FullName = ptr(p.FullNameEn())
	}
	return rec
}

func ptr(s string) *string { return &s }
