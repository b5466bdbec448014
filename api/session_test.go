package api_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// flowServer plays steps 1–3b and records which bearer each call carried.
type flowServer struct {
	steps, initAnswer, method string
	step1Status               int

	mu    sync.Mutex
	auths map[string]string
	calls []string
}

func (f *flowServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	if name == "2" {
		name = "Initialize"
	}
	f.mu.Lock()
	f.auths[name] = r.Header.Get("Authorization")
	f.calls = append(f.calls, name)
	f.mu.Unlock()
	switch name {
	case "GenerateUpdateRequestSessionToken":
		if f.step1Status != 0 {
			answerWith(f.step1Status, "")(w, r)
			return
		}
		answerWith(200, `{"token":"tok-step1","expirationDate":"2026-11-26T02:30:00Z"}`)(w, r)
	case "GetCurrentRequestSteps":
		answerWith(200, f.steps)(w, r)
	case "Initialize":
		answerWith(200, f.initAnswer)(w, r)
	case "GetUpdateVerificationMethod":
		answerWith(200, f.method)(w, r)
	case "IsTranaslationStepEnabled":
		answerWith(200, `{"value":true}`)(w, r)
	default:
		http.NotFound(w, r)
	}
}

func TestOpenPassportSessionRunsStepsOneToThreeB(t *testing.T) {
	rows := []struct {
		name       string
		server     *flowServer
		wantErr    func(t *testing.T, err error)
		wantBearer string // on calls after Initialize
		wantCalls  string
	}{
		{name: "Initialize hands out a new token", server: &flowServer{steps: `[{"updateStepId":2}]`, initAnswer: `{"status":0,"token":"tok-after-init"}`, method: `{"value":1}`},
			wantBearer: "Bearer tok-after-init", wantCalls: "GenerateUpdateRequestSessionToken GetCurrentRequestSteps Initialize GetUpdateVerificationMethod"},
		{name: "the step 1 token is kept", server: &flowServer{steps: `[{"updateStepId":3},{"updateStepId":2}]`, initAnswer: `{"status":0}`, method: `{"id":1,"nameEn":"Password"}`},
			wantBearer: "Bearer tok-step1", wantCalls: "GenerateUpdateRequestSessionToken GetCurrentRequestSteps Initialize GetUpdateVerificationMethod"},
		{name: "passport step not allowed", server: &flowServer{steps: `[{"updateStepId":3}]`},
			wantCalls: "GenerateUpdateRequestSessionToken GetCurrentRequestSteps",
			wantErr: func(t *testing.T, err error) {
				if !errors.Is(err, api.ErrPassportStepNotAllowed) {
					t.Errorf("err %v", err)
				}
				if s := api.Sentence(err); !strings.Contains(s, "does not allow a passport update") {
					t.Errorf("sentence %q", s)
				}
			}},
		{name: "tenant requires an email code", server: &flowServer{steps: `[{"updateStepId":2}]`, initAnswer: `{"status":0}`, method: `{"value":2}`},
			wantCalls: "GenerateUpdateRequestSessionToken GetCurrentRequestSteps Initialize GetUpdateVerificationMethod",
			wantErr: func(t *testing.T, err error) {
				var um *api.UnsupportedMethodError
				if !errors.As(err, &um) || um.Method.ID != 2 {
					t.Fatalf("err %v", err)
				}
				if s := api.Sentence(err); !strings.Contains(s, "email code") {
					t.Errorf("sentence %q", s)
				}
			}},
		{name: "tenant credentials refused", server: &flowServer{step1Status: 401},
			wantCalls: "GenerateUpdateRequestSessionToken",
			wantErr: func(t *testing.T, err error) {
				e := asAPIError(t, err, "GenerateUpdateRequestSessionToken")
				checkSentence(t, e, "tenant credentials")
			}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			fs := row.server
			fs.auths = map[string]string{}
			anon, _ := newServer(t, fs)
			anon = anon.WithToken("")
			ps, err := anon.OpenPassportSession(ctx(t), "tenant-17", testTenantSecret, "APP-2025-0042")
			if got := strings.Join(fs.calls, " "); got != row.wantCalls {
				t.Errorf("calls %q, want %q", got, row.wantCalls)
			}
			if row.wantErr != nil {
				row.wantErr(t, err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fs.auths["GenerateUpdateRequestSessionToken"] != "" || fs.auths["GetCurrentRequestSteps"] != "Bearer tok-step1" {
				t.Errorf("bearers %v", fs.auths)
			}
			if fs.auths["GetUpdateVerificationMethod"] != row.wantBearer {
				t.Errorf("3b bearer %q, want %q", fs.auths["GetUpdateVerificationMethod"], row.wantBearer)
			}
			if !ps.ExpiresAt.Equal(time.Date(2026, 11, 26, 2, 30, 0, 0, time.UTC)) || ps.Method.ID != api.MethodPassword {
				t.Errorf("session %+v", ps)
			}
			if _, err := ps.Client.IsTranslationStepEnabled(ctx(t)); err != nil || fs.auths["IsTranaslationStepEnabled"] != row.wantBearer {
				t.Errorf("the session's client sends %q (%v)", fs.auths["IsTranaslationStepEnabled"], err)
			}
			if anon.HasToken() {
				t.Errorf("OpenPassportSession changed the caller's client")
			}
		})
	}
}

func TestResumePassportSessionOnlyChecksTheMethod(t *testing.T) {
	fs := &flowServer{method: `{"value":1}`, auths: map[string]string{}}
	c, _ := newServer(t, fs)
	ps, err := c.ResumePassportSession(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if ps.Client != c || strings.Join(fs.calls, " ") != "GetUpdateVerificationMethod" || fs.auths["GetUpdateVerificationMethod"] != "Bearer "+testToken {
		t.Errorf("session %+v, calls %v, auths %v", ps, fs.calls, fs.auths)
	}
	fs.method = `{"id":6,"nameEn":"Face match"}`
	_, err = c.ResumePassportSession(ctx(t))
	var um *api.UnsupportedMethodError
	if !errors.As(err, &um) || !strings.Contains(api.Sentence(err), "Face match") {
		t.Errorf("err %v", err)
	}
}
