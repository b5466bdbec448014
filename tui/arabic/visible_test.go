package arabic

import (
	"strings"
	"testing"

	"example.com/passport-update/api/fullname"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
)

// wcwidthTerminal is how a terminal that measures character by character (xterm, VTE: glibc's
// wcwidth) draws s: go-runewidth's widths, except that glibc gives the soft hyphen a cell.
func wcwidthTerminal(s string) int {
	w := 0
	for _, r := range s {
		if r == 0x00AD {
			w++
			continue
		}
		w += runewidth.RuneWidth(r)
	}
	return w
}

func TestVisibleValuesMeasureAsTerminalsDrawThem(t *testing.T) {
	tests := []struct {
		name, in string
		width    int
	}{
		{"soft hyphens from OCR", "HAMAD" + strings.Repeat("\u00ad", 600) + " AL MANSOORI", 17},
		{"soft hyphens inside an Arabic name", "محمد\u00adعلي", 7},
		{"Thai sara am after a consonant", strings.Repeat("กำ", 5), 10},
		{"Lao am", "ຄຳ", 2},
		{"word joiner and zero width no-break space", "APP\u2060-\ufeff1042", 8},
		{"variation selectors", "A\ufe0fB\U000E0100C", 3},
		{"Hangul fillers", "\u115f\u1160\u3164\uffa0X", 1},
		{"harakat stay zero-width", "مُحَمَّد", 4},
		{"ZWJ and ZWNJ are kept for joining", "م\u200dح\u200c", 2},
		{"bidi controls go, as Clean removes them", "\u202eabc\u202c", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Visible(tt.in)
			if w := Width(v); w != tt.width {
				t.Errorf("Width(Visible(%q)) = %d, want %d", tt.in, w, tt.width)
			}
			if w := wcwidthTerminal(v); w != Width(v) {
				t.Errorf("a wcwidth terminal draws Visible(%q) = %q in %d cells, Width says %d", tt.in, v, w, Width(v))
			}
			if lw := lipgloss.Width(v); lw != Width(v) {
				t.Errorf("lipgloss.Width(%q) = %d, Width = %d", v, lw, Width(v))
			}
			for _, r := range v {
				if fullname.IsDefaultIgnorable(r) && r != 0x200C && r != 0x200D {
					t.Errorf("Visible(%q) keeps the invisible %U", tt.in, r)
				}
			}
		})
	}
}

func TestVisibleLeavesDrawableTextAlone(t *testing.T) {
	for _, s := range []string{"Ahmed Ali", "محمد بن عبد الله", "مُحَمَّد", "Name: علي ١٢٣ ok", "ﻣﺤﻤﺪ"} {
		if got := Visible(s); got != s {
			t.Errorf("Visible(%q) = %q", s, got)
		}
		if n := testing.AllocsPerRun(100, func() { _ = Visible(s) }); n != 0 {
			t.Errorf("Visible(%q) allocates %.0f times", s, n)
		}
	}
}

func TestDefaultIgnorableFollowsUnicode(t *testing.T) {
	tests := []struct {
		r    rune
		want bool
	}{
		{0x00AD, true}, {0x034F, true}, {0x061C, true}, {0x115F, true}, {0x180E, true}, {0x200B, true},
		{0x200D, true}, {0x2060, true}, {0x3164, true}, {0xFE0F, true}, {0xFEFF, true}, {0xE0001, true},
		{0x0020, false}, {0x00A0, false}, {0x0600, false}, {0x06DD, false}, {0xFFF9, false}, {0x0627, false}, {0x064E, false},
	}
	for _, tt := range tests {
		if got := fullname.IsDefaultIgnorable(tt.r); got != tt.want {
			t.Errorf("fullname.IsDefaultIgnorable(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func TestClustersAreTheCursorStops(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"مُحَمَّد", []string{"مُ", "حَ", "مَّ", "د"}},
		{"علي حسن", []string{"ع", "ل", "ي", " ", "ح", "س", "ن"}},
		{"لا", []string{"ل", "ا"}},
		{"", nil},
	}
	for _, tt := range tests {
		b := Clusters(tt.in)
		var got []string
		for i := 0; i+1 < len(b); i++ {
			got = append(got, tt.in[b[i]:b[i+1]])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Clusters(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
