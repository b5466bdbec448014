package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

const aminaJPEG = "passport-amina-specimen.jpg"

// flows walks every scenario's whole session over HTTP, one function per applicant ID.
var flows = map[string]func(t *testing.T, g *rig){
	"DEMO-HAPPY": func(t *testing.T, g *rig) {
		tok := g.open("DEMO-HAPPY")
		steps := g.do("GET", apiSteps, tok, nil)
		wantStatus(t, "steps", steps, 200)
		var list []struct {
			UpdateStepID int `json:"updateStepId"`
		}
		if err := json.Unmarshal(steps.body, &list); err != nil || len(list) != 1 || list[0].UpdateStepID != 2 {
			t.Fatalf("steps = %s, want only step 2", steps.body)
		}
		wantStatus(t, "initialize", g.do("POST", apiInitialize, tok, nil), 200)
		if m := g.do("GET", apiMethod, tok, nil).obj(t); m["value"] != json.Number("1") {
			t.Fatalf("verification method = %v, want {value:1}", m)
		}
		wantStatus(t, "verify (doc path)", g.do("POST", apiVerifyDoc, tok, map[string]any{"password": Password, "updateStepId": 2}), 200)
		if m := g.do("GET", apiTranslation, tok, nil).obj(t); m["value"] != true {
			t.Fatalf("translation = %v, want true", m)
		}
		up := g.upload(tok, specimen(t, aminaJPEG))
		wantStatus(t, "upload", up, 200)
		d := data(t, up.obj(t))
		if d["fullNameAr"] != "أمينة خالد المنصوري" || d["documentNumber"] != "K4821907" {
			t.Fatalf("OCR read %v, %v; want Amina's passport", d["fullNameAr"], d["documentNumber"])
		}
		ap := g.approve(tok, d["fullNameAr"])
		wantStatus(t, "approve", ap, 200)
		if ap.obj(t)["status"] != json.Number("0") {
			t.Fatalf("approve = %s, want status 0", ap.body)
		}
	},
	"DEMO-LOCKOUT": func(t *testing.T, g *rig) {
		tok := g.open("DEMO-LOCKOUT")
		for i, want := range []struct {
			status int
			left   string
		}{{400, "2"}, {400, "1"}, {403, ""}} {
			r := g.verify(tok, Password) // even the right password is refused here
			wantStatus(t, "verify", r, want.status)
			msg, _ := r.obj(t)["message"].(string)
			if want.left != "" && !strings.Contains(msg, want.left) {
				t.Errorf("attempt %d: message %q does not say %s attempts are left", i+1, msg, want.left)
			}
			if want.left == "" && !strings.Contains(msg, "locked") {
				t.Errorf("attempt %d: message %q does not say the session is locked", i+1, msg)
			}
		}
		wantStatus(t, "upload after lock-out", g.upload(tok, specimen(t, aminaJPEG)), 403)
	},
	"DEMO-OCRFAIL": func(t *testing.T, g *rig) {
		tok := g.openVerified("DEMO-OCRFAIL")
		up := g.upload(tok, specimen(t, aminaJPEG))
		wantStatus(t, "upload", up, 200)
		ans := up.obj(t)
		if ans["isSuccess"] != false || ans["message"] == "" || ans["message"] == nil {
			t.Fatalf("upload = %s, want isSuccess false with a message", up.body)
		}
		wantStatus(t, "approve without a read passport", g.approve(tok, "أمينة خالد المنصوري"), 400)
	},
	"DEMO-EXPIRED": func(t *testing.T, g *rig) {
		tok := g.openVerified("DEMO-EXPIRED")
		d := data(t, g.upload(tok, specimen(t, aminaJPEG)).obj(t))
		exp, err := time.Parse("2006-01-02", d["expirationDate"].(string))
		if err != nil || !exp.Before(g.clock.Now()) {
			t.Fatalf("expirationDate = %v, want a bare date in the past", d["expirationDate"])
		}
		lines := strings.Split(d["visualZone"].(string), "\n")
		if got := lines[1][21:27]; got != exp.Format("060102") {
			t.Fatalf("MRZ expiry %s disagrees with the field %s", got, exp.Format("060102"))
		}
		wantStatus(t, "approve", g.approve(tok, d["fullNameAr"]), 200)
	},
	"DEMO-MRZ": func(t *testing.T, g *rig) {
		tok := g.openVerified("DEMO-MRZ")
		d := data(t, g.upload(tok, specimen(t, aminaJPEG)).obj(t))
		lines := strings.Split(d["visualZone"].(string), "\n")
		mrzDoc := strings.TrimRight(lines[1][0:9], "<")
		if mrzDoc == d["documentNumber"] {
			t.Fatalf("document number %v agrees with the MRZ; want a disagreement", d["documentNumber"])
		}
		if birth, _ := time.Parse("2006-01-02T15:04:05", d["birthdate"].(string)); birth.Format("060102") == lines[1][13:19] {
			t.Fatalf("birth date %v agrees with the MRZ; want a disagreement", d["birthdate"])
		}
		if !validTD3(lines) {
			t.Fatalf("the MRZ itself must stay valid: %q", lines)
		}
		wantStatus(t, "approve", g.approve(tok, d["fullNameAr"]), 200)
	},
	"DEMO-NOTRANSLATE": func(t *testing.T, g *rig) {
		old := g.open("DEMO-NOTRANSLATE")
		init := g.do("POST", apiInitialize, old, nil).obj(t)
		tok, _ := init["token"].(string)
		if tok == "" || tok == old {
			t.Fatalf("initialize = %v, want a new token", init)
		}
		wantStatus(t, "old token after rotation", g.do("GET", apiTranslation, old, nil), 401)
		if r := g.verify(tok, Password); r.status != 200 {
			t.Fatalf("verify with the new token: %d %s", r.status, r.body)
		}
		if m := g.do("GET", apiTranslation, tok, nil).obj(t); m["value"] != false {
			t.Fatalf("translation = %v, want false", m)
		}
		ans := g.upload(tok, specimen(t, aminaJPEG)).obj(t)
		d, ok := ans["customerData"].(map[string]any)
		if !ok || ans["passportData"] != nil {
			t.Fatalf("want customerData only, got %v", ans)
		}
		if d["fullName"] != "AMINA KHALED ALMANSOURI" || d["firstName"] != nil {
			t.Fatalf("fullName %v / firstName %v: want the Latin name and no Arabic", d["fullName"], d["firstName"])
		}
		wantStatus(t, "approve with null", g.approve(tok, nil), 200)
	},
	"DEMO-NOARABIC": func(t *testing.T, g *rig) {
		tok := g.open("DEMO-NOARABIC")
		wantStatus(t, "doc path", g.do("POST", apiVerifyDoc, tok, map[string]any{"password": Password, "updateStepId": 2}), 404)
		wantStatus(t, "SDK path", g.do("POST", apiVerifySDK, tok, map[string]any{"password": Password, "updateStepId": 2}), 200)
		d := data(t, g.upload(tok, specimen(t, aminaJPEG)).obj(t))
		if v, present := d["fullNameAr"]; !present || v != nil {
			t.Fatalf("fullNameAr = %v (present %v), want null", v, present)
		}
		for _, empty := range []any{nil, "", "   "} {
			r := g.approve(tok, empty)
			wantStatus(t, "approve with an empty name", r, 400)
			errs, _ := r.obj(t)["errors"].(map[string]any)
			if _, ok := errs["FullNameAr"]; !ok {
				t.Fatalf("approve(%q) = %s, want problem details naming FullNameAr", empty, r.body)
			}
		}
		wantStatus(t, "approve with a typed name", g.approve(tok, "أمينة خالد المنصوري"), 200)
	},
	"DEMO-SLOW": func(t *testing.T, g *rig) {
		tok := g.openVerified("DEMO-SLOW")
		ans := g.upload(tok, specimen(t, aminaJPEG)).obj(t)
		if ans["passportData"] == nil || ans["customerData"] == nil {
			t.Fatalf("want both passportData and customerData, got keys of %v", ans)
		}
		wantStatus(t, "approve", g.approve(tok, data(t, ans)["fullNameAr"]), 200)
	},
	"DEMO-FLAKY": func(t *testing.T, g *rig) {
		body := map[string]any{"tenantId": TenantID, "tenantSecret": TenantSecret, "applicantId": "DEMO-FLAKY", "updateSteps": []string{"2"}}
		if r := g.do("POST", apiToken, "", body); !r.isHTML502() {
			t.Fatalf("first token request: %d %s, want an HTML 502", r.status, r.header.Get("Content-Type"))
		}
		r := g.do("POST", apiToken, "", body)
		wantStatus(t, "second token request", r, 200)
		tok := r.obj(t)["token"].(string)
		for _, path := range []string{apiSteps, apiTranslation} {
			if first := g.do("GET", path, tok, nil); !first.isHTML502() {
				t.Fatalf("first GET %s: %d, want an HTML 502", path, first.status)
			}
			wantStatus(t, "retry of "+path, g.do("GET", path, tok, nil), 200)
		}
		// The calls a client must never repeat by itself get through the first time.
		wantStatus(t, "verify", g.do("POST", apiVerifyDoc, tok, map[string]any{"password": Password, "updateStepId": 2}), 200)
		up := g.do("POST", apiUpload, tok, map[string]any{"image": specimen(t, aminaJPEG)})
		wantStatus(t, "first upload", up, 200)
		d := data(t, up.obj(t))
		if d["fullName"] != "أمينة خالد المنصوري" {
			t.Fatalf("customerData fullName = %v, want the Arabic name", d["fullName"])
		}
		wantStatus(t, "approve", g.do("POST", apiApprove, tok, map[string]any{"fullNameAr": d["fullName"]}), 200)
	},
	"DEMO-EMAIL": func(t *testing.T, g *rig) {
		tok := g.open("DEMO-EMAIL")
		m := g.do("GET", apiMethod, tok, nil).obj(t)
		if m["id"] != json.Number("2") || m["nameEn"] == nil || m["nameAr"] == nil {
			t.Fatalf("verification method = %v, want {id:2, nameEn, nameAr}", m)
		}
		wantStatus(t, "verify password anyway", g.verify(tok, Password), 400)
	},
	"DEMO-EXPIRING": func(t *testing.T, g *rig) {
		r := g.do("POST", apiToken, "", map[string]any{"tenantId": TenantID, "tenantSecret": TenantSecret, "applicantId": "DEMO-EXPIRING"})
		wantStatus(t, "token", r, 200)
		ans := r.obj(t)
		exp, err := time.Parse("2006-01-02T15:04:05.0000000", ans["expirationDate"].(string))
		if err != nil || exp.Sub(g.clock.Now()) != DefaultExpiringTokenTTL {
			t.Fatalf("expirationDate = %v (%v), want now + %v", ans["expirationDate"], err, DefaultExpiringTokenTTL)
		}
		tok := ans["token"].(string)
		wantStatus(t, "verify", g.verify(tok, Password), 200)
		g.clock.Advance(DefaultExpiringTokenTTL)
		late := g.upload(tok, specimen(t, aminaJPEG))
		wantStatus(t, "upload after expiry", late, 401)
		if len(late.body) != 0 || !strings.HasPrefix(late.header.Get("WWW-Authenticate"), "Bearer") {
			t.Fatalf("401 = %q with WWW-Authenticate %q, want an empty body and a Bearer challenge", late.body, late.header.Get("WWW-Authenticate"))
		}
	},
}

func TestEveryScenarioWalksItsWholeFlow(t *testing.T) {
	for _, sc := range Scenarios() {
		t.Run(sc.ApplicantID, func(t *testing.T) {
			flow, ok := flows[sc.ApplicantID]
			if !ok {
				t.Fatalf("scenario %s has no flow test", sc.ApplicantID)
			}
			flow(t, newRig(t, Options{}))
		})
	}
	if len(flows) != len(Scenarios()) {
		t.Errorf("%d flows for %d scenarios", len(flows), len(Scenarios()))
	}
}

func TestScenariosAreListedHappyPathFirstWithDescriptions(t *testing.T) {
	list := Scenarios()
	if len(list) < 11 || list[0].ApplicantID != "DEMO-HAPPY" {
		t.Fatalf("scenarios = %v, want at least 11 with DEMO-HAPPY first", list)
	}
	seen := map[string]bool{}
	for _, sc := range list {
		if seen[sc.ApplicantID] {
			t.Errorf("applicant ID %s listed twice", sc.ApplicantID)
		}
		seen[sc.ApplicantID] = true
		if sc.Name == "" || !strings.HasSuffix(sc.Description, ".") || strings.Count(sc.Description, ". ") > 0 {
			t.Errorf("%s: want a name and a one-sentence description, got %q / %q", sc.ApplicantID, sc.Name, sc.Description)
		}
	}
}

func TestApplicantIDsMatchAsPeopleTypeThem(t *testing.T) {
	g := newRig(t, Options{})
	for _, id := range []string{"demo-happy", "  Demo-Happy ", "DEMO-HAPPY"} {
		r := g.do("POST", apiToken, "", map[string]any{"tenantId": TenantID, "tenantSecret": TenantSecret, "applicantId": id})
		wantStatus(t, "applicant "+id, r, http.StatusOK)
	}
}
