package tui

import (
	"time"

	"passport-update/api/checks"
	"passport-update/tui/receipt"
)

// buildReceipt gathers what the receipt keeps: extracted fields (photo and scans blanked),
// corrections, findings, the value sent, outcome and timings. No password, token or image bytes
// ever reach it.
func (m *Model) buildReceipt(outcome string) receipt.Receipt {
	timings := make(map[string]time.Duration, len(m.timings))
	for k, v := range m.timings {
		timings[k] = v
	}
	findings := append([]checks.Finding(nil), m.review.findings...)
	return receipt.Receipt{
		Tool:        "passport-update " + m.cfg.Version,
		ApplicantID: m.applicantID,
		Outcome:     outcome,
		ImageName:   imageName(m.chosen.Path),
		ImageSize:   m.chosen.Size,
		ImageSHA256: m.imageSHA256,
		Extracted:   receipt.FromPassport(m.review.data),
		Corrections: m.review.corrections(),
		Findings:    findings,
		FullNameAr:  m.approve.fullNameAr,
		StartedAt:   m.startedAt,
		FinishedAt:  m.c.now(),
		Timings:     timings,
	}
}
