package tui

import (
	"os"
	"strings"
	"testing"

	"example.com/passport-update/api/fullname"
	tea "github.com/charmbracelet/bubbletea"
)

func TestHappyPathApprovesTheNormalisedArabicNameOnce(t *testing.T) {
	fa := newFakeAPI()
	f := newFlow(t, fa, 120, 40, func(c *Config) { c.ReceiptDir = t.TempDir() })
	f.toReview()
	f.requireScreen("Review what the scan says", "A12345678", "value the API takes", "not sent to the server")

	f.press("ctrl+s")
	if f.m.step != stApprove {
		t.Fatalf("ctrl+s on review: state %v; screen:\n%s", f.m.step, f.screen())
	}
	f.press("enter", "enter", "ctrl+s", "enter") // impatient presses: still one request
	f.until("the approval", func(m Model) bool { return m.step == stDone })
	f.settle()

	if n := f.api.count("/api/v1/update/UpdatePassport/Approve"); n != 1 {
		t.Fatalf("Approve requests = %d, want exactly 1", n)
	}
	got := decodeApproveBody(t, f.api.approveBody[0])
	want := fullname.Normalize("مُحَمَّد أحمد عبد الله")
	if got == nil || *got != want {
		t.Fatalf("fullNameAr sent = %v, want %q (harakat removed)", got, want)
	}
	f.requireScreen("approved", "A12345678", "APP-1042", "Receipt")
	if f.m.cs.done.receiptPath == "" {
		t.Fatalf("no receipt path on Done; screen:\n%s", f.screen())
	}
	if _, err := os.Stat(f.m.cs.done.receiptPath); err != nil {
		t.Fatalf("receipt: %v", err)
	}
	r := f.m.Result()
	if r.Approved != 1 || !strings.Contains(r.Summary, "A12345678") || !strings.Contains(r.Summary, "APP-1042") {
		t.Fatalf("result = %+v", r)
	}
}

func TestPasswordFailures(t *testing.T) {
	t.Run("a wrong password keeps the screen, counts, says how many attempts are left and clears the field", func(t *testing.T) {
		f := newFlow(t, newFakeAPI(), 80, 24)
		f.openSession("APP-1042")
		f.verify("wrong-one")
		if f.m.step != stPassword || f.m.cs.password.wrong != 1 || f.m.cs.password.attemptsLeft != 2 {
			t.Fatalf("state %v wrong %d left %d", f.m.step, f.m.cs.password.wrong, f.m.cs.password.attemptsLeft)
		}
		if f.m.cs.password.input.Value() != "" {
			t.Fatal("the password field still holds the typed password")
		}
		f.requireScreen("Wrong password", "2 attempts left")
	})
	t.Run("the lock-out stops the screen with a sentence", func(t *testing.T) {
		fa := newFakeAPI()
		fa.wrongLeft = 2
		f := newFlow(t, fa, 80, 24)
		f.openSession("APP-1042")
		f.verify("wrong-one")
		f.verify("wrong-two")
		if !f.m.cs.password.locked {
			t.Fatalf("not locked; screen:\n%s", f.screen())
		}
		f.requireScreen("locked")
		f.typeText("x")
		f.press("enter")
		if f.m.waiting() {
			t.Fatal("a locked screen sent another verification")
		}
	})
	t.Run("esc goes back to Session and clears the typed password", func(t *testing.T) {
		f := newFlow(t, newFakeAPI(), 80, 24)
		f.openSession("APP-1042")
		f.typeText("half-typed")
		f.press("esc")
		if f.m.step != stSession || f.m.cs.password.input.Value() != "" {
			t.Fatalf("state %v, password field %q", f.m.step, f.m.cs.password.input.Value())
		}
		if f.m.cs.session.input.Value() != "APP-1042" {
			t.Fatalf("applicant ID lost: %q", f.m.cs.session.input.Value())
		}
	})
}

func TestSessionRefusals(t *testing.T) {
	cases := []struct {
		name  string
		setup func(*fakeAPI)
		want  string
	}{
		{"passport step not allowed", func(f *fakeAPI) { f.noPassport = true }, "does not allow a passport update"},
		{"email code required", func(f *fakeAPI) { f.method = 2 }, "email code"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fa := newFakeAPI()
			c.setup(fa)
			f := newFlow(t, fa, 80, 24)
			f.openSession("APP-1042")
			if f.m.step != stStopped {
				t.Fatalf("state %v; screen:\n%s", f.m.step, f.screen())
			}
			f.requireScreen(c.want)
			f.press("enter")
			if f.m.step != stSession || f.m.cs.applicantID != "" {
				t.Fatalf("enter did not start over: state %v", f.m.step)
			}
		})
	}
	t.Run("wrong tenant secret is an error with a retry, the ID kept", func(t *testing.T) {
		f := newFlow(t, newFakeAPI(), 80, 24, func(c *Config) { c.TenantSecret = "not-it" })
		f.openSession("APP-1042")
		if f.m.step != stSession || f.m.notice.kind != noticeError {
			t.Fatalf("state %v notice %+v", f.m.step, f.m.notice)
		}
		f.requireScreen("tenant")
		if f.m.cs.session.input.Value() != "APP-1042" {
			t.Fatal("applicant ID lost")
		}
	})
}

func TestOCRFailureReturnsToThePickerWithTheFileKept(t *testing.T) {
	fa := newFakeAPI()
	fa.ocrFail = "No passport data page was found in the image."
	f := newFlow(t, fa, 80, 24)
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle()
	f.pick()
	if f.m.step != stPassport || f.m.cs.passport.chosen.Path != f.scan.Path || f.m.cs.review.loaded {
		t.Fatalf("state %v chosen %q uploaded %v", f.m.step, f.m.cs.passport.chosen.Path, f.m.cs.review.loaded)
	}
}

func TestUnauthorizedMidFlowReturnsToSessionKeepingTheApplicant(t *testing.T) {
	fa := newFakeAPI()
	fa.upload401 = true
	f := newFlow(t, fa, 80, 24)
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle()
	f.pick()
	if f.m.step != stSession {
		t.Fatalf("state %v; screen:\n%s", f.m.step, f.screen())
	}
	f.requireScreen("session has expired", "APP-1042")
	if f.m.cs.client != nil {
		t.Fatal("the refused token is still in use")
	}
	// enter re-opens it with the kept ID, and the file stays chosen for the passport step.
	fa.upload401 = false
	f.press("enter")
	f.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
	f.verify(testPassword)
	f.settle()
	if f.m.step != stPassport || f.m.cs.passport.chosen.Path != f.scan.Path {
		t.Fatalf("state %v chosen %q", f.m.step, f.m.cs.passport.chosen.Path)
	}
}

func TestApprove400OnFullNameArReturnsToTheField(t *testing.T) {
	fa := newFakeAPI()
	fa.approveMode = "400ar"
	f := newFlow(t, fa, 80, 24)
	f.toReview()
	f.press("down", "down", "ctrl+s", "enter")
	f.until("the approval answer", func(m Model) bool { return !m.cs.approve.inFlight() })
	if f.m.step != stReview || f.m.cs.review.fields[f.m.cs.review.cursor].spec.key != "FullNameAr" {
		t.Fatalf("state %v cursor %d; screen:\n%s", f.m.step, f.m.cs.review.cursor, f.screen())
	}
	f.requireScreen("at least two names")
}

func TestApprovalIsSentExactlyOnce(t *testing.T) {
	t.Run("network failure after sending: unknown outcome, a second attempt needs a second confirmation", func(t *testing.T) {
		fa := newFakeAPI()
		fa.approveMode = "drop"
		f := newFlow(t, fa, 80, 24)
		f.toReview()
		f.press("ctrl+s", "enter", "enter", "ctrl+s")
		f.until("the approval answer", func(m Model) bool { return !m.cs.approve.inFlight() })
		const path = "/api/v1/update/UpdatePassport/Approve"
		if n := fa.count(path); n != 1 {
			t.Fatalf("Approve requests = %d, want 1", n)
		}
		if !f.m.cs.approve.unknown() || f.m.step != stApprove {
			t.Fatalf("unknown %v state %v; screen:\n%s", f.m.cs.approve.unknown(), f.m.step, f.screen())
		}
		f.requireScreen("before approving again", "enter twice")
		f.press("enter") // arms only
		f.settle()
		if n := fa.count(path); n != 1 {
			t.Fatalf("one press after an unknown outcome sent a request (%d)", n)
		}
		f.requireScreen("Press enter again")
		fa.approveMode = ""
		f.press("enter")
		f.until("the second approval", func(m Model) bool { return m.step == stDone })
		if n := fa.count(path); n != 2 {
			t.Fatalf("Approve requests = %d, want 2 after the second confirmation", n)
		}
	})
	t.Run("esc after arming disarms", func(t *testing.T) {
		fa := newFakeAPI()
		fa.approveMode = "drop"
		f := newFlow(t, fa, 80, 24)
		f.toReview()
		f.press("ctrl+s", "enter")
		f.until("the approval answer", func(m Model) bool { return !m.cs.approve.inFlight() })
		f.press("enter", "esc", "ctrl+s")
		f.settle()
		if n := fa.count("/api/v1/update/UpdatePassport/Approve"); n != 1 {
			t.Fatalf("Approve requests = %d, want 1", n)
		}
	})
}

func TestStaleAnswersAreDropped(t *testing.T) {
	t.Run("esc during the upload cancels it and its answer is ignored", func(t *testing.T) {
		fa := newFakeAPI()
		fa.uploadGate = make(chan struct{})
		f := newFlow(t, fa, 80, 24)
		f.openSession("APP-1042")
		f.verify(testPassword)
		f.settle()
		f.send(pickerChosen(f.scan))
		if f.m.step != stUpload {
			t.Fatalf("state %v", f.m.step)
		}
		f.press("esc")
		close(fa.uploadGate)
		f.settle()
		if f.m.step != stPassport || f.m.cs.review.loaded || f.m.notice.kind == noticeError {
			t.Fatalf("state %v uploaded %v notice %+v", f.m.step, f.m.cs.review.loaded, f.m.notice)
		}
	})
	t.Run("a verification answer arriving after esc does not move the wizard", func(t *testing.T) {
		f := newFlow(t, newFakeAPI(), 80, 24)
		f.openSession("APP-1042")
		old := f.m
		f.typeText(testPassword)
		f.press("enter")
		id := f.m.cs.password.req.id
		f.press("esc")
		f.settle()
		f.send(verifyMsg{id: id})
		if f.m.step != stSession {
			t.Fatalf("a stale verification moved the wizard to %v", f.m.step)
		}
		_ = old
	})
}

func TestNextCustomerStartsClean(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.toReview()
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	f.press("n")
	f.settle()
	m := f.m
	if m.step != stSession || m.cs.applicantID != "" || m.cs.client != nil || m.cs.review.loaded || m.cs.passport.chosen.Path != "" ||
		len(m.cs.review.fields) != 0 || m.cs.session.input.Value() != "" || m.cs.password.input.Value() != "" || m.notice.kind != noticeNone {
		t.Fatalf("state left over for the next customer: %+v", m.step)
	}
	if m.result.Approved != 1 {
		t.Fatalf("approved count lost: %d", m.result.Approved)
	}
	// and the next one goes through too
	f.toReview()
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	if f.m.Result().Approved != 2 {
		t.Fatalf("approved = %d", f.m.Result().Approved)
	}
}

// A Problem the checks raised on Review (here an expiry date in the past, as the server read it)
// is repeated on the Approve screen, and the approval then needs enter twice; esc in between
// disarms. It is still sent exactly once, with the problem kept for the receipt.
func TestAProblemFromTheChecksIsShownAndNeedsApprovalTwice(t *testing.T) {
	fa := newFakeAPI()
	fa.expiry = "2020-01-01T00:00:00"
	f := newFlow(t, fa, 120, 40)
	f.toReview()
	f.press("ctrl+s")
	if f.m.step != stApprove {
		t.Fatalf("state %v; screen:\n%s", f.m.step, f.screen())
	}
	f.requireScreen("The checks found problems", "expired", "Approve anyway", "enter ×2 approve anyway")
	const path = "/api/v1/update/UpdatePassport/Approve"
	f.press("enter")
	f.settle()
	if n := fa.count(path); n != 0 {
		t.Fatalf("one press past a problem sent %d approvals", n)
	}
	f.requireScreen("Press enter again to approve despite the problems above")
	f.press("esc") // back to review: disarmed
	f.press("ctrl+s", "enter")
	f.settle()
	if n := fa.count(path); n != 0 {
		t.Fatalf("the arming survived esc: %d approvals", n)
	}
	f.press("enter")
	f.until("the approval", func(m Model) bool { return m.step == stDone })
	if n := fa.count(path); n != 1 {
		t.Fatalf("Approve requests = %d, want 1", n)
	}
	if r := f.m.cs.record(&f.m.cfg, "approved", f.clock.Now()); len(r.Findings) == 0 || r.Findings[0].Code != "passport-expired" {
		t.Fatalf("the receipt lost the problem: %+v", r.Findings)
	}
}

// Keys typed fast, or batched by a slow link, reach the program in one read as one message. Where
// no text field has them, each is taken as if typed alone: "/spe" on the picker opens the filter
// with "spe" in it, and "n" then an ID on the Done screen starts the next customer with the ID
// typed. In a text field the message is text, as before.
func TestKeysThatArriveTogetherAreTakenAsTypedOneByOne(t *testing.T) {
	burst := func(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	f := newFlow(t, newFakeAPI(), 100, 30)
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle()
	if f.m.step != stPassport {
		t.Fatalf("state %v, want the passport step", f.m.step)
	}
	f.send(burst("/spe"))
	f.settle()
	if !f.m.cs.passport.picker.Capturing() || !strings.Contains(f.screen(), "/ spe") {
		t.Fatalf("\"/spe\" in one message did not open the filter with \"spe\"; screen:\n%s", f.screen())
	}
	f.press("esc")
	f.pick()
	f.settle()
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	f.send(burst("nAPP-7"))
	f.settle()
	if f.m.step != stSession || f.m.cs.session.input.Value() != "APP-7" {
		t.Fatalf("\"nAPP-7\" on Done: state %v, applicant field %q; want the Session screen with APP-7", f.m.step, f.m.cs.session.input.Value())
	}
}
