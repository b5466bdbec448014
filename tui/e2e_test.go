package tui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"example.com/passport-update/api"
	"example.com/passport-update/api/sandbox"
	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/picker"
)

// sandboxFlow runs the wizard against the real sandbox server, as `go run .` does.
func sandboxConfig(t *testing.T, opts ...sandbox.Options) (Config, picker.ChosenFile) {
	t.Helper()
	dir := t.TempDir()
	paths, err := sandbox.WriteSpecimens(dir)
	if err != nil || len(paths) == 0 {
		t.Fatalf("specimens: %v (%d)", err, len(paths))
	}
	var chosen picker.ChosenFile
	for _, p := range paths {
		if strings.Contains(p, "amina") || chosen.Path == "" {
			chosen = chosenFile(t, p)
		}
	}
	var demo Demo
	for _, s := range sandbox.Scenarios() {
		demo.Applicants = append(demo.Applicants, DemoApplicant{ApplicantID: s.ApplicantID, Name: s.Name, Description: s.Description})
	}
	demo.PasswordHint = sandbox.Password
	return Config{
		Client:       startAPI(t, sandbox.New(append(opts, sandbox.Options{})[0]), api.WithVerifyPath(api.VerifyAuto)),
		TenantID:     sandbox.TenantID,
		TenantSecret: sandbox.TenantSecret,
		Demo:         &demo,
		StartDir:     dir,
		MaxImageSize: 20 << 20,
		RTL:          arabic.ModeTerminal,
		Version:      "test",
	}, chosen
}

func chosenFile(t testing.TB, p string) picker.ChosenFile {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	return picker.ChosenFile{Path: p, Size: st.Size(), ModTime: st.ModTime(), Format: format, Width: cfg.Width, Height: cfg.Height}
}

func TestHappyPathAgainstTheSandbox(t *testing.T) {
	cfg, chosen := sandboxConfig(t)
	if len(cfg.Demo.Applicants) == 0 {
		t.Fatal("the sandbox lists no scenarios")
	}
	d := newDriver(t, cfg, 120, 40)
	d.requireScreen("SANDBOX", "DEMO-HAPPY")
	d.typeText("DEMO-HAPPY")
	d.press("enter")
	d.until("the password step", func(m Model) bool { return m.step == stPassword })
	d.typeText(sandbox.Password)
	d.press("enter")
	d.until("the passport step", func(m Model) bool { return m.step == stPassport })
	d.send(picker.ChosenMsg{File: chosen})
	d.until("the review", func(m Model) bool { return m.step != stUpload })
	if d.m.step != stReview {
		t.Fatalf("state %v; screen:\n%s", d.m.step, d.screen())
	}
	// Correct the Arabic name, then approve.
	d.press("enter", "ctrl+u")
	d.typeText("أمينة حسن عبد الرحمن")
	d.press("enter", "ctrl+s", "enter")
	d.until("done", func(m Model) bool { return m.step == stDone })
	d.requireScreen("Passport update approved")
}

// TestProgramRunsThroughTheRealEventLoop drives the bubbletea program itself (teatest), reading
// what it draws, through the whole happy path.
func TestProgramRunsThroughTheRealEventLoop(t *testing.T) {
	cfg, chosen := sandboxConfig(t)
	if len(cfg.Demo.Applicants) == 0 {
		t.Fatal("the sandbox lists no scenarios")
	}
	tm := teatest.NewTestModel(t, New(context.Background(), cfg, asciiRenderer()), teatest.WithInitialTermSize(120, 40))
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	}
	wait("Applicant ID")
	tm.Type("DEMO-HAPPY")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Verify the customer")
	tm.Type(sandbox.Password)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Folder:") // the picker is on screen: the passport step
	tm.Send(picker.ChosenMsg{File: chosen})
	wait("Review what the scan says")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	wait("exactly what will be sent")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("approved")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if r := fm.Result(); r.Approved != 1 || !strings.Contains(r.Summary, "DEMO-HAPPY") {
		t.Fatalf("result %+v", r)
	}
}

func TestRunWithoutATerminalPointsToTheRunCommand(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	old := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = old }()
	_, err = Run(context.Background(), Config{})
	if !errors.Is(err, ErrNoTerminal) || !strings.Contains(err.Error(), "passport-update run") {
		t.Fatalf("err = %v", err)
	}
}

// TestSandboxScenarios walks each demo scenario far enough to see the behaviour it stands for.
func TestSandboxScenarios(t *testing.T) {
	toPicker := func(t *testing.T, d *driver, id string) {
		t.Helper()
		d.typeText(id)
		d.press("enter")
		d.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
		if d.m.step != stPassword {
			return
		}
		d.typeText(sandbox.Password)
		d.press("enter")
		d.until("the password answer", func(m Model) bool { return !m.cs.password.req.busy() })
	}
	upload := func(t *testing.T, d *driver, f picker.ChosenFile) {
		t.Helper()
		d.until("the translation flag", func(m Model) bool { return !m.cs.review.translationReq.busy() })
		d.send(picker.ChosenMsg{File: f})
		d.until("the OCR answer", func(m Model) bool { return m.step != stUpload })
	}
	hasFinding := func(m Model, field string) bool {
		for _, f := range m.cs.review.findings {
			if f.Field == field {
				return true
			}
		}
		return false
	}
	cases := []struct {
		id    string
		check func(t *testing.T, d *driver, f picker.ChosenFile)
	}{
		{"DEMO-EMAIL", func(t *testing.T, d *driver, f picker.ChosenFile) {
			if d.m.step != stStopped || !strings.Contains(strings.ToLower(d.screen()), "email") {
				t.Fatalf("state %v; screen:\n%s", d.m.step, d.screen())
			}
		}},
		{"DEMO-LOCKOUT", func(t *testing.T, d *driver, f picker.ChosenFile) {
			for i := 0; i < 3 && !d.m.cs.password.locked; i++ {
				d.typeText(sandbox.Password)
				d.press("enter")
				d.until("the password answer", func(m Model) bool { return !m.cs.password.req.busy() })
			}
			if !d.m.cs.password.locked || d.m.cs.password.wrong == 0 {
				t.Fatalf("locked %v wrong %d; screen:\n%s", d.m.cs.password.locked, d.m.cs.password.wrong, d.screen())
			}
		}},
		{"DEMO-OCRFAIL", func(t *testing.T, d *driver, f picker.ChosenFile) {
			upload(t, d, f)
			if d.m.step != stPassport || d.m.cs.passport.picker.Err() == "" {
				t.Fatalf("state %v picker error %q", d.m.step, d.m.cs.passport.picker.Err())
			}
		}},
		{"DEMO-NOTRANSLATE", func(t *testing.T, d *driver, f picker.ChosenFile) {
			upload(t, d, f)
			if d.m.step != stReview || d.m.cs.review.arabicShown || d.m.cs.review.arabicValue() != nil {
				t.Fatalf("state %v arabic shown %v", d.m.step, d.m.cs.review.arabicShown)
			}
			d.press("ctrl+s", "enter")
			d.until("done", func(m Model) bool { return m.step != stApprove || !m.cs.approve.inFlight() })
			if d.m.step != stDone {
				t.Fatalf("null name not approved; screen:\n%s", d.screen())
			}
		}},
		{"DEMO-NOARABIC", func(t *testing.T, d *driver, f picker.ChosenFile) {
			upload(t, d, f)
			if !d.m.cs.review.arabicShown || *d.m.cs.review.arabicValue() != "" {
				t.Fatalf("the empty Arabic field is not offered")
			}
			d.press("ctrl+s")
			if d.m.step != stReview || d.m.notice.kind != noticeError {
				t.Fatal("an empty Arabic name went to approval")
			}
		}},
		{"DEMO-EXPIRED", func(t *testing.T, d *driver, f picker.ChosenFile) {
			upload(t, d, f)
			if !hasFinding(d.m, "ExpirationDate") {
				t.Fatalf("no expiry finding: %+v", d.m.cs.review.findings)
			}
		}},
		{"DEMO-MRZ", func(t *testing.T, d *driver, f picker.ChosenFile) {
			upload(t, d, f)
			if len(d.m.cs.review.findings) == 0 {
				t.Fatal("no MRZ findings")
			}
		}},
	}
	t.Run("DEMO-EXPIRING", func(t *testing.T) {
		clock := newClock()
		cfg, chosen := sandboxConfig(t, sandbox.Options{Now: clock.Now})
		cfg.Now = clock.Now
		d := newDriver(t, cfg, 120, 40)
		toPicker(t, d, "DEMO-EXPIRING")
		if d.m.step != stPassport {
			t.Fatalf("scenario did not reach the picker (state %v); screen:\n%s", d.m.step, d.screen())
		}
		clock.Advance(5 * time.Minute)
		upload(t, d, chosen)
		if d.m.step != stSession || !strings.Contains(d.screen(), "expired") || d.m.cs.session.input.Value() != "DEMO-EXPIRING" {
			t.Fatalf("state %v; screen:\n%s", d.m.step, d.screen())
		}
	})
	t.Run("DEMO-FLAKY", func(t *testing.T) {
		// The gateway fails the first try of every call: opening the session retries inside
		// the same session; the password is typed again once, as the notice asks.
		cfg, _ := sandboxConfig(t)
		d := newDriver(t, cfg, 120, 40)
		toPicker(t, d, "DEMO-FLAKY")
		if d.m.step == stPassword {
			d.typeText(sandbox.Password)
			d.press("enter")
			d.until("the password answer", func(m Model) bool { return !m.cs.password.req.busy() })
		}
		if d.m.step != stPassport {
			t.Fatalf("state %v; screen:\n%s", d.m.step, d.screen())
		}
	})
	known := map[string]bool{}
	for _, s := range sandbox.Scenarios() {
		known[s.ApplicantID] = true
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			if !known[c.id] {
				t.Fatalf("the sandbox has no %s scenario", c.id)
			}
			cfg, chosen := sandboxConfig(t)
			d := newDriver(t, cfg, 120, 40)
			toPicker(t, d, c.id)
			c.check(t, d, chosen)
		})
	}
}
