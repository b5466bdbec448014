package arabic

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
)

func TestDisplayLeavesTheLineAloneOutsideAppMode(t *testing.T) {
	for _, m := range []Mode{ModeTerminal, ModeOff} {
		for _, s := range []string{"محمد بن عبد الله", "Name: علي ١٢٣ ok", "Ahmed"} {
			if got := Display(s, m); got != s {
				t.Errorf("Display(%q, %v) = %q, want the line unchanged", s, m, got)
			}
		}
	}
}

func TestDisplayAppReordersAndJoins(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"latin only is unchanged", "Ahmed Ali (passport)", "Ahmed Ali (passport)"},
		{"arabic-indic digits alone are unchanged", "١٢٣ 456", "١٢٣ 456"},
		// Neutrals between two Arabic numbers resolve to right-to-left (N1): found by comparing
		// with FriBidi on random text.
		{"punctuation between arabic-indic numbers reads right to left", "١-٢", "٢-١"},
		// ل+ا → lam-alef isolated U+FEFB; إ isolated U+FE87; ل initial U+FEDF; ه final U+FEEA;
		// right to left, so the last word is drawn first.
		{"lam-alef ligature and word order", "لا إله", "\ufeea\ufedf\ufe87 \ufefb"},
		// م initial FEE3, ح medial FEA4, م medial FEE4, د final FEAA, drawn reversed.
		{"contextual forms", "محمد", "\ufeaa\ufee4\ufea4\ufee3"},
		// Harakat stay after their letters: م◌ُ ح◌َ م◌َ◌ّ د.
		{"harakat stay on their letters", "مُحَمَّد", "\ufeaa\ufee4\u064e\u0651\ufea4\u064e\ufee3\u064f"},
		// ز is right-joining, so ة after it is isolated (FE93); ى ends مصطفى in its final form (FEF0).
		{"taa marbuta and alef maksura", "حمزة مصطفى", "\ufef0\ufed4\ufec4\ufebc\ufee3 \ufe93\ufeb0\ufee4\ufea3"},
		{"brackets are mirrored", "(محمد)", "(\ufeaa\ufee4\ufea4\ufee3)"},
		{"latin label before an arabic value keeps its place", "Name: علي ١٢٣ ok", "Name: ١٢٣ \ufef2\ufee0\ufecb ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Display(tt.in, ModeApp); got != tt.want {
				t.Errorf("Display(%q, app) = %q %U, want %q %U", tt.in, got, []rune(got), tt.want, []rune(tt.want))
			}
		})
	}
}

func TestHasLTR(t *testing.T) {
	for s, want := range map[string]bool{"كلمة المرور غير صحيحة. 2": false, "علي Ahmed": true, "١٢٣ - 45": false, "": false} {
		if got := HasLTR(s); got != want {
			t.Errorf("HasLTR(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestParagraphDirectionIsTheFirstStrongCharacters(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Direction
	}{
		{"The first name ‘موسی’ ends in ی", DirLTR},
		{"‘موسی’ is the first name", DirRTL},
		{"١٢٣ Ahmed", DirLTR}, // Arabic-Indic digits are AN, not strong
		{"12 شارع", DirRTL},
		{"", DirLTR},
		{"123 ...", DirLTR},
		{"\u2067علي\u2069 Ahmed", DirLTR}, // an isolate's content is skipped (P2)
	} {
		if got := ParagraphDirection(tc.in); got != tc.want {
			t.Errorf("ParagraphDirection(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// A line cut from a paragraph is drawn at the paragraph's level: the same text as a line of an
// English sentence and as a line of an Arabic one comes out in different orders.
func TestDisplayInDrawsALineInItsParagraphsDirection(t *testing.T) {
	line := "علي حسن is written"
	ltr, rtl := DisplayIn(line, ModeApp, DirLTR), DisplayIn(line, ModeApp, DirRTL)
	name := Display("علي حسن", ModeApp)
	if want := name + " is written"; ltr != want {
		t.Errorf("as a line of an English sentence: %q, want %q", ltr, want)
	}
	if want := "is written " + name; rtl != want {
		t.Errorf("as a line of an Arabic sentence: %q, want %q", rtl, want)
	}
	if got := DisplayIn(line, ModeApp, DirAuto); got != Display(line, ModeApp) {
		t.Errorf("DirAuto: %q, want Display's %q", got, Display(line, ModeApp))
	}
	for _, m := range []Mode{ModeTerminal, ModeOff} {
		if got := DisplayIn(line, m, DirRTL); got != line {
			t.Errorf("%v: %q, want the line unchanged", m, got)
		}
	}
	if got := DisplayIn("Ahmed Ali", ModeApp, DirRTL); got != "Ahmed Ali" {
		t.Errorf("latin words in a right-to-left paragraph: %q", got)
	}
}

func TestReorderKeepsClustersAndTakesTheGivenDirection(t *testing.T) {
	tests := []struct {
		name string
		in   string
		dir  Direction
		want string
	}{
		{"rtl paragraph of latin words keeps them together", "abc, def!", DirRTL, "!abc, def"},
		{"ltr paragraph with an arabic phrase", "ID: علي حسن", DirLTR, "ID: نسح يلع"},
		{"auto picks rtl from the first letter", "علي abc", DirAuto, "abc يلع"},
		{"harakat move with their letters", "مُحَمَّد", DirAuto, "دمَّحَمُ"},
		{"a number stays left to right inside arabic", "رقم 123", DirAuto, "123 مقر"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Reorder(tt.in, tt.dir); got != tt.want {
				t.Errorf("Reorder(%q, %v) = %q, want %q", tt.in, tt.dir, got, tt.want)
			}
		})
	}
}

func TestShapeJoinsInLogicalOrder(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"dual-joining word", "محمد", "\ufee3\ufea4\ufee4\ufeaa"},
		{"right-joining letters break the word", "داود", "\ufea9\ufe8d\ufeed\ufea9"},
		{"lam-alef final after a joining letter", "علاء", "\ufecb\ufefc\u0621"}, // hamza is non-joining: left as is, as FriBidi does,
		{"haraka on the lam prevents the ligature", "لَا", "\ufedf\u064e\ufe8e"},
		{"harakat are transparent to joining", "مُحَمَّد", "\ufee3\u064f\ufea4\u064e\ufee4\u064e\u0651\ufeaa"},
		{"ZWJ forces a joining form", "م\u200d", "\ufee3\u200d"},
		{"ZWNJ breaks joining", "م\u200cح", "\ufee1\u200c\ufea1"},
		{"latin is untouched", "abc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Shape(tt.in); got != tt.want {
				t.Errorf("Shape(%q) = %q %U, want %q %U", tt.in, got, []rune(got), tt.want, []rune(tt.want))
			}
		})
	}
}

func TestWidthIsMeasuredAfterShaping(t *testing.T) {
	tests := []struct {
		name string
		in   string
		mode Mode
		want int
	}{
		{"harakat are zero-width", "مُحَمَّد", ModeTerminal, 4},
		{"lam-alef is one column once joined", "لا إله", ModeApp, 5},
		{"lam-alef is two columns in logical order", "لا إله", ModeTerminal, 6},
		{"full name with harakat, app mode", "مُحَمَّد بن عَبْدِ الله", ModeApp, 16},
		{"lam-alef inside a name", "علاء الدين", ModeApp, 9},
		{"latin", "Ahmed Ali", ModeApp, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			drawn := Display(tt.in, tt.mode)
			if got := Width(drawn); got != tt.want {
				t.Errorf("Width(Display(%q, %v)) = %d, want %d", tt.in, tt.mode, got, tt.want)
			}
			// go-runewidth (what bubbles uses for the text input) must agree.
			if rw := runewidth.StringWidth(drawn); rw != tt.want {
				t.Errorf("runewidth.StringWidth(%q) = %d, want %d", drawn, rw, tt.want)
			}
		})
	}
}

func TestDisplayLatinDoesNotAllocate(t *testing.T) {
	s := "Passport number A1234567, expires 2031-05-01"
	if n := testing.AllocsPerRun(100, func() { _ = Display(s, ModeApp) }); n != 0 {
		t.Errorf("Display of a Latin line allocates %.0f times", n)
	}
}

func TestWidthAgreesWithLipgloss(t *testing.T) {
	for _, p := range phrases {
		for _, m := range []Mode{ModeTerminal, ModeApp} {
			d := Display(p, m)
			if w, lw := Width(d), lipgloss.Width(d); w != lw {
				t.Errorf("Width(%q) = %d, lipgloss.Width = %d", d, w, lw)
			}
		}
	}
}

func TestHasRTL(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Ahmed", false},
		{"١٢٣", false}, // Arabic-Indic digits are AN, not right-to-left letters
		{"\u202e", false},
		{"Name: علي", true},
		{"שלום", true},
		{"ﻣﺤﻤﺪ", true},
	}
	for _, tt := range tests {
		if got := HasRTL(tt.in); got != tt.want {
			t.Errorf("HasRTL(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
