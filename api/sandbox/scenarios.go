package sandbox

import "strings"

// Scenario is one demo applicant: the applicant ID a user types at step 1 picks how the
// server behaves for the whole session.
type Scenario struct {
	ApplicantID string
	Name        string // "Happy path"
	Description string // one sentence: what the server will do
}

// Shapes describes the wire shapes the scenario answers with, for QA: data key, dates, codes.
// Worked out when asked (the index page), not for every listing: the wizard
// lists the scenarios before its first frame.
func (s Scenario) Shapes() string {
	if sc, ok := lookupScenario(s.ApplicantID); ok {
		return sc.shapes()
	}
	return ""
}

// behaviour is everything a scenario changes; the zero value is the happy path.
type behaviour struct {
	dataKey        dataKey
	dates          dateStyle
	numericCodes   bool // errorCode as a number instead of a string
	ageAsString    bool // detectedAge as "34" instead of 34
	namedMethod    bool // verification method as {id, nameEn, nameAr} instead of {value}
	method         int  // verification method the tenant requires (1 password, 2 email code)
	empty401       bool // 401 with an empty body and WWW-Authenticate instead of {message}
	docVerify404   bool // the documented VerifyPassword path does not exist here
	rotateToken    bool // Initialize answers a new token and retires the step-1 one
	wrongPassword  bool // no password is ever accepted
	ocrFails       bool
	expired        bool
	mrzMismatch    bool
	noArabicName   bool
	translationOff bool
	slowOCR        bool
	flaky          bool
	shortTTL       bool
}

type scenario struct {
	Scenario
	behaviour
}

type dataKey int

const (
	passportData dataKey = iota
	customerData
	bothKeys
)

func (k dataKey) String() string {
	return [...]string{"passportData", "customerData", "passportData and customerData"}[k]
}

// scenarios is the fixed, documented order: happy path first.
var scenarios = []scenario{
	{Scenario{ApplicantID: "DEMO-HAPPY", Name: "Happy path",
		Description: "Everything succeeds: password, OCR of the uploaded image, translation on and the Arabic name prefilled, one approval."},
		behaviour{dataKey: passportData, dates: zuluMillis, method: 1}},
	{Scenario{ApplicantID: "DEMO-LOCKOUT", Name: "Wrong-password lock-out",
		Description: "No password is accepted: each refusal says how many attempts are left, and the third locks the session (403)."},
		behaviour{dataKey: passportData, dates: dotnet7, numericCodes: true, ageAsString: true, namedMethod: true, method: 1, empty401: true, wrongPassword: true}},
	{Scenario{ApplicantID: "DEMO-OCRFAIL", Name: "OCR failure",
		Description: "Every upload answers 200 with isSuccess false and a message saying the passport could not be read."},
		behaviour{dataKey: customerData, dates: zuluMillis, method: 1, docVerify404: true, ocrFails: true}},
	{Scenario{ApplicantID: "DEMO-EXPIRED", Name: "Expired passport",
		Description: "OCR reads a passport whose expiry date passed two months ago (the MRZ agrees)."},
		behaviour{dataKey: passportData, dates: dateOnly, numericCodes: true, namedMethod: true, method: 1, expired: true}},
	{Scenario{ApplicantID: "DEMO-MRZ", Name: "MRZ disagrees with the fields",
		Description: "OCR's document number and birth date differ from the ones in the (valid) MRZ it returns."},
		behaviour{dataKey: passportData, dates: dotnet0, ageAsString: true, method: 1, empty401: true, docVerify404: true, mrzMismatch: true}},
	{Scenario{ApplicantID: "DEMO-NOTRANSLATE", Name: "Translation off",
		Description: "The translation step is disabled and OCR returns no Arabic name, so fullNameAr is sent as null; Initialize hands out a new token."},
		behaviour{dataKey: customerData, dates: dotnet7, numericCodes: true, namedMethod: true, method: 1, empty401: true, rotateToken: true, noArabicName: true, translationOff: true}},
	{Scenario{ApplicantID: "DEMO-NOARABIC", Name: "No Arabic name from OCR",
		Description: "Translation is on but OCR returns fullNameAr null, so the Arabic name must be typed; an empty one is refused with a 400 naming FullNameAr."},
		behaviour{dataKey: passportData, dates: zuluMillis, ageAsString: true, method: 1, docVerify404: true, noArabicName: true}},
	{Scenario{ApplicantID: "DEMO-SLOW", Name: "Slow OCR",
		Description: "The upload answers only after several seconds (6 s by default), or not at all if the client cancels."},
		behaviour{dataKey: bothKeys, dates: zuluMillis, numericCodes: true, method: 1, slowOCR: true}},
	{Scenario{ApplicantID: "DEMO-FLAKY", Name: "Flaky gateway (502)",
		Description: "A proxy answers an HTML 502 page to every other token request and to the first try of each later call that is safe to repeat; the client's one retry gets through."},
		behaviour{dataKey: customerData, dates: dateOnly, ageAsString: true, namedMethod: true, method: 1, empty401: true, flaky: true}},
	{Scenario{ApplicantID: "DEMO-EMAIL", Name: "Email-code verification",
		Description: "The tenant verifies updates with an email code (method 2), which this client does not support: it must stop."},
		behaviour{dataKey: passportData, dates: zuluMillis, numericCodes: true, namedMethod: true, method: 2}},
	{Scenario{ApplicantID: "DEMO-EXPIRING", Name: "Expiring token",
		Description: "The session token lives only 20 seconds; later calls answer 401 and a new session is needed."},
		behaviour{dataKey: passportData, dates: dotnet7, method: 1, empty401: true, docVerify404: true, shortTTL: true}},
}

// Scenarios lists every demo applicant in a fixed order, happy path first.
func Scenarios() []Scenario {
	out := make([]Scenario, len(scenarios))
	for i, sc := range scenarios {
		out[i] = sc.Scenario
	}
	return out
}

// lookupScenario matches an applicant ID the way a person types it: case and surrounding
// spaces do not matter.
func lookupScenario(applicantID string) (*scenario, bool) {
	id := strings.TrimSpace(applicantID)
	for i := range scenarios {
		if strings.EqualFold(scenarios[i].ApplicantID, id) {
			return &scenarios[i], true
		}
	}
	return nil, false
}

func (b behaviour) shapes() string {
	parts := []string{"OCR data under " + b.dataKey.String(), "dates " + b.dates.example()}
	if b.ocrFails {
		parts[0] = "upload answers isSuccess false with " + b.dataKey.String() + " null"
	}
	if b.numericCodes {
		parts = append(parts, "numeric errorCode")
	} else {
		parts = append(parts, "string errorCode")
	}
	if b.ageAsString {
		parts = append(parts, "detectedAge as a string")
	} else {
		parts = append(parts, "detectedAge as a number")
	}
	if b.namedMethod {
		parts = append(parts, "verification method as {id, nameEn, nameAr}")
	} else {
		parts = append(parts, "verification method as {value}")
	}
	if b.empty401 {
		parts = append(parts, "401 with an empty body")
	} else {
		parts = append(parts, "401 with {message}")
	}
	if b.docVerify404 {
		parts = append(parts, "VerifyPassword only on the SDK path (doc path 404)")
	}
	if b.rotateToken {
		parts = append(parts, "Initialize answers a new token and retires the old one")
	}
	return strings.Join(parts, "; ")
}
