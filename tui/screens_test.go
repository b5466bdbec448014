package tui

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"

	"bytes"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/tui/arabic"
)

func TestArabicFieldOnlyWhenTranslationIsOnOrOCRReadOne(t *testing.T) {
	cases := []struct {
		name        string
		translation bool
		ocrName     string
		wantShown   bool
		wantSent    *string
	}{
		{"translation on, OCR name", true, "مُحَمَّد أحمد عبد الله", true, ptr("محمد أحمد عبد الله")},
		{"translation off, OCR name", false, "سارة محمود", true, ptr("سارة محمود")},
		{"translation off, no OCR name: null", false, "", false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fa := newFakeAPI()
			fa.translation, fa.fullNameAr = c.translation, c.ocrName
			f := newFlow(t, fa, 80, 24)
			f.toReview()
			if f.m.cs.review.arabicShown != c.wantShown {
				t.Fatalf("Arabic field shown = %v", f.m.cs.review.arabicShown)
			}
			if !c.wantShown {
				f.requireScreen("sent empty (null)")
			}
			f.press("ctrl+s")
			if c.wantSent == nil {
				f.requireScreen("null")
			}
			f.press("enter")
			f.until("done", func(m Model) bool { return m.step == stDone })
			got := decodeApproveBody(t, fa.approveBody[0])
			if (got == nil) != (c.wantSent == nil) || got != nil && *got != *c.wantSent {
				t.Fatalf("fullNameAr sent %v, want %v", deref(got), deref(c.wantSent))
			}
		})
	}
}

func ptr(s string) *string { return &s }
func deref(p *string) string {
	if p == nil {
		return "<null>"
	}
	return *p
}

func TestEditingTheArabicNameShowsHowItReadsAndSendsTheCleanValue(t *testing.T) {
	fa := newFakeAPI()
	f := newFlow(t, fa, 120, 40)
	f.toReview()
	if f.m.cs.review.fields[0].spec.key != "FullNameAr" {
		t.Fatalf("first field %q, want the Arabic full name", f.m.cs.review.fields[0].spec.key)
	}
	f.press("enter", "ctrl+u")
	f.typeText("فاطِمَة الزَّهراء علي")
	f.requireScreen("reads as:", "harakat removed", "valid")
	f.press("enter")
	if f.m.cs.review.editing {
		t.Fatal("enter did not save")
	}
	f.requireScreen("(edited)", "was:")
	// One Arabic value per line: the edited value and the original are on separate lines.
	for _, line := range strings.Split(f.screen(), "\n") {
		if strings.Contains(line, "فاطمة") && strings.Contains(line, "محمد") {
			t.Fatalf("two Arabic values on one line: %q", line)
		}
	}
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	if got := decodeApproveBody(t, fa.approveBody[0]); got == nil || *got != "فاطمة الزهراء علي" {
		t.Fatalf("sent %v", deref(got))
	}
	if c := f.m.cs.review.corrections(); len(c) != 1 || c[0].Field != "FullNameAr" {
		t.Fatalf("corrections %+v", c)
	}
}

func TestAnInvalidArabicNameCannotBeApproved(t *testing.T) {
	fa := newFakeAPI()
	f := newFlow(t, fa, 80, 24)
	f.toReview()
	f.press("enter", "ctrl+u")
	f.typeText("Mohamed")
	f.requireScreen("✖")
	f.press("enter", "ctrl+s")
	if f.m.step != stReview || f.m.notice.kind != noticeError {
		t.Fatalf("state %v notice %+v", f.m.step, f.m.notice)
	}
}

func TestEditsOfOtherFields(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 120, 40)
	f.toReview()
	idx := func(key string) int { return f.m.cs.review.fieldIndex(key) }
	moveTo := func(key string) {
		for f.m.cs.review.cursor < idx(key) {
			f.press("tab")
		}
		for f.m.cs.review.cursor > idx(key) {
			f.press("shift+tab")
		}
	}
	t.Run("nationality through the fuzzy country list", func(t *testing.T) {
		moveTo("Nationality")
		f.press("enter", "ctrl+u")
		f.typeText("germ")
		f.requireScreen("DEU Germany")
		f.press("enter")
		if v := f.m.cs.review.fields[idx("Nationality")].value; v != "DEU" {
			t.Fatalf("nationality %q", v)
		}
	})
	t.Run("a date in the wrong shape is refused and the edit stays open", func(t *testing.T) {
		moveTo("Birthdate")
		f.press("enter", "ctrl+u")
		f.typeText("23/07/1991")
		f.press("enter")
		if !f.m.cs.review.editing || f.m.notice.kind == noticeNone {
			t.Fatal("a bad date was accepted")
		}
		f.press("esc")
		if f.m.cs.review.fields[idx("Birthdate")].edited() {
			t.Fatal("esc kept the edit")
		}
	})
	t.Run("a corrected expiry date, which is not sent, leaves the checks on the server's date", func(t *testing.T) {
		moveTo("ExpirationDate")
		f.press("enter", "ctrl+u")
		f.typeText("2020-01-01")
		f.press("enter")
		for _, fd := range f.m.cs.review.findings {
			if fd.Field == "ExpirationDate" {
				t.Fatalf("the correction was judged although the server keeps its own date: %+v", fd)
			}
		}
		f.requireScreen("the server keeps 2031-03-14")
	})
}

func TestCtrlCAsksOnceDataWouldBeLost(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.press("ctrl+c")
	if !f.quitRequested() {
		t.Fatal("ctrl+c before any upload did not quit")
	}
	f = newFlow(t, newFakeAPI(), 80, 24)
	f.toReview()
	f.press("ctrl+c")
	if !f.m.confirmQuit || f.quitRequested() {
		t.Fatal("ctrl+c after the upload quit without asking")
	}
	f.requireScreen("Quit now?")
	f.press("esc")
	if f.m.confirmQuit || f.m.step != stReview {
		t.Fatal("esc did not return to the review")
	}
	f.press("ctrl+c", "enter")
	if !f.quitRequested() {
		t.Fatal("confirmed quit did not quit")
	}
}

// quitRequested: the last Update returned tea.Quit (the driver ran it).
func (f *flow) quitRequested() bool {
	f.settleQuiet()
	return f.quit || f.m.quitting
}

func (f *flow) settleQuiet() {
	for f.pending.Load() > 0 {
		f.step()
	}
}

// syncBuffer is a goroutine-safe output for the bidi sequences written from commands.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestCtrlRCyclesTheArabicDisplayMode(t *testing.T) {
	out := &syncBuffer{}
	f := newFlow(t, newFakeAPI(), 80, 24, func(c *Config) {
		c.Output = out
		c.Getenv = func(k string) string {
			if k == "VTE_VERSION" {
				return "7600"
			}
			return ""
		}
	})
	want := []struct {
		mode arabic.Mode
		out  string
	}{
		{arabic.ModeApp, arabic.TerminalBidiOff},
		{arabic.ModeOff, arabic.TerminalBidiOff + arabic.TerminalBidiOn},
		{arabic.ModeTerminal, arabic.TerminalBidiOff + arabic.TerminalBidiOn},
	}
	for _, w := range want {
		f.press("ctrl+r")
		f.settle()
		if f.m.c.mode != w.mode {
			t.Fatalf("mode %v, want %v", f.m.c.mode, w.mode)
		}
		f.requireScreen("Arabic display mode: " + w.mode.String())
		if out.String() != w.out {
			t.Fatalf("terminal got %q, want %q", out.String(), w.out)
		}
	}
}

func TestTooSmallTerminalAsksToBeBigger(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 50, 15)
	f.requireScreen("Make me bigger", "50×15")
	f.typeText("APP-1")
	f.press("enter")
	if f.m.waiting() || f.m.cs.session.input.Value() != "" {
		t.Fatal("keys reached the hidden screen")
	}
	f.send(windowSize(80, 24))
	f.requireScreen("Applicant ID")
}

func TestHelpKeys(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.typeText("?")
	if f.m.help.ShowAll || f.m.cs.session.input.Value() != "?" {
		t.Fatal("? in a text input toggled help instead of being typed")
	}
	f.press("f1")
	if !f.m.help.ShowAll {
		t.Fatal("F1 did not open the full help")
	}
	f.requireScreen("Arabic display mode: terminal", "ctrl+r")
	f.press("f1")
	f.toReview()
	for _, k := range []string{"?", "؟"} {
		f.press(k)
		if !f.m.help.ShowAll {
			t.Fatalf("%s did not open help on the review", k)
		}
		f.press(k)
		if f.m.help.ShowAll {
			t.Fatalf("%s did not close help", k)
		}
	}
}

func TestSecretsNeverReachTheScreenOrTheLog(t *testing.T) {
	fa := newFakeAPI()
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug - 8}))
	f := newFlow(t, fa, 120, 40, func(c *Config) {
		c.ReceiptDir = t.TempDir()
		c.Logger = logger
		c.Client = startAPI(t, fa, api.WithLogger(logger))
	})
	f.openSession("APP-1042")
	f.verify(testPassword + "x") // a wrong one first, then the right one
	f.verify(testPassword)
	f.settle()
	f.pick()
	f.settle()
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	f.settle()
	for _, frame := range f.frames {
		for _, secret := range []string{testPassword, testToken, testTenantSecret} {
			if strings.Contains(frame, secret) {
				t.Fatalf("secret %q on screen:\n%s", secret, frame)
			}
		}
	}
	if len(f.frames) < 20 {
		t.Fatalf("only %d frames checked", len(f.frames))
	}
	for _, secret := range []string{testPassword, testToken, testTenantSecret} {
		if strings.Contains(logs.String(), secret) {
			t.Fatalf("secret %q in the log", secret)
		}
	}
	if !strings.Contains(logs.String(), "wizard step") {
		t.Fatalf("the log shows no step; it holds:\n%s", logs.String())
	}
}

func TestReadyTokenSkipsTheSession(t *testing.T) {
	fa := newFakeAPI()
	f := newFlow(t, fa, 80, 24, func(c *Config) {
		c.Client = c.Client.WithToken(testToken)
		c.TokenReady = true
		c.TenantSecret = ""
	})
	f.until("the silent session check", func(m Model) bool { return m.step != stSession })
	if f.m.step != stPassword {
		t.Fatalf("state %v; screen:\n%s", f.m.step, f.screen())
	}
	if fa.count("/api/v1/Auth/GenerateUpdateRequestSessionToken") != 0 {
		t.Fatal("a ready token opened a new session")
	}
}

func TestDemoModeListsTheApplicantsAndTheHint(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24, func(c *Config) {
		c.Demo = &Demo{
			Applicants: []DemoApplicant{
				{ApplicantID: "DEMO-HAPPY", Name: "Happy path", Description: "Everything works."},
				{ApplicantID: "DEMO-LOCKOUT", Name: "Wrong password lockout", Description: "Locks after three wrong passwords."},
			},
			PasswordHint: "Demo@2026",
		}
	})
	f.requireScreen("SANDBOX", "DEMO-HAPPY", "Wrong password lockout")
	f.press("down", "down")
	if f.m.cs.session.input.Value() != "DEMO-LOCKOUT" {
		t.Fatalf("down picked %q", f.m.cs.session.input.Value())
	}
	f.press("up")
	f.press("enter")
	f.until("the session", func(m Model) bool { return !m.cs.session.req.busy() })
	if f.m.cs.applicantID != "DEMO-HAPPY" {
		t.Fatalf("opened %q", f.m.cs.applicantID)
	}
	f.requireScreen("Sandbox password: Demo@2026")
}

func TestReceiptKeepsTheRecordButNoSecret(t *testing.T) {
	dir := t.TempDir()
	f := newFlow(t, newFakeAPI(), 80, 24, func(c *Config) { c.ReceiptDir = dir })
	f.toReview()
	f.press("enter", "ctrl+u")
	f.typeText("فاطمة الزهراء علي")
	f.press("enter", "ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	f.settle()
	if f.m.cs.done.receiptPath == "" {
		t.Fatalf("no receipt; screen:\n%s", f.screen())
	}
	raw, err := os.ReadFile(f.m.cs.done.receiptPath)
	if err != nil {
		t.Fatal(err)
	}
	body := string(raw)
	sum := sha256.Sum256(scanJPEG())
	for _, want := range []string{`"approved"`, "FullNameAr", "فاطمة الزهراء علي", "A12345678", "APP-1042", hex.EncodeToString(sum[:])} {
		if !strings.Contains(body, want) {
			t.Errorf("receipt lacks %q", want)
		}
	}
	for _, secret := range []string{testPassword, testToken, testTenantSecret, testPhotoBase64[:40]} {
		if strings.Contains(body, secret) {
			t.Errorf("receipt holds a secret or image bytes: %q", secret)
		}
	}
	if !strings.Contains(f.m.Result().Summary, f.m.cs.done.receiptPath) {
		t.Errorf("summary %q lacks the receipt path", f.m.Result().Summary)
	}
}

func TestAPanicInACommandIsWrittenDownAndEndsTheProgram(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	msg := safe(func() tea.Msg { panic("decoder exploded") })()
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.send(msg)
	if !f.m.quitting || f.m.panicPath == "" {
		t.Fatalf("quitting %v path %q", f.m.quitting, f.m.panicPath)
	}
	raw, err := os.ReadFile(f.m.panicPath)
	if err != nil || !strings.Contains(string(raw), "decoder exploded") {
		t.Fatalf("report %q: %v", raw, err)
	}
	if st, _ := os.Stat(f.m.panicPath); st.Mode().Perm() != 0o600 {
		t.Fatalf("report mode %v", st.Mode().Perm())
	}
}

func TestWideningTheReviewShowsThePictures(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.toReview()
	if f.m.cs.review.scan != "" || f.m.cs.review.photo != "" {
		t.Fatal("pictures decoded for a screen too narrow to show them")
	}
	f.send(windowSize(120, 40))
	f.settle()
	if f.m.cs.review.scan == "" || f.m.cs.review.photo == "" {
		t.Fatal("pictures missing after widening")
	}
	f.requireScreen("Face photo", "Scan")
}

func TestAnImpatientEnterDoesNotSkipTheOutcome(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.toReview()
	f.press("ctrl+s", "enter")
	f.until("done", func(m Model) bool { return m.step == stDone })
	f.press("enter")
	if f.m.step != stDone {
		t.Fatal("an enter right after the approval skipped the Done screen")
	}
	f.clock.Advance(2 * enterGrace)
	f.press("enter")
	f.settle()
	if f.m.step != stSession {
		t.Fatalf("enter a moment later did not start the next customer (state %v)", f.m.step)
	}
}

func TestLettersAreTextWhereverTextIsTyped(t *testing.T) {
	// With an Arabic layout active q arrives as ض and n as ى: no letter may act on a screen
	// that has a text input.
	letters := []string{"q", "ض", "n", "ى", "y", "?"}
	f := newFlow(t, newFakeAPI(), 80, 24)
	for _, l := range letters {
		f.press(l)
	}
	if f.quitRequested() || f.m.step != stSession || f.m.cs.session.input.Value() != strings.Join(letters, "") {
		t.Fatalf("session: state %v, input %q", f.m.step, f.m.cs.session.input.Value())
	}
	f.press("ctrl+u")
	f.openSession("APP-1042")
	for _, l := range letters {
		f.press(l)
	}
	if f.quitRequested() || f.m.step != stPassword || f.m.cs.password.input.Value() != strings.Join(letters, "") {
		t.Fatalf("password: state %v", f.m.step)
	}
	f.press("ctrl+u")
	f.verify(testPassword)
	f.settle()
	f.pick()
	f.press("enter") // edit the Arabic name
	for _, l := range letters {
		f.press(l)
	}
	if f.quitRequested() || f.m.step != stReview || !f.m.cs.review.editing || !strings.HasSuffix(f.m.cs.review.input.Value(), strings.Join(letters, "")) {
		t.Fatalf("review: state %v editing %v value %q", f.m.step, f.m.cs.review.editing, f.m.cs.review.input.Value())
	}
}

func TestDoneAcceptsTheArabicLayoutTwins(t *testing.T) {
	for _, k := range []string{"q", "ض"} {
		f := newFlow(t, newFakeAPI(), 80, 24)
		f.toReview()
		f.press("ctrl+s", "enter")
		f.until("done", func(m Model) bool { return m.step == stDone })
		f.press(k)
		if !f.quitRequested() {
			t.Fatalf("%s on Done did not quit", k)
		}
	}
}

func TestEscInThePickersFilterClosesTheFilterNotTheStep(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 80, 24)
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle()
	f.press("/")
	if !f.m.cs.passport.picker.Capturing() {
		t.Fatal("the picker does not open a filter on /")
	}
	f.press("esc")
	if f.m.step != stPassport {
		t.Fatalf("esc in the filter left the step (state %v)", f.m.step)
	}
	f.press("esc")
	if f.m.step != stPassword {
		t.Fatalf("esc on the list did not go back (state %v)", f.m.step)
	}
}
