package arabic

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// ucdDir is where the Unicode Character Database lives (Debian's unicode-data package).
func ucdDir() string {
	if d := os.Getenv("UCD_DIR"); d != "" {
		return d
	}
	return filepath.Join(string(filepath.Separator)+"usr", "share", "unicode")
}

// skipOutsideCI skips a test whose input file is missing or of another version, except under CI
// (.ci/run sets CI and installs the file), where that is a failure: conformance must not go
// quiet because a package changed.
func skipOutsideCI(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

// checkVersion skips when the conformance file is from another Unicode version than the generated
// tables: the new characters' classes would differ. Regenerate with `go generate` to test it.
func checkVersion(t testing.TB, header string) {
	t.Helper()
	// "# BidiCharacterTest-15.0.0.txt"
	_, v, _ := strings.Cut(header, "-")
	v = strings.TrimSuffix(strings.TrimSpace(v), ".txt")
	if v != ucdVersion {
		skipOutsideCI(t, "conformance file is Unicode %s, tables are %s: run go generate", v, ucdVersion)
	}
}

type bidiCase struct {
	line   int
	runes  []rune
	dir    Direction
	level  uint8
	levels []int // -1 for x
	order  []int
}

func loadBidiCharacterTest(t testing.TB) []bidiCase {
	t.Helper()
	f, err := os.Open(filepath.Join(ucdDir(), "BidiCharacterTest.txt"))
	if err != nil {
		skipOutsideCI(t, "BidiCharacterTest.txt not available (install Debian's unicode-data): %v", err)
	}
	defer f.Close()
	var cases []bidiCase
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<16), 1<<20)
	n := 0
	for s.Scan() {
		n++
		line := s.Text()
		if n == 1 {
			checkVersion(t, line)
		}
		if line == "" || line[0] == '#' {
			continue
		}
		fs := strings.Split(line, ";")
		if len(fs) < 5 {
			t.Fatalf("line %d: %d fields", n, len(fs))
		}
		c := bidiCase{line: n}
		for _, h := range strings.Fields(fs[0]) {
			v, err := strconv.ParseUint(h, 16, 32)
			if err != nil {
				t.Fatalf("line %d: %v", n, err)
			}
			c.runes = append(c.runes, rune(v))
		}
		c.dir = [...]Direction{DirLTR, DirRTL, DirAuto}[fs[1][0]-'0']
		c.level = fs[2][0] - '0'
		for _, l := range strings.Fields(fs[3]) {
			if l == "x" {
				c.levels = append(c.levels, -1)
				continue
			}
			v, _ := strconv.Atoi(l)
			c.levels = append(c.levels, v)
		}
		for _, o := range strings.Fields(fs[4]) {
			v, _ := strconv.Atoi(o)
			c.order = append(c.order, v)
		}
		cases = append(cases, c)
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestReorderPassesBidiCharacterTest checks every line of the Unicode conformance file: the paragraph
// level, the level of every character X9 keeps, and the visual order.
func TestReorderPassesBidiCharacterTest(t *testing.T) {
	cases := loadBidiCharacterTest(t)
	if len(cases) < 90000 {
		t.Fatalf("only %d cases read", len(cases))
	}
	// Parallel chunks keep the test fast; the count is checked once all have run.
	var failed atomic.Int64
	const chunks = 8
	t.Run("chunks", func(t *testing.T) {
		for k := range chunks {
			part := cases[k*len(cases)/chunks : (k+1)*len(cases)/chunks]
			t.Run(strconv.Itoa(k), func(t *testing.T) {
				t.Parallel()
				for _, c := range part {
					order, levels, para := visualOrder(c.runes, c.dir)
					ok := para == c.level && equalInts(order, c.order)
					for i, want := range c.levels {
						if want >= 0 && int(levels[i]) != want {
							ok = false
						}
					}
					if !ok && failed.Add(1) <= 10 {
						t.Errorf("line %d: %U dir %d: got para %d levels %v order %v; want para %d levels %v order %v",
							c.line, c.runes, c.dir, para, levels, order, c.level, c.levels, c.order)
					}
				}
			})
		}
	})
	t.Logf("BidiCharacterTest: %d of %d pass", len(cases)-int(failed.Load()), len(cases))
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var classNames = map[string]class{
	"L": classL, "R": classR, "AL": classAL, "EN": classEN, "ES": classES, "ET": classET, "AN": classAN,
	"CS": classCS, "NSM": classNSM, "BN": classBN, "B": classB, "S": classS, "WS": classWS, "ON": classON,
	"LRE": classLRE, "LRO": classLRO, "RLE": classRLE, "RLO": classRLO, "PDF": classPDF, "LRI": classLRI,
	"RLI": classRLI, "FSI": classFSI, "PDI": classPDI,
}

// TestLevelsPassBidiTest checks the class-sequence conformance file BidiTest.txt (770,241 cases):
// levels and visual order for each paragraph direction in the case's bitset. It takes a few
// seconds, so -short skips it; BidiCharacterTest covers the same rules with real characters.
func TestLevelsPassBidiTest(t *testing.T) {
	if testing.Short() {
		t.Skip("BidiTest.txt takes a few seconds")
	}
	data, err := os.ReadFile(filepath.Join(ucdDir(), "BidiTest.txt"))
	if err != nil {
		skipOutsideCI(t, "BidiTest.txt not available (install Debian's unicode-data): %v", err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	checkVersion(t, first)
	type classCase struct {
		line          int
		classes       []class
		dir           Direction
		levels, order []int // shared by the cases of one @Levels/@Reorder block
	}
	var cases []classCase
	var levels, order []int
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "@Levels:"); ok {
			levels = nil
			for _, f := range strings.Fields(rest) {
				v := -1
				if f != "x" {
					v, _ = strconv.Atoi(f)
				}
				levels = append(levels, v)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(line, "@Reorder:"); ok {
			order = []int{}
			for _, f := range strings.Fields(rest) {
				v, _ := strconv.Atoi(f)
				order = append(order, v)
			}
			continue
		}
		if line[0] == '@' {
			continue
		}
		seq, bits, _ := strings.Cut(line, ";")
		var classes []class
		for _, f := range strings.Fields(seq) {
			c, ok := classNames[f]
			if !ok {
				t.Fatalf("line %d: class %q", n+1, f)
			}
			classes = append(classes, c)
		}
		set, _ := strconv.Atoi(strings.TrimSpace(bits))
		for bit, dir := range []Direction{DirAuto, DirLTR, DirRTL} {
			if set&(1<<bit) != 0 {
				cases = append(cases, classCase{n + 1, classes, dir, levels, order})
			}
		}
	}
	total := len(cases)
	var failed atomic.Int64
	const chunks = 8
	t.Run("chunks", func(t *testing.T) {
		for k := range chunks {
			part := cases[k*total/chunks : (k+1)*total/chunks]
			t.Run(strconv.Itoa(k), func(t *testing.T) {
				t.Parallel()
				for _, c := range part {
					initial := append([]class(nil), c.classes...)
					p := resolveParagraph(nil, initial, c.dir)
					ok := true
					var got []int
					var kept []uint8
					for i, cl := range c.classes {
						if c.levels[i] >= 0 && int(p.levels[i]) != c.levels[i] {
							ok = false
						}
						if !isRemovedByX9(cl) {
							got = append(got, i)
							kept = append(kept, p.levels[i])
						}
					}
					reverseRuns(kept, got)
					if !equalInts(got, c.order) {
						ok = false
					}
					if !ok && failed.Add(1) <= 10 {
						t.Errorf("line %d %v dir %d: levels %v order %v; want levels %v order %v", c.line, c.classes, c.dir, p.levels, got, c.levels, c.order)
					}
				}
			})
		}
	})
	if total < 700000 {
		t.Fatalf("only %d cases read", total)
	}
	t.Logf("BidiTest: %d of %d pass", total-int(failed.Load()), total)
}
