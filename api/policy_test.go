package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// TestOnlyAnExplicitSuccessAnswerIsASuccess: VerifyPassword and Approve answered 2xx succeed
// only when the answer says so; for Approve an answer that does not say it is an unknown
// outcome, never an approval; status 1 is a refusal.
func TestOnlyAnExplicitSuccessAnswerIsASuccess(t *testing.T) {
	type verdict int
	const (
		success verdict = iota
		refused         // an explicit failure
		silent          // says nothing: an error, and for Approve an unknown outcome
	)
	rows := []struct {
		body string
		want verdict
	}{
		{`{"status":0}`, success},
		{`{"status":"0"}`, success},
		{`{"status":"Success"}`, success},
		{`{"isSuccess":true}`, success},
		{`{"status":0,"message":"Done"}`, success},
		{`{"status":1}`, refused},
		{`{"status":1,"message":"Invalid password"}`, refused},
		{`{"isSuccess":false}`, refused},
		{`{"status":0,"isSuccess":false}`, refused},
		{`{}`, silent},
		{`{"status":"Error"}`, silent},
		{`{"status":-1}`, silent},
		{`{"status":2}`, silent},
		{`{"message":"Approval rejected","errorCode":"E1"}`, silent},
		{`true`, silent},
		{`2`, silent},
		{`-1`, silent},
		{`[1]`, silent},
		{`null`, silent},
		{``, silent},
	}
	for _, row := range rows {
		t.Run(row.body, func(t *testing.T) {
			c, _ := newServer(t, answerWith(200, row.body))

			verr := c.VerifyPassword(ctx(t), testPassword, api.StepPassport)
			aerr := c.Approve(ctx(t), nil)
			if row.want == success {
				if verr != nil || aerr != nil {
					t.Fatalf("want success, got VerifyPassword %v, Approve %v", verr, aerr)
				}
				return
			}
			ve := asAPIError(t, verr, "VerifyPassword")
			ae := asAPIError(t, aerr, "Approve")
			_, isRefusal := api.ReadPasswordRefusal(verr)
			if isRefusal != (row.want == refused) {
				t.Errorf("VerifyPassword read as a password refusal: %v (%v)", isRefusal, ve)
			}
			if ve.OutcomeUnknown() {
				t.Errorf("VerifyPassword outcome unknown: only an approval can be")
			}
			if got := api.OutcomeUnknown(aerr); got != (row.want == silent) {
				t.Errorf("Approve OutcomeUnknown = %v, want %v (%v)", got, row.want == silent, ae)
			}
			if row.want == silent && !strings.Contains(ae.Sentence(), "without saying it succeeded") &&
				!strings.Contains(ae.Sentence(), "could not be read") {
				t.Errorf("Approve sentence %q does not say the answer was no success", ae.Sentence())
			}
		})
	}
}

// gzipBomb answers a small gzip body that inflates far beyond the read limit.
func gzipBomb(t *testing.T) http.HandlerFunc {
	var packed bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&packed, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range (api.MaxAnswerBytes >> 20) + 4 {
		if _, err := zw.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(200)
		_, _ = w.Write(packed.Bytes())
	}
}

// TestTheOutcomeOfAnApprovalIsUnknownExactlyWhenNoAnswerSaysWhatHappened is the one table the
// screen, the receipt, the JSON and the exit code all rely on.
func TestTheOutcomeOfAnApprovalIsUnknownExactlyWhenNoAnswerSaysWhatHappened(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var written atomic.Int64
	rows := []struct {
		name    string
		handler http.HandlerFunc
		unknown bool
	}{
		{"connection dropped after the request", hijackAndDrop(true), true},
		{"no answer in time", stallAfterHeaders(release), true},
		{"500 after the server applied it", answerWith(500, `{"message":"Object reference not set to an instance of an object."}`), true},
		{"502 HTML from a proxy", answerWith(502, "<html><body>Bad Gateway</body></html>", "Content-Type", "text/html"), true},
		{"503", answerWith(503, ""), true},
		{"504 HTML from a proxy", answerWith(504, "<html><body>Gateway Timeout</body></html>", "Content-Type", "text/html"), true},
		{"endless body", endless(&written, false), true},
		{"gzip bomb", gzipBomb(t), true},
		{"200 without a success", answerWith(200, `{"message":"Approval rejected","errorCode":"E1"}`), true},
		{"200 empty", answerWith(200, ""), true},
		{"303 after acting on the POST", answerWith(303, "", "Location", "/done"), true},
		{"200 status 1: refused", answerWith(200, `{"status":1,"message":"Update request is closed"}`), false},
		{"400 with a message: refused", answerWith(400, `{"message":"Passport data is missing"}`), false},
		{"400 naming FullNameAr: refused", answerWith(400, `{"errors":{"FullNameAr":["The FullNameAr field is required."]}}`), false},
		{"401: session expired", answerWith(401, ""), false},
		{"403: refused", answerWith(403, `{"message":"Not allowed"}`), false},
		{"404: refused", answerWith(404, `{"message":"Update request not found"}`), false},
		{"429: refused", answerWith(429, ""), false},
		{"307 to the same path: not acted on", answerWith(307, "", "Location", "/api/v1/update/UpdatePassport/Approve"), false},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			c, _ := newServer(t, row.handler, api.WithTimeout(300*time.Millisecond))
			err := c.Approve(ctx(t), nil)
			e := asAPIError(t, err, "Approve")
			if got := api.OutcomeUnknown(err); got != row.unknown || e.OutcomeUnknown() != got {
				t.Fatalf("OutcomeUnknown = %v, want %v (%v)", got, row.unknown, e)
			}
			s := e.Sentence()
			if n := strings.Count(s, "may or may not"); n != map[bool]int{true: 1, false: 0}[row.unknown] {
				t.Errorf("sentence says \"may or may not\" %d times: %q", n, s)
			}
			if row.unknown && !strings.Contains(s, "check the customer's record in the back office before approving again") {
				t.Errorf("unknown outcome without what to do: %q", s)
			}
			if row.unknown && strings.Contains(strings.ToLower(s), "try again") {
				t.Errorf("sentence %q invites a second approval", s)
			}
		})
	}
	t.Run("cancelled after sending", func(t *testing.T) {
		arrived := make(chan struct{})
		c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body) // a server notices the hang-up only once the body is read
			close(arrived)
			<-r.Context().Done()
		}))
		cctx, cancel := context.WithCancel(ctx(t))
		go func() { <-arrived; cancel() }()
		err := c.Approve(cctx, nil)
		if !api.OutcomeUnknown(err) {
			t.Errorf("an approval cancelled in flight: OutcomeUnknown false (%v)", err)
		}
	})
	notSent := []struct {
		name string
		run  func(t *testing.T) error
	}{
		{"cancelled before sending", func(t *testing.T) error {
			c, _ := newServer(t, answerWith(200, `{"status":0}`))
			cctx, cancel := context.WithCancel(ctx(t))
			cancel()
			return c.Approve(cctx, nil)
		}},
		{"connection refused", func(t *testing.T) error {
			l, _ := net.Listen("tcp", "127.0.0.1:0")
			addr := l.Addr().String()
			l.Close()
			c, _ := api.New("http://"+addr, api.WithToken(testToken))
			return c.Approve(ctx(t), nil)
		}},
	}
	for _, row := range notSent {
		t.Run(row.name, func(t *testing.T) {
			err := row.run(t)
			e := asAPIError(t, err, "Approve")
			if e.Sent || api.OutcomeUnknown(err) {
				t.Errorf("Sent %v, OutcomeUnknown %v for a request that never left (%v)", e.Sent, api.OutcomeUnknown(err), e)
			}
			if s := e.Sentence(); !strings.Contains(s, "not sent") || strings.Contains(s, "approval was refused") {
				t.Errorf("sentence %q: want \"not sent\", never \"refused\"", s)
			}
		})
	}
	for _, err := range []error{nil, errors.New("some other failure"), api.ErrPassportStepNotAllowed} {
		if api.OutcomeUnknown(err) {
			t.Errorf("OutcomeUnknown(%v) = true", err)
		}
	}
	t.Run("only an approval can have an unknown outcome", func(t *testing.T) {
		c, _ := newServer(t, answerWith(502, "<html>Bad Gateway</html>", "Content-Type", "text/html"))
		for _, call := range everyCall {
			if call.name == "Approve" {
				continue
			}
			if err := call.run(ctx(t), c); err == nil || api.OutcomeUnknown(err) {
				t.Errorf("%s: err %v, OutcomeUnknown %v", call.name, err, api.OutcomeUnknown(err))
			}
		}
	})
}

// TestARedirectIsNeverFollowedForAPost: an approval leaves this program once, whatever the
// server answers; GETs still follow a same-origin redirect.
func TestARedirectIsNeverFollowedForAPost(t *testing.T) {
	for _, status := range []int{301, 302, 303, 307, 308} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			var posts atomic.Int32
			c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodPost {
					posts.Add(1)
				}
				http.Redirect(w, r, "/api/v1/update/UpdatePassport/Approve", status)
			}))
			err := c.Approve(ctx(t), nil)
			e := asAPIError(t, err, "Approve")
			if n := posts.Load(); n != 1 {
				t.Errorf("the server received %d approvals, want exactly 1", n)
			}
			if e.StatusCode != status {
				t.Errorf("StatusCode %d, want the redirect's %d (%v)", e.StatusCode, status, e)
			}
			// 307/308 ask for the same POST elsewhere: the server did not act on this one.
			if wantUnknown := status != 307 && status != 308; e.OutcomeUnknown() != wantUnknown {
				t.Errorf("OutcomeUnknown %v, want %v", e.OutcomeUnknown(), wantUnknown)
			}
			checkSentence(t, e, "redirect")
		})
	}
	t.Run("VerifyPassword is not sent twice either", func(t *testing.T) {
		var posts atomic.Int32
		c, _ := newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			posts.Add(1)
			http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
		}), api.WithVerifyPath(api.VerifyDoc))
		err := c.VerifyPassword(ctx(t), testPassword, api.StepPassport)
		asAPIError(t, err, "VerifyPassword")
		if n := posts.Load(); n != 1 {
			t.Errorf("the server received %d password checks, want 1", n)
		}
	})
}

// flaky answers the first n requests on every path with status, then ok.
func flaky(n int, status int, retryAfter string, ok http.HandlerFunc) (http.HandlerFunc, *atomic.Int32) {
	var hits atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		if int(hits.Add(1)) <= n {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			answerWith(status, "<html><body>Bad Gateway</body></html>", "Content-Type", "text/html")(w, r)
			return
		}
		ok(w, r)
	}, &hits
}

// TestOnlyCallsThatAreSafeToRepeatAreRetriedOnceOnAGatewayFailure: the session set-up calls
// and the translation flag are sent again once after a 502/503/504; the password, the upload
// and the approval never are.
func TestOnlyCallsThatAreSafeToRepeatAreRetriedOnceOnAGatewayFailure(t *testing.T) {
	okFor := map[string]string{
		"GenerateUpdateRequestSessionToken": `{"token":"` + testToken + `","expirationDate":"2030-01-01T00:00:00Z"}`,
		"GetCurrentRequestSteps":            `[{"updateStepId":2}]`,
		"Initialize":                        `{"status":0}`,
		"GetUpdateVerificationMethod":       `{"value":1}`,
		"VerifyPassword":                    `{"status":0}`,
		"UploadPassportImage":               `{"isSuccess":true,"passportData":{"documentNumber":"A1"}}`,
		"IsTranslationStepEnabled":          `{"value":true}`,
		"Approve":                           `{"status":0}`,
	}
	retried := map[string]bool{
		"GenerateUpdateRequestSessionToken": true, "GetCurrentRequestSteps": true, "Initialize": true,
		"GetUpdateVerificationMethod": true, "IsTranslationStepEnabled": true,
	}
	for _, status := range []int{502, 503, 504} {
		for _, call := range everyCall {
			t.Run(call.name+" "+http.StatusText(status), func(t *testing.T) {
				h, hits := flaky(1, status, "", answerWith(200, okFor[call.name]))
				c, _ := newServer(t, h)
				err := call.run(ctx(t), c)
				want := int32(1)
				if retried[call.name] {
					want = 2
					if err != nil {
						t.Errorf("retried call failed: %v", err)
					}
				} else if err == nil {
					t.Errorf("a call that is never retried succeeded")
				}
				if n := hits.Load(); n != want {
					t.Errorf("the server saw %d requests, want %d", n, want)
				}
			})
		}
	}
	t.Run("only once", func(t *testing.T) {
		h, hits := flaky(5, 502, "", answerWith(200, `{"value":true}`))
		c, _ := newServer(t, h)
		_, err := c.IsTranslationStepEnabled(ctx(t))
		if e := asAPIError(t, err, "IsTranslationStepEnabled"); e.StatusCode != 502 || hits.Load() != 2 {
			t.Errorf("status %d after %d requests, want 502 after 2", e.StatusCode, hits.Load())
		}
	})
	t.Run("not on a 500 or a 429", func(t *testing.T) {
		for _, status := range []int{500, 429} {
			h, hits := flaky(1, status, "", answerWith(200, `{"value":true}`))
			c, _ := newServer(t, h)
			if _, err := c.IsTranslationStepEnabled(ctx(t)); err == nil || hits.Load() != 1 {
				t.Errorf("%d: err %v after %d requests, want the error after 1", status, err, hits.Load())
			}
		}
	})
	t.Run("not when Retry-After asks for longer than a person waits", func(t *testing.T) {
		h, hits := flaky(1, 503, "120", answerWith(200, `{"value":true}`))
		c, _ := newServer(t, h)
		_, err := c.IsTranslationStepEnabled(ctx(t))
		if e := asAPIError(t, err, "IsTranslationStepEnabled"); e.RetryAfter != 2*time.Minute || hits.Load() != 1 {
			t.Errorf("RetryAfter %v after %d requests, want 2m0s after 1", e.RetryAfter, hits.Load())
		}
	})
	t.Run("a refused connection", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		// A server that comes up between the two tries.
		_, srv := newServer(t, answerWith(200, `{"value":true}`))
		var dials atomic.Int32
		tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			if dials.Add(1) == 1 {
				return (&net.Dialer{}).DialContext(ctx, network, addr)
			}
			return (&net.Dialer{}).DialContext(ctx, network, srv.Listener.Addr().String())
		}}
		c, _ := api.New("http://"+addr, api.WithToken(testToken), api.WithHTTPClient(&http.Client{Transport: tr}), api.WithRetryPause(0))
		if _, err := c.IsTranslationStepEnabled(ctx(t)); err != nil || dials.Load() != 2 {
			t.Errorf("err %v after %d dials, want success after 2", err, dials.Load())
		}
	})
}

// TestOpeningASessionRetriesEachStepInsideTheSameSession: a gateway failing the first try of
// every step still opens one session, for every caller of OpenPassportSession.
func TestOpeningASessionRetriesEachStepInsideTheSameSession(t *testing.T) {
	var tokens atomic.Int32
	var mu sync.Mutex
	seen := map[string]int{}
	mux := http.NewServeMux()
	first := func(ok http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen[r.URL.Path]++
			n := seen[r.URL.Path]
			mu.Unlock()
			if n == 1 {
				answerWith(502, "<html>Bad Gateway</html>", "Content-Type", "text/html")(w, r)
				return
			}
			ok(w, r)
		}
	}
	mux.HandleFunc("/api/v1/Auth/GenerateUpdateRequestSessionToken", first(func(w http.ResponseWriter, r *http.Request) {
		tokens.Add(1)
		answerWith(200, `{"token":"tok-flaky-2c9d41","expirationDate":"2030-01-01T00:00:00Z"}`)(w, r)
	}))
	mux.HandleFunc("/api/v1/update/UpdateRequest/GetCurrentRequestSteps", first(answerWith(200, `[{"updateStepId":2}]`)))
	mux.HandleFunc("/api/v1/update/UpdateRequest/Initialize/2", first(answerWith(200, `{"status":0}`)))
	mux.HandleFunc("/api/v1/update/UpdateRequest/GetUpdateVerificationMethod", first(answerWith(200, `{"value":1}`)))
	c, _ := newServer(t, mux)
	c = c.WithToken("")
	s, err := c.OpenPassportSession(ctx(t), "tenant-17", testTenantSecret, "APP-2025-0042")
	if err != nil {
		t.Fatal(err)
	}
	if tokens.Load() != 1 || s.Method.ID != api.MethodPassword {
		t.Errorf("%d tokens issued, method %v", tokens.Load(), s.Method)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 4 {
		t.Errorf("paths seen: %v", seen)
	}
	for path, n := range seen {
		if n != 2 {
			t.Errorf("%s: %d requests, want 2", path, n)
		}
	}
}

// TestAPasswordRefusalIsReadFromTheServersAnswer: a refusal says the password is wrong (or
// locked), with the attempts left when the server says them and the server's own sentence
// when it gives a readable one; other failures are not refusals of the password.
func TestAPasswordRefusalIsReadFromTheServersAnswer(t *testing.T) {
	rows := []struct {
		name   string
		status int
		body   string
		ok     bool
		want   api.PasswordRefusal
	}{
		{"200 status 1", 200, `{"status":1}`, true,
			api.PasswordRefusal{AttemptsLeft: -1, Sentence: "The password is wrong. Ask the customer to type it again."}},
		{"400 without a body", 400, ``, true,
			api.PasswordRefusal{AttemptsLeft: -1, Sentence: "The password is wrong. Ask the customer to type it again."}},
		{"403 without a body", 403, ``, true,
			api.PasswordRefusal{AttemptsLeft: -1, Sentence: "The password is wrong. Ask the customer to type it again."}},
		{"400 with attempts left", 400, `{"message":"The password is incorrect. Attempts left: 2.","errorCode":"INVALID_PASSWORD"}`, true,
			api.PasswordRefusal{AttemptsLeft: 2, Sentence: "The password is incorrect. Attempts left: 2."}},
		{"200 status 1 with attempts left", 200, `{"status":1,"message":"Wrong password, 1 attempt remaining"}`, true,
			api.PasswordRefusal{AttemptsLeft: 1, Sentence: "Wrong password, 1 attempt remaining."}},
		{"no attempts left", 400, `{"message":"Wrong password. Remaining attempts: 0"}`, true,
			api.PasswordRefusal{Locked: true, AttemptsLeft: 0, Sentence: "Wrong password. Remaining attempts: 0."}},
		{"the server's own lock-out sentence", 403, `{"message":"Too many attempts, try again later"}`, true,
			api.PasswordRefusal{Locked: true, AttemptsLeft: -1, Sentence: "Too many attempts, try again later."}},
		{"423 without a readable sentence", 423, `{"message":"System.InvalidOperationException: locked"}`, true,
			api.PasswordRefusal{Locked: true, AttemptsLeft: -1, Sentence: "The password is locked after too many wrong attempts. The customer must unlock it through the bank's usual channel."}},
		{"401: the session, not the password", 401, `{"message":"Session expired"}`, false, api.PasswordRefusal{}},
		{"502 from a proxy", 502, `<html>Bad Gateway</html>`, false, api.PasswordRefusal{}},
		{"500", 500, `{"message":"Database unavailable"}`, false, api.PasswordRefusal{}},
		{"200 without a verdict", 200, `{}`, false, api.PasswordRefusal{}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			c, _ := newServer(t, answerWith(row.status, row.body))
			err := c.VerifyPassword(ctx(t), testPassword, api.StepPassport)
			got, ok := api.ReadPasswordRefusal(err)
			if ok != row.ok || got != row.want {
				t.Fatalf("ReadPasswordRefusal = %+v, %v; want %+v, %v", got, ok, row.want, row.ok)
			}
			if ok && api.Sentence(err) != got.Sentence {
				t.Errorf("Sentence %q differs from the refusal's %q", api.Sentence(err), got.Sentence)
			}
			if strings.Contains(api.Sentence(err), "reported a failure") {
				t.Errorf("sentence %q", api.Sentence(err))
			}
		})
	}
	if _, ok := api.ReadPasswordRefusal(nil); ok {
		t.Error("nil read as a refusal")
	}
}

func TestSessionExpiredIsA401AfterStepOne(t *testing.T) {
	for _, call := range everyCall {
		t.Run(call.name, func(t *testing.T) {
			c, _ := newServer(t, answerWith(401, ""))
			err := call.run(ctx(t), c)
			if got, want := api.SessionExpired(err), call.name != "GenerateUpdateRequestSessionToken"; got != want {
				t.Errorf("SessionExpired = %v, want %v (%v)", got, want, err)
			}
		})
	}
	c, _ := newServer(t, answerWith(403, ""))
	if err := c.Approve(ctx(t), nil); api.SessionExpired(err) {
		t.Errorf("a 403 read as an expired session")
	}
	if api.SessionExpired(nil) {
		t.Error("nil read as an expired session")
	}
}

func TestFieldMessageFindsTheServersComplaintAboutAField(t *testing.T) {
	rows := []struct {
		name   string
		status int
		body   string
		want   string
		ok     bool
	}{
		{"problem details", 400, `{"title":"One or more validation errors occurred.","errors":{"FullNameAr":["The FullNameAr field is required."]}}`, "The FullNameAr field is required.", true},
		{"camelCase JSON path", 400, `{"errors":{"$.fullNameAr":["Only Arabic letters are allowed."]}}`, "Only Arabic letters are allowed.", true},
		{"the message names it", 400, `{"message":"fullNameAr must contain two names","errorCode":"E9"}`, "fullNameAr must contain two names", true},
		{"another field", 400, `{"errors":{"Password":["Required."]}}`, "", false},
		{"not a 400", 500, `{"message":"FullNameAr crashed the server"}`, "", false},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			c, _ := newServer(t, answerWith(row.status, row.body))
			got, ok := api.FieldMessage(c.Approve(ctx(t), nil), "FullNameAr")
			if got != row.want || ok != row.ok {
				t.Errorf("FieldMessage = %q, %v; want %q, %v", got, ok, row.want, row.ok)
			}
		})
	}
}

// TestSentenceSpeaksForEveryErrorAFrontEndMeets: one sentence function, including the errors
// that are not answers from the server.
func TestSentenceSpeaksForEveryErrorAFrontEndMeets(t *testing.T) {
	rows := []struct {
		err  error
		want string
	}{
		{api.ErrPassportStepNotAllowed, "does not allow a passport update"},
		{&api.UnsupportedMethodError{Method: api.VerificationMethod{ID: 2}}, "does not support"},
		{context.Canceled, "Cancelled."},
		{errors.New("The image scan.jpg changed after it was checked; run again"), "The image scan.jpg changed after it was checked; run again."},
	}
	for _, row := range rows {
		if got := api.Sentence(row.err); !strings.Contains(got, row.want) {
			t.Errorf("Sentence(%v) = %q, want it to contain %q", row.err, got, row.want)
		}
	}
	if api.Sentence(nil) != "" {
		t.Error("a sentence for no error")
	}
}
