package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// everyCall runs each API call once with realistic arguments.
var everyCall = []struct {
	name string
	run  func(ctx context.Context, c *api.Client) error
}{
	{"GenerateUpdateRequestSessionToken", func(ctx context.Context, c *api.Client) error {
		_, err := c.GenerateUpdateRequestSessionToken(ctx, api.SessionRequest{TenantID: "tenant-17", TenantSecret: testTenantSecret, ApplicantID: "APP-2025-0042", UpdateSteps: []api.UpdateStep{api.StepPassport}})
		return err
	}},
	{"GetCurrentRequestSteps", func(ctx context.Context, c *api.Client) error {
		_, err := c.GetCurrentRequestSteps(ctx)
		return err
	}},
	{"Initialize", func(ctx context.Context, c *api.Client) error {
		_, err := c.Initialize(ctx, api.StepPassport)
		return err
	}},
	{"GetUpdateVerificationMethod", func(ctx context.Context, c *api.Client) error {
		_, err := c.GetUpdateVerificationMethod(ctx, api.StepPassport)
		return err
	}},
	{"VerifyPassword", func(ctx context.Context, c *api.Client) error {
		return c.VerifyPassword(ctx, testPassword, api.StepPassport)
	}},
	{"UploadPassportImage", func(ctx context.Context, c *api.Client) error {
		img := specimenJPEG(nil, 64)
		_, err := c.UploadPassportImage(ctx, api.UploadRequest{Image: strings.NewReader(string(img)), Size: int64(len(img))})
		return err
	}},
	{"IsTranslationStepEnabled", func(ctx context.Context, c *api.Client) error {
		_, err := c.IsTranslationStepEnabled(ctx)
		return err
	}},
	{"Approve", func(ctx context.Context, c *api.Client) error {
		name := "محمد أحمد"
		return c.Approve(ctx, &name)
	}},
}

// TestEveryCallTurnsServerFaultsIntoOneTypedErrorWithASentence is the server-fault table:
// every row is served to every call.
func TestEveryCallTurnsServerFaultsIntoOneTypedErrorWithASentence(t *testing.T) {
	retryAt := time.Now().Add(2 * time.Minute).UTC().Format(http.TimeFormat)
	rows := []struct {
		name     string
		handler  http.HandlerFunc
		kind     api.Kind
		says     []string // parts of Sentence()
		check    func(t *testing.T, e *api.Error)
		okIfInit bool // Initialize (whose news is its token, if any) succeeds on this answer
	}{
		{name: "401 with an empty body", handler: answerWith(401, ""), kind: api.KindUnauthorized},
		{name: "401 with a message", handler: answerWith(401, `{"message":"Token expired","errorCode":"AUTH_401"}`), kind: api.KindUnauthorized,
			check: func(t *testing.T, e *api.Error) {
				if e.ErrorCode != "AUTH_401" || e.Message != "Token expired" {
					t.Errorf("errorCode %q message %q", e.ErrorCode, e.Message)
				}
			}},
		{name: "400 problem details naming FullNameAr", handler: answerWith(400,
			`{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"FullNameAr":["The FullNameAr field is required."]}}`,
			"Content-Type", "application/problem+json"),
			kind: api.KindValidation, says: []string{"The FullNameAr field is required."},
			check: func(t *testing.T, e *api.Error) {
				if got := e.Field("fullnamear"); len(got) != 1 || got[0] != "The FullNameAr field is required." {
					t.Errorf(`Field("fullnamear") = %q`, got)
				}
			}},
		{name: "400 with errorCode as a number", handler: answerWith(400, `{"message":"Applicant not eligible for update","errorCode":4012}`),
			kind: api.KindValidation, says: []string{"Applicant not eligible for update."},
			check: func(t *testing.T, e *api.Error) {
				if e.ErrorCode != "4012" {
					t.Errorf("ErrorCode = %q, want 4012", e.ErrorCode)
				}
			}},
		{name: "400 message with terminal escapes", handler: answerWith(400, `{"message":"\u001b[31mSession\u001b[0m closed\u0007\u202e by admin"}`),
			kind: api.KindValidation, says: []string{"Session closed by admin."},
			check: func(t *testing.T, e *api.Error) {
				if strings.ContainsAny(e.Message+e.Raw+e.Error(), "\x1b\x07\u202e") {
					t.Errorf("control characters kept: %q / %q", e.Message, e.Raw)
				}
			}},
		{name: "403", handler: answerWith(403, ""), kind: api.KindForbidden, says: []string{"403"}},
		{name: "404 without body", handler: answerWith(404, ""), kind: api.KindNotFound, says: []string{"API URL"}},
		{name: "413", handler: answerWith(413, ""), kind: api.KindTooLarge, says: []string{"too large"}},
		{name: "429 with Retry-After in seconds", handler: answerWith(429, "", "Retry-After", "30"), kind: api.KindRateLimited,
			says: []string{"30 seconds"},
			check: func(t *testing.T, e *api.Error) {
				if e.RetryAfter != 30*time.Second {
					t.Errorf("RetryAfter = %v", e.RetryAfter)
				}
			}},
		{name: "429 with Retry-After as an HTTP date", handler: answerWith(429, "", "Retry-After", retryAt), kind: api.KindRateLimited,
			says: []string{"2 minutes"}},
		{name: "500 with .NET exception text", handler: answerWith(500, `{"message":"Object reference not set to an instance of an object.","errorCode":null}`),
			kind: api.KindServer, says: []string{"internal error", "500"},
			check: func(t *testing.T, e *api.Error) {
				if !strings.Contains(e.Raw, "Object reference not set") || !strings.Contains(e.Error(), "Object reference") {
					t.Errorf("raw .NET text lost for the log: Raw %q, Error %q", e.Raw, e.Error())
				}
			}},
		{name: "502 HTML from a proxy", handler: answerWith(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "Content-Type", "text/html"),
			kind: api.KindServer, says: []string{"A proxy between you and the server answered instead of the server (HTTP 502). Wait a moment and try again."}},
		{name: "503 HTML from a proxy", handler: answerWith(503, "<!DOCTYPE html><html><body>Service Unavailable</body></html>", "Content-Type", "text/html"),
			kind: api.KindServer, says: []string{"(HTTP 503)"}},
		{name: "200 HTML from a login portal", handler: answerWith(200, "<!DOCTYPE html><html><body><form>Sign in to the Wi-Fi</form></body></html>", "Content-Type", "text/html"),
			kind: api.KindBadAnswer, says: []string{"web page"}},
		{name: "200 truncated JSON", handler: answerWith(200, `{"status":0,"value":[{"updateStepId":2,"lastUpd`), kind: api.KindBadAnswer, says: []string{"cut off"}},
		{name: "200 with status 1", handler: answerWith(200, `{"status":1,"message":"Update request is closed"}`), kind: api.KindFailed,
			says: []string{"Update request is closed."}},
		{name: "200 with isSuccess false", handler: answerWith(200, `{"isSuccess":false,"message":"Request rejected","errorCode":"E17"}`), kind: api.KindFailed,
			says: []string{"Request rejected."}},
		{name: "200 with a JSON string instead of an object", handler: answerWith(200, `"hello"`), kind: api.KindBadAnswer},
		{name: "200 with an empty body", handler: answerWith(200, ""), kind: api.KindBadAnswer, says: []string{"empty"}, okIfInit: true},
	}
	for _, call := range everyCall {
		t.Run(call.name, func(t *testing.T) {
			for _, row := range rows {
				t.Run(row.name, func(t *testing.T) {
					c, _ := newServer(t, row.handler)
					err := call.run(ctx(t), c)
					if row.okIfInit && call.name == "Initialize" {
						if err != nil {
							t.Fatalf("want success for Initialize, got %v", err)
						}
						return
					}
					e := asAPIError(t, err, call.name)
					if e.Kind != row.kind {
						t.Errorf("Kind = %v, want %v (%v)", e.Kind, row.kind, e)
					}
					if !e.Sent {
						t.Errorf("Sent = false for an answered request")
					}
					says := row.says
					if call.name == "GenerateUpdateRequestSessionToken" && row.kind == api.KindUnauthorized {
						says = []string{"tenant credentials"}
					} else if row.kind == api.KindUnauthorized && (call.name != "VerifyPassword" || e.Message == "") {
						says = []string{"The session has expired or is not valid — start again from the applicant ID."}
					}
					if call.name == "Approve" && (row.kind == api.KindServer || row.kind == api.KindBadAnswer) {
						says = []string{"The approval may or may not have been recorded: check the customer's record in the back office before approving again."}
					}
					if call.name == "VerifyPassword" && row.name == "403" {
						says = []string{"The password is wrong."} // a refusal of the password, which the server did not word
					}
					checkSentence(t, e, says...)
					if row.check != nil {
						row.check(t, e)
					}
				})
			}
		})
	}
}

// recorded is what a test server saw of one request.
type recorded struct {
	method, path, query, auth, ctype, accept, lang, agent string
	body                                                  []byte
}

func recordInto(got *recorded, status int, answer string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		*got = recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Content-Type"),
			r.Header.Get("Accept"), r.Header.Get("Accept-Language"), r.Header.Get("User-Agent"), b}
		answerWith(status, answer)(w, r)
	}
}

func TestGenerateUpdateRequestSessionTokenSendsCredentialsWithoutBearerAndReadsTheToken(t *testing.T) {
	rows := []struct {
		name    string
		answer  string
		token   string
		expires time.Time
	}{
		{"doc shape with Z", `{"token":"tok-A","expirationDate":"2025-11-06T03:46:44.418Z"}`, "tok-A", time.Date(2025, 11, 6, 3, 46, 44, 418e6, time.UTC)},
		{"no zone is UTC", `{"token":"tok-B","expirationDate":"2025-11-06T03:46:44.4180000"}`, "tok-B", time.Date(2025, 11, 6, 3, 46, 44, 418e6, time.UTC)},
		{"offset", `{"token":"tok-C","expirationDate":"2025-11-06T06:46:44+03:00"}`, "tok-C", time.Date(2025, 11, 6, 3, 46, 44, 0, time.UTC)},
		{"PascalCase keys and extra fields", `{"Token":"tok-D","ExpirationDate":"2025-11-06T03:46:44Z","refreshToken":null,"tenant":{"id":17}}`, "tok-D", time.Date(2025, 11, 6, 3, 46, 44, 0, time.UTC)},
		{"inside a value envelope, no expiry", `{"value":{"token":"tok-E"},"status":0}`, "tok-E", time.Time{}},
		{"expiry null", `{"token":"tok-F","expirationDate":null}`, "tok-F", time.Time{}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, 200, row.answer), api.WithLanguage("AR"), api.WithUserAgent("1.4.2"))
			s, err := c.GenerateUpdateRequestSessionToken(ctx(t), api.SessionRequest{TenantID: "tenant-17", TenantSecret: "tenant-S3cr3t-value", ApplicantID: "APP-2025-0042", UpdateSteps: []api.UpdateStep{api.StepPassport}})
			if err != nil {
				t.Fatal(err)
			}
			if s.Token != row.token || !s.ExpiresAt.Equal(row.expires) {
				t.Errorf("got %q %v, want %q %v", s.Token, s.ExpiresAt, row.token, row.expires)
			}
			if got.method != "POST" || got.path != "/api/v1/Auth/GenerateUpdateRequestSessionToken" || got.auth != "" {
				t.Errorf("request %s %s auth=%q", got.method, got.path, got.auth)
			}
			if got.ctype != "application/json" || got.accept != "application/json" || got.lang != "AR" || got.agent != "example.com/passport-update/1.4.2" {
				t.Errorf("headers %+v", got)
			}
			want := `{"tenantId":"tenant-17","tenantSecret":"tenant-S3cr3t-value","applicantId":"APP-2025-0042","updateSteps":[2]}`
			if string(got.body) != want {
				t.Errorf("body %s\nwant %s", got.body, want)
			}
		})
	}
	t.Run("an answer without a token", func(t *testing.T) {
		c, _ := newServer(t, answerWith(200, `{"expirationDate":"2025-11-06T03:46:44Z"}`))
		_, err := c.GenerateUpdateRequestSessionToken(ctx(t), api.SessionRequest{TenantID: "t", TenantSecret: "tenant-S3cr3t-value", ApplicantID: "a"})
		e := asAPIError(t, err, "GenerateUpdateRequestSessionToken")
		if e.Kind != api.KindBadAnswer {
			t.Errorf("Kind %v", e.Kind)
		}
		checkSentence(t, e, "session token")
	})
}

func TestGetCurrentRequestStepsReadsEveryListShape(t *testing.T) {
	rows := []struct {
		name   string
		answer string
		want   []api.AllowedStep
	}{
		{"SDK list", `[{"updateStepId":2,"lastUpdatedDate":"2025-11-06T03:46:44.418Z"},{"updateStepId":3,"lastUpdatedDate":null}]`,
			[]api.AllowedStep{{Step: 2, LastUpdated: api.Date{Year: 2025, Month: 11, Day: 6}}, {Step: 3}}},
		{"steps as strings and names", `[{"updateStepId":"2"},{"updateStepId":"Email"}]`, []api.AllowedStep{{Step: 2}, {Step: 4}}},
		{"inside a value envelope", `{"value":[{"UpdateStepId":2,"LastUpdatedDate":"2024-02-29"}]}`,
			[]api.AllowedStep{{Step: 2, LastUpdated: api.Date{Year: 2024, Month: 2, Day: 29}}}},
		{"bare numbers", `[1,2]`, []api.AllowedStep{{Step: 1}, {Step: 2}}},
		{"empty list", `[]`, []api.AllowedStep{}},
		{"garbage rows skipped", `[{"updateStepId":"??"},{"updateStepId":2,"extra":[1,2,3]}]`, []api.AllowedStep{{Step: 2}}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, 200, row.answer))
			steps, err := c.GetCurrentRequestSteps(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(steps) != len(row.want) {
				t.Fatalf("got %+v, want %+v", steps, row.want)
			}
			for i := range steps {
				if steps[i] != row.want[i] {
					t.Errorf("step %d: %+v, want %+v", i, steps[i], row.want[i])
				}
			}
			if got.method != "GET" || got.path != "/api/v1/update/UpdateRequest/GetCurrentRequestSteps" || got.auth != "Bearer "+testToken {
				t.Errorf("request %s %s auth=%q", got.method, got.path, got.auth)
			}
		})
	}
}

func TestInitializeSelectsTheStepAndReturnsANewTokenOnlyWhenGiven(t *testing.T) {
	rows := []struct{ name, answer, token string }{
		{"status 0", `{"status":0}`, ""},
		{"status 0 with a new token", `{"status":0,"token":"tok-after-init"}`, "tok-after-init"},
		{"empty body", ``, ""},
		{"token null", `{"status":0,"token":null}`, ""},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, 200, row.answer))
			tok, err := c.Initialize(ctx(t), api.StepPassport)
			if err != nil {
				t.Fatal(err)
			}
			if tok != row.token {
				t.Errorf("token %q, want %q", tok, row.token)
			}
			if got.method != "POST" || got.path != "/api/v1/update/UpdateRequest/Initialize/2" || len(got.body) != 0 || got.auth != "Bearer "+testToken {
				t.Errorf("request %s %s body=%q auth=%q", got.method, got.path, got.body, got.auth)
			}
		})
	}
}

func TestGetUpdateVerificationMethodReadsValueOrObject(t *testing.T) {
	rows := []struct {
		name   string
		answer string
		want   api.VerificationMethod
		named  string
	}{
		{"value", `{"value":1}`, api.VerificationMethod{ID: 1}, "password"},
		{"value as string", `{"value":"2"}`, api.VerificationMethod{ID: 2}, "email code"},
		{"object", `{"id":5,"nameEn":"Phone OTP","nameAr":"رمز الهاتف","isActive":true}`, api.VerificationMethod{ID: 5, NameEn: "Phone OTP", NameAr: "رمز الهاتف"}, "Phone OTP"},
		{"object inside value", `{"value":{"Id":3,"NameEn":"Security question"}}`, api.VerificationMethod{ID: 3, NameEn: "Security question"}, "Security question"},
		{"bare number", `6`, api.VerificationMethod{ID: 6}, "face"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, 200, row.answer))
			m, err := c.GetUpdateVerificationMethod(ctx(t), api.StepPassport)
			if err != nil {
				t.Fatal(err)
			}
			if m != row.want || m.Name() != row.named {
				t.Errorf("got %+v (%s), want %+v (%s)", m, m.Name(), row.want, row.named)
			}
			if got.path != "/api/v1/update/UpdateRequest/GetUpdateVerificationMethod" || got.query != "updateStep=2" {
				t.Errorf("request %s?%s", got.path, got.query)
			}
		})
	}
	t.Run("no method in the answer", func(t *testing.T) {
		c, _ := newServer(t, answerWith(200, `{"nameEn":"?"}`))
		_, err := c.GetUpdateVerificationMethod(ctx(t), api.StepPassport)
		if e := asAPIError(t, err, "GetUpdateVerificationMethod"); e.Kind != api.KindBadAnswer {
			t.Errorf("Kind %v", e.Kind)
		}
	})
}

func TestVerifyPasswordSendsThePasswordAndReportsTheServersVerdict(t *testing.T) {
	rows := []struct {
		name    string
		status  int
		answer  string
		kind    api.Kind // KindUnknown: success
		says    string
		errCode string
	}{
		{"status 0", 200, `{"status":0}`, 0, "", ""},
		{"status 1 wrong password", 200, `{"status":1,"message":"Invalid password"}`, api.KindFailed, "Invalid password.", ""},
		{"400 with attempts left", 400, `{"message":"Wrong password, 2 attempts left","errorCode":"PWD_INVALID"}`, api.KindValidation, "Wrong password, 2 attempts left.", "PWD_INVALID"},
		{"401 with a message", 401, `{"message":"Password is incorrect","errorCode":1002}`, api.KindUnauthorized, "Password is incorrect.", "1002"},
		{"423 locked", 423, `{"message":"Account locked after 3 failed attempts"}`, api.KindValidation, "Account locked after 3 failed attempts.", ""},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, row.status, row.answer))
			err := c.VerifyPassword(ctx(t), "Pa55word!-branch", api.StepPassport)
			if string(got.body) != `{"password":"Pa55word!-branch","updateStepId":2}` || got.path != "/api/v1/update/UpdateRequest/VerifyPassword" {
				t.Errorf("request %s %s", got.path, got.body)
			}
			if row.kind == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e := asAPIError(t, err, "VerifyPassword")
			if e.Kind != row.kind || e.ErrorCode != row.errCode {
				t.Errorf("Kind %v errorCode %q, want %v %q", e.Kind, e.ErrorCode, row.kind, row.errCode)
			}
			checkSentence(t, e, row.says)
		})
	}
}

// pathCounter answers 404 on some paths and counts requests per path.
type pathCounter struct {
	hits    map[string]int
	missing map[string]bool
}

func (p *pathCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.hits[r.URL.Path]++
	if p.missing[r.URL.Path] {
		http.NotFound(w, r)
		return
	}
	answerWith(200, `{"status":0}`)(w, r)
}

func TestVerifyPasswordFallsBackToTheSDKPathOnceAndRemembersIt(t *testing.T) {
	const doc = "/OnBoarding/api/v1/update/UpdateRequest/VerifyPassword"
	const sdk = "/OnBoarding/api/v1/update/PasswordUpdateAuthentication/VerifyPassword"
	rows := []struct {
		name     string
		mode     api.VerifyPath
		missing  []string
		wantHits map[string]int // after two calls, from two WithToken copies
		fail     bool
	}{
		{"auto, doc path live", api.VerifyAuto, nil, map[string]int{doc: 2}, false},
		{"auto, only the SDK path live", api.VerifyAuto, []string{doc}, map[string]int{doc: 1, sdk: 2}, false},
		{"auto, neither live", api.VerifyAuto, []string{doc, sdk}, map[string]int{doc: 2, sdk: 2}, true},
		{"forced doc", api.VerifyDoc, []string{doc}, map[string]int{doc: 2}, true},
		{"forced sdk", api.VerifySDK, nil, map[string]int{sdk: 2}, false},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			pc := &pathCounter{hits: map[string]int{}, missing: map[string]bool{}}
			for _, m := range row.missing {
				pc.missing[m] = true
			}
			srv := httptest.NewServer(pc)
			defer srv.Close()
			base, err := api.New(srv.URL+"/OnBoarding/", api.WithVerifyPath(row.mode))
			if err != nil {
				t.Fatal(err)
			}
			for _, tok := range []string{"tok-first-session", "tok-second-session"} {
				err := base.WithToken(tok).VerifyPassword(ctx(t), "Pa55word!-branch", api.StepPassport)
				if (err != nil) != row.fail {
					t.Fatalf("err = %v, want failure %v", err, row.fail)
				}
				if err != nil {
					e := asAPIError(t, err, "VerifyPassword")
					if e.Kind != api.KindNotFound {
						t.Errorf("Kind %v", e.Kind)
					}
				}
			}
			if len(pc.hits) != len(row.wantHits) {
				t.Errorf("hits %v, want %v", pc.hits, row.wantHits)
			}
			for p, n := range row.wantHits {
				if pc.hits[p] != n {
					t.Errorf("hits %v, want %v", pc.hits, row.wantHits)
				}
			}
		})
	}
}

// Once the documented path has answered, a 404 from it is the server's own answer when it says
// what was not found; a bare 404 (the path is not routed there, as behind another gateway or in
// a sandbox scenario) still falls back to the SDK path.
func TestVerifyPasswordAfterTheDocPathAnsweredTellsAMissingRouteFromTheServersAnswer(t *testing.T) {
	const doc = "/OnBoarding/api/v1/update/UpdateRequest/VerifyPassword"
	const sdk = "/OnBoarding/api/v1/update/PasswordUpdateAuthentication/VerifyPassword"
	for _, row := range []struct {
		name       string
		second404  string // the documented path's answer to the second session
		wantHits   map[string]int
		wantSecond bool // the second session's check succeeds
	}{
		{"a bare 404: the route is missing", "", map[string]int{doc: 2, sdk: 1}, true},
		{"a 404 with the server's message", `{"message":"Session not found","errorCode":"E404"}`, map[string]int{doc: 2}, false},
	} {
		t.Run(row.name, func(t *testing.T) {
			hits := map[string]int{}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits[r.URL.Path]++
				if r.URL.Path == doc && hits[doc] > 1 {
					if row.second404 == "" {
						w.WriteHeader(http.StatusNotFound)
						return
					}
					answerWith(404, row.second404)(w, r)
					return
				}
				answerWith(200, `{"status":0}`)(w, r)
			}))
			defer srv.Close()
			base, err := api.New(srv.URL + "/OnBoarding/")
			if err != nil {
				t.Fatal(err)
			}
			if err := base.WithToken("tok-first").VerifyPassword(ctx(t), "Pa55word!-branch", api.StepPassport); err != nil {
				t.Fatalf("first session: %v", err)
			}
			err = base.WithToken("tok-second").VerifyPassword(ctx(t), "Pa55word!-branch", api.StepPassport)
			if (err == nil) != row.wantSecond {
				t.Fatalf("second session: err = %v, want success %v", err, row.wantSecond)
			}
			if len(hits) != len(row.wantHits) || hits[doc] != row.wantHits[doc] || hits[sdk] != row.wantHits[sdk] {
				t.Errorf("hits %v, want %v", hits, row.wantHits)
			}
		})
	}
}

func TestIsTranslationStepEnabledReadsTheFlagFromTheTypoPath(t *testing.T) {
	rows := []struct {
		name, answer string
		want         bool
	}{
		{"value true", `{"value":true}`, true},
		{"value false", `{"value":false}`, false},
		{"value as string", `{"value":"True"}`, true},
		{"bare boolean", `false`, false},
		{"PascalCase", `{"Value":true,"Status":0}`, true},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, 200, row.answer))
			on, err := c.IsTranslationStepEnabled(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if on != row.want {
				t.Errorf("got %v, want %v", on, row.want)
			}
			if got.path != "/api/v1/update/UpdatePassport/IsTranaslationStepEnabled" || got.method != "GET" {
				t.Errorf("request %s %s", got.method, got.path)
			}
		})
	}
	t.Run("no flag", func(t *testing.T) {
		c, _ := newServer(t, answerWith(200, `{"status":0}`))
		_, err := c.IsTranslationStepEnabled(ctx(t))
		if e := asAPIError(t, err, "IsTranslationStepEnabled"); e.Kind != api.KindBadAnswer {
			t.Errorf("Kind %v", e.Kind)
		}
	})
}

func TestApproveSendsTheArabicNameOrNull(t *testing.T) {
	name := "مُحَمَّد عَبْدُ الله الأَحْمَد"
	rows := []struct {
		name     string
		fullName *string
		answer   string
		body     string
	}{
		{"Arabic name", &name, `{"status":0}`, `{"fullNameAr":"مُحَمَّد عَبْدُ الله الأَحْمَد"}`},
		{"translation off sends null", nil, `{"status":0}`, `{"fullNameAr":null}`},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			var got recorded
			c, _ := newServer(t, recordInto(&got, 200, row.answer))
			if err := c.Approve(ctx(t), row.fullName); err != nil {
				t.Fatal(err)
			}
			if string(got.body) != row.body || got.path != "/api/v1/update/UpdatePassport/Approve" || got.method != "POST" {
				t.Errorf("request %s %s %s, want body %s", got.method, got.path, got.body, row.body)
			}
			var v map[string]any
			if err := json.Unmarshal(got.body, &v); err != nil {
				t.Errorf("body is not JSON: %v", err)
			}
		})
	}
}
