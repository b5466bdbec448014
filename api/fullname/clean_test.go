package fullname

import "testing"

func TestCleanStripsEverythingThatCouldDriveTheTerminal(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain ascii is kept", "Ahmed Ali", "Ahmed Ali"},
		{"arabic is kept", "محمد بن عبد الله", "محمد بن عبد الله"},
		{"cursor moves and clear screen", "محمد\x1b[2J\x1b[1;1H علي\x1b[5A", "محمد علي"},
		{"colour codes", "\x1b[31;1mred\x1b[0m text", "red text"},
		{"private mode set", "\x1b[?1049hname\x1b[?25l", "name"},
		{"osc 8 hyperlink ended by ST", "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"osc 52 clipboard ended by BEL", "\x1b]52;c;ZXZpbA==\x07name", "name"},
		{"osc title with arabic inside", "\x1b]0;محمد\u061c\x07ok", "ok"},
		{"dcs sixel", "\x1bPq#0;2;0;0;0#0~~\x1b\\x", "x"},
		{"apc string", "\x1b_Gf=100;AAAA\x1b\\y", "y"},
		{"charset designation", "\x1b(0lqk\x1b(Bok", "lqkok"},
		{"single escape", "\x1bcreset\x1b7", "reset"},
		{"lone escape at the end", "name\x1b", "name"},
		{"C1 CSI as a character", "a\u009b31mb", "ab"},
		{"C1 CSI as a raw byte", "a\x9b31mb", "ab"},
		{"C1 OSC with C1 ST", "a\u009d0;title\u009cb", "ab"},
		{"C1 controls", "a\u0085b\u0084c", "abc"},
		{"trojan source overrides", "access\u202e\u2066 level\u2069\u2066 ok", "access level ok"},
		{"bidi marks", "\u200fمحمد\u200e \u061cعلي", "محمد علي"},
		{"tab, newline and carriage return become spaces", "a\tb\nc\rd", "a b c d"},
		{"other C0 controls and DEL vanish", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"paragraph separator becomes a space", "a\u2029b", "a b"},
		{"invalid UTF-8 vanishes", "a\xffb", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Clean(tt.in); got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanDoesNotAllocateForCleanValues(t *testing.T) {
	for _, s := range []string{"Ahmed Ali", "محمد بن عبد الله"} {
		if n := testing.AllocsPerRun(100, func() { _ = Clean(s) }); n != 0 {
			t.Errorf("Clean(%q) allocates %.0f times", s, n)
		}
	}
}

func TestCleanValuePrefillsTheNameField(t *testing.T) {
	in := "\x1b[31m\u202eمُحَمَّد  عَلِي\x1b[0m\n"
	if got, want := CleanValue(in), "محمد علي"; got != want {
		t.Errorf("CleanValue(%q) = %q, want %q", in, got, want)
	}
}
