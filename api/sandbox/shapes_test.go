package sandbox

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// observed is what a client meets in one scenario's answers.
type observed struct {
	errorCode   string // "string" or "number"
	method      string // "value" or "named"
	dataKeys    string // "passportData", "customerData", "both" or "" if no OCR record
	dates       string // which date style birthdate uses
	detectedAge string // "string" or "number"
	unauth      string // "empty" or "message"
}

var dateStyles = []struct {
	name string
	re   *regexp.Regexp
}{
	{"zulu-millis", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)},
	{"dotnet-7-digits", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$`)},
	{"dotnet-no-zone", regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`)},
	{"date-only", regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)},
}

func jsonType(v any) string {
	switch v.(type) {
	case json.Number:
		return "number"
	case string:
		return "string"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func observe(t *testing.T, applicant string) observed {
	t.Helper()
	g := newRig(t, Options{})
	var o observed
	tok := g.open(applicant)
	if init := g.retry("POST", apiInitialize, tok, nil).obj(t); init["token"] != nil {
		tok = init["token"].(string)
	}
	if m := g.retry("GET", apiMethod, tok, nil).obj(t); m["value"] != nil {
		o.method = "value"
	} else if m["id"] != nil && m["nameEn"] != nil {
		o.method = "named"
	}
	// A failure's errorCode: a wrong password, or the method refusal of an email tenant.
	o.errorCode = jsonType(g.verify(tok, "wrong password").obj(t)["errorCode"])

	if r := g.verify(tok, Password); r.status == 200 {
		ans := g.upload(tok, specimen(t, aminaJPEG)).obj(t)
		_, pd := ans["passportData"].(map[string]any)
		_, cd := ans["customerData"].(map[string]any)
		switch {
		case pd && cd:
			o.dataKeys = "both"
		case pd:
			o.dataKeys = "passportData"
		case cd:
			o.dataKeys = "customerData"
		}
		if o.dataKeys != "" {
			d := data(t, ans)
			o.detectedAge = jsonType(d["detectedAge"])
			for _, st := range dateStyles {
				if st.re.MatchString(d["birthdate"].(string)) {
					o.dates = st.name
				}
			}
			if o.dates == "" {
				t.Errorf("%s: birthdate %q has no known style", applicant, d["birthdate"])
			}
		}
	}
	g.clock.Advance(24 * time.Hour)
	r := g.retry("GET", apiTranslation, tok, nil)
	wantStatus(t, "call after expiry", r, 401)
	if len(r.body) == 0 {
		o.unauth = "empty"
	} else if r.obj(t)["message"] != nil {
		o.unauth = "message"
	}
	return o
}

func TestScenariosAnswerInTheirOwnShapes(t *testing.T) {
	want := map[string]observed{
		"DEMO-HAPPY":       {"string", "value", "passportData", "zulu-millis", "number", "message"},
		"DEMO-LOCKOUT":     {"number", "named", "", "", "", "empty"},
		"DEMO-OCRFAIL":     {"string", "value", "", "", "", "message"},
		"DEMO-EXPIRED":     {"number", "named", "passportData", "date-only", "number", "message"},
		"DEMO-MRZ":         {"string", "value", "passportData", "dotnet-no-zone", "string", "empty"},
		"DEMO-NOTRANSLATE": {"number", "named", "customerData", "dotnet-7-digits", "number", "empty"},
		"DEMO-NOARABIC":    {"string", "value", "passportData", "zulu-millis", "string", "message"},
		"DEMO-SLOW":        {"number", "value", "both", "zulu-millis", "number", "message"},
		"DEMO-FLAKY":       {"string", "named", "customerData", "date-only", "string", "empty"},
		"DEMO-EMAIL":       {"number", "named", "", "", "", "message"},
		"DEMO-EXPIRING":    {"string", "value", "passportData", "dotnet-7-digits", "number", "empty"},
	}
	seen := map[string]map[string]bool{}
	note := func(k, v string) {
		if v == "" {
			return
		}
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][v] = true
	}
	for _, sc := range Scenarios() {
		t.Run(sc.ApplicantID, func(t *testing.T) {
			got := observe(t, sc.ApplicantID)
			if w, ok := want[sc.ApplicantID]; !ok || got != w {
				t.Errorf("shapes %+v, want %+v", got, w)
			}
			note("errorCode", got.errorCode)
			note("method", got.method)
			note("dataKeys", got.dataKeys)
			note("dates", got.dates)
			note("detectedAge", got.detectedAge)
			note("unauth", got.unauth)
		})
	}
	// Across the scenarios a client meets every variant API.md lists.
	wantVariants := map[string]int{"errorCode": 2, "method": 2, "dataKeys": 3, "dates": 4, "detectedAge": 2, "unauth": 2}
	for k, n := range wantVariants {
		if len(seen[k]) != n {
			var got []string
			for v := range seen[k] {
				got = append(got, v)
			}
			sort.Strings(got)
			t.Errorf("%s variants seen: %s; want %d", k, strings.Join(got, ", "), n)
		}
	}
}

func TestScenarioShapesAreDescribedForQA(t *testing.T) {
	for _, sc := range Scenarios() {
		if shapes := sc.Shapes(); !strings.Contains(shapes, "errorCode") || !strings.Contains(shapes, "dates") {
			t.Errorf("%s: shapes %q do not describe the wire", sc.ApplicantID, shapes)
		}
	}
}
