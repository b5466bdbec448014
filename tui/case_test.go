package tui

import (
	"encoding/json"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// One customer is one case: whatever the previous customer left (a lock-out, wrong attempts, a
// chosen file) is not there for the next one, however the Session screen is reached again.
func TestTheNextApplicantStartsWithNothingOfThePreviousOne(t *testing.T) {
	t.Run("DEMO-LOCKOUT locked, then DEMO-HAPPY: the password can be typed", func(t *testing.T) {
		cfg, _ := sandboxConfig(t)
		d := newDriver(t, cfg, 120, 40)
		toSession(t, d, "DEMO-LOCKOUT")
		for i := 0; i < 3 && !d.m.cs.password.locked; i++ {
			d.typeText("not-the-password")
			d.press("enter")
			d.until("the password answer", func(m Model) bool { return !m.cs.password.req.busy() })
		}
		if !d.m.cs.password.locked {
			t.Fatalf("DEMO-LOCKOUT did not lock; screen:\n%s", d.screen())
		}
		d.press("esc", "ctrl+u")
		toSession(t, d, "DEMO-HAPPY")
		d.typeText("x")
		if d.m.cs.password.locked || d.m.cs.password.input.Value() != "x" || strings.Contains(d.screen(), "No more attempts") {
			t.Fatalf("the lock-out carried over to DEMO-HAPPY; screen:\n%s", d.screen())
		}
	})
	t.Run("one wrong password, then another applicant: no count carried over", func(t *testing.T) {
		f := newFlow(t, newFakeAPI(), 80, 24)
		f.openSession("APP-1042")
		f.verify("wrong-one")
		f.requireScreen("Wrong password 1 time")
		f.press("esc", "ctrl+u")
		f.openSession("APP-2077")
		if f.m.cs.password.wrong != 0 || strings.Contains(f.screen(), "Wrong password") {
			t.Fatalf("the count carried over; screen:\n%s", f.screen())
		}
	})
	t.Run("the same applicant's new session starts with the server's fresh attempts", func(t *testing.T) {
		fa := newFakeAPI()
		fa.wrongLeft = 1
		f := newFlow(t, fa, 80, 24)
		f.openSession("APP-1042")
		f.verify("wrong-one")
		if !f.m.cs.password.locked {
			t.Fatalf("not locked; screen:\n%s", f.screen())
		}
		fa.mu.Lock()
		fa.wrongLeft = 3 // the server issues a fresh token with fresh attempts
		fa.mu.Unlock()
		f.press("esc", "enter")
		f.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
		f.verify(testPassword)
		if f.m.step != stPassport {
			t.Fatalf("the second session could not verify; step %v; screen:\n%s", f.m.step, f.screen())
		}
	})
}

func toSession(t *testing.T, d *driver, applicant string) {
	t.Helper()
	d.typeText(applicant)
	d.press("enter")
	d.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
	if d.m.step != stPassword {
		t.Fatalf("%s: step %v; screen:\n%s", applicant, d.m.step, d.screen())
	}
}

// Leaving while the approval is in flight waits for its answer: the wizard never reports "not
// approved" for an approval the server may have applied.
func TestLeavingDuringTheApprovalWaitsForItsAnswer(t *testing.T) {
	inFlight := func(t *testing.T) (*flow, *fakeAPI) {
		fa := newFakeAPI()
		fa.approveGate, fa.approveSeen = make(chan struct{}), make(chan struct{}, 4)
		f := newFlow(t, fa, 80, 24, func(c *Config) { c.ReceiptDir = t.TempDir() })
		f.toReview()
		f.press("ctrl+s", "enter")
		<-fa.approveSeen // the request reached the server
		return f, fa
	}
	for _, leave := range []struct {
		name string
		do   func(f *flow)
	}{
		{"ctrl+c", func(f *flow) { f.press("ctrl+c") }},
		{"a signal (SIGINT, SIGTERM, SIGHUP)", func(f *flow) { f.send(leaveMsg{}) }},
	} {
		t.Run(leave.name+" waits, then quits with the answer", func(t *testing.T) {
			f, fa := inFlight(t)
			leave.do(f)
			if f.m.quitting || !f.m.leaving {
				t.Fatalf("left at once (quitting %v leaving %v)", f.m.quitting, f.m.leaving)
			}
			f.requireScreen("Waiting for the server's answer", "ctrl+c again")
			close(fa.approveGate)
			f.settle()
			if !f.quit {
				t.Fatalf("did not quit once the answer came; screen:\n%s", f.screen())
			}
			r := f.m.Result()
			if r.Approved != 1 || r.OutcomeUnknown || !strings.Contains(r.Summary, "Approved passport") {
				t.Fatalf("result %+v", r)
			}
		})
	}
	t.Run("a second ctrl+c leaves at once: the outcome is unknown, in the result and the receipt", func(t *testing.T) {
		f, fa := inFlight(t)
		defer close(fa.approveGate)
		f.press("ctrl+c", "ctrl+c")
		for !f.quit {
			f.step()
		}
		r := f.m.Result()
		if !r.OutcomeUnknown || r.Approved != 0 || strings.Contains(r.Summary, "No passport was approved") || !strings.Contains(r.Summary, "back office") {
			t.Fatalf("result %+v", r)
		}
		if got := readReceipt(t, f.m.cfg.ReceiptDir); got["outcome"] != "unknown" {
			t.Fatalf("receipt outcome %v", got["outcome"])
		}
	})
	t.Run("after an unknown outcome ctrl+c does not say nothing was approved", func(t *testing.T) {
		fa := newFakeAPI()
		fa.approveMode = "drop"
		f := newFlow(t, fa, 80, 24)
		f.toReview()
		f.press("ctrl+s", "enter")
		f.until("the approval answer", func(m Model) bool { return !m.cs.approve.inFlight() })
		f.press("ctrl+c")
		if s := f.screen(); strings.Contains(s, "not approved") || !strings.Contains(s, "outcome is unknown") {
			t.Fatalf("the quit dialog misleads:\n%s", s)
		}
		f.press("enter")
		if r := f.m.Result(); !r.OutcomeUnknown || strings.Contains(r.Summary, "No passport was approved") {
			t.Fatalf("result %+v", r)
		}
	})
}

func readReceipt(t *testing.T, dir string) map[string]any {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("receipts: %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var r map[string]any
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// A correction survives the session being opened again and the same file being read again;
// leaving Review with corrections asks first.
func TestCorrectionsAreKept(t *testing.T) {
	const corrected = "محمد أحمد عبد الرحمن"
	correct := func(f *flow) {
		f.t.Helper()
		f.press("enter", "ctrl+u")
		f.typeText(corrected)
		f.press("enter")
		if n := len(f.m.cs.review.corrections()); n != 1 {
			f.t.Fatalf("corrections %d; screen:\n%s", n, f.screen())
		}
	}
	t.Run("through a session re-open and a re-upload of the same file", func(t *testing.T) {
		fa := newFakeAPI()
		fa.approveMode = "401"
		f := newFlow(t, fa, 120, 40)
		f.toReview()
		correct(f)
		f.press("ctrl+s", "enter")
		f.until("the approval answer", func(m Model) bool { return m.step == stSession })
		f.requireScreen("your corrections are kept")
		fa.approveMode = ""
		f.press("enter")
		f.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
		f.verify(testPassword)
		f.settle()
		f.pick() // the picker highlights the kept file; enter sends it again
		if f.m.step != stReview || len(f.m.cs.review.corrections()) != 1 {
			t.Fatalf("step %v corrections %v; screen:\n%s", f.m.step, f.m.cs.review.corrections(), f.screen())
		}
		f.requireScreen("correction was kept")
		f.press("ctrl+s", "enter")
		f.until("done", func(m Model) bool { return m.step == stDone })
		if got := decodeApproveBody(t, fa.approveBody[len(fa.approveBody)-1]); got == nil || *got != corrected {
			t.Fatalf("sent %v, want the correction %q", got, corrected)
		}
	})
	t.Run("esc on Review with corrections asks; esc stays, enter discards", func(t *testing.T) {
		f := newFlow(t, newFakeAPI(), 80, 24)
		f.toReview()
		correct(f)
		f.press("esc")
		if f.m.step != stReview {
			t.Fatalf("esc left Review without asking; step %v", f.m.step)
		}
		f.requireScreen("Discard 1 correction?")
		f.press("esc")
		if f.m.step != stReview || len(f.m.cs.review.corrections()) != 1 {
			t.Fatalf("staying lost the correction")
		}
		f.press("esc", "enter")
		if f.m.step != stPassport {
			t.Fatalf("enter did not discard and go back; step %v", f.m.step)
		}
	})
}

// With a ready token there is no applicant step: a refused token says to start again with a
// fresh one, and enter does not send it again.
func TestARefusedReadyTokenIsNotSentAgain(t *testing.T) {
	fa := newFakeAPI()
	fa.expiredToken = true
	f := newFlow(t, fa, 80, 24, func(c *Config) {
		c.Client = c.Client.WithToken(testToken)
		c.TokenReady = true
		c.TenantSecret = ""
	})
	f.settle()
	if f.m.step != stStopped {
		t.Fatalf("step %v; screen:\n%s", f.m.step, f.screen())
	}
	f.requireScreen("fresh token")
	if s := f.screen(); strings.Contains(s, "applicant ID") || strings.Contains(s, "starts over") {
		t.Fatalf("points to a step that does not exist:\n%s", s)
	}
	f.press("enter")
	f.settle()
	if n := fa.count("/api/v1/update/UpdateRequest/GetUpdateVerificationMethod"); n != 1 {
		t.Fatalf("the refused token was sent %d times", n)
	}
	if !f.quit && !f.m.quitting {
		t.Fatal("enter did not quit")
	}
}

func TestDoneWithAReadyTokenHasNoEmptyApplicantRow(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24, func(c *Config) {
		c.Client = c.Client.WithToken(testToken)
		c.TokenReady = true
		c.TenantSecret = ""
	})
	f.until("the silent session check", func(m Model) bool { return m.step == stPassword })
	f.verify(testPassword)
	f.settle()
	f.pick()
	f.settle()
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	if strings.Contains(f.screen(), "Applicant ") {
		t.Fatalf("Done shows an applicant row with no applicant:\n%s", f.screen())
	}
}

// However often enter or ctrl+s arrive while the approval is in flight, one request leaves. The
// first request is let reach the server before the keys come, as it would at a real desk; the
// driver starts every command at once, as bubbletea does, so a second send would reach it too.
func TestKeysWhileTheApprovalIsInFlightSendNothing(t *testing.T) {
	fa := newFakeAPI()
	fa.approveGate, fa.approveSeen = make(chan struct{}), make(chan struct{}, 8)
	f := newFlow(t, fa, 80, 24)
	f.toReview()
	f.press("ctrl+s", "enter")
	<-fa.approveSeen
	f.press("enter", "ctrl+s", "enter")
	close(fa.approveGate)
	f.until("done", func(m Model) bool { return m.step == stDone })
	f.settle()
	if n := fa.count("/api/v1/update/UpdatePassport/Approve"); n != 1 {
		t.Fatalf("Approve requests = %d, want exactly 1", n)
	}
}

// Review draws the scan from the reduced copy the picker's check left with the choice: the
// picture is there the moment the OCR answer is, with no decode behind it.
func TestReviewDrawsTheScanFromThePickersCopy(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 120, 40)
	f.scan.Sample = image.NewRGBA(image.Rect(0, 0, 72, 48))
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle()
	f.pick()
	if f.m.step != stReview || f.m.cs.review.scan == "" || f.m.cs.review.scanReq.busy() {
		t.Fatalf("step %v, scan drawn %v, decoding %v", f.m.step, f.m.cs.review.scan != "", f.m.cs.review.scanReq.busy())
	}
}
