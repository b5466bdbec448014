// Package sandbox is a stand-in for the vendor's server: a real net/http handler serving every
// call in API.md with its own literal wire shapes, per-session state, demo scenarios chosen by
// applicant ID, and synthetic SPECIMEN passport images. It never imports package api.
package sandbox

// CONTRACT STUB — the sandbox helper replaces this file (same names and signatures).

import (
	"net/http"
	"time"
)

// The demo tenant's credentials and the demo customer password (public: printed by
// `passport-update sandbox` and in the README).
const (
	TenantID     = "demo-tenant"
	TenantSecret = "demo-tenant-secret"
	Password     = "Demo@2026"
)

// Scenario is one demo applicant.
type Scenario struct {
	ApplicantID string
	Name        string // "Happy path"
	Description string // one sentence: what the server will do
}

func Scenarios() []Scenario { return nil }

type Options struct {
	Now      func() time.Time // default time.Now
	OCRDelay time.Duration    // the slow-OCR scenario's delay (default a few seconds)
	TokenTTL time.Duration    // default 15 minutes; the expiring-token scenario uses a short one
	Password string           // default Password
}

// Server is the sandbox handler.
type Server struct{}

func New(opts Options) *Server                                     { return &Server{} }
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Specimen is one embedded synthetic passport image.
type Specimen struct {
	Name string // file name, e.g. "specimen-happy-1200.jpg"
	Data []byte
}

func Specimens() []Specimen { return nil }

// WriteSpecimens writes every specimen into dir and returns their paths.
func WriteSpecimens(dir string) ([]string, error) { return nil, nil }
