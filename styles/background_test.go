package styles

import "testing"

func TestFromOSC11(t *testing.T) {
	for _, tc := range []struct {
		in       string
		dark, ok bool
	}{
		{"\x1b]11;rgb:0000/0000/0000\x1b\\", true, true},
		{"\x1b]11;rgb:ffff/ffff/ffff\a", false, true},
		{"\x1b]11;rgb:fd/f6/e3\x1b\\\x1b[24;1R", false, true}, // solarized light, 8-bit
		{"\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\", true, true},
		{"\x1b[24;1R", false, false},
		{"\x1b]11;rgb:zz/00/00\x1b\\", false, false},
	} {
		dark, ok := FromOSC11(tc.in)
		if dark != tc.dark || ok != tc.ok {
			t.Errorf("FromOSC11(%q) = %v, %v; want %v, %v", tc.in, dark, ok, tc.dark, tc.ok)
		}
	}
}

func TestFromCOLORFGBG(t *testing.T) {
	for _, tc := range []struct {
		in       string
		dark, ok bool
	}{{"15;0", true, true}, {"0;15", false, true}, {"0;default;8", true, true}, {"12;7", false, true}, {"", false, false}, {"x;y", false, false}} {
		dark, ok := FromCOLORFGBG(tc.in)
		if dark != tc.dark || ok != tc.ok {
			t.Errorf("FromCOLORFGBG(%q) = %v, %v; want %v, %v", tc.in, dark, ok, tc.dark, tc.ok)
		}
	}
}

func TestDarkNeverQueriesWithoutATerminal(t *testing.T) {
	env := map[string]string{"TERM": "xterm-256color", "PASSPORT_THEME": "light"}
	if DarkBackground(func(k string) string { return env[k] }, nil, nil) {
		t.Fatal("PASSPORT_THEME=light should give a light background")
	}
	delete(env, "PASSPORT_THEME")
	if !DarkBackground(func(k string) string { return env[k] }, nil, nil) {
		t.Fatal("with no terminal and no hint the background should default to dark")
	}
}
