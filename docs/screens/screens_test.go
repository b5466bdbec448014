package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// The README's pictures are made by docs/screens/make from the running wizard; the golden files
// of tui's screen tests are made from the same views. manifest.txt ties them together: a golden
// that changed means its screen changed, and the picture must be made again.

const (
	screensDir = "docs/screens"
	remake     = "run docs/screens/make"
)

// stalePictures reads a manifest (lines "picture golden sha256"; # comments) and says, one
// sentence each, what no longer holds in the repository at root: a picture missing, a golden
// gone or changed since its picture was made, a picture in docs/screens that no line names.
func stalePictures(root string, manifest []byte) []string {
	var problems []string
	listed := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(manifest))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 {
			problems = append(problems, fmt.Sprintf("%s/manifest.txt line %d is not \"picture golden sha256\": %q; %s", screensDir, n, line, remake))
			continue
		}
		picture, golden, want := path.Join(screensDir, f[0]), f[1], f[2]
		if !listed[picture] {
			listed[picture] = true
			if body, err := os.ReadFile(filepath.Join(root, picture)); err != nil {
				problems = append(problems, fmt.Sprintf("%s is listed in %s/manifest.txt but missing: %s", picture, screensDir, remake))
			} else if !bytes.Contains(body, []byte("<svg")) {
				problems = append(problems, fmt.Sprintf("%s is not an SVG picture: %s", picture, remake))
			}
		}
		body, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(golden)))
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s, which %s shows, no longer exists: point docs/screens/make at the golden of the same screen and %s", golden, picture, remake))
			continue
		}
		if sum := sha256.Sum256(body); hex.EncodeToString(sum[:]) != want {
			problems = append(problems, fmt.Sprintf("%s changed since %s was made: %s", golden, picture, remake))
		}
	}
	svgs, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(screensDir), "*.svg"))
	for _, s := range svgs {
		if p := path.Join(screensDir, filepath.Base(s)); !listed[p] {
			problems = append(problems, fmt.Sprintf("%s is not in %s/manifest.txt, so nothing tells when it is out of date: make it with docs/screens/make or delete it", p, screensDir))
		}
	}
	if len(listed) == 0 {
		problems = append(problems, fmt.Sprintf("%s/manifest.txt lists no picture: %s", screensDir, remake))
	}
	return problems
}

// TestPicturesAreRemadeWhenTheirScreensChange is the check on this repository: every picture in
// the README was made from the screens the goldens hold now.
func TestPicturesAreRemadeWhenTheirScreensChange(t *testing.T) {
	root := filepath.Join("..", "..")
	manifest, err := os.ReadFile("manifest.txt")
	if err != nil {
		t.Fatalf("%s/manifest.txt cannot be read (%v): %s", screensDir, err, remake)
	}
	for _, p := range stalePictures(root, manifest) {
		t.Error(p)
	}
}

// TestStalePicturesAreFound makes a small repository of its own and changes it the ways the
// real one changes, so the check above is known to fail when it should.
func TestStalePicturesAreFound(t *testing.T) {
	golden := "tui/testdata/TestScreens/review/120x40.golden"
	screen := "Review what the scan says\n› Arabic full name ★  فاطِمَة الزَّهراء علي\n"
	sum := sha256.Sum256([]byte(screen))
	manifest := "# made by docs/screens/make\nreview.svg " + golden + " " + hex.EncodeToString(sum[:]) + "\n"

	cases := []struct {
		name     string
		change   func(root string)
		manifest string
		want     []string
	}{
		{name: "nothing changed", change: func(string) {}, manifest: manifest},
		{name: "the golden changed", manifest: manifest,
			change: func(root string) { write(t, root, golden, strings.Replace(screen, "Review", "Check", 1)) },
			want:   []string{golden + " changed since docs/screens/review.svg was made: run docs/screens/make"}},
		{name: "one byte of the golden changed", manifest: manifest,
			change: func(root string) { write(t, root, golden, screen[:len(screen)-1]+" ") },
			want:   []string{golden + " changed since docs/screens/review.svg was made: run docs/screens/make"}},
		{name: "the picture is missing", manifest: manifest,
			change: func(root string) { os.Remove(filepath.Join(root, "docs/screens/review.svg")) },
			want:   []string{"docs/screens/review.svg is listed in docs/screens/manifest.txt but missing: run docs/screens/make"}},
		{name: "the golden is gone", manifest: manifest,
			change: func(root string) { os.Remove(filepath.Join(root, golden)) },
			want:   []string{golden + ", which docs/screens/review.svg shows, no longer exists: point docs/screens/make at the golden of the same screen and run docs/screens/make"}},
		{name: "a picture no line names", manifest: manifest,
			change: func(root string) { write(t, root, "docs/screens/approve.svg", "<svg></svg>") },
			want:   []string{"docs/screens/approve.svg is not in docs/screens/manifest.txt, so nothing tells when it is out of date: make it with docs/screens/make or delete it"}},
		{name: "a malformed line", manifest: manifest + "done.svg\n", change: func(string) {},
			want: []string{`docs/screens/manifest.txt line 3 is not "picture golden sha256": "done.svg"; run docs/screens/make`}},
		{name: "an empty manifest", manifest: "# nothing\n",
			change: func(root string) { os.Remove(filepath.Join(root, "docs/screens/review.svg")) },
			want:   []string{"docs/screens/manifest.txt lists no picture: run docs/screens/make"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			write(t, root, golden, screen)
			write(t, root, "docs/screens/review.svg", `<?xml version="1.0"?><svg width="10" height="10"></svg>`)
			tc.change(root)
			got := stalePictures(root, []byte(tc.manifest))
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func write(t *testing.T, root, name, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTidyRestatesEachRunForFreeze feeds tidy lines as tmux 3.3 captures them from the wizard
// and checks what freeze will be given: every run from a reset with its whole style.
func TestTidyRestatesEachRunForFreeze(t *testing.T) {
	const e = "\x1b["
	cases := []struct {
		name, capture, want string
	}{
		{"default foreground (39) ends a colour mid-line",
			e + "38;5;111m" + e + "49m/ " + e + "39momar\n",
			e + "0;38;5;111m/ " + e + "0momar" + e + "0m\n"},
		{"default background (49) ends a background",
			e + "38;5;23m" + e + "48;5;60m▀▀" + e + "39m" + e + "49m   Scan\n",
			e + "0;38;5;23;48;5;60m▀▀" + e + "0m   Scan" + e + "0m\n"},
		{"blanks that show nothing at a line's end are left out, whatever tmux kept",
			"Sandbox password: Demo@2026" + e + "39m      \n   \n",
			e + "0mSandbox password: Demo@2026" + e + "0m\n" + e + "0m\n"},
		{"a blank with a background at a line's end stays (the badge's padding)",
			e + "48;5;212m " + e + "1m" + e + "38;5;16mSANDBOX" + e + "0m" + e + "48;5;212m " + e + "49m  \n",
			e + "0;48;5;212m " + e + "0;38;5;16;48;5;212mSANDBOX" + e + "0;48;5;212m " + e + "0m\n"},
		{"a style is stated again on the next line",
			e + "38;5;103mrule\nmore\n",
			e + "0;38;5;103mrule" + e + "0m\n" + e + "0;38;5;103mmore" + e + "0m\n"},
		{"reverse video (the text cursor) swaps in real colours",
			"omar" + e + "1;7m" + e + "38;5;111m " + e + "0m\n",
			e + "0momar" + e + "0;38;2;23;23;23;48;5;111m " + e + "0m\n"},
		{"reverse video of the default colours",
			e + "7m \n",
			e + "0;38;2;23;23;23;48;2;196;196;196m " + e + "0m\n"},
		{"bold alone is dropped, the colour kept",
			e + "1m" + e + "38;5;16mSANDBOX" + e + "0m\n",
			e + "0;38;5;16mSANDBOX" + e + "0m\n"},
		{"underline and a colour in one run, then reset with 0;1",
			e + "4m" + e + "38;5;215momar" + e + "0;1m" + e + "38;5;111m-specimen\n",
			e + "0;4;38;5;215momar" + e + "0;38;5;111m-specimen" + e + "0m\n"},
		{"the 16 colours: text as SGR codes, backgrounds as freeze's RGB",
			e + "31;42mok" + e + "91;103m!\n",
			e + "0;31;48;2;49;187;113mok" + e + "0;91;48;2;235;255;113m!" + e + "0m\n"},
		{"truecolour, with semicolons and with colons",
			e + "38;2;1;2;3mA" + e + "48:2::4:5:6mB\n",
			e + "0;38;2;1;2;3mA" + e + "0;38;2;1;2;3;48;2;4;5;6mB" + e + "0m\n"},
		{"Arabic passes through in logical order",
			"› " + e + "38;5;188mأمينة خالد\n",
			e + "0m› " + e + "0;38;5;188mأمينة خالد" + e + "0m\n"},
		{"a hyperlink (OSC 8) is dropped, its text kept",
			"\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\\n",
			e + "0mlink" + e + "0m\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tidy(tc.capture); got != tc.want {
				t.Errorf("tidy(%q)\n got %q\nwant %q", tc.capture, got, tc.want)
			}
		})
	}
}
