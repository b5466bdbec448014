package arabic

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

var fuzzSeeds = []string{
	"مُحَمَّد بن عَبْدِ الله", "عبد الرحمن", "لا إله", "ابراهيم خليل", "مصطفى", "ﻣﺤﻤﺪ",
	"Name: علي ١٢٣ ok", "جواز سفر رقم A1234567", "(محمد) [علي]", "\u202eabc\u202c", "\u2067علي\u2069 x",
	"ﻣﹸﺤﹶﻤﹼﺪ", "علی کریمی", "\u0627\u064e\u0654", "ﻻ ﷲ", "a\u0301\u05d0\u0308", "لَا", "م\u200dح\u200c",
}

// mirrorKey maps a rune and its mirrored glyph to one key.
func mirrorKey(r rune) rune {
	if m, ok := mirrorOf(r); ok && m < r {
		return m
	}
	return r
}

func clusterKeys(cs []string) []string {
	keys := make([]string, len(cs))
	for i, c := range cs {
		rs := []rune(c)
		for j := range rs {
			rs[j] = mirrorKey(rs[j])
		}
		keys[i] = string(rs)
	}
	slices.Sort(keys)
	return keys
}

func FuzzReorder(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, d uint8) {
		if !utf8.ValidString(s) {
			return
		}
		dir := Direction(d % 3)
		var in []string
		g := uniseg.NewGraphemes(s)
		for g.Next() {
			in = append(in, g.Str())
		}
		shaped, bounds, order := visualClusters(s, dir, false)
		var out []string
		for _, k := range order {
			out = append(out, shaped[bounds[k]:bounds[k+1]])
		}
		if !slices.Equal(clusterKeys(in), clusterKeys(out)) {
			t.Fatalf("Reorder(%q, %d): clusters %q are not a permutation of %q", s, dir, out, in)
		}
		joined := ""
		for _, c := range out {
			joined += c
		}
		if got := Reorder(s, dir); got != joined && !(dir != DirRTL && got == s) {
			t.Fatalf("Reorder(%q) = %q, clusters give %q", s, got, joined)
		}
		// Rune by rune, the visual order is a permutation of the runes X9 keeps.
		runes := []rune(s)
		runeOrder, _, _ := visualOrder(runes, dir)
		seen := make([]bool, len(runes))
		for _, i := range runeOrder {
			if i < 0 || i >= len(runes) || seen[i] {
				t.Fatalf("visual order %v is not a permutation", runeOrder)
			}
			seen[i] = true
		}
	})
}

func FuzzShape(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		shaped := Shape(s)
		if a, b := norm.NFKC.String(shaped), norm.NFKC.String(s); a != b {
			t.Fatalf("NFKC(Shape(%q)) = %q %U, NFKC of the input %q %U", s, a, []rune(a), b, []rune(b))
		}
		if d := Display(s, ModeApp); utf8.RuneCountInString(d) > utf8.RuneCountInString(s) {
			t.Fatalf("Display(%q) = %q grew", s, d)
		}
	})
}

// FuzzLayout: in every mode the cells draw exactly Display's line, and their logical ranges cover
// the line once, without gaps, so every insertion point has a place on the screen.
func FuzzLayout(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, m uint8) {
		if !utf8.ValidString(s) {
			return
		}
		mode := Mode(m % 3)
		cells, _ := Layout(s, mode)
		var drawn strings.Builder
		covered := make([]int, len(s)+1)
		for _, c := range cells {
			drawn.WriteString(c.Text)
			if c.Start >= c.End || c.End > len(s) {
				t.Fatalf("Layout(%q): cell %q covers [%d,%d)", s, c.Text, c.Start, c.End)
			}
			for i := c.Start; i < c.End; i++ {
				covered[i]++
			}
		}
		if d := Display(s, mode); drawn.String() != d {
			t.Fatalf("Layout(%q, %v) draws %q, Display %q", s, mode, drawn.String(), d)
		}
		for i := 0; i < len(s); i++ {
			if covered[i] != 1 {
				t.Fatalf("Layout(%q, %v): byte %d is drawn by %d cells", s, mode, i, covered[i])
			}
		}
	})
}
