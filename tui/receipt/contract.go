// Package receipt writes the opt-in JSON record of one approval (mode 0600; no secrets, no image bytes).
package receipt

// CONTRACT STUB — the receipt helper replaces this file (same names and signatures).

import (
	"time"

	"passport-update/api"
	"passport-update/api/checks"
)

type Correction struct {
	Field     string `json:"field"`
	Original  string `json:"original"`
	Corrected string `json:"corrected"`
}

type Receipt struct {
	Tool        string                   `json:"tool"` // "passport-update <version>"
	ApplicantID string                   `json:"applicantId,omitempty"`
	Outcome     string                   `json:"outcome"` // "approved", "unknown", "failed"
	ImageName   string                   `json:"imageName"`
	ImageSize   int64                    `json:"imageSize"`
	ImageSHA256 string                   `json:"imageSha256,omitempty"`
	Extracted   api.PassportData         `json:"extracted"` // Photo and scans blanked
	Corrections []Correction             `json:"corrections"`
	Findings    []checks.Finding         `json:"findings"`
	FullNameAr  *string                  `json:"fullNameArSent"`
	StartedAt   time.Time                `json:"startedAt"`
	FinishedAt  time.Time                `json:"finishedAt"`
	Timings     map[string]time.Duration `json:"timingsNs"`
}

// Write stores r as a new file in dir (created 0700 if missing), mode 0600, and returns its path.
func Write(dir string, r Receipt) (string, error) { return "", nil }
