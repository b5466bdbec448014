package tui

import (
	"strings"
	"testing"

	"example.com/passport-update/api/checks"
)

// DEMO-EXPIRED: the server read an expiry date in the past. Correcting it on Review sends
// nothing (only the Arabic name is sent), so the checks go on judging the server's date: the
// row shows both values, Approve repeats the problem and the correction, the approval needs
// enter twice, and the receipt keeps both values and the finding.
func TestACorrectionThatIsNotSentLeavesTheChecksOnTheServersValue(t *testing.T) {
	fa := newFakeAPI()
	fa.expiry = "2026-09-26T00:00:00"
	f := newFlow(t, fa, 80, 24)
	f.toReview()
	for f.m.cs.review.cursor < f.m.cs.review.fieldIndex("ExpirationDate") {
		f.press("tab")
	}
	f.press("enter", "ctrl+u")
	f.typeText("2030-10-05")
	f.press("enter")
	f.requireScreen("2030-10-05", "the server keeps 2026-09-26", "The passport expired on 2026-09-26")

	f.press("ctrl+s")
	if f.m.step != stApprove {
		t.Fatalf("step %v; screen:\n%s", f.m.step, f.screen())
	}
	f.requireScreen("The checks found problems", "The passport expired on 2026-09-26",
		"Expiry date: corrected here to 2030-10-05; the server keeps 2026-09-26", "enter ×2 approve anyway")
	const path = "/api/v1/update/UpdatePassport/Approve"
	f.press("enter")
	f.settle()
	if n := fa.count(path); n != 0 {
		t.Fatalf("one enter past the server's expired date sent %d approvals", n)
	}

	r := f.m.cs.record(&f.m.cfg, outcomeApproved, f.clock.Now())
	var corrected, expired bool
	for _, c := range r.Corrections {
		corrected = corrected || c.Field == "ExpirationDate" && c.Original == "2026-09-26" && c.Corrected == "2030-10-05"
	}
	for _, fd := range r.Findings {
		expired = expired || fd.Code == checks.CodePassportExpired
	}
	if !corrected || !expired {
		t.Fatalf("the receipt lacks the correction (%v) or the finding on the server's date (%v): %+v %+v", corrected, expired, r.Corrections, r.Findings)
	}
}

// Approve repeats every finding, warnings too (an expiry date soon, an MRZ that disagrees), and
// a warning alone does not ask for enter twice.
func TestApproveRepeatsWarningsToo(t *testing.T) {
	fa := newFakeAPI()
	fa.expiry = "2027-02-01T00:00:00"
	f := newFlow(t, fa, 120, 40)
	f.toReview()
	var warnings []string
	for _, fd := range f.m.cs.review.findings {
		if fd.Severity == checks.Warning {
			warnings = append(warnings, fd.Sentence)
		}
	}
	if len(warnings) < 2 {
		t.Fatalf("the case should raise warnings: %+v", f.m.cs.review.findings)
	}
	f.press("ctrl+s")
	f.requireScreen(warnings...)
	f.requireScreen("enter approve")
	f.press("enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
}

// At 80×24 Review and Approve hold more than the screen: they say so, and Approve scrolls to
// what is below.
func TestMoreBelowTheFoldIsSaid(t *testing.T) {
	fa := newFakeAPI()
	fa.expiry = "2026-09-26T00:00:00"
	fa.fullNameAr = longName
	f := newFlow(t, fa, 80, 24)
	f.toReview()
	f.requireScreen("↓ more below")
	for _, k := range []string{"ExpirationDate", "Birthdate", "Gender"} {
		for f.m.cs.review.cursor < f.m.cs.review.fieldIndex(k) {
			f.press("tab")
		}
		f.press("enter", "ctrl+u")
		f.typeText(map[string]string{"ExpirationDate": "2030-10-05", "Birthdate": "1990-01-01", "Gender": "F"}[k])
		f.press("enter")
	}
	f.press("ctrl+s")
	f.requireScreen("↓ more below")
	if strings.Contains(f.screen(), "Approve anyway") {
		t.Fatalf("the screen is not taller than 24 lines, the test proves nothing:\n%s", f.screen())
	}
	for i := 0; i < 30 && strings.Contains(f.screen(), "↓ more below"); i++ {
		f.press("down")
	}
	f.requireScreen("Approve anyway", "↑ more above")
}
