package tui

import (
	"path/filepath"
	"strings"
	"testing"
)

// The footer offers enter only where enter does something: not on the rows read from the scan.
func TestTheFooterOffersEditOnlyOnEditableRows(t *testing.T) {
	f := newFlow(t, newFakeAPI(), 120, 40)
	f.toReview()
	footer := func() string {
		lines := strings.Split(f.screen(), "\n")
		return lines[len(lines)-1]
	}
	for i, fl := range f.m.cs.review.fields {
		for f.m.cs.review.cursor < i {
			f.press("tab")
		}
		offers := strings.Contains(footer(), "enter edit")
		if editable := fl.spec.set != nil; offers != editable {
			t.Errorf("row %q (editable %v): the footer reads %q", fl.spec.label, editable, footer())
		}
	}
	f.press("tab")
	if !strings.Contains(footer(), "enter to approval") {
		t.Errorf("on the Continue button the footer reads %q", footer())
	}
}

// With the translation step off and no Arabic name read there is no ★ row: the screen says the
// name is sent as null, never that the ★ field is sent; and it speaks of a receipt only when one
// is kept.
func TestReviewSaysWhatIsSentAndWhereCorrectionsGo(t *testing.T) {
	noName := func(a *fakeAPI) { a.translation = false; a.fullNameAr = "" }
	for _, c := range []struct {
		name     string
		api      func(*fakeAPI)
		receipts bool
		want     []string
		not      []string
	}{
		{"translation off", noName, false, []string{"(null)", "no receipt is kept"}, []string{"★", "kept in the receipt"}},
		{"translation off, receipts kept", noName, true, []string{"(null)", "Corrections are kept in the receipt"}, []string{"★"}},
		{"the Arabic name is sent", nil, true, []string{"Only the Arabic full name (★) is sent", "kept in the receipt"}, []string{"null"}},
		{"no receipts", nil, false, []string{"Only the Arabic full name (★) is sent", "no receipt is kept"}, []string{"kept in the receipt"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fa := newFakeAPI()
			if c.api != nil {
				c.api(fa)
			}
			f := newFlow(t, fa, 120, 40, func(cfg *Config) {
				if c.receipts {
					cfg.ReceiptDir = filepath.Join(t.TempDir(), "receipts")
				}
			})
			f.toReview()
			f.requireScreen(c.want...)
			for _, n := range c.not {
				if strings.Contains(f.screen(), n) {
					t.Fatalf("the screen says %q:\n%s", n, f.screen())
				}
			}
		})
	}
}
