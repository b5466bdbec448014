package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"example.com/passport-update/api"
)

// testToken is a realistic bearer (a JWT-shaped string); tests grep for it.
const testToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhcHBsaWNhbnQtNzcxMiJ9.sEcReT-t0k3n-9f2a"

// answerWith serves one canned answer to every request.
func answerWith(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		if w.Header().Get("Content-Type") == "" && body != "" {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}
}

// newServer starts h and returns a client for it that carries testToken.
func newServer(t *testing.T, h http.Handler, opts ...api.Option) (*api.Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	opts = append([]api.Option{api.WithToken(testToken), api.WithHTTPClient(srv.Client()), api.WithRetryPause(0)}, opts...)
	c, err := api.New(srv.URL, opts...)
	if err != nil {
		t.Fatalf("New(%s): %v", srv.URL, err)
	}
	return c, srv
}

// asAPIError insists err is an *api.Error naming call.
func asAPIError(t *testing.T, err error, call string) *api.Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want a %s failure", call)
	}
	var e *api.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T (%v) is not *api.Error", err, err)
	}
	if e.Call != call {
		t.Errorf("Call = %q, want %q", e.Call, call)
	}
	return e
}

// checkSentence: a person's sentence is a sentence (capital, full stop), mentions what it
// must, and never carries raw protocol noise.
func checkSentence(t *testing.T, e *api.Error, wantParts ...string) {
	t.Helper()
	s := e.Sentence()
	if s == "" {
		t.Fatalf("empty sentence for %v", e)
	}
	if !strings.HasSuffix(s, ".") {
		t.Errorf("sentence %q does not end with a full stop", s)
	}
	for _, p := range wantParts {
		if !strings.Contains(s, p) {
			t.Errorf("sentence %q does not mention %q", s, p)
		}
	}
	for _, bad := range []string{"Object reference", "<html", "<!DOCTYPE", "Exception", "\x1b"} {
		if strings.Contains(s, bad) {
			t.Errorf("sentence %q shows raw text %q", s, bad)
		}
	}
}

// eventually polls cond until it holds or the deadline passes (for goroutines that exit
// asynchronously after a connection closes; there is no event to wait on).
func eventually(t *testing.T, within time.Duration, cond func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(within)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		<-tick.C
	}
	return true
}

// noGoroutineLeft runs f as a subtest (so the servers it starts are closed by its cleanups)
// and fails when more goroutines remain afterwards than before it.
func noGoroutineLeft(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	before := runtime.NumGoroutine()
	t.Run("leaves no goroutine", f)
	if !eventually(t, 3*time.Second, func() bool { return runtime.NumGoroutine() <= before }) {
		buf := make([]byte, 1<<16)
		n := runtime.Stack(buf, true)
		t.Errorf("goroutines: %d before, %d after\n%s", before, runtime.NumGoroutine(), buf[:n])
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }
