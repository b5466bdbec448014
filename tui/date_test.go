package tui

import (
	"strings"
	"testing"

	"example.com/passport-update/internal/imagecheck"
)

// A date written YYYY-MM-DD that names no day is refused for that reason, not for its shape.
func TestADateThatDoesNotExistIsNamedSo(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"2030-02-30", "The day 2030-02-30 does not exist: February 2030 has 28 days."},
		{"2028-02-30", "The day 2028-02-30 does not exist: February 2028 has 29 days."},
		{"2030-04-31", "The day 2030-04-31 does not exist: April 2030 has 30 days."},
		{"2030-13-01", "2030-13-01 has no month 13: months run from 01 to 12."},
		{"05/10/2030", "Write dates as YYYY-MM-DD, e.g. 1991-07-23."},
		{"2030-1-5", "Write dates as YYYY-MM-DD, e.g. 1991-07-23."},
	} {
		t.Run(c.typed, func(t *testing.T) {
			f := newFlow(t, newFakeAPI(), 80, 24)
			f.toReview()
			for f.m.cs.review.cursor < f.m.cs.review.fieldIndex("ExpirationDate") {
				f.press("tab")
			}
			f.press("enter", "ctrl+u")
			f.typeText(c.typed)
			f.press("enter")
			if !f.m.cs.review.editing || f.m.notice.sentence != c.want {
				t.Fatalf("after %q: editing %v, notice %q, want %q", c.typed, f.m.cs.review.editing, f.m.notice.sentence, c.want)
			}
		})
	}
}

// The upload screen counts bytes in the unit the picker's preview uses (imagecheck.HumanBytes),
// so one file has one size on every screen.
func TestTheUploadScreenSaysSizesInThePickersUnit(t *testing.T) {
	fa := newFakeAPI()
	fa.uploadGate = make(chan struct{})
	defer close(fa.uploadGate)
	f := newFlow(t, fa, 80, 24)
	f.openSession("APP-1042")
	f.verify(testPassword)
	f.settle()
	file := f.scan
	file.Size = 13_048_712
	f.send(pickerChosen(file))
	f.send(uploadProgressMsg{id: f.m.cs.upload.req.id, sent: 6_524_356, total: file.Size})
	want := imagecheck.HumanBytes(file.Size)
	f.requireScreen(want, imagecheck.HumanBytes(6_524_356)+" of "+want+" sent")
	if strings.Contains(f.screen(), "12.4") {
		t.Fatalf("a second unit on the upload screen:\n%s", f.screen())
	}
}
