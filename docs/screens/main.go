// Command screens is the part of docs/screens/make that is easier said in Go: it rewrites one
// tmux capture (capture-pane -e -p -N) into the few colour codes freeze v0.2.2 draws right, so
// the README's pictures show the colours the terminal showed.
//
// Freeze reads SGR sequences one at a time and keeps only some: it ignores 39 and 49 (default
// colours; a background then runs on to the end of the line), 7 (reverse video: the wizard's
// text cursor), 40–47 and, for 100–107, draws no colour at all; and each line starts again
// from the defaults, where tmux carries the last style over the line break. So every run of
// text is given its whole style again, in one sequence that starts with a reset:
//
//	screens < capture.ansi > tidy.ansi
//
// Bold is dropped (freeze draws no bold), and so are the blanks that show nothing at the end of
// a line, whose number depends on the terminal's history, not on the screen. This program is
// not part of the passport-update binary; the test beside it checks that the pictures were
// remade after their screens changed.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "screens: reading the capture:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	w.WriteString(tidy(string(in)))
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "screens:", err)
		os.Exit(1)
	}
}

// Freeze's own defaults: the text colour of its "charm" theme and its background. Reverse video
// of a default colour needs them spelled out.
const (
	defaultFG = "#c4c4c4"
	defaultBG = "#171717"
)

// ansi16 is freeze's palette for SGR 30–37 and 90–97, so that a colour looks the same whether it
// is drawn as text or as a background (which must be given as RGB).
var ansi16 = [16]string{
	"#282a2e", "#D74E6F", "#31BB71", "#D3E561", "#8056FF", "#ED61D7", "#04D7D7", "#C5C8C6",
	"#4B4B4B", "#FE5F86", "#00D787", "#EBFF71", "#8F69FF", "#FF7AEA", "#00FEFE", "#FFFFFF",
}

// colour is a terminal colour: none (the default), an xterm-256 index, or RGB.
type colour struct {
	kind    byte // 0 default, 'i' index, 'r' rgb
	n       int  // index
	r, g, b int
}

// style is what tmux's SGR sequences have set so far.
type style struct {
	fg, bg                                     colour
	italic, underline, strike, reverse, hidden bool
}

// blank says whether a space in this style shows nothing: no background, no line through or
// under it, not reversed.
func (s style) blank() bool {
	return s.bg.kind == 0 && !s.reverse && !s.underline && !s.strike
}

// sgr is style as one sequence freeze understands: always from a reset.
func (s style) sgr() string {
	fg, bg := s.fg, s.bg
	if s.reverse {
		fg, bg = bg, fg
		if fg.kind == 0 {
			fg = rgbOf(defaultBG)
		}
		if bg.kind == 0 {
			bg = rgbOf(defaultFG)
		}
	}
	if s.hidden {
		fg = bg
		if fg.kind == 0 {
			fg = rgbOf(defaultBG)
		}
	}
	codes := []string{"0"}
	if s.italic {
		codes = append(codes, "3")
	}
	if s.underline {
		codes = append(codes, "4")
	}
	if s.strike {
		codes = append(codes, "9")
	}
	switch {
	case fg.kind == 'i' && fg.n < 8:
		codes = append(codes, strconv.Itoa(30+fg.n))
	case fg.kind == 'i' && fg.n < 16:
		codes = append(codes, strconv.Itoa(90+fg.n-8))
	case fg.kind == 'i':
		codes = append(codes, "38;5;"+strconv.Itoa(fg.n))
	case fg.kind == 'r':
		codes = append(codes, fmt.Sprintf("38;2;%d;%d;%d", fg.r, fg.g, fg.b))
	}
	if bg.kind == 'i' && bg.n < 16 {
		bg = rgbOf(ansi16[bg.n])
	}
	switch bg.kind {
	case 'i':
		codes = append(codes, "48;5;"+strconv.Itoa(bg.n))
	case 'r':
		codes = append(codes, fmt.Sprintf("48;2;%d;%d;%d", bg.r, bg.g, bg.b))
	}
	return "\x1b[" + strings.Join(codes, ";") + "m"
}

func rgbOf(h string) colour {
	v, _ := strconv.ParseUint(strings.TrimPrefix(h, "#"), 16, 32)
	return colour{kind: 'r', r: int(v >> 16 & 0xff), g: int(v >> 8 & 0xff), b: int(v & 0xff)}
}

// apply changes s by one SGR sequence's parameters ("1;38;5;212", "38:2::1:2:3", "").
func (s *style) apply(params string) {
	var ps [][]int // each parameter with its colon sub-parameters
	for _, p := range strings.Split(params, ";") {
		var sub []int
		for _, f := range strings.Split(p, ":") {
			n, err := strconv.Atoi(f)
			if err != nil {
				n = -1 // missing
			}
			sub = append(sub, n)
		}
		ps = append(ps, sub)
	}
	for i := 0; i < len(ps); i++ {
		switch n := ps[i][0]; {
		case n <= 0:
			*s = style{}
		case n == 3:
			s.italic = true
		case n == 4:
			s.underline = len(ps[i]) == 1 || ps[i][1] != 0
		case n == 7:
			s.reverse = true
		case n == 8:
			s.hidden = true
		case n == 9:
			s.strike = true
		case n == 23:
			s.italic = false
		case n == 24:
			s.underline = false
		case n == 27:
			s.reverse = false
		case n == 28:
			s.hidden = false
		case n == 29:
			s.strike = false
		case n >= 30 && n <= 37:
			s.fg = colour{kind: 'i', n: n - 30}
		case n == 39:
			s.fg = colour{}
		case n >= 40 && n <= 47:
			s.bg = colour{kind: 'i', n: n - 40}
		case n == 49:
			s.bg = colour{}
		case n >= 90 && n <= 97:
			s.fg = colour{kind: 'i', n: n - 90 + 8}
		case n >= 100 && n <= 107:
			s.bg = colour{kind: 'i', n: n - 100 + 8}
		case n == 38 || n == 48:
			var c colour
			if len(ps[i]) > 1 { // colon form: 38:5:n or 38:2:[space]:r:g:b
				c = extendedColons(ps[i][1:])
			} else {
				var used int
				c, used = extendedSemicolons(ps[i+1:])
				i += used
			}
			if n == 38 {
				s.fg = c
			} else {
				s.bg = c
			}
		}
		// 1, 2, 5, 21, 22, 25 and the rest: bold, faint, blink… which freeze does not draw.
	}
}

// extendedColons reads 5:n, 2:space:r:g:b or 2:r:g:b (the sub-parameters after 38: or 48:).
func extendedColons(p []int) colour {
	switch {
	case len(p) >= 2 && p[0] == 5:
		return colour{kind: 'i', n: p[1]}
	case p[0] == 2 && len(p) >= 5:
		return colour{kind: 'r', r: p[2], g: p[3], b: p[4]}
	case p[0] == 2 && len(p) == 4:
		return colour{kind: 'r', r: p[1], g: p[2], b: p[3]}
	}
	return colour{}
}

// extendedSemicolons reads 5;n or 2;r;g;b from the parameters after a 38 or 48 and says how many
// it used.
func extendedSemicolons(rest [][]int) (colour, int) {
	if len(rest) >= 2 && rest[0][0] == 5 {
		return colour{kind: 'i', n: rest[1][0]}, 2
	}
	if len(rest) >= 4 && rest[0][0] == 2 {
		return colour{kind: 'r', r: rest[1][0], g: rest[2][0], b: rest[3][0]}, 4
	}
	return colour{}, len(rest)
}

// run is text in one style.
type run struct {
	sty  style
	text string
}

// tidy rewrites a capture line by line: each run of text after its whole style, each line
// ending in a reset. Blanks that show nothing at the end of a line are left out: how many there
// are depends on what the terminal drew there before (capture-pane -N keeps them, and a space
// with a background needs -N to be kept), not on the screen.
func tidy(capture string) string {
	var (
		out  strings.Builder
		cur  style
		line []run
	)
	endLine := func() {
		for len(line) > 0 {
			last := &line[len(line)-1]
			if !last.sty.blank() {
				break
			}
			if last.text = strings.TrimRight(last.text, " "); last.text != "" {
				break
			}
			line = line[:len(line)-1]
		}
		for _, r := range line {
			out.WriteString(r.sty.sgr())
			out.WriteString(r.text)
		}
		out.WriteString("\x1b[0m\n")
		line = line[:0]
	}
	capture = strings.TrimSuffix(capture, "\n")
	for i := 0; i < len(capture); {
		c := capture[i]
		switch {
		case c == '\x1b' && i+1 < len(capture) && capture[i+1] == '[':
			j := i + 2
			for j < len(capture) && (capture[j] < 0x40 || capture[j] > 0x7e) {
				j++
			}
			if j < len(capture) && capture[j] == 'm' {
				cur.apply(capture[i+2 : j])
			}
			i = j + 1
		case c == '\x1b' && i+1 < len(capture) && capture[i+1] == ']': // OSC (a hyperlink): dropped
			j := i + 2
			for j < len(capture) && capture[j] != '\a' && !(capture[j] == '\x1b' && j+1 < len(capture) && capture[j+1] == '\\') {
				j++
			}
			if j < len(capture) && capture[j] == '\x1b' {
				j++
			}
			i = j + 1
		case c == '\x1b':
			i += 2
		case c == '\n':
			endLine()
			i++
		default:
			j := i + 1
			for j < len(capture) && capture[j] != '\x1b' && capture[j] != '\n' {
				j++
			}
			if n := len(line); n > 0 && line[n-1].sty == cur {
				line[n-1].text += capture[i:j]
			} else {
				line = append(line, run{cur, capture[i:j]})
			}
			i = j
		}
	}
	endLine()
	return out.String()
}
