package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests talk to the sandbox over real HTTP with plain net/http and encoding/json, the way
// a foreign client would: never through package api.

// clock is a settable Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// rig is one sandbox server on a loopback port, its clock and a client.
type rig struct {
	t      *testing.T
	srv    *httptest.Server
	clock  *clock
	lang   string
	server *Server
}

func newRig(t *testing.T, opts Options) *rig {
	t.Helper()
	c := &clock{t: time.Date(2026, time.November, 26, 9, 30, 0, 0, time.UTC)}
	if opts.Now == nil {
		opts.Now = c.Now
	}
	if opts.OCRDelay == 0 {
		opts.OCRDelay = time.Millisecond
	}
	server := New(opts)
	srv := httptest.NewServer(server)
	t.Cleanup(srv.Close)
	return &rig{t: t, srv: srv, clock: c, server: server}
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

// obj decodes a JSON object answer; numbers stay json.Number so ints and strings differ.
func (r reply) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("answer %d is not a JSON object: %v\n%s", r.status, err, r.body)
	}
	return m
}

func (r reply) isHTML502() bool {
	return r.status == http.StatusBadGateway && strings.HasPrefix(r.header.Get("Content-Type"), "text/html") &&
		bytes.Contains(r.body, []byte("502 Bad Gateway"))
}

func (g *rig) do(method, path, token string, body any) reply {
	g.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			g.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, g.srv.URL+path, rd)
	if err != nil {
		g.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if g.lang != "" {
		req.Header.Set("Accept-Language", g.lang)
	}
	resp, err := g.srv.Client().Do(req)
	if err != nil {
		g.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		g.t.Fatal(err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: data}
}

// The API's paths, as API.md writes them.
const (
	apiToken       = "/api/v1/Auth/GenerateUpdateRequestSessionToken"
	apiSteps       = "/api/v1/update/UpdateRequest/GetCurrentRequestSteps"
	apiInitialize  = "/api/v1/update/UpdateRequest/Initialize/2"
	apiMethod      = "/api/v1/update/UpdateRequest/GetUpdateVerificationMethod?updateStep=2"
	apiVerifyDoc   = "/api/v1/update/UpdateRequest/VerifyPassword"
	apiVerifySDK   = "/api/v1/update/PasswordUpdateAuthentication/VerifyPassword"
	apiUpload      = "/api/v1/update/UpdatePassport/UploadPassportImage"
	apiTranslation = "/api/v1/update/UpdatePassport/IsTranaslationStepEnabled"
	apiApprove     = "/api/v1/update/UpdatePassport/Approve"
)

// retry repeats a call once when the flaky gateway answers its HTML 502, as a person would.
func (g *rig) retry(method, path, token string, body any) reply {
	g.t.Helper()
	r := g.do(method, path, token, body)
	if r.isHTML502() {
		r = g.do(method, path, token, body)
	}
	return r
}

// open runs step 1 for an applicant with the documented int steps and returns the token.
func (g *rig) open(applicant string) string {
	g.t.Helper()
	r := g.retry("POST", apiToken, "", map[string]any{
		"tenantId": TenantID, "tenantSecret": TenantSecret, "applicantId": applicant, "updateSteps": []int{2},
	})
	if r.status != http.StatusOK {
		g.t.Fatalf("token for %s: %d %s", applicant, r.status, r.body)
	}
	tok, _ := r.obj(g.t)["token"].(string)
	if tok == "" {
		g.t.Fatalf("token for %s: no token in %s", applicant, r.body)
	}
	return tok
}

// verify sends the password to the documented path and falls back to the SDK path on 404.
func (g *rig) verify(token, password string) reply {
	g.t.Helper()
	body := map[string]any{"password": password, "updateStepId": 2}
	r := g.retry("POST", apiVerifyDoc, token, body)
	if r.status == http.StatusNotFound {
		r = g.retry("POST", apiVerifySDK, token, body)
	}
	return r
}

func (g *rig) upload(token string, image []byte) reply {
	g.t.Helper()
	return g.retry("POST", apiUpload, token, map[string]any{"image": base64.StdEncoding.EncodeToString(image)})
}

func (g *rig) approve(token string, name any) reply {
	g.t.Helper()
	return g.retry("POST", apiApprove, token, map[string]any{"fullNameAr": name})
}

// openVerified opens a session and verifies the demo password.
func (g *rig) openVerified(applicant string) string {
	g.t.Helper()
	tok := g.open(applicant)
	if r := g.verify(tok, Password); r.status != http.StatusOK {
		g.t.Fatalf("verify password for %s: %d %s", applicant, r.status, r.body)
	}
	return tok
}

// wantStatus fails unless the reply has the status.
func wantStatus(t *testing.T, what string, r reply, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("%s: status %d, want %d; body %s", what, r.status, status, r.body)
	}
}

// data returns the OCR record of an upload answer, preferring passportData as API.md says.
func data(t *testing.T, ans map[string]any) map[string]any {
	t.Helper()
	if d, ok := ans["passportData"].(map[string]any); ok {
		return d
	}
	if d, ok := ans["customerData"].(map[string]any); ok {
		return d
	}
	t.Fatalf("no passportData or customerData in %v", ans)
	return nil
}

func specimen(t *testing.T, name string) []byte {
	t.Helper()
	for _, sp := range Specimens() {
		if sp.Name == name {
			return sp.Data
		}
	}
	t.Fatalf("no specimen %s", name)
	return nil
}
