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

	"passport-update/api/sandbox"
	"passport-update/tui/arabic"
	"passport-update/tui/picker"
)

// sandboxFlow runs the wizard against the real sandbox server, as `go run .` does.
func sandboxConfig(t *testing.T) (Config, picker.ChosenFile) {
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
		Client:       startAPI(t, sandbox.New(sandbox.Options{})),
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
		t.Skip("sandbox has no scenarios yet")
	}
	d := newDriver(t, cfg, 120, 40)
	d.requireScreen("SANDBOX", "DEMO-HAPPY")
	d.typeText("DEMO-HAPPY")
	d.press("enter")
	d.until("the password step", func(m Model) bool { return m.state == stPassword })
	d.typeText(sandbox.Password)
	d.press("enter")
	d.until("the passport step", func(m Model) bool { return m.state == stPassport })
	d.send(picker.ChosenMsg{File: chosen})
	d.until("the review", func(m Model) bool { return m.state != stUpload })
	if d.m.state != stReview {
		t.Fatalf("state %v; screen:\n%s", d.m.state, d.screen())
	}
	// Correct the Arabic name, then approve.
	d.press("enter", "ctrl+u")
	d.typeText("أمينة حسن عبد الرحمن")
	d.press("enter", "ctrl+s", "enter")
	d.until("done", func(m Model) bool { return m.state == stDone })
	d.requireScreen("Passport update approved")
}

// TestProgramRunsThroughTheRealEventLoop drives the bubbletea program itself (teatest), reading
// what it draws, through the whole happy path.
func TestProgramRunsThroughTheRealEventLoop(t *testing.T) {
	cfg, chosen := sandboxConfig(t)
	if len(cfg.Demo.Applicants) == 0 {
		t.Skip("sandbox has no scenarios yet")
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
	wait("esc back • ?/F1 help") // the passport step's footer
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
