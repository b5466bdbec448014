package sandbox

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSessionRulesOrderTheCalls(t *testing.T) {
	img := func(t *testing.T) []byte { return specimen(t, aminaJPEG) }
	tests := []struct {
		name       string
		steps      func(t *testing.T, g *rig, tok string) reply
		wantStatus int
		wantCode   string
	}{
		{"upload before the password is refused", func(t *testing.T, g *rig, tok string) reply {
			return g.upload(tok, img(t))
		}, 400, "PASSWORD_NOT_VERIFIED"},
		{"approval before the password is refused", func(t *testing.T, g *rig, tok string) reply {
			return g.approve(tok, "أمينة خالد المنصوري")
		}, 400, "PASSWORD_NOT_VERIFIED"},
		{"approval before an upload is refused", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, Password)
			return g.approve(tok, "أمينة خالد المنصوري")
		}, 400, "PASSPORT_NOT_UPLOADED"},
		{"approval after a failed read is refused", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, Password)
			g.upload(tok, []byte("not an image at all"))
			return g.approve(tok, "أمينة خالد المنصوري")
		}, 400, "PASSPORT_NOT_UPLOADED"},
		{"a second approval is refused", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, Password)
			g.upload(tok, img(t))
			wantStatus(t, "first approval", g.approve(tok, "أمينة خالد المنصوري"), 200)
			return g.approve(tok, "أمينة خالد المنصوري")
		}, 400, "ALREADY_APPROVED"},
		{"an upload after approval is refused", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, Password)
			g.upload(tok, img(t))
			g.approve(tok, "أمينة خالد المنصوري")
			return g.upload(tok, img(t))
		}, 400, "ALREADY_APPROVED"},
		{"a second upload replaces the first", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, Password)
			g.upload(tok, img(t))
			g.upload(tok, specimen(t, "passport-omar-specimen.jpg"))
			return g.approve(tok, "عمر يوسف الحداد")
		}, 200, ""},
		{"two wrong passwords then the right one pass", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, "wrong-1")
			g.verify(tok, "wrong-2")
			return g.verify(tok, Password)
		}, 200, ""},
		{"three wrong passwords lock the session", func(t *testing.T, g *rig, tok string) reply {
			for i := 0; i < MaxWrongPasswords; i++ {
				g.verify(tok, "wrong")
			}
			return g.verify(tok, Password)
		}, 403, "ACCOUNT_LOCKED"},
		{"a lock-out also stops an already verified session", func(t *testing.T, g *rig, tok string) reply {
			g.verify(tok, Password)
			for i := 0; i < MaxWrongPasswords; i++ {
				g.verify(tok, "wrong")
			}
			return g.upload(tok, img(t))
		}, 403, "ACCOUNT_LOCKED"},
		{"an empty password is a validation failure", func(t *testing.T, g *rig, tok string) reply {
			return g.verify(tok, "")
		}, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t, Options{})
			r := tt.steps(t, g, g.open("DEMO-HAPPY"))
			wantStatus(t, tt.name, r, tt.wantStatus)
			if tt.wantCode != "" {
				if got := r.obj(t)["errorCode"]; got != tt.wantCode {
					t.Fatalf("errorCode = %v, want %s (%s)", got, tt.wantCode, r.body)
				}
			}
		})
	}
}

func TestWrongPasswordsSayHowManyAttemptsAreLeft(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.open("DEMO-HAPPY")
	for left := MaxWrongPasswords - 1; left > 0; left-- {
		msg := g.verify(tok, "wrong").obj(t)["message"].(string)
		if !strings.Contains(msg, "Attempts left: "+string(rune('0'+left))) {
			t.Fatalf("message %q does not say %d attempts are left", msg, left)
		}
	}
}

func TestConcurrentWrongPasswordsLockExactlyOnce(t *testing.T) {
	g := newRig(t, Options{})
	tok := g.open("DEMO-HAPPY")
	const n = 12
	statuses := make(chan int, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", g.srv.URL+apiVerifySDK, strings.NewReader(`{"password":"wrong","updateStepId":2}`))
			req.Header.Set("Authorization", "Bearer "+tok)
			resp, err := g.srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	count := map[int]int{}
	for s := range statuses {
		count[s]++
	}
	if count[400] != MaxWrongPasswords-1 || count[403] != n-MaxWrongPasswords+1 {
		t.Fatalf("statuses %v, want %d refusals then locks", count, MaxWrongPasswords-1)
	}
}

func TestTokensExpireAfterTheirLifetime(t *testing.T) {
	g := newRig(t, Options{TokenTTL: time.Minute})
	tok := g.open("DEMO-HAPPY")
	g.clock.Advance(time.Minute - time.Second)
	wantStatus(t, "just before expiry", g.do("GET", apiTranslation, tok, nil), 200)
	g.clock.Advance(time.Second)
	r := g.do("GET", apiTranslation, tok, nil)
	wantStatus(t, "at expiry", r, 401)
	if r.obj(t)["errorCode"] != "SESSION_EXPIRED" {
		t.Fatalf("401 body %s, want SESSION_EXPIRED", r.body)
	}
}

func TestUnauthenticatedCallsAnswer401(t *testing.T) {
	g := newRig(t, Options{})
	for _, tok := range []string{"", "made-up-token"} {
		for _, call := range []struct{ method, path string }{
			{"GET", apiSteps}, {"POST", apiInitialize}, {"GET", apiMethod}, {"POST", apiVerifySDK},
			{"POST", apiUpload}, {"GET", apiTranslation}, {"POST", apiApprove},
		} {
			r := g.do(call.method, call.path, tok, "{}")
			if r.status != 401 || len(r.body) != 0 {
				t.Errorf("%s %s with token %q: %d %q, want an empty 401", call.method, call.path, tok, r.status, r.body)
			}
		}
	}
}

func TestStepOneChecksTenantApplicantAndSteps(t *testing.T) {
	tests := []struct {
		name       string
		body       map[string]any
		wantStatus int
		wantField  string // problem details field, if a validation failure
	}{
		{"steps as ints (docs)", map[string]any{"updateSteps": []int{2}}, 200, ""},
		{"steps as numeric strings (SDK)", map[string]any{"updateSteps": []string{"2"}}, 200, ""},
		{"steps as names", map[string]any{"updateSteps": []string{"Passport"}}, 200, ""},
		{"no steps means all", map[string]any{"updateSteps": []int{}}, 200, ""},
		{"an unknown step", map[string]any{"updateSteps": []string{"Selfie"}}, 400, "updateSteps[0]"},
		{"a step out of range", map[string]any{"updateSteps": []int{9}}, 400, "updateSteps[0]"},
		{"a wrong tenant secret", map[string]any{"tenantSecret": "guess"}, 401, ""},
		{"an unknown applicant", map[string]any{"applicantId": "CUST-000"}, 404, ""},
		{"no applicant", map[string]any{"applicantId": ""}, 400, "ApplicantId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t, Options{})
			body := map[string]any{"tenantId": TenantID, "tenantSecret": TenantSecret, "applicantId": "DEMO-HAPPY"}
			for k, v := range tt.body {
				body[k] = v
			}
			r := g.do("POST", apiToken, "", body)
			wantStatus(t, tt.name, r, tt.wantStatus)
			ans := r.obj(t)
			switch {
			case tt.wantField != "":
				if errs, _ := ans["errors"].(map[string]any); errs[tt.wantField] == nil {
					t.Fatalf("problem details %s do not name %s", r.body, tt.wantField)
				}
			case tt.wantStatus != 200:
				if ans["message"] == nil || ans["errorCode"] == nil {
					t.Fatalf("error body %s lacks message or errorCode", r.body)
				}
			}
			if strings.Contains(string(r.body), TenantSecret) {
				t.Fatal("the answer echoes the tenant secret")
			}
		})
	}
}

func TestASessionWithoutThePassportStepIsRefusedIt(t *testing.T) {
	g := newRig(t, Options{})
	r := g.do("POST", apiToken, "", map[string]any{"tenantId": TenantID, "tenantSecret": TenantSecret,
		"applicantId": "DEMO-HAPPY", "updateSteps": []string{"Phone", "Email"}})
	tok := r.obj(t)["token"].(string)
	var steps []map[string]any
	if err := json.Unmarshal(g.do("GET", apiSteps, tok, nil).body, &steps); err != nil || len(steps) != 2 {
		t.Fatalf("steps %v (%v), want phone and email", steps, err)
	}
	wantStatus(t, "initialize step 2", g.do("POST", apiInitialize, tok, nil), 400)
}

func TestInitializeAcceptsTheOldSDKsGET(t *testing.T) {
	g := newRig(t, Options{})
	wantStatus(t, "GET Initialize/2", g.do("GET", apiInitialize, g.open("DEMO-HAPPY"), nil), 200)
	wantStatus(t, "PUT Initialize/2", g.do("PUT", apiInitialize, g.open("DEMO-HAPPY"), nil), 405)
}

func TestOptionsPasswordReplacesTheDemoPassword(t *testing.T) {
	g := newRig(t, Options{Password: "Another#Pass1"})
	tok := g.open("DEMO-HAPPY")
	wantStatus(t, "demo password", g.verify(tok, Password), 400)
	wantStatus(t, "configured password", g.verify(tok, "Another#Pass1"), 200)
}

func TestApproveChecksTheArabicNameByTheSDKRules(t *testing.T) {
	tests := []struct {
		name   string
		fullAr string
		ok     bool
	}{
		{"three names", "أمينة خالد المنصوري", true},
		{"two names with hamza forms", "يوسف إبراهيم", true},
		{"a hyphen and a dot", "عبد-الله م. السيد", true},
		{"one name only", "أمينة", false},
		{"harakat are not letters of the range", "مُحَمَّد علي", false},
		{"presentation forms", "ﻣﺤﻤﺪ علي", false},
		{"a bidi control", "\u200fأمينة خالد", false},
		{"Latin letters", "Amina Khaled", false},
		{"digits", "أمينة 2", false},
		{"longer than 150", strings.Repeat("ب", 100) + " " + strings.Repeat("ت", 60), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t, Options{})
			tok := g.openVerified("DEMO-HAPPY")
			g.upload(tok, specimen(t, aminaJPEG))
			r := g.approve(tok, tt.fullAr)
			if tt.ok {
				wantStatus(t, "approve", r, 200)
				return
			}
			wantStatus(t, "approve", r, 400)
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
				t.Errorf("content type %q, want problem details", r.header.Get("Content-Type"))
			}
			errs, _ := r.obj(t)["errors"].(map[string]any)
			msgs, _ := errs["FullNameAr"].([]any)
			if len(msgs) != 1 || msgs[0] == "" {
				t.Fatalf("%s: want one FullNameAr message", r.body)
			}
		})
	}
}

func TestUploadRefusesWhatIsNotAPassportImage(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		wantStatus  int
		wantSuccess bool
		wantText    string
	}{
		{"text that is not an image", `{"image":"` + base64.StdEncoding.EncodeToString([]byte("hello, I am a text file")) + `"}`, 200, false, "could not be read"},
		{"a GIF", `{"image":"R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"}`, 200, false, "could not be read"},
		{"not base64", `{"image":"@@@@ not base64 @@@@"}`, 200, false, "could not be read"},
		{"a data: URL prefix", `{"image":"data:image/jpeg;base64,/9j/4AAQ"}`, 200, false, "could not be read"},
		{"an empty image", `{"image":""}`, 200, false, "could not be read"},
		{"no image", `{"customerId":"C-1"}`, 400, false, "Image"},
		{"a null image", `{"image":null}`, 400, false, "Image"},
		{"not JSON", `image=abc`, 400, false, "JSON"},
		{"a truncated body", `{"image":"/9j/4AAQ`, 400, false, "JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newRig(t, Options{})
			r := g.do("POST", apiUpload, g.openVerified("DEMO-HAPPY"), tt.body)
			wantStatus(t, tt.name, r, tt.wantStatus)
			if !strings.Contains(string(r.body), tt.wantText) {
				t.Fatalf("%s does not mention %q", r.body, tt.wantText)
			}
			if tt.wantStatus == 200 && r.obj(t)["isSuccess"] != false {
				t.Fatalf("%s: want isSuccess false", r.body)
			}
		})
	}
}

func TestUploadOverTheSizeCapAnswers413(t *testing.T) {
	g := newRig(t, Options{MaxUploadBytes: 150_000})
	tok := g.openVerified("DEMO-HAPPY")
	r := g.upload(tok, specimen(t, aminaJPEG)) // 220 kB
	wantStatus(t, "oversized upload", r, http.StatusRequestEntityTooLarge)
	if r.obj(t)["errorCode"] != "IMAGE_TOO_LARGE" {
		t.Fatalf("413 body %s", r.body)
	}
	// The limit in the unit the wizard shows sizes in, as it is: not rounded up to a whole
	// megabyte, and not mebibytes called megabytes.
	if msg, _ := r.obj(t)["message"].(string); msg != "The request body is larger than 150 KB." {
		t.Errorf("413 message %q", msg)
	}
	if DefaultMaxUploadBytes%1_000_000 != 0 {
		t.Errorf("the default limit, %d bytes, is not a whole number of megabytes", DefaultMaxUploadBytes)
	}
}

func TestSlowOCRStopsWhenTheClientCancels(t *testing.T) {
	g := newRig(t, Options{OCRDelay: time.Hour})
	tok := g.openVerified("DEMO-SLOW")
	waiting := make(chan struct{})
	g.server.ocrWaiting = func() { close(waiting) }

	ctx, cancel := context.WithCancel(context.Background())
	body, _ := json.Marshal(map[string]any{"image": specimen(t, aminaJPEG)})
	req, _ := http.NewRequestWithContext(ctx, "POST", g.srv.URL+apiUpload, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	done := make(chan error, 1)
	go func() {
		resp, err := g.srv.Client().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	<-waiting
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("request ended with %v, want context.Canceled", err)
	}
	// Close waits for every handler: it returns only if the OCR wait ended with the request.
	closed := make(chan struct{})
	go func() { g.srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the slow OCR handler kept running after the client cancelled")
	}
}

func TestMessagesFollowAcceptLanguage(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{{"ar", "كلمة المرور غير صحيحة"}, {"AR-jo", "كلمة المرور"}, {"EN", "password is incorrect"}, {"", "password is incorrect"}} {
		g := newRig(t, Options{})
		g.lang = tt.lang
		msg := g.verify(g.open("DEMO-HAPPY"), "wrong").obj(t)["message"].(string)
		if !strings.Contains(msg, tt.want) {
			t.Errorf("Accept-Language %q: message %q, want %q in it", tt.lang, msg, tt.want)
		}
	}
}

func TestUnknownPathsAnswerAnEmpty404(t *testing.T) {
	g := newRig(t, Options{})
	r := g.do("GET", "/api/v1/update/UpdatePassport/IsTranslationStepEnabled", g.open("DEMO-HAPPY"), nil)
	if r.status != 404 || len(r.body) != 0 {
		t.Fatalf("the typo-fixed path answered %d %q, want an empty 404", r.status, r.body)
	}
}
