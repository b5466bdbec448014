package arabic

import "testing"

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestGuessModeFromTheTerminalsEnvironment(t *testing.T) {
	tests := []struct {
		name string
		env  func(string) string
		want Mode
	}{
		{"unknown terminal", env("TERM", "xterm-256color"), ModeTerminal},
		{"windows terminal", env("WT_SESSION", "5c3e1a2b"), ModeApp},
		{"alacritty window", env("ALACRITTY_WINDOW_ID", "94489280515"), ModeApp},
		{"alacritty socket", env("ALACRITTY_SOCKET", "/run/user/1000/Alacritty-wayland-0.sock"), ModeApp},
		{"alacritty log", env("ALACRITTY_LOG", "/tmp/Alacritty-1234.log"), ModeApp},
		{"kitty", env("KITTY_WINDOW_ID", "1"), ModeApp},
		{"ghostty", env("TERM_PROGRAM", "ghostty"), ModeApp},
		{"vscode", env("TERM_PROGRAM", "vscode"), ModeApp},
		{"wezterm", env("TERM_PROGRAM", "WezTerm"), ModeApp},
		{"hyper (xterm.js)", env("TERM_PROGRAM", "Hyper"), ModeApp},
		{"gnome terminal", env("VTE_VERSION", "7600"), ModeTerminal},
		{"konsole", env("KONSOLE_VERSION", "230805"), ModeTerminal},
		{"macOS terminal", env("TERM_PROGRAM", "Apple_Terminal"), ModeTerminal},
		{"mintty", env("TERM_PROGRAM", "mintty"), ModeTerminal},
		{"TERM_PROGRAM beats a leaked VTE_VERSION", env("TERM_PROGRAM", "WezTerm", "VTE_VERSION", "7600"), ModeApp},
		{"TERM_PROGRAM beats a leaked WT_SESSION", env("TERM_PROGRAM", "mintty", "WT_SESSION", "x"), ModeTerminal},
		{"alacritty started from a gnome terminal", env("ALACRITTY_WINDOW_ID", "1", "VTE_VERSION", "7600"), ModeApp},
		{"tmux falls through to the outer terminal", env("TERM_PROGRAM", "tmux", "KITTY_WINDOW_ID", "3"), ModeApp},
		{"kitty by TERM", env("TERM", "xterm-kitty"), ModeApp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := GuessMode(tt.env); got != tt.want {
				t.Errorf("GuessMode = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSupportsBidiToggleOnlyWhereTheTerminalHonoursIt(t *testing.T) {
	tests := []struct {
		name string
		env  func(string) string
		want bool
	}{
		{"vte", env("VTE_VERSION", "7600"), true},
		{"vte under tmux", env("TERM_PROGRAM", "tmux", "VTE_VERSION", "7600"), true},
		{"mintty", env("TERM_PROGRAM", "mintty"), true},
		{"wezterm started from a vte shell", env("TERM_PROGRAM", "WezTerm", "VTE_VERSION", "7600"), false},
		{"konsole", env("KONSOLE_VERSION", "230805"), false},
		{"unknown", env(), false},
	}
	for _, tt := range tests {
		if got := SupportsBidiToggle(tt.env); got != tt.want {
			t.Errorf("%s: SupportsBidiToggle = %v, want %v", tt.name, got, tt.want)
		}
	}
	if TerminalBidiOff != "\x1b[8l" || TerminalBidiOn != "\x1b[8h" {
		t.Errorf("BDSM sequences: off %q on %q", TerminalBidiOff, TerminalBidiOn)
	}
}

func TestParseMode(t *testing.T) {
	tests := []struct {
		in   string
		want Mode
		ok   bool
	}{
		{"terminal", ModeTerminal, true},
		{"app", ModeApp, true},
		{"off", ModeOff, true},
		{" APP ", ModeApp, true},
		{"rtl", ModeTerminal, false},
		{"", ModeTerminal, false},
	}
	for _, tt := range tests {
		got, err := ParseMode(tt.in)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("ParseMode(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && got.String() != tt.want.String() {
			t.Errorf("String() = %q", got.String())
		}
	}
}
