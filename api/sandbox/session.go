package sandbox

import (
	"crypto/rand"
	"encoding/base64"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// session is one update request: what the customer has done so far in it.
type session struct {
	token     string // the current bearer token
	applicant string
	sc        *scenario
	steps     []int // the steps this session may update
	expires   time.Time

	passwordOK   bool
	wrongTries   int
	ocr          *ocrRead // the last successful OCR, nil before
	approved     bool
	flakyAnswers map[string]bool // calls the flaky gateway has already failed once
}

func (se *session) locked() bool { return se.wrongTries >= MaxWrongPasswords }

func (se *session) allows(step int) bool { return slices.Contains(se.steps, step) }

// newToken is an opaque random bearer token, long enough to be unguessable.
func newToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// startSession registers a new session and drops the ones that expired long ago, so a
// long-running demo server does not grow without bound.
func (s *Server) startSession(applicant string, sc *scenario, steps []int) *session {
	now := s.now()
	ttl := s.opts.TokenTTL
	if sc.shortTTL {
		ttl = s.opts.ExpiringTokenTTL
	}
	se := &session{token: newToken(), applicant: applicant, sc: sc, steps: steps, expires: now.Add(ttl),
		flakyAnswers: map[string]bool{}}
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok, old := range s.sessions {
		if now.Sub(old.expires) > time.Hour {
			delete(s.sessions, tok)
		}
	}
	s.sessions[se.token] = se
	return se
}

// authenticate finds the caller's session from its bearer token. On failure it writes the
// 401 and returns nil. The caller must hold s.mu.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) *session {
	se, deny := s.authCheck(r)
	if deny != nil {
		deny(w, r)
		return nil
	}
	return se
}

// answer writes one failure; handlers return it when they must answer later (the upload
// reads its body first).
type answer func(http.ResponseWriter, *http.Request)

// authCheck finds the caller's session, or the 401 to answer. The caller must hold s.mu.
func (s *Server) authCheck(r *http.Request) (*session, answer) {
	anonymous := func(w http.ResponseWriter, r *http.Request) { unauthorized(w, r, nil, "", message{}) }
	token, ok := bearer(r)
	if !ok {
		return nil, anonymous
	}
	se, found := s.sessions[token]
	if !found {
		if sc, was := s.retired[token]; was {
			return nil, func(w http.ResponseWriter, r *http.Request) {
				unauthorized(w, r, sc, "SESSION_TOKEN_REPLACED", msgTokenReplaced)
			}
		}
		return nil, anonymous
	}
	if !s.now().Before(se.expires) {
		sc := se.sc
		return nil, func(w http.ResponseWriter, r *http.Request) {
			unauthorized(w, r, sc, "SESSION_EXPIRED", msgSessionExpired)
		}
	}
	return se, nil
}

func bearer(r *http.Request) (string, bool) {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// flakyFails reports whether the flaky gateway fails this call: the first try, in a session,
// of each call that is safe to send twice (the session set-up and the translation flag). The
// password, the upload and the approval get through, as if the gateway failed only requests
// that never reached the server: a client may repeat those calls by itself, never the others,
// so this scenario shows a client getting through on its own. The caller must hold s.mu.
func (se *session) flakyFails(r *http.Request) bool {
	if !se.sc.flaky {
		return false
	}
	switch strings.ToLower(strings.TrimSuffix(r.URL.Path, "/")) {
	case pathSteps, pathInitialize, pathMethod, pathTranslation:
	default:
		return false
	}
	key := r.Method + " " + strings.ToLower(r.URL.Path)
	if se.flakyAnswers[key] {
		return false
	}
	se.flakyAnswers[key] = true
	return true
}

// sessionFor finds the session a token names, even an expired one, without answering:
// the flaky gateway fails before the server checks anything. The caller must hold s.mu.
func (s *Server) sessionFor(r *http.Request) *session {
	token, ok := bearer(r)
	if !ok {
		return nil
	}
	return s.sessions[token]
}

// maxSmallBody caps the JSON bodies of every call but the upload.
const maxSmallBody = 64 << 10

// call wraps a handler for the small JSON calls after step 1: it reads the (small) body first,
// then, under the lock so session rules hold under concurrency, lets the flaky gateway fail,
// checks the bearer token and runs the handler.
func (s *Server) call(h func(w http.ResponseWriter, r *http.Request, se *session, body []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSmallBody))
		if err != nil {
			problem(w, "$", "The request body could not be read.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if se := s.sessionFor(r); se != nil && se.flakyFails(r) {
			badGateway(w, r)
			return
		}
		se := s.authenticate(w, r)
		if se == nil {
			return
		}
		h(w, r, se, body)
	}
}
