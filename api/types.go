// Package api is the typed client for the vendor's eKYC "update passport" calls (see API.md):
// one Client, one method per call, tolerant decoding of every documented answer shape, and one
// typed error (*Error) that carries both the technical detail and the sentence a person reads.
package api

import (
	"fmt"
	"time"
)

// UpdateStep is the vendor's step enum (NationalID=1, Passport=2, …).
type UpdateStep int

const (
	StepNationalID        UpdateStep = 1
	StepPassport          UpdateStep = 2
	StepPhone             UpdateStep = 3
	StepEmail             UpdateStep = 4
	StepDevice            UpdateStep = 5
	StepLocation          UpdateStep = 6
	StepSecurityQuestions UpdateStep = 7
	StepPassword          UpdateStep = 8
)

// SessionRequest is the body of step 1 (GenerateUpdateRequestSessionToken).
type SessionRequest struct {
	TenantID     string
	TenantSecret string
	ApplicantID  string
	UpdateSteps  []UpdateStep
}

// Session is a session token and when it expires (zero when the server did not say).
type Session struct {
	Token     string
	ExpiresAt time.Time
}

// AllowedStep is one row of GetCurrentRequestSteps.
type AllowedStep struct {
	Step        UpdateStep
	LastUpdated Date
}

// VerificationMethod is the identity check the tenant requires (GetUpdateVerificationMethod).
// 1 password, 2 email code, 3 security question, 4 device, 5 phone code, 6 face.
type VerificationMethod struct {
	ID     int
	NameEn string
	NameAr string
}

const MethodPassword = 1

// Name is the method in plain words ("email code"), from the server's English name when given.
func (m VerificationMethod) Name() string {
	if m.NameEn != "" {
		return m.NameEn
	}
	switch m.ID {
	case 1:
		return "password"
	case 2:
		return "email code"
	case 3:
		return "security question"
	case 4:
		return "device"
	case 5:
		return "phone code"
	case 6:
		return "face"
	}
	return fmt.Sprintf("method %d", m.ID)
}

// Date is a calendar date. The server sends ISO-8601 with or without zone, 0–7 fraction digits,
// a bare date, or null; all of them decode to the date as written (no zone conversion).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

// String is YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time is the date at midnight UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// PassportData is the OCR answer: the union of the `passportData` (SDK, passport fields) and
// `customerData` (docs, national-ID fields) shapes. Missing or null fields are zero values.
type PassportData struct {
	// Source is the key the record came from: "passportData" or "customerData".
	Source string

	CustomerID string

	FullNameAr   string
	FirstNameAr  string
	FamilyNameAr string
	FullNameEn   string
	FirstNameEn  string
	FamilyNameEn string
	// FullName, FirstName, FamilyName are the customerData names (may be Arabic or Latin).
	FullName   string
	FirstName  string
	FamilyName string

	DocumentNumber   string
	DocumentCode     string
	DocumentTypeID   string
	DocumentTypeCode string
	IssuingAuthority string
	Nationality      string
	IssueDate        Date
	ExpirationDate   Date
	VisualZone       string // the MRZ text as the server sent it

	Birthdate      Date
	Gender         string
	DetectedGender string
	// DetectedAge is nil when absent; the server sends a number or a string.
	DetectedAge *int

	IDNumber      string
	IDNumberBack  string
	Address       string
	State         string
	Profession    string
	MaritalStatus string
	Religion      string

	Photo       string // probably base64 of the face crop; show only if it decodes
	IDFrontScan string
	IDBackScan  string
}

// UploadResult is a successful UploadPassportImage answer.
type UploadResult struct {
	Message string
	Data    PassportData
}
