// Package sandbox is a stand-in for the vendor's server: a real net/http handler serving every
// call in API.md with its own literal wire shapes, per-session state, demo scenarios chosen by
// applicant ID, and synthetic SPECIMEN passport images. It never imports package api (nor any
// other package of this project): it is the foreign server the client must decode, so its
// shapes are written here, by hand, and vary across scenarios the way API.md says they may.
//
// The applicant ID typed at step 1 picks the scenario (see Scenarios for the sentences and
// the index page at GET / for the wire shapes of each): DEMO-HAPPY, DEMO-LOCKOUT,
// DEMO-OCRFAIL, DEMO-EXPIRED, DEMO-MRZ, DEMO-NOTRANSLATE, DEMO-NOARABIC, DEMO-SLOW,
// DEMO-FLAKY, DEMO-EMAIL, DEMO-EXPIRING. Any other applicant ID answers 404.
//
// The specimen images under specimens/ are drawn by internal/gen; after changing a persona
// or the layout, run `go generate ./api/sandbox` and commit the images and MANIFEST.tsv.
package sandbox

//go:generate go run ./internal/gen -out specimens

import (
	"crypto/subtle"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The demo tenant's credentials and the demo customer password (public: printed by
// `passport-update sandbox` and in the README).
const (
	TenantID     = "demo-tenant"
	TenantSecret = "demo-tenant-secret"
	Password     = "Demo@2026"
)

// Defaults for Options' zero values.
const (
	DefaultTokenTTL         = 15 * time.Minute
	DefaultExpiringTokenTTL = 20 * time.Second
	DefaultOCRDelay         = 6 * time.Second
	DefaultMaxUploadBytes   = 40_000_000
	// MaxWrongPasswords is how many wrong passwords lock an update session.
	MaxWrongPasswords = 3
)

// Options tune the sandbox; the zero value is the demo server.
type Options struct {
	Now      func() time.Time // default time.Now
	OCRDelay time.Duration    // the slow-OCR scenario's delay (default 6 s)
	TokenTTL time.Duration    // default 15 minutes; the expiring-token scenario uses ExpiringTokenTTL
	Password string           // default Password

	ExpiringTokenTTL time.Duration // the expiring-token scenario's token lifetime (default 20 s)
	MaxUploadBytes   int64         // request bodies above this answer 413 (default 40 MB)
}

// Server is the sandbox handler. It is safe for concurrent use.
type Server struct {
	opts Options

	mu       sync.Mutex
	sessions map[string]*session  // by current token
	retired  map[string]*scenario // tokens Initialize replaced, so their 401 can say so
	// ocrWaiting, when set by a test, is called as the slow OCR starts waiting.
	ocrWaiting func()
	// flakyTokenCalls counts step-1 calls of the flaky scenario: odd ones fail.
	flakyTokenCalls int
}

// New returns a sandbox server with opts' zero fields set to their defaults.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.OCRDelay <= 0 {
		opts.OCRDelay = DefaultOCRDelay
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.ExpiringTokenTTL <= 0 {
		opts.ExpiringTokenTTL = DefaultExpiringTokenTTL
	}
	if opts.Password == "" {
		opts.Password = Password
	}
	if opts.MaxUploadBytes <= 0 {
		opts.MaxUploadBytes = DefaultMaxUploadBytes
	}
	return &Server{opts: opts, sessions: map[string]*session{}, retired: map[string]*scenario{}}
}

// Paths, lower-cased: ASP.NET routing ignores case, so the sandbox does too.
const (
	pathToken         = "/api/v1/auth/generateupdaterequestsessiontoken"
	pathSteps         = "/api/v1/update/updaterequest/getcurrentrequeststeps"
	pathInitialize    = "/api/v1/update/updaterequest/initialize/2"
	pathMethod        = "/api/v1/update/updaterequest/getupdateverificationmethod"
	pathVerifyDoc     = "/api/v1/update/updaterequest/verifypassword"
	pathVerifySDK     = "/api/v1/update/passwordupdateauthentication/verifypassword"
	pathUpload        = "/api/v1/update/updatepassport/uploadpassportimage"
	pathTranslation   = "/api/v1/update/updatepassport/istranaslationstepenabled"
	pathApprove       = "/api/v1/update/updatepassport/approve"
	pathSpecimensRoot = "/specimens/"
)

// ServeHTTP routes every call of API.md, the index page and the specimen downloads.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := strings.ToLower(strings.TrimSuffix(r.URL.Path, "/"))
	switch {
	case path == "" || path == "/index.html":
		s.only(w, r, s.serveIndex, http.MethodGet, http.MethodHead)
	case strings.HasPrefix(strings.ToLower(r.URL.Path), pathSpecimensRoot):
		s.only(w, r, s.serveSpecimen, http.MethodGet, http.MethodHead)
	case path == pathToken:
		s.only(w, r, s.generateToken, http.MethodPost)
	case path == pathSteps:
		s.only(w, r, s.call(s.currentSteps), http.MethodGet)
	case path == pathInitialize:
		// An old SDK used GET here.
		s.only(w, r, s.call(s.initialize), http.MethodPost, http.MethodGet)
	case path == pathMethod:
		s.only(w, r, s.call(s.verificationMethod), http.MethodGet)
	case path == pathVerifyDoc:
		s.only(w, r, s.verifyPasswordDocPath, http.MethodPost)
	case path == pathVerifySDK:
		s.only(w, r, s.call(s.verifyPassword), http.MethodPost)
	case path == pathUpload:
		s.only(w, r, s.upload, http.MethodPost)
	case path == pathTranslation:
		s.only(w, r, s.call(s.translationEnabled), http.MethodGet)
	case path == pathApprove:
		s.only(w, r, s.call(s.approve), http.MethodPost)
	default:
		// ASP.NET answers an unknown route with an empty 404.
		w.WriteHeader(http.StatusNotFound)
	}
}

func (s *Server) only(w http.ResponseWriter, r *http.Request, h http.HandlerFunc, methods ...string) {
	for _, m := range methods {
		if r.Method == m {
			h(w, r)
			return
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	w.WriteHeader(http.StatusMethodNotAllowed)
}

func (s *Server) now() time.Time { return s.opts.Now() }

// secretEqual compares without leaking the secret's length or prefix through timing.
func secretEqual(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
