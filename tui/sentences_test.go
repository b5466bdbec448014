package tui

import (
	"strings"
	"testing"

	"example.com/passport-update/tui/arabic"
)

// Arabic inside a sentence (a check naming a name part, a server's message in a notice and in
// the note under the field) is drawn like a value: in app mode in the order it reads, joined;
// in terminal mode in logical order, for the terminal to reorder.
func TestArabicInsideSentencesIsDrawnLikeValues(t *testing.T) {
	const refusal = "الاسم ناقص" // "the name is incomplete", as a server answering in Arabic says it
	for _, mode := range []arabic.Mode{arabic.ModeApp, arabic.ModeTerminal} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			// seen requires the words as mode draws them, and never the other mode's drawing.
			seen := func(f *flow, where string, words ...string) {
				t.Helper()
				s := f.screen()
				for _, w := range words {
					want, other := arabic.Display(w, arabic.ModeApp), w
					if mode != arabic.ModeApp {
						want, other = other, want
					}
					if !strings.Contains(s, want) || strings.Contains(s, other) {
						t.Errorf("%v %dx%d %s: %q is not drawn as %v draws it (%q):\n%s", mode, size[0], size[1], where, w, mode, want, s)
					}
				}
			}

			// A name part ending in the Persian ی: the check names the two spellings to choose from.
			f := newFlow(t, newFakeAPI(), size[0], size[1], func(c *Config) { c.RTL = mode })
			f.toReview()
			f.press("enter", "ctrl+u")
			f.typeText("موسی عیسی مصطفی")
			f.requireScreen("ends in the Persian letter")
			seen(f, "the check under the field", "موسي", "موسى")

			// The server refuses the name in Arabic: the notice and the note under the field.
			fa := newFakeAPI()
			fa.approveMode, fa.refusal = "400ar", refusal
			f = newFlow(t, fa, size[0], size[1], func(c *Config) { c.RTL = mode })
			f.toReview()
			f.press("ctrl+s", "enter")
			f.settle()
			f.requireScreen("The server refused the Arabic full name", "✖ Server")
			seen(f, "the notice and the note", refusal)

			// OCR fails with the server's Arabic message: the picker says it above the list.
			const unread = "تعذرت قراءة الجواز" // "the passport could not be read"
			fa = newFakeAPI()
			fa.ocrFail = unread
			f = newFlow(t, fa, size[0], size[1], func(c *Config) { c.RTL = mode })
			f.openSession("APP-1042")
			f.verify(testPassword)
			f.settle()
			f.pick()
			if f.m.step != stPassport {
				t.Fatalf("step %v after OCR failed, want the passport step", f.m.step)
			}
			seen(f, "the picker's sentence", unread)
		}
	}
}

// A note that begins with a language's name keeps its capital after the colon.
func TestLowerFirstKeepsTheCapitalOfAName(t *testing.T) {
	for in, want := range map[string]string{
		"Harakat and tatweel removed":                        "harakat and tatweel removed",
		"Persian and Urdu letter forms changed to Arabic":    "Persian and Urdu letter forms changed to Arabic",
		"Arabic presentation forms changed to plain letters": "Arabic presentation forms changed to plain letters",
		"": "",
	} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// A sentence the wizard makes around a server's Arabic message reads left to right, the Arabic
// one run inside it; a server's Arabic message alone is a right-to-left paragraph.
func TestASentenceIsReadLeftToRightUnlessItIsAllArabic(t *testing.T) {
	c := &common{mode: arabic.ModeApp}
	const msg = "كلمة المرور غير صحيحة"
	mixed := c.sentence(msg+". Ask the customer to type it again.", 76)
	if want := arabic.Display(msg, arabic.ModeApp) + ". Ask the customer to type it again."; len(mixed) != 1 || mixed[0] != want {
		t.Errorf("the wizard's sentence around an Arabic message: %q, want %q", mixed, want)
	}
	alone := c.sentence(msg+".", 76)
	if want := arabic.DisplayIn(msg+".", arabic.ModeApp, arabic.DirRTL); len(alone) != 1 || alone[0] != want {
		t.Errorf("an Arabic message alone: %q, want %q", alone, want)
	}
	c.mode = arabic.ModeTerminal
	if got := c.sentence(msg+". Ask the customer.", 76); len(got) != 1 || got[0] != msg+". Ask the customer." {
		t.Errorf("terminal mode: %q, want the sentence in logical order", got)
	}
}
