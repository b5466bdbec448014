package arabic

import (
	"strings"
	"testing"
)

func TestLayoutIsDisplayCutIntoCellsThatKnowTheirLetters(t *testing.T) {
	tests := []struct {
		name string
		in   string
		mode Mode
		rtl  bool
		want []string // each cell as "drawn=logical"
	}{
		{"app mode draws a name right to left, harakat on their letters", "مُحَمَّد", ModeApp, true,
			[]string{"\ufeaa=د", "\ufee4\u064e\u0651=مَّ", "\ufea4\u064e=حَ", "\ufee3\u064f=مُ"}},
		{"a lam-alef ligature is one cell drawing two letters", "علاء", ModeApp, true,
			[]string{"\u0621=ء", "\ufefc=لا", "\ufecb=ع"}},
		{"words are drawn right to left", "علي حسن", ModeApp, true,
			[]string{"\ufee6=ن", "\ufeb4=س", "\ufea3=ح", " = ", "\ufef2=ي", "\ufee0=ل", "\ufecb=ع"}},
		{"terminal mode keeps logical clusters", "مُحَمَّد", ModeTerminal, false,
			[]string{"مُ=مُ", "حَ=حَ", "مَّ=مَّ", "د=د"}},
		{"latin in app mode is left to right", "APP-1", ModeApp, false,
			[]string{"A=A", "P=P", "P=P", "-=-", "1=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cells, rtl := Layout(tt.in, tt.mode)
			var got []string
			var drawn strings.Builder
			for _, c := range cells {
				got = append(got, c.Text+"="+tt.in[c.Start:c.End])
				drawn.WriteString(c.Text)
			}
			if rtl != tt.rtl || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Layout(%q, %v) = %q rtl=%v, want %q rtl=%v", tt.in, tt.mode, got, rtl, tt.want, tt.rtl)
			}
			if d := Display(tt.in, tt.mode); drawn.String() != d {
				t.Errorf("the cells draw %q, Display draws %q", drawn.String(), d)
			}
		})
	}
}
