// Package receipt writes the opt-in JSON record of one customer's case (mode 0600; no secrets, no
// image bytes), and lists a folder of them (List).
//
// A receipt is what a branch keeps, audits or attaches to a bug report: who served the customer
// and where, what OCR read, what the person corrected, which checks were raised, what was sent and
// how it ended. One is written for every customer whose scan reached the server, approved or not.
// It never holds the password, the token or the images: the record types have no field that
// could carry them.
package receipt

import (
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/checks"
)

// Correction is one field the person changed on the Review screen.
type Correction struct {
	Field     string `json:"field"`
	Original  string `json:"original"`
	Corrected string `json:"corrected"`
}

// Receipt is the record of one customer's case.
type Receipt struct {
	Tool string `json:"tool"` // "passport-update <version>"
	// Operator is the member of staff at the desk (--operator, by default the OS login); Host
	// is the workstation's name.
	Operator    string           `json:"operator"`
	Host        string           `json:"host"`
	ApplicantID string           `json:"applicantId,omitempty"`
	Outcome     string           `json:"outcome"` // Approved, Unknown, Refused or Abandoned
	ImageName   string           `json:"imageName"`
	ImageSize   int64            `json:"imageSize"`
	ImageSHA256 string           `json:"imageSha256,omitempty"`
	Extracted   Extracted        `json:"extracted"` // build it with FromPassport: no image bytes
	Corrections []Correction     `json:"corrections"`
	Findings    []checks.Finding `json:"findings"`
	FullNameAr  *string          `json:"fullNameArSent"`
	StartedAt   time.Time        `json:"startedAt"`
	FinishedAt  time.Time        `json:"finishedAt"`
	// Timings are named durations ("upload", "ocr", "approve"), written in nanoseconds.
	Timings map[string]time.Duration `json:"timingsNs"`
}

// Extracted is the OCR answer as a receipt keeps it: the api.PassportData fields under their
// wire names, dates as "YYYY-MM-DD" ("" when absent), and for the face photo and the scans only
// whether the server sent one — never their bytes.
type Extracted struct {
	Source     string `json:"source,omitempty"`
	CustomerID string `json:"customerId,omitempty"`

	FullNameAr   string `json:"fullNameAr,omitempty"`
	FirstNameAr  string `json:"firstNameAr,omitempty"`
	FamilyNameAr string `json:"familyNameAr,omitempty"`
	FullNameEn   string `json:"fullNameEn,omitempty"`
	FirstNameEn  string `json:"firstNameEn,omitempty"`
	FamilyNameEn string `json:"familyNameEn,omitempty"`
	FullName     string `json:"fullName,omitempty"`
	FirstName    string `json:"firstName,omitempty"`
	FamilyName   string `json:"familyName,omitempty"`

	DocumentNumber   string `json:"documentNumber,omitempty"`
	DocumentCode     string `json:"documentCode,omitempty"`
	DocumentTypeID   string `json:"documentTypeId,omitempty"`
	DocumentTypeCode string `json:"documentTypeCode,omitempty"`
	IssuingAuthority string `json:"issuingAuthority,omitempty"`
	Nationality      string `json:"nationality,omitempty"`
	IssueDate        string `json:"issueDate,omitempty"`
	ExpirationDate   string `json:"expirationDate,omitempty"`
	VisualZone       string `json:"visualZone,omitempty"`

	Birthdate      string `json:"birthdate,omitempty"`
	Gender         string `json:"gender,omitempty"`
	DetectedGender string `json:"detectedGender,omitempty"`
	DetectedAge    *int   `json:"detectedAge,omitempty"`

	IDNumber      string `json:"idNumber,omitempty"`
	IDNumberBack  string `json:"idNumberBack,omitempty"`
	Address       string `json:"address,omitempty"`
	State         string `json:"state,omitempty"`
	Profession    string `json:"profession,omitempty"`
	MaritalStatus string `json:"maritalStatus,omitempty"`
	Religion      string `json:"religion,omitempty"`

	HasPhoto       bool `json:"hasPhoto,omitempty"`
	HasIDFrontScan bool `json:"hasIdFrontScan,omitempty"`
	HasIDBackScan  bool `json:"hasIdBackScan,omitempty"`
}

// FromPassport copies d into a receipt's Extracted: dates become "YYYY-MM-DD" and the photo and
// scans become "was one sent" flags.
func FromPassport(d api.PassportData) Extracted {
	var age *int
	if d.DetectedAge != nil {
		n := *d.DetectedAge // the receipt must not share the caller's pointer
		age = &n
	}
	return Extracted{
		Source: d.Source, CustomerID: d.CustomerID,
		FullNameAr: d.FullNameAr, FirstNameAr: d.FirstNameAr, FamilyNameAr: d.FamilyNameAr,
		FullNameEn: d.FullNameEn, FirstNameEn: d.FirstNameEn, FamilyNameEn: d.FamilyNameEn,
		FullName: d.FullName, FirstName: d.FirstName, FamilyName: d.FamilyName,
		DocumentNumber: d.DocumentNumber, DocumentCode: d.DocumentCode, DocumentTypeID: d.DocumentTypeID,
		DocumentTypeCode: d.DocumentTypeCode, IssuingAuthority: d.IssuingAuthority, Nationality: d.Nationality,
		IssueDate: d.IssueDate.String(), ExpirationDate: d.ExpirationDate.String(), VisualZone: d.VisualZone,
		Birthdate: d.Birthdate.String(), Gender: d.Gender, DetectedGender: d.DetectedGender, DetectedAge: age,
		IDNumber: d.IDNumber, IDNumberBack: d.IDNumberBack, Address: d.Address, State: d.State,
		Profession: d.Profession, MaritalStatus: d.MaritalStatus, Religion: d.Religion,
		HasPhoto: d.Photo != "", HasIDFrontScan: d.IDFrontScan != "", HasIDBackScan: d.IDBackScan != "",
	}
}
