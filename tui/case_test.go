package tui

import (
	"context"
	"encoding/json"
	"image"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"example.com/passport-update/internal/receipt"
	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/picker"
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

// caseRecord is what the listing reads of a receipt: whose case, how it ended, who served it.
type caseRecord struct {
	ApplicantID, Outcome, Operator, Host string
	FullNameArSent                       *string
}

// recorded reads every receipt in dir, as "APPLICANT outcome", sorted.
func recorded(t *testing.T, dir string) ([]string, []caseRecord) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	var out []string
	var recs []caseRecord
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r caseRecord
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r.ApplicantID+" "+r.Outcome)
		recs = append(recs, r)
	}
	sort.Strings(out)
	return out, recs
}

// waitForFiles waits until dir holds n receipts (written by a command nothing waits for).
func waitForFiles(t testing.TB, dir string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if files, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(files) >= n || time.Now().After(deadline) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestACaseIsRecordedOnceWhenItEnds: a customer whose scan reached the server gets one receipt,
// written when the case ends, with the outcome it ended with, whichever way the customer leaves
// the desk (Done then the next customer or a quit, another applicant, ctrl+c, a signal); a
// customer who never reached the upload gets none.
func TestACaseIsRecordedOnceWhenItEnds(t *testing.T) {
	approve := func(f *flow) {
		f.press("ctrl+s", "enter")
		f.until("the approval answer", func(m Model) bool { return !m.cs.approve.inFlight() })
	}
	quit := func(f *flow) {
		for !f.quit {
			f.step()
		}
	}
	for _, row := range []struct {
		name string
		api  func(*fakeAPI)
		walk func(f *flow)
		want []string
	}{
		{"approved, then the next customer", nil, func(f *flow) {
			f.toReview()
			approve(f)
			f.settle()
			f.press("n")
			f.settle()
		}, []string{"APP-1042 approved"}},
		{"approved, then quit", nil, func(f *flow) {
			f.toReview()
			approve(f)
			f.press("q")
			quit(f)
		}, []string{"APP-1042 approved"}},
		{"left at Review for another applicant", nil, func(f *flow) {
			f.toReview()
			f.press("esc", "esc", "esc", "ctrl+u")
			f.openSession("APP-2077")
			waitForFiles(f.t, f.m.cfg.ReceiptDir, 1) // the picker's preview may tick on: no settle
		}, []string{"APP-1042 abandoned"}},
		{"left at Review by ctrl+c, enter", nil, func(f *flow) {
			f.toReview()
			f.press("ctrl+c", "enter")
			quit(f)
		}, []string{"APP-1042 abandoned"}},
		{"a signal at Review", nil, func(f *flow) {
			f.toReview()
			f.send(leaveMsg{})
			quit(f)
		}, []string{"APP-1042 abandoned"}},
		{"the server refused the name, then quit", func(a *fakeAPI) { a.approveMode = "400ar" }, func(f *flow) {
			f.toReview()
			approve(f)
			f.press("ctrl+c", "enter")
			quit(f)
		}, []string{"APP-1042 refused"}},
		{"an unknown outcome, then quit", func(a *fakeAPI) { a.approveMode = "drop" }, func(f *flow) {
			f.toReview()
			approve(f)
			f.press("ctrl+c", "enter")
			quit(f)
		}, []string{"APP-1042 unknown"}},
		{"an unknown outcome, then approved on the second try", func(a *fakeAPI) { a.approveMode = "drop" }, func(f *flow) {
			f.toReview()
			approve(f)
			f.api.mu.Lock()
			f.api.approveMode = ""
			f.api.mu.Unlock()
			f.press("enter", "enter") // armed, then sent
			f.until("the second answer", func(m Model) bool { return !m.cs.approve.inFlight() })
			f.settle()
			f.clock.Advance(2 * enterGrace)
			f.press("n")
			f.settle()
		}, []string{"APP-1042 approved"}},
		{"two customers: one approved, one left after the upload", nil, func(f *flow) {
			f.toReview()
			approve(f)
			f.settle()
			f.press("n")
			f.openSession("APP-2077")
			f.verify(testPassword)
			f.settle()
			f.pick()
			f.settle()
			f.press("ctrl+c", "enter")
			quit(f)
			if s := f.m.Result().Summary; !strings.Contains(s, ".json. APP-2077's case is recorded as abandoned") || !strings.HasPrefix(s, "Approved passport") {
				f.t.Errorf("the summary line does not name both cases: %q", s)
			}
		}, []string{"APP-1042 approved", "APP-2077 abandoned"}},
		{"never reached the upload: another applicant, then quit", nil, func(f *flow) {
			f.openSession("APP-1042")
			f.verify(testPassword)
			f.settle()
			f.press("esc", "esc", "ctrl+u")
			f.openSession("APP-2077")
			f.press("ctrl+c")
			quit(f)
		}, nil},
	} {
		t.Run(row.name, func(t *testing.T) {
			fa := newFakeAPI()
			if row.api != nil {
				row.api(fa)
			}
			dir := t.TempDir()
			f := newFlow(t, fa, 80, 24, func(c *Config) { c.ReceiptDir, c.Operator, c.Host = dir, "amal.hassan", "branch-cairo-07" })
			row.walk(f)
			got, recs := recorded(t, dir)
			if strings.Join(got, ", ") != strings.Join(row.want, ", ") {
				t.Fatalf("receipts %q, want %q; screen:\n%s", got, row.want, f.screen())
			}
			for _, r := range recs {
				if r.Operator != "amal.hassan" || r.Host != "branch-cairo-07" {
					t.Errorf("receipt of %s names operator %q on %q", r.ApplicantID, r.Operator, r.Host)
				}
				if sent := r.FullNameArSent != nil; sent != (r.Outcome != "abandoned") {
					t.Errorf("%s receipt says a name was sent: %v", r.Outcome, sent)
				}
			}
			if f.quit && len(row.want) > 0 && strings.HasSuffix(row.want[len(row.want)-1], "abandoned") {
				if s := f.m.Result().Summary; !strings.Contains(s, "recorded as abandoned: receipt "+dir) {
					t.Errorf("the summary does not name the abandoned case's receipt: %q", s)
				}
			}
		})
	}
}

// TestAClosedWindowAfterTheUploadStillLeavesTheReceipt: when the terminal goes away, bubbletea
// can end on the failed read before the SIGHUP that came with it is handled, so no Update ever
// hears that the customer is left. Run writes the case's receipt on its way out all the same.
func TestAClosedWindowAfterTheUploadStillLeavesTheReceipt(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{
		Client:       startAPI(t, newFakeAPI()),
		TenantID:     "bank-tenant",
		TenantSecret: testTenantSecret,
		StartDir:     t.TempDir(),
		MaxImageSize: 20 << 20,
		RTL:          arabic.ModeTerminal,
		Version:      "test",
		ReceiptDir:   dir,
		Operator:     "amal.hassan",
		Getenv:       func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] },
	}
	writeScan(t, cfg.StartDir)
	keys, typed := io.Pipe()
	out := &syncBuffer{}
	cfg.Input, cfg.Output = keys, out
	type ran struct {
		res Result
		err error
	}
	done := make(chan ran, 1)
	go func() {
		res, err := Run(context.Background(), cfg)
		done <- ran{res, err}
	}()
	waitFor := func(s string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), s) {
			if time.Now().After(deadline) {
				t.Fatalf("the screen never showed %q; output:\n%s", s, out.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	send := func(s string) {
		t.Helper()
		if _, err := io.WriteString(typed, s); err != nil {
			t.Fatal(err)
		}
	}
	waitFor("Applicant ID")
	send("APP-1042")
	send("\r")
	waitFor("Verify the customer")
	send(testPassword)
	send("\r")
	waitFor("specimen-passport.jpg")
	send("\r")
	waitFor("Review what the scan says")
	typed.CloseWithError(syscall.EIO) // the window is gone

	r := <-done
	if r.err == nil {
		t.Fatal("Run ended without the read error; the test did not close the window")
	}
	got, _ := recorded(t, dir)
	if strings.Join(got, ", ") != "APP-1042 abandoned" {
		t.Fatalf("receipts %q after the window closed", got)
	}
	if !strings.Contains(r.res.Summary, "recorded as abandoned: receipt "+dir) {
		t.Errorf("summary %q", r.res.Summary)
	}
}

// TestADayAtTheDeskAgainstTheSandbox: the demo's happy customer approved, the next one's expired
// passport uploaded and left; both are in the receipts folder, and the listing puts them in order.
func TestADayAtTheDeskAgainstTheSandbox(t *testing.T) {
	cfg, chosen := sandboxConfig(t)
	dir := t.TempDir()
	cfg.ReceiptDir, cfg.Operator, cfg.Host = dir, "amal.hassan", "branch-cairo-07"
	d := newDriver(t, cfg, 120, 40)
	d.requireScreen("operator amal.hassan")
	serve := func(applicant string) {
		t.Helper()
		d.typeText(applicant)
		d.press("enter")
		d.until("the password step", func(m Model) bool { return m.step == stPassword })
		d.typeText("Demo@2026")
		d.press("enter")
		d.until("the passport step", func(m Model) bool { return m.step == stPassport })
		d.send(picker.ChosenMsg{File: chosen})
		d.until("the review", func(m Model) bool { return m.step == stReview })
	}
	serve("DEMO-HAPPY")
	d.press("ctrl+s", "enter")
	d.until("done", func(m Model) bool { return m.step == stDone })
	d.settle()
	d.press("n")
	serve("DEMO-EXPIRED")
	d.press("ctrl+c", "enter")
	for !d.quit {
		d.step()
	}
	l, err := receipt.List(dir, receipt.Filter{From: time.Now().Add(-time.Hour), To: time.Now().Add(time.Hour)})
	if err != nil || len(l.Skipped) != 0 {
		t.Fatalf("%v, skipped %v", err, l.Skipped)
	}
	var got []string
	for _, c := range l.Cases {
		got = append(got, c.ApplicantID+" "+c.Outcome+" "+c.Operator)
		if c.DocumentNumber == "" || c.FullNameAr == "" {
			t.Errorf("%s: no document number or Arabic name: %+v", c.ApplicantID, c)
		}
	}
	if strings.Join(got, ", ") != "DEMO-HAPPY approved amal.hassan, DEMO-EXPIRED abandoned amal.hassan" {
		t.Fatalf("the day's cases: %q", got)
	}
	if l.Totals[receipt.Approved] != 1 || l.Totals[receipt.Abandoned] != 1 {
		t.Errorf("totals %v", l.Totals)
	}
}
