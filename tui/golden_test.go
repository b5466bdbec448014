package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"example.com/passport-update/tui/arabic"
)

// screenCase drives a fresh wizard to one screen or state; the golden file holds its View.
type screenCase struct {
	name string
	api  func(*fakeAPI)
	cfg  func(*Config)
	run  func(f *flow)
}

func demoConfig(c *Config) {
	c.Demo = &Demo{
		Applicants: []DemoApplicant{
			{ApplicantID: "DEMO-HAPPY", Name: "Happy path", Description: "Everything works; the Arabic name comes back with harakat."},
			{ApplicantID: "DEMO-LOCKOUT", Name: "Wrong password lockout", Description: "Three wrong passwords lock the request."},
			{ApplicantID: "DEMO-OCR-FAIL", Name: "OCR failure", Description: "The first upload is not read."},
			{ApplicantID: "DEMO-NO-AR", Name: "Translation off", Description: "No Arabic name: fullNameAr is sent as null."},
		},
		PasswordHint: "Demo@2026",
	}
}

var screenCases = []screenCase{
	{name: "session", run: func(f *flow) {}},
	{name: "session_demo", cfg: demoConfig, run: func(f *flow) { f.press("down") }},
	{name: "session_opening", run: func(f *flow) { f.typeText("APP-1042"); f.press("enter") }},
	{name: "session_refused_credentials", cfg: func(c *Config) { c.TenantSecret = "nope" }, run: func(f *flow) { f.openSession("APP-1042") }},
	{name: "session_expired_mid_flow", api: func(a *fakeAPI) { a.upload401 = true }, run: func(f *flow) {
		f.openSession("APP-1042")
		f.verify(testPassword)
		f.settle()
		f.pick()
	}},
	{name: "error_step_not_allowed", api: func(a *fakeAPI) { a.noPassport = true }, run: func(f *flow) { f.openSession("APP-1042") }},
	{name: "error_other_method", api: func(a *fakeAPI) { a.method = 2 }, run: func(f *flow) { f.openSession("APP-1042") }},
	{name: "password", cfg: demoConfig, run: func(f *flow) { f.openSession("DEMO-HAPPY"); f.settle(); f.typeText("secret") }},
	{name: "password_verifying", run: func(f *flow) { f.openSession("APP-1042"); f.typeText("secret"); f.press("enter") }},
	{name: "password_wrong", run: func(f *flow) { f.openSession("APP-1042"); f.verify("nope") }},
	{name: "password_locked", api: func(a *fakeAPI) { a.wrongLeft = 1 }, run: func(f *flow) { f.openSession("APP-1042"); f.verify("nope") }},
	{name: "passport", run: func(f *flow) { f.openSession("APP-1042"); f.verify(testPassword); f.settle() }},
	{name: "upload_sending", api: func(a *fakeAPI) { a.uploadGate = make(chan struct{}) }, run: func(f *flow) {
		f.openSession("APP-1042")
		f.verify(testPassword)
		f.settle()
		f.send(pickerChosen(f.scan))
		f.send(uploadProgressMsg{id: f.m.cs.upload.req.id, sent: f.scan.Size * 2 / 5, total: f.scan.Size})
	}},
	{name: "upload_ocr", api: func(a *fakeAPI) { a.uploadGate = make(chan struct{}) }, run: func(f *flow) {
		f.openSession("APP-1042")
		f.verify(testPassword)
		f.settle()
		f.send(pickerChosen(f.scan))
		f.send(uploadProgressMsg{id: f.m.cs.upload.req.id, sent: f.scan.Size, total: f.scan.Size})
		f.clock.Advance(7_400_000_000)
		f.send(windowSize(f.m.c.width, f.m.c.height))
	}},
	{name: "review", run: func(f *flow) { f.toReview() }},
	{name: "review_edit_arabic", run: func(f *flow) {
		f.toReview()
		f.press("enter", "ctrl+u")
		f.typeText("فاطِمَة الزَّهراء علي")
	}},
	{name: "review_edited", run: func(f *flow) {
		f.toReview()
		f.press("enter", "ctrl+u")
		f.typeText("فاطمة الزهراء علي")
		f.press("enter", "down", "down")
	}},
	{name: "review_invalid_arabic", run: func(f *flow) {
		f.toReview()
		f.press("enter", "ctrl+u")
		f.typeText("Fatima علي")
	}},
	{name: "review_country_picker", run: func(f *flow) {
		f.toReview()
		for f.m.cs.review.fields[f.m.cs.review.cursor].spec.key != "Nationality" {
			f.press("down")
		}
		f.press("enter", "ctrl+u")
		f.typeText("jor")
	}},
	{name: "review_translation_off", api: func(a *fakeAPI) { a.translation = false; a.fullNameAr = "" }, run: func(f *flow) { f.toReview() }},
	{name: "review_expired_passport", api: func(a *fakeAPI) { a.expiry = "2026-01-31T00:00:00" }, run: func(f *flow) {
		f.toReview()
		for f.m.cs.review.fields[f.m.cs.review.cursor].spec.key != "ExpirationDate" {
			f.press("down")
		}
	}},
	{name: "review_server_refused_name", api: func(a *fakeAPI) { a.approveMode = "400ar" }, run: func(f *flow) {
		f.toReview()
		f.press("ctrl+s", "enter")
		f.settle()
	}},
	{name: "review_server_refused_in_arabic_app_mode", cfg: func(c *Config) { c.RTL = arabic.ModeApp },
		api: func(a *fakeAPI) { a.approveMode, a.refusal = "400ar", "الاسم ناقص" }, run: func(f *flow) {
			f.toReview()
			f.press("ctrl+s", "enter")
			f.settle()
		}},
	{name: "review_persian_yeh_app_mode", cfg: func(c *Config) { c.RTL = arabic.ModeApp }, run: func(f *flow) {
		f.toReview()
		f.press("enter", "ctrl+u")
		f.typeText("موسی عیسی مصطفی")
	}},
	{name: "review_bottom", run: func(f *flow) {
		f.toReview()
		for f.m.cs.review.cursor < len(f.m.cs.review.fields) {
			f.press("tab")
		}
	}},
	{name: "review_help", run: func(f *flow) { f.toReview(); f.press("?") }},
	{name: "review_app_mode", cfg: func(c *Config) { c.RTL = arabic.ModeApp }, run: func(f *flow) { f.toReview() }},
	{name: "review_off_mode", cfg: func(c *Config) { c.RTL = arabic.ModeOff }, run: func(f *flow) { f.toReview() }},
	{name: "review_edit_arabic_app_mode", cfg: func(c *Config) { c.RTL = arabic.ModeApp }, run: func(f *flow) {
		f.toReview()
		f.press("enter", "ctrl+u")
		f.typeText("فاطِمَة الزَّهراء علي")
	}},
	{name: "approve", run: func(f *flow) { f.toReview(); f.press("ctrl+s") }},
	{name: "approve_app_mode", cfg: func(c *Config) { c.RTL = arabic.ModeApp }, run: func(f *flow) { f.toReview(); f.press("ctrl+s") }},
	{name: "approve_null_name", api: func(a *fakeAPI) { a.translation = false; a.fullNameAr = "" }, run: func(f *flow) { f.toReview(); f.press("ctrl+s") }},
	{name: "approve_sending", run: func(f *flow) { f.toReview(); f.press("ctrl+s", "enter") }},
	{name: "approve_past_a_problem_armed", api: func(a *fakeAPI) { a.expiry = "2020-01-01T00:00:00" }, run: func(f *flow) {
		f.toReview()
		f.press("ctrl+s", "enter")
	}},
	{name: "approve_scrolled", api: func(a *fakeAPI) { a.fullNameAr = longName; a.expiry = "2020-01-01T00:00:00" }, run: func(f *flow) {
		f.toReview()
		f.press("ctrl+s", "down", "down", "down")
	}},
	{name: "approve_unknown", api: func(a *fakeAPI) { a.approveMode = "drop" }, run: func(f *flow) {
		f.toReview()
		f.press("ctrl+s", "enter")
		f.settle()
	}},
	{name: "approve_unknown_armed", api: func(a *fakeAPI) { a.approveMode = "drop" }, run: func(f *flow) {
		f.toReview()
		f.press("ctrl+s", "enter")
		f.settle()
		f.press("enter")
	}},
	{name: "done", cfg: func(c *Config) { c.ReceiptDir = filepath.Join(os.TempDir(), "unused") }, run: func(f *flow) {
		f.toReview()
		f.clock.Advance(42_000_000_000)
		f.press("ctrl+s", "enter")
		f.until("done", func(m Model) bool { return m.step == stDone })
		f.settle()
		f.m.cs.done.receiptPath = "receipts/passport-update-20261126T090042Z-APP-1042.json"
		f.m.frame = f.m.render()
	}},
	{name: "confirm_quit", run: func(f *flow) { f.toReview(); f.press("ctrl+c") }},
	{name: "demo_sandbox_badge_review", cfg: demoConfig, run: func(f *flow) { f.toReview() }},
}

// The 130-character name (longName) on Review, while edited and on Approve, in both display
// modes that draw Arabic: it wraps, never cut.
func init() {
	long := func(a *fakeAPI) { a.fullNameAr = longName }
	for _, mode := range []arabic.Mode{arabic.ModeTerminal, arabic.ModeApp} {
		mode := mode
		cfg := func(c *Config) { c.RTL = mode }
		screenCases = append(screenCases,
			screenCase{name: "long_name_review_" + mode.String(), api: long, cfg: cfg, run: func(f *flow) { f.toReview() }},
			screenCase{name: "long_name_editing_" + mode.String(), api: long, cfg: cfg, run: func(f *flow) { f.toReview(); f.press("enter") }},
			screenCase{name: "long_name_approve_" + mode.String(), api: long, cfg: cfg, run: func(f *flow) { f.toReview(); f.press("ctrl+s") }},
			screenCase{name: "long_name_typed_" + mode.String(), cfg: cfg, run: func(f *flow) {
				f.toReview()
				f.press("enter", "ctrl+u")
				f.typeText(longName)
				f.press("enter")
			}},
		)
	}
}

var trailingSpace = regexp.MustCompile(`[ \t]+\n`)

// snapshot is the screen with the machine's temp paths replaced and trailing spaces dropped,
// so the golden files hold only what the test controls.
func snapshot(f *flow) []byte {
	s := f.screen()
	s = strings.ReplaceAll(s, filepath.Dir(f.scan.Path), "<dir>")
	s = trailingSpace.ReplaceAllString(s+"\n", "\n")
	return []byte(s)
}

func TestScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, c := range screenCases {
			t.Run(fmt.Sprintf("%s/%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				fa := newFakeAPI()
				if c.api != nil {
					c.api(fa)
				}
				var tweaks []func(*Config)
				if c.cfg != nil {
					tweaks = append(tweaks, c.cfg)
				}
				f := newFlow(t, fa, size[0], size[1], tweaks...)
				c.run(f)
				out := snapshot(f)
				if got := strings.Count(string(out), "\n"); got != size[1] {
					t.Errorf("screen has %d lines, want the terminal's %d", got, size[1])
				}
				// A body taller than its rows would be cut without a word: each step fits
				// its rows and says itself what is out of view ("↓ more below").
				if _, _, h := f.m.chrome(); !f.m.tooSmall() && lipgloss.Height(f.m.renderBody(h)) > h {
					t.Errorf("the body is %d lines for %d rows: the end is cut without saying so", lipgloss.Height(f.m.renderBody(h)), h)
				}
				golden.RequireEqual(t, out)
				if c.api != nil && fa.uploadGate != nil {
					close(fa.uploadGate)
				}
			})
		}
	}
}

func TestScreenTooSmall(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 50, 15)
	golden.RequireEqual(t, snapshot(f))
}
