package styles

import "testing"

func TestGraphicsFromTheTerminalsAnswers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		answer string
		want   Graphics
	}{
		{"kitty says OK", "\x1b]11;rgb:0000/0000/0000\x1b\\\x1b_Gi=31;OK\x1b\\\x1b[?62;c\x1b[40;1R", Kitty},
		{"kitty and Sixel both (WezTerm): kitty wins", "\x1b_Gi=31;OK\x1b\\\x1b[?65;4;6;18;22c\x1b[1;1R", Kitty},
		{"DA1 lists 4: Sixel", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?63;1;2;4;6;9;15;22c\x1b[5;1R", Sixel},
		{"DA1 lists 4 last", "\x1b[?62;22;4c\x1b[5;1R", Sixel},
		{"DA1 without 4 (VTE)", "\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\\x1b[?65;1;9c\x1b[5;1R", HalfBlocks},
		{"DA1 with 42 but not 4", "\x1b[?62;42;14c\x1b[5;1R", HalfBlocks},
		{"kitty refuses the query", "\x1b_Gi=31;ENOTSUPPORTED:no\x1b\\\x1b[?62;c\x1b[5;1R", HalfBlocks},
		{"an OK for another image", "\x1b_Gi=7;OK\x1b\\\x1b[?62;c\x1b[5;1R", HalfBlocks},
		{"a 4 in the cursor position is not DA1", "\x1b[4;4R", HalfBlocks},
		{"only the cursor position", "\x1b[5;1R", HalfBlocks},
		{"silence", "", HalfBlocks},
	} {
		if got := GraphicsFrom(tc.answer); got != tc.want {
			t.Errorf("%s: GraphicsFrom(%q) = %v, want %v", tc.name, tc.answer, got, tc.want)
		}
	}
}
