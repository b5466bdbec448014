package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"example.com/passport-update/api"
	"example.com/passport-update/api/sandbox"
	"example.com/passport-update/internal/receipt"
)

var (
	buildOnce sync.Once
	builtPath string
	buildErr  error
	buildDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// binary builds passport-update once per test process.
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "passport-update-bin-")
		if buildErr != nil {
			return
		}
		builtPath, buildErr = goBuild(filepath.Join(buildDir, "passport-update"), ".")
	})
	if buildErr != nil {
		t.Fatalf("go build: %v", buildErr)
	}
	return builtPath
}

// goBuild builds pkg into out; extra environment (CGO_ENABLED=0) comes after the process's.
func goBuild(out, pkg string, env ...string) (string, error) {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("%w\n%s", err, b)
	}
	return out, nil
}

// sandboxProcess runs `passport-update sandbox` in its own process and returns its URL.
func sandboxProcess(t *testing.T) string {
	t.Helper()
	cmd := exec.Command(binary(t), "sandbox", "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("sandbox printed nothing: %v", err)
	}
	url := regexp.MustCompile(`http://127\.0\.0\.1:\d+`).FindString(line)
	if url == "" {
		t.Fatalf("no URL in the sandbox's first line %q", line)
	}
	go io.Copy(io.Discard, stdout)
	return url
}

func specimens(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command(binary(t), "sandbox", "--write-specimens", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("--write-specimens: %v\n%s", err, out)
	}
	return dir
}

type runOutput struct {
	Outcome   string `json:"outcome"`
	Extracted struct {
		DocumentNumber string `json:"documentNumber"`
		FullNameAr     string `json:"fullNameAr"`
	} `json:"extracted"`
	FullNameArSent *string `json:"fullNameArSent"`
	Error          *struct {
		Stage, Kind, Sentence string
	} `json:"error"`
	ExitCode int `json:"exitCode"`
}

func runBinary(t *testing.T, env []string, stdin string, args ...string) (runOutput, int, string) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"run"}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	var out runOutput
	if jerr := json.Unmarshal(stdout.Bytes(), &out); jerr != nil {
		t.Fatalf("run printed no JSON object (%v):\n%s\nstderr: %s", jerr, stdout.String(), stderr.String())
	}
	return out, code, stderr.String()
}

func TestRunAgainstTheSandboxProcess(t *testing.T) {
	url := sandboxProcess(t)
	dir := specimens(t)
	happy := filepath.Join(dir, "passport-amina-specimen.jpg")
	notImage := filepath.Join(t.TempDir(), "scan.jpg")
	os.WriteFile(notImage, []byte("this is a text file, not a passport scan\n"), 0o644)
	env := []string{"PASSPORT_API_URL=" + url, "PASSPORT_TENANT_ID=" + sandbox.TenantID, "PASSPORT_TENANT_SECRET=" + sandbox.TenantSecret}

	for _, tc := range []struct {
		name     string
		env      []string
		password string
		args     []string
		code     int
		outcome  string
		say      string // a piece of the sentence on stderr
	}{
		{"happy path approves", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-HAPPY", "--image", happy, "--yes"}, 0, "approved", ""},
		{"without --yes it stops after OCR", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-HAPPY", "--image", happy}, 0, "reviewed", ""},
		{"wrong password", env, "not-the-password\n", []string{"--applicant", "DEMO-HAPPY", "--image", happy, "--yes"}, exitAuth, "failed", "password"},
		{"OCR failure", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-OCRFAIL", "--image", happy, "--yes"}, exitOCR, "failed", ""},
		{"a text file named .jpg", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-HAPPY", "--image", notImage, "--yes"}, exitImage, "failed", "image"},
		{"a problem the checks found stops --yes", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-EXPIRED", "--image", happy, "--yes"}, exitValidation, "failed", "--despite-problems"},
		{"--despite-problems approves past it", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-EXPIRED", "--image", happy, "--yes", "--despite-problems"}, 0, "approved", ""},
		{"an invalid Arabic name", env, sandbox.Password + "\n", []string{"--applicant", "DEMO-HAPPY", "--image", happy, "--arabic-name", "Amina خالد", "--yes"}, exitValidation, "failed", "Latin letter"},
		{"an unreachable server", []string{"PASSPORT_API_URL=http://127.0.0.1:1", "PASSPORT_TENANT_ID=t", "PASSPORT_TENANT_SECRET=s"}, "pw\n", []string{"--applicant", "DEMO-HAPPY", "--image", happy, "--yes", "--timeout", "5s"}, exitServer, "failed", ""},
		{"no password on stdin", env, "", []string{"--applicant", "DEMO-HAPPY", "--image", happy}, exitUsage, "failed", "first line of stdin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code, stderr := runBinary(t, tc.env, tc.password, tc.args...)
			if code != tc.code || out.ExitCode != tc.code {
				t.Fatalf("exit %d (JSON says %d), want %d; stderr: %s", code, out.ExitCode, tc.code, stderr)
			}
			if out.Outcome != tc.outcome {
				t.Errorf("outcome %q, want %q", out.Outcome, tc.outcome)
			}
			if tc.code != 0 {
				if out.Error == nil || out.Error.Sentence == "" {
					t.Fatalf("a failure without a sentence: %+v", out)
				}
				if !strings.Contains(strings.ToLower(stderr), strings.ToLower(tc.say)) {
					t.Errorf("stderr %q does not mention %q", stderr, tc.say)
				}
				if strings.Contains(stderr, "\x1b") || strings.Contains(out.Error.Sentence, "HTTP 0") {
					t.Errorf("sentence is not for people: %q", out.Error.Sentence)
				}
			}
			if tc.outcome == "approved" {
				if out.Extracted.DocumentNumber == "" || out.FullNameArSent == nil || *out.FullNameArSent == "" {
					t.Errorf("approved without the document or the Arabic name: %+v", out)
				}
			}
		})
	}
}

// TestNoSecretLeavesTheProcess runs the whole flow with the log at its most verbose and a receipt,
// then looks for the password, the session token and the tenant secret in every output.
func TestNoSecretLeavesTheProcess(t *testing.T) {
	const password = "Pw-7c41e9-never-shown"
	var mu sync.Mutex
	var tokens []string
	sb := sandbox.New(sandbox.Options{Password: password})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, r)
		var body struct {
			Token string `json:"token"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &body) == nil && body.Token != "" {
			mu.Lock()
			tokens = append(tokens, body.Token)
			mu.Unlock()
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	defer srv.Close()

	dir := t.TempDir()
	paths, err := sandbox.WriteSpecimens(dir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("specimens: %v", err)
	}
	logFile := filepath.Join(dir, "requests.log")
	receipts := filepath.Join(dir, "receipts")
	env := envOf(map[string]string{
		"PASSPORT_API_URL":       srv.URL,
		"PASSPORT_TENANT_ID":     sandbox.TenantID,
		"PASSPORT_TENANT_SECRET": sandbox.TenantSecret,
		"PASSPORT_LOG":           logFile,
		"PASSPORT_RECEIPT_DIR":   receipts,
	})
	var outputs bytes.Buffer
	for _, tc := range []struct {
		password string
		args     []string
	}{
		{"wrong-" + password, []string{"--applicant", "DEMO-HAPPY", "--image", paths[0], "--yes"}},
		{password, []string{"--applicant", "DEMO-HAPPY", "--image", paths[0], "--yes"}},
		{password, []string{"--applicant", "DEMO-OCRFAIL", "--image", paths[0], "--yes"}},
	} {
		var stdout, stderr bytes.Buffer
		realMain(context.Background(), append([]string{"run"}, tc.args...), env, strings.NewReader(tc.password+"\n"), &stdout, &stderr)
		outputs.Write(stdout.Bytes())
		outputs.Write(stderr.Bytes())
	}
	logged, err := os.ReadFile(logFile)
	if err != nil || len(logged) == 0 {
		t.Fatalf("the request log is empty: %v", err)
	}
	if st, _ := os.Stat(logFile); st.Mode().Perm() != 0o600 {
		t.Errorf("log file mode %v, want 0600", st.Mode().Perm())
	}
	outputs.Write(logged)
	entries, _ := os.ReadDir(receipts)
	if len(entries) == 0 {
		t.Fatal("no receipt was written")
	}
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(receipts, e.Name()))
		outputs.Write(b)
	}
	// The day's list reads those receipts back: its table, CSV and JSON hold no secret either.
	for _, format := range []string{"table", "csv", "json"} {
		var stdout, stderr bytes.Buffer
		if code := realMain(context.Background(), []string{"receipts", "--format", format}, env, strings.NewReader(""), &stdout, &stderr); code != exitOK {
			t.Fatalf("receipts --format %s: exit %d; stderr: %s", format, code, stderr.String())
		}
		if !strings.Contains(stdout.String(), "DEMO-OCRFAIL") || !strings.Contains(stdout.String(), "DEMO-HAPPY") {
			t.Fatalf("receipts --format %s does not list the runs; the check below would prove nothing:\n%s", format, stdout.String())
		}
		outputs.Write(stdout.Bytes())
		outputs.Write(stderr.Bytes())
	}
	mu.Lock()
	secrets := append([]string{password, sandbox.TenantSecret}, tokens...)
	mu.Unlock()
	if len(secrets) < 3 {
		t.Fatal("the sandbox handed out no token; the test would prove nothing")
	}
	all := outputs.String()
	for _, s := range secrets {
		if strings.Contains(all, s) {
			t.Errorf("a secret (%d characters) appears in the outputs", len(s))
		}
	}
	if !strings.Contains(all, "VerifyPassword") {
		t.Error("the log does not name the calls; the check above may be vacuous")
	}
}

func TestSandboxCommandPrintsCredentialsAndApplicants(t *testing.T) {
	cmd := exec.Command(binary(t), "sandbox", "--addr", "127.0.0.1:0")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	r := bufio.NewReader(stdout)
	var text strings.Builder
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(text.String(), "index page") && time.Now().Before(deadline) {
		line, err := r.ReadString('\n')
		text.WriteString(line)
		if err != nil {
			break
		}
	}
	for _, want := range []string{sandbox.TenantID, sandbox.TenantSecret, sandbox.Password} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("sandbox output lacks %q", want)
		}
	}
	for _, sc := range sandbox.Scenarios() {
		if !strings.Contains(text.String(), sc.ApplicantID) {
			t.Errorf("sandbox output lacks applicant %s", sc.ApplicantID)
		}
	}
}

// TestRunWithAReadyToken: steps 1–3 done elsewhere, the token in PASSPORT_TOKEN, no --applicant.
func TestRunWithAReadyToken(t *testing.T) {
	url := sandboxProcess(t)
	dir := specimens(t)
	body := `{"tenantId":"` + sandbox.TenantID + `","tenantSecret":"` + sandbox.TenantSecret + `","applicantId":"DEMO-HAPPY","updateSteps":[2]}`
	resp, err := http.Post(url+"/api/v1/Auth/GenerateUpdateRequestSessionToken", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var session struct{ Token string }
	json.NewDecoder(resp.Body).Decode(&session)
	resp.Body.Close()
	req, _ := http.NewRequest(http.MethodPost, url+"/api/v1/update/UpdateRequest/Initialize/2", nil)
	req.Header.Set("Authorization", "Bearer "+session.Token)
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 || session.Token == "" {
		t.Fatalf("the session could not be prepared: %v %v", err, resp)
	}
	resp.Body.Close()

	out, code, stderr := runBinary(t, []string{"PASSPORT_API_URL=" + url, "PASSPORT_TOKEN=" + session.Token},
		sandbox.Password+"\n", "--image", filepath.Join(dir, "passport-amina-specimen.jpg"), "--yes")
	if code != 0 || out.Outcome != "approved" {
		t.Fatalf("exit %d, outcome %q; stderr: %s", code, out.Outcome, stderr)
	}
	if out.Extracted.DocumentNumber == "" || out.FullNameArSent == nil {
		t.Errorf("approved without the document or the name: %+v", out)
	}
}

// inProcess is `passport-update run` driven in this process against h (the sandbox, or the
// sandbox behind a fault), with a receipt folder and a request log.
type inProcess struct {
	url, dir, image, log, receipts string
}

func newInProcess(t *testing.T, h http.Handler) inProcess {
	t.Helper()
	old := testClientOptions
	testClientOptions = []api.Option{api.WithRetryPause(0)}
	t.Cleanup(func() { testClientOptions = old })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	paths, err := sandbox.WriteSpecimens(dir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("specimens: %v", err)
	}
	return inProcess{url: srv.URL, dir: dir, image: paths[0], log: filepath.Join(dir, "requests.log"), receipts: filepath.Join(dir, "receipts")}
}

type inProcessResult struct {
	out            runOutput
	code           int
	stdout, stderr string
}

func (p inProcess) run(ctx context.Context, password string, args ...string) inProcessResult {
	return p.runWith(ctx, nil, password, args...)
}

// runWith is run with more environment variables.
func (p inProcess) runWith(ctx context.Context, more map[string]string, password string, args ...string) inProcessResult {
	vars := map[string]string{
		"PASSPORT_API_URL": p.url, "PASSPORT_TENANT_ID": sandbox.TenantID, "PASSPORT_TENANT_SECRET": sandbox.TenantSecret,
		"PASSPORT_LOG": p.log, "PASSPORT_RECEIPT_DIR": p.receipts, "PASSPORT_TIMEOUT": "2s",
	}
	for k, v := range more {
		vars[k] = v
	}
	env := envOf(vars)
	var stdout, stderr bytes.Buffer
	code := runCommand(ctx, append([]string{"--image", p.image}, args...), env, strings.NewReader(password+"\n"), &stdout, &stderr)
	var r inProcessResult
	r.code, r.stdout, r.stderr = code, stdout.String(), stderr.String()
	_ = json.Unmarshal(stdout.Bytes(), &r.out)
	return r
}

// receiptOutcomes reads the outcome of every receipt written.
func (p inProcess) receiptOutcomes(t *testing.T) []string {
	t.Helper()
	entries, _ := os.ReadDir(p.receipts)
	var out []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(p.receipts, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var r struct{ Outcome string }
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("receipt %s: %v", e.Name(), err)
		}
		out = append(out, r.Outcome)
	}
	return out
}

// TestRunGetsThroughAFlakyGatewayByRetryingTheSafeCalls: DEMO-FLAKY's gateway fails the first
// try of every session set-up call and of the translation flag; the client retries each once.
func TestRunGetsThroughAFlakyGatewayByRetryingTheSafeCalls(t *testing.T) {
	p := newInProcess(t, sandbox.New(sandbox.Options{}))
	r := p.run(t.Context(), sandbox.Password, "--applicant", "DEMO-FLAKY", "--yes")
	if r.code != exitOK || r.out.Outcome != "approved" {
		t.Fatalf("exit %d, outcome %q; stderr: %s", r.code, r.out.Outcome, r.stderr)
	}
	logged, _ := os.ReadFile(p.log)
	if n := strings.Count(string(logged), `"status":502`); n < 5 {
		t.Errorf("the log shows %d gateway failures; the scenario did not test the retry:\n%s", n, logged)
	}
}

// approveFault lets the sandbox handle everything, and answers Approve with fault, after
// the sandbox has applied the approval when apply is set.
func approveFault(apply bool, fault http.HandlerFunc) http.Handler {
	sb := sandbox.New(sandbox.Options{})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/UpdatePassport/Approve") {
			sb.ServeHTTP(w, r)
			return
		}
		if apply {
			sb.ServeHTTP(httptest.NewRecorder(), r)
		}
		fault(w, r)
	})
}

func answer(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func endlessBody(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(200)
	chunk := []byte(`{"status":0,"pad":"` + strings.Repeat("x", 64<<10) + `"},`)
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

func gzipBombBody(t *testing.T) http.HandlerFunc {
	var packed bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&packed, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range (api.MaxAnswerBytes >> 20) + 4 {
		zw.Write(zeros)
	}
	zw.Close()
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(200)
		w.Write(packed.Bytes())
	}
}

// TestRunSaysUnknownWheneverTheApprovalMayHaveBeenApplied: the JSON, the receipt and the exit
// code follow api.OutcomeUnknown; error.kind is always there. A refusal is "failed" in the JSON
// (as it always was) and "refused" in the receipt, as the wizard records it.
func TestRunSaysUnknownWheneverTheApprovalMayHaveBeenApplied(t *testing.T) {
	rows := []struct {
		name    string
		h       http.Handler
		outcome string
		code    int
		kind    string
		receipt string
	}{
		{"500 after the server applied it", approveFault(true, answer(500, `{"message":"Object reference not set to an instance of an object."}`, "Content-Type", "application/json")), "unknown", exitServer, "server", "unknown"},
		{"502 after the server applied it", approveFault(true, answer(502, "<html><body>Bad Gateway</body></html>", "Content-Type", "text/html")), "unknown", exitServer, "server", "unknown"},
		{"504 after the server applied it", approveFault(true, answer(504, "<html><body>Gateway Timeout</body></html>", "Content-Type", "text/html")), "unknown", exitServer, "server", "unknown"},
		{"an endless body", approveFault(true, endlessBody), "unknown", exitServer, "bad_answer", "unknown"}, // stopped at the read limit
		{"a gzip bomb", approveFault(true, gzipBombBody(t)), "unknown", exitServer, "bad_answer", "unknown"},
		{"200 that does not say it succeeded", approveFault(false, answer(200, `{"message":"Approval rejected","errorCode":"E1"}`, "Content-Type", "application/json")), "unknown", exitServer, "bad_answer", "unknown"},
		{"200 status 1: refused", approveFault(false, answer(200, `{"status":1,"message":"Update request is closed"}`, "Content-Type", "application/json")), "failed", exitValidation, "failed", "refused"},
		{"a same-origin 307: not acted on", approveFault(false, answer(307, "", "Location", "/api/v1/update/UpdatePassport/Approve")), "failed", exitServer, "bad_answer", "refused"},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			p := newInProcess(t, row.h)
			r := p.run(t.Context(), sandbox.Password, "--applicant", "DEMO-HAPPY", "--yes")
			if r.code != row.code || r.out.ExitCode != row.code || r.out.Outcome != row.outcome {
				t.Fatalf("exit %d (JSON %d), outcome %q; want %d, %q\nstdout: %s\nstderr: %s", r.code, r.out.ExitCode, r.out.Outcome, row.code, row.outcome, r.stdout, r.stderr)
			}
			if r.out.Error == nil || r.out.Error.Kind != row.kind || r.out.Error.Stage != "approve" {
				t.Errorf("error %+v, want kind %q at stage approve", r.out.Error, row.kind)
			}
			if got := p.receiptOutcomes(t); len(got) != 1 || got[0] != row.receipt {
				t.Errorf("receipt outcomes %v, want [%s]", got, row.receipt)
			}
			s := r.out.Error.Sentence
			if row.outcome == "unknown" && (strings.Count(s, "may or may not") != 1 || !strings.Contains(s, "back office")) {
				t.Errorf("unknown outcome sentence %q", s)
			}
			if row.outcome == "failed" && strings.Contains(s, "may or may not") {
				t.Errorf("a refusal worded as unknown: %q", s)
			}
		})
	}
}

// TestASignalDuringTheApprovalWaitsForItsAnswer: SIGTERM once the approval is on its way does
// not cut it off: its answer decides the outcome, and no answer within the timeout is unknown.
func TestASignalDuringTheApprovalWaitsForItsAnswer(t *testing.T) {
	for _, row := range []struct {
		name    string
		answers bool
		outcome string
		code    int
	}{
		{"the server answers after the signal", true, "approved", exitOK},
		{"the server never answers", false, "unknown", exitServer},
	} {
		t.Run(row.name, func(t *testing.T) {
			ctx, signal := context.WithCancel(t.Context())
			sb := sandbox.New(sandbox.Options{})
			p := newInProcess(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !strings.HasSuffix(r.URL.Path, "/UpdatePassport/Approve") {
					sb.ServeHTTP(w, r)
					return
				}
				signal() // SIGTERM arrives while the approval is at the server
				if !row.answers {
					io.Copy(io.Discard, r.Body) // a server notices the hang-up only once the body is read
					<-r.Context().Done()
					return
				}
				sb.ServeHTTP(w, r)
			}))
			r := p.run(ctx, sandbox.Password, "--applicant", "DEMO-HAPPY", "--yes", "--timeout", "1s")
			if r.code != row.code || r.out.Outcome != row.outcome {
				t.Fatalf("exit %d, outcome %q; want %d, %q\nstderr: %s", r.code, r.out.Outcome, row.code, row.outcome, r.stderr)
			}
			if !strings.Contains(r.stderr, "waiting for the server's answer") {
				t.Errorf("stderr does not say it waits: %q", r.stderr)
			}
			if row.outcome == "unknown" && (r.out.Error == nil || r.out.Error.Kind != "timeout") {
				t.Errorf("error %+v, want kind timeout", r.out.Error)
			}
			if got := p.receiptOutcomes(t); len(got) != 1 || got[0] != row.outcome {
				t.Errorf("receipt outcomes %v, want [%s]", got, row.outcome)
			}
		})
	}
}

// TestNoSecretASeverEchoesLeavesRun: a server that puts the tenant secret into its
// VerifyPassword refusal, and the password and the tenant secret into its Approve refusal:
// neither reaches the JSON, stderr, the log or the receipt.
func TestNoSecretAServerEchoesLeavesRun(t *testing.T) {
	const password = "Pw-3f9a1c-never-shown"
	echo := "Rejected: tenant " + sandbox.TenantSecret + " password " + password
	for _, call := range []string{"VerifyPassword", "Approve"} {
		t.Run(call, func(t *testing.T) {
			sb := sandbox.New(sandbox.Options{Password: password})
			p := newInProcess(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/"+call) {
					io.Copy(io.Discard, r.Body)
					out, _ := json.Marshal(map[string]any{"message": echo, "errorCode": sandbox.TenantSecret,
						"errors": map[string][]string{"FullNameAr": {echo}}})
					answer(400, string(out), "Content-Type", "application/json")(w, r)
					return
				}
				sb.ServeHTTP(w, r)
			}))
			r := p.run(t.Context(), password, "--applicant", "DEMO-HAPPY", "--yes")
			if r.code == exitOK || r.out.Error == nil || r.out.Error.Stage != map[string]string{"VerifyPassword": "password", "Approve": "approve"}[call] {
				t.Fatalf("exit %d, error %+v; the fault was not met\nstderr: %s", r.code, r.out.Error, r.stderr)
			}
			logged, err := os.ReadFile(p.log)
			if err != nil || len(logged) == 0 {
				t.Fatalf("no request log: %v", err)
			}
			all := r.stdout + r.stderr + string(logged)
			entries, _ := os.ReadDir(p.receipts)
			for _, e := range entries {
				b, _ := os.ReadFile(filepath.Join(p.receipts, e.Name()))
				all += string(b)
			}
			if call == "Approve" && len(entries) == 0 {
				t.Error("no receipt for the refused approval")
			}
			for _, s := range []string{password, sandbox.TenantSecret} {
				if strings.Contains(all, s) {
					t.Errorf("secret %q leaves the process:\n%s", s, all)
				}
			}
			if !strings.Contains(all, "[redacted]") {
				t.Errorf("nothing was redacted; the test proves nothing:\n%s", all)
			}
		})
	}
}

// TestAnExistingLogFileIsMadePrivate: --log on a file others can read makes it 0600 before a
// line is written.
func TestAnExistingLogFileIsMadePrivate(t *testing.T) {
	p := newInProcess(t, sandbox.New(sandbox.Options{}))
	if err := os.WriteFile(p.log, []byte("earlier line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p.log, 0o644); err != nil { // past the umask
		t.Fatal(err)
	}
	r := p.run(t.Context(), sandbox.Password, "--applicant", "DEMO-HAPPY")
	if r.code != exitOK {
		t.Fatalf("exit %d; stderr: %s", r.code, r.stderr)
	}
	st, err := os.Stat(p.log)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("log file mode %v, want 0600", st.Mode().Perm())
	}
	if b, _ := os.ReadFile(p.log); !strings.HasPrefix(string(b), "earlier line\n") || !strings.Contains(string(b), "VerifyPassword") {
		t.Errorf("the log was not appended to:\n%s", b)
	}
}

// TestRunWritesFileNamesAsTheScreensShowThem: a scan named with a line break, an escape
// sequence and U+202E is approved; the JSON and the receipt, read with cat, carry none of them.
func TestRunWritesFileNamesAsTheScreensShowThem(t *testing.T) {
	p := newInProcess(t, sandbox.New(sandbox.Options{}))
	hostile := filepath.Join(p.dir, "scan\nof\x1b[31mthe\u202egpj.exe.jpg")
	b, err := os.ReadFile(p.image)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(hostile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	r := p.run(t.Context(), sandbox.Password, "--applicant", "DEMO-HAPPY", "--image", hostile, "--yes")
	if r.code != exitOK {
		t.Fatalf("exit %d; stderr: %s", r.code, r.stderr)
	}
	var out struct {
		Image struct{ Name string } `json:"image"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(p.receipts)
	if len(entries) != 1 {
		t.Fatalf("%d receipts, want 1", len(entries))
	}
	rec, err := os.ReadFile(filepath.Join(p.receipts, entries[0].Name()))
	if err != nil {
		t.Fatal(err)
	}
	var receipt struct{ ImageName string }
	if err := json.Unmarshal(rec, &receipt); err != nil {
		t.Fatal(err)
	}
	const shown = `scan\x0aof\x1b[31mthe\u202egpj.exe.jpg` // escaped, as the picker and Upload draw it
	for _, tc := range []struct{ what, raw, name string }{
		{"run's JSON", r.stdout + r.stderr, out.Image.Name},
		{"the receipt", string(rec), receipt.ImageName},
	} {
		if strings.ContainsAny(tc.raw, "\u202e\x1b") {
			t.Errorf("%s carries a raw bidi control or ESC:\n%s", tc.what, tc.raw)
		}
		if tc.name != shown {
			t.Errorf("%s names the image %q, want %q", tc.what, tc.name, shown)
		}
	}
}

// paddedTo copies the image at src to a new file of exactly size bytes (zeros after the image's
// end marker, as a phone appends its extras).
func paddedTo(t *testing.T, src string, size int64) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(b)) > size {
		t.Fatalf("%s is already %d bytes", src, len(b))
	}
	path := filepath.Join(t.TempDir(), fmt.Sprintf("scan-%d.jpg", size))
	if err := os.WriteFile(path, append(b, make([]byte, size-int64(len(b)))...), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTheImageLimitReadsAsTheFlagSaysIt: --max-image-mb counts the megabytes every screen
// shows (1 MB = 1,000,000 bytes), so the refusal states the limit that was given.
func TestTheImageLimitReadsAsTheFlagSaysIt(t *testing.T) {
	p := newInProcess(t, sandbox.New(sandbox.Options{}))
	for _, tc := range []struct {
		name, limit string
		size        int64
		code        int
		sentence    string
	}{
		{"a 13,048,712-byte scan over a 10 MB limit", "10", 13_048_712, exitImage, "The file is 13.0 MB; the limit is 10 MB."},
		{"a 15,700,000-byte scan over the default 15 MB", "", 15_700_000, exitImage, "The file is 15.7 MB; the limit is 15 MB."},
		{"a scan of exactly 10,000,000 bytes is within 10 MB", "10", 10_000_000, exitOK, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"--applicant", "DEMO-HAPPY", "--image", paddedTo(t, p.image, tc.size)}
			if tc.limit != "" {
				args = append(args, "--max-image-mb", tc.limit)
			}
			r := p.run(t.Context(), sandbox.Password, args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", r.code, tc.code, r.stderr)
			}
			if tc.sentence == "" {
				return
			}
			if r.out.Error == nil || !strings.HasPrefix(r.out.Error.Sentence, tc.sentence) {
				t.Errorf("error %+v, want the sentence to begin %q", r.out.Error, tc.sentence)
			}
		})
	}
}

// TestRunAnswersEveryUsageErrorInJSON: whatever is wrong with the command line, run prints its
// one JSON object (outcome failed, stage usage, exit 2, checks an empty list), and a secret
// given on the command line is refused without being repeated anywhere.
func TestRunAnswersEveryUsageErrorInJSON(t *testing.T) {
	const secret = "hunter2-7f3e-never-shown"
	for _, tc := range []struct {
		name string
		args []string
		env  map[string]string
		say  string
	}{
		{"an unknown flag", []string{"--bogus"}, nil, "-bogus"},
		{"the password as a flag", []string{"--password", secret, "--image", "x.jpg"}, nil, "--password is not accepted"},
		{"the password after =", []string{"--image", "x.jpg", "--password=" + secret}, nil, "--password is not accepted"},
		{"the token as a flag", []string{"-token=" + secret}, nil, "-token is not accepted"},
		{"the tenant secret as a flag", []string{"--tenant-secret", secret}, nil, "--tenant-secret is not accepted"},
		{"no image", []string{"--applicant", "DEMO-HAPPY"}, nil, "--image is required"},
		{"a bad variable", []string{"--image", "x.jpg"}, map[string]string{"PASSPORT_TIMEOUT": "abc"}, "PASSPORT_TIMEOUT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := realMain(t.Context(), append([]string{"run"}, tc.args...), envOf(tc.env), strings.NewReader(secret+"\n"), &stdout, &stderr)
			var out struct {
				Outcome string          `json:"outcome"`
				Checks  json.RawMessage `json:"checks"`
				Error   *struct {
					Stage, Sentence string
				} `json:"error"`
				ExitCode int `json:"exitCode"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("no JSON object on stdout (%v):\n%s\nstderr: %s", err, stdout.String(), stderr.String())
			}
			if code != exitUsage || out.ExitCode != exitUsage || out.Outcome != "failed" || out.Error == nil || out.Error.Stage != "usage" {
				t.Errorf("exit %d, JSON %+v; want exit 2, outcome failed at stage usage", code, out)
			}
			if string(out.Checks) != "[]" {
				t.Errorf("checks is %s, want []", out.Checks)
			}
			if out.Error != nil && !strings.Contains(out.Error.Sentence, tc.say) {
				t.Errorf("sentence %q does not say %q", out.Error.Sentence, tc.say)
			}
			if strings.Contains(stdout.String()+stderr.String(), secret) {
				t.Errorf("the secret given on the command line is repeated:\n%s%s", stdout.String(), stderr.String())
			}
		})
	}
}

// TestRunChecksIsAListWhateverTheOutcome: failed at the password, reviewed and approved runs all
// write checks as a JSON list, never null.
func TestRunChecksIsAListWhateverTheOutcome(t *testing.T) {
	p := newInProcess(t, sandbox.New(sandbox.Options{}))
	for _, tc := range []struct {
		name     string
		password string
		args     []string
		outcome  string
	}{
		{"a wrong password", "not-the-password", []string{"--applicant", "DEMO-HAPPY", "--yes"}, "failed"},
		{"an OCR failure", sandbox.Password, []string{"--applicant", "DEMO-OCRFAIL", "--yes"}, "failed"},
		{"reviewed", sandbox.Password, []string{"--applicant", "DEMO-HAPPY"}, "reviewed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := p.run(t.Context(), tc.password, tc.args...)
			if r.out.Outcome != tc.outcome {
				t.Fatalf("outcome %q, want %q; stderr: %s", r.out.Outcome, tc.outcome, r.stderr)
			}
			var out struct {
				Checks json.RawMessage `json:"checks"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
				t.Fatal(err)
			}
			if c := string(out.Checks); !strings.HasPrefix(c, "[") {
				t.Errorf("checks is %s, want a list", c)
			}
		})
	}
}

// TestRunRefusesAReceiptFolderItCannotWriteBeforeSendingAnything: with --receipt pointing where
// no file can be made, run stops with exit 2 before its first request, instead of approving and
// then failing to keep the record.
func TestRunRefusesAReceiptFolderItCannotWriteBeforeSendingAnything(t *testing.T) {
	var mu sync.Mutex
	var requests []string
	sb := sandbox.New(sandbox.Options{})
	p := newInProcess(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.Path)
		mu.Unlock()
		sb.ServeHTTP(w, r)
	}))
	file := filepath.Join(p.dir, "not-a-folder")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, setting, dir string }{
		{"a folder under a file", "--receipt", filepath.Join(file, "receipts")},
		{"a file", "--receipt", file},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := p.run(t.Context(), sandbox.Password, "--applicant", "DEMO-HAPPY", "--yes", "--receipt", tc.dir)
			if r.code != exitUsage || r.out.Outcome != "failed" || r.out.Error == nil || r.out.Error.Stage != "usage" {
				t.Fatalf("exit %d, outcome %q, error %+v; want a usage refusal\nstderr: %s", r.code, r.out.Outcome, r.out.Error, r.stderr)
			}
			if s := r.out.Error.Sentence; !strings.Contains(s, "receipt folder") || !strings.Contains(s, tc.setting) {
				t.Errorf("sentence %q does not name the receipt folder and %s", s, tc.setting)
			}
			mu.Lock()
			defer mu.Unlock()
			if len(requests) > 0 {
				t.Errorf("run sent %v before refusing", requests)
			}
		})
	}
}

// TestRunRecordsEveryCaseThatReachedTheUpload: as in the wizard, a run whose scan went to the
// server ends with a receipt whatever happens after, so the day's list has it; a run that never
// uploaded has none.
func TestRunRecordsEveryCaseThatReachedTheUpload(t *testing.T) {
	for _, row := range []struct {
		name, password string
		args           []string
		json, receipt  string // "" receipt: none written
	}{
		{"approved", sandbox.Password, []string{"--applicant", "DEMO-HAPPY", "--yes"}, "approved", receipt.Approved},
		{"reviewed without --yes", sandbox.Password, []string{"--applicant", "DEMO-HAPPY"}, "reviewed", receipt.Abandoned},
		{"stopped by the checks", sandbox.Password, []string{"--applicant", "DEMO-EXPIRED", "--yes"}, "failed", receipt.Abandoned},
		{"OCR failed", sandbox.Password, []string{"--applicant", "DEMO-OCRFAIL", "--yes"}, "failed", receipt.Abandoned},
		{"a wrong password: never uploaded", "not-the-password", []string{"--applicant", "DEMO-HAPPY", "--yes"}, "failed", ""},
	} {
		t.Run(row.name, func(t *testing.T) {
			p := newInProcess(t, sandbox.New(sandbox.Options{}))
			r := p.run(t.Context(), row.password, row.args...)
			if r.out.Outcome != row.json {
				t.Fatalf("JSON outcome %q, want %q; stderr: %s", r.out.Outcome, row.json, r.stderr)
			}
			got := p.receiptOutcomes(t)
			switch {
			case row.receipt == "" && len(got) != 0:
				t.Fatalf("receipts %v for a run that never uploaded", got)
			case row.receipt != "" && (len(got) != 1 || got[0] != row.receipt):
				t.Fatalf("receipt outcomes %v, want [%s]", got, row.receipt)
			}
			var named struct{ Receipt string }
			json.Unmarshal([]byte(r.stdout), &named)
			if (row.receipt != "") != (named.Receipt != "") {
				t.Errorf("the JSON names receipt %q", named.Receipt)
			}
		})
	}
}

// TestTheOperatorIsInEveryReceiptAndLogLine: --operator wins over PASSPORT_OPERATOR, which wins
// over the OS login; the receipt, run's JSON and every line of the log name the operator, the
// workstation and the version.
func TestTheOperatorIsInEveryReceiptAndLogLine(t *testing.T) {
	oldLogin, oldHost := osLogin, osHostname
	osLogin = func() string { return "os.login" }
	osHostname = func() (string, error) { return "branch-cairo-07", nil }
	t.Cleanup(func() { osLogin, osHostname = oldLogin, oldHost })
	for _, row := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"--operator", map[string]string{"PASSPORT_OPERATOR": "env.name"}, []string{"--operator", "amal.hassan"}, "amal.hassan"},
		{"PASSPORT_OPERATOR", map[string]string{"PASSPORT_OPERATOR": "سارة.م"}, nil, "سارة.م"},
		{"the OS login by default", nil, nil, "os.login"},
	} {
		t.Run(row.name, func(t *testing.T) {
			p := newInProcess(t, sandbox.New(sandbox.Options{}))
			r := p.runWith(t.Context(), row.env, sandbox.Password, append([]string{"--applicant", "DEMO-HAPPY", "--yes"}, row.args...)...)
			if r.code != exitOK {
				t.Fatalf("exit %d; stderr: %s", r.code, r.stderr)
			}
			var out struct{ Operator, Host, Version, Receipt string }
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || out.Operator != row.want || out.Host != "branch-cairo-07" || out.Version == "" {
				t.Errorf("run's JSON says operator %q host %q version %q (%v), want %q on branch-cairo-07", out.Operator, out.Host, out.Version, err, row.want)
			}
			body, err := os.ReadFile(out.Receipt)
			if err != nil {
				t.Fatal(err)
			}
			var rec receipt.Receipt
			if err := json.Unmarshal(body, &rec); err != nil || rec.Operator != row.want || rec.Host != "branch-cairo-07" || rec.Tool != "passport-update "+buildVersion() {
				t.Errorf("receipt says operator %q host %q tool %q (%v), want %q", rec.Operator, rec.Host, rec.Tool, err, row.want)
			}
			logged, err := os.ReadFile(p.log)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(logged)), "\n")
			if len(lines) < 4 {
				t.Fatalf("the log has %d lines; the check below would prove little", len(lines))
			}
			for _, line := range lines {
				var l struct{ Operator, Host, Version string }
				if err := json.Unmarshal([]byte(line), &l); err != nil || l.Operator != row.want || l.Host != "branch-cairo-07" || l.Version != buildVersion() {
					t.Fatalf("log line without who, where and which build (%v):\n%s", err, line)
				}
			}
		})
	}
}
