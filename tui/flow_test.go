package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"example.com/passport-update/tui/arabic"
	"example.com/passport-update/tui/picker"
)

// flow is one customer's walk through the wizard against a fake server.
type flow struct {
	*driver
	api   *fakeAPI
	clock *testClock
	scan  picker.ChosenFile
}

func newFlow(t testing.TB, fa *fakeAPI, w, h int, tweak ...func(*Config)) *flow {
	t.Helper()
	return newFlowOn(t, asciiRenderer(), fa, w, h, tweak...)
}

// newFlowOn is newFlow drawing with r (a colour profile of the test's choosing).
func newFlowOn(t testing.TB, r *lipgloss.Renderer, fa *fakeAPI, w, h int, tweak ...func(*Config)) *flow {
	t.Helper()
	dir := t.TempDir()
	clock := newClock()
	cfg := Config{
		Client:       startAPI(t, fa),
		TenantID:     "bank-tenant",
		TenantSecret: testTenantSecret,
		StartDir:     dir,
		MaxImageSize: 20 << 20,
		RTL:          arabic.ModeTerminal,
		Version:      "test",
		Now:          clock.Now,
	}
	for _, f := range tweak {
		f(&cfg)
	}
	scan := writeScan(t, dir) // before the picker lists the folder
	return &flow{driver: newDriverOn(t, r, cfg, w, h), api: fa, clock: clock, scan: scan}
}

func (f *flow) openSession(applicant string) {
	f.t.Helper()
	f.typeText(applicant)
	f.press("enter")
	f.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
}

func (f *flow) verify(password string) {
	f.t.Helper()
	f.typeText(password)
	f.press("enter")
	f.until("the password answer", func(m Model) bool { return !m.cs.password.req.busy() })
}

// pick is what the picker sends when the file passes its checks.
func (f *flow) pick() {
	f.t.Helper()
	f.send(picker.ChosenMsg{File: f.scan})
	f.until("the OCR answer", func(m Model) bool { return m.step != stUpload })
}

// toReview walks the happy path up to the Review screen.
func (f *flow) toReview() {
	f.t.Helper()
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle() // the translation flag
	if f.m.step != stPassport {
		f.t.Fatalf("state %v after the password, want the passport step; screen:\n%s", f.m.step, f.screen())
	}
	f.pick()
	if f.m.step != stReview {
		f.t.Fatalf("state %v after the upload, want review; screen:\n%s", f.m.step, f.screen())
	}
	f.settle() // thumbnails
}

func pickerChosen(f picker.ChosenFile) picker.ChosenMsg { return picker.ChosenMsg{File: f} }

func windowSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }
