package tui

import (
	"io"

	"github.com/muesli/termenv"

	"testing"

	"example.com/passport-update/styles"
)

// benchScreens are the states measured at 120×40: View must stay under 1 ms. View returns the
// frame drawn in Update, so BenchmarkRender_* measures the drawing itself, paid once per
// message (a key, a spinner tick) rather than once per frame.
var benchScreens = []struct {
	name string
	run  func(f *flow)
}{
	{"Session", func(f *flow) {}},
	{"Password", func(f *flow) { f.openSession("APP-1042"); f.settle() }},
	{"Passport", func(f *flow) { f.openSession("APP-1042"); f.verify(testPassword); f.settle() }},
	{"Upload", func(f *flow) {
		f.api.uploadGate = make(chan struct{})
		f.t.Cleanup(func() { close(f.api.uploadGate) })
		f.openSession("APP-1042")
		f.verify(testPassword)
		f.settle()
		f.send(pickerChosen(f.scan))
		f.send(uploadProgressMsg{id: f.m.cs.upload.req.id, sent: f.scan.Size / 2, total: f.scan.Size})
	}},
	{"Review", func(f *flow) { f.toReview() }},
	{"ReviewEditingArabic", func(f *flow) { f.toReview(); f.press("enter") }},
	{"Approve", func(f *flow) { f.toReview(); f.press("ctrl+s") }},
	{"Done", func(f *flow) {
		f.toReview()
		f.press("ctrl+s", "enter")
		f.until("done", func(m Model) bool { return m.step == stDone })
	}},
}

func benchFlow(b *testing.B, run func(*flow)) *flow {
	fa := newFakeAPI()
	f := newFlow(b, fa, 120, 40)
	run(f)
	return f
}

func BenchmarkView_120x40(b *testing.B) {
	for _, s := range benchScreens {
		b.Run(s.name, func(b *testing.B) {
			f := benchFlow(b, s.run)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if f.m.View() == "" {
					b.Fatal("empty view")
				}
			}
		})
	}
}

func BenchmarkRender_120x40(b *testing.B) {
	for _, s := range benchScreens {
		b.Run(s.name, func(b *testing.B) {
			f := benchFlow(b, s.run)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if f.m.render() == "" {
					b.Fatal("empty frame")
				}
			}
		})
	}
}

// BenchmarkRender_120x40_ANSI16 draws with a 16-colour theme, the costliest profile for lipgloss
// (nearest-colour search), to show the theme's colours are resolved once, not per frame.
func BenchmarkRender_120x40_ANSI16(b *testing.B) {
	r := styles.NewRenderer(io.Discard, func(k string) string {
		return map[string]string{"CLICOLOR_FORCE": "1", "TERM": "xterm"}[k]
	})
	r.SetColorProfile(termenv.ANSI)
	for _, s := range benchScreens {
		if s.name != "Review" && s.name != "Session" {
			continue
		}
		b.Run(s.name, func(b *testing.B) {
			f := benchFlow(b, s.run)
			f.m.c.th = styles.New(r)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if f.m.render() == "" {
					b.Fatal("empty frame")
				}
			}
		})
	}
}
