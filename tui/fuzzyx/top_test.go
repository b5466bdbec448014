package fuzzyx

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
	"unicode"

	"github.com/sahilm/fuzzy"
)

// firstN is the reference: what the picker showed before this package, fuzzy.Find cut to n.
func firstN(pattern string, entries []string, n int) fuzzy.Matches {
	all := fuzzy.Find(pattern, entries)
	if n <= 0 {
		return nil
	}
	return all[:min(n, len(all))]
}

func TestTopMatchesFuzzyFind(t *testing.T) {
	queries := 500
	if testing.Short() {
		queries = 100
	}
	paths := scanPaths(20_000, 42)
	// Short strings over a few letters, separators and case pairs: scores collide all the
	// time, which is where an ordering or pruning mistake would show.
	crowded := crowdedStrings(20_000, 17)
	tests := []struct {
		name     string
		entries  []string
		patterns []string
	}{
		{"realistic paths", paths, randomPatterns(paths, queries, 3)},
		{"crowded short strings", crowded, randomPatterns(crowded, queries/2, 4)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(tt.entries)
			for _, failure := range compareWithFind(ix, tt.entries, tt.patterns, 200) {
				t.Fatal(failure)
			}
			if s := ix.Stats(); s.Fallbacks != 0 || s.Queries != int64(len(tt.patterns)) {
				t.Errorf("Stats() = %+v after %d queries; fuzzy must never disagree with the ranking", s, len(tt.patterns))
			}
		})
	}
}

// compareWithFind runs every pattern through Top and fuzzy.Find, sharing the patterns
// between cores (fuzzy.Find over 20,000 entries is the slow half), and describes the
// differences.
func compareWithFind(ix *Index, entries, patterns []string, n int) []string {
	failures := make([]string, len(patterns))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(patterns); k += workers {
				pattern := patterns[k]
				want := firstN(pattern, entries, n)
				if got := ix.Top(pattern, n); !reflect.DeepEqual(got, want) {
					failures[k] = fmt.Sprintf("Top(%q, %d) differs from fuzzy.Find: %d rows vs %d\n got %s\nwant %s",
						pattern, n, len(got), len(want), firstRows(got), firstRows(want))
				}
			}
		})
	}
	wg.Wait()
	return slices.DeleteFunc(failures, func(f string) bool { return f == "" })
}

func crowdedStrings(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	alphabet := []rune("aAbBsS_-/. \\\u212A\u017F\u00E9")
	out := make([]string, n)
	for i := range out {
		r := make([]rune, rng.IntN(14))
		for j := range r {
			r[j] = alphabet[rng.IntN(len(alphabet))]
		}
		out[i] = string(r)
	}
	return out
}

func firstRows(m fuzzy.Matches) string {
	s := ""
	for _, r := range m[:min(3, len(m))] {
		s += fmt.Sprintf("\n  %d %q %d %v", r.Index, r.Str, r.Score, r.MatchedIndexes)
	}
	return s
}

func TestTopEdgeCases(t *testing.T) {
	paths := []string{
		"scans/2024/branch-017/customer-48213/passport_front_0007.jpg",
		"uploads/Riyadh/AhmedAlQahtani/PassportScan_2.png",
		"archive/2023-11-05/محمد_العتيبي/passport-back.jpeg",
		"uploads/Riyadh/AhmedAlQahtani/PassportScan_2.png", // a duplicate ties with its twin
		"selfie.jpg",
		"bad\x00passport.jpg",  // fuzzy stops reading at a NUL
		"\xffpass\xfeport.png", // invalid UTF-8 reads as U+FFFD
		"",
	}
	tests := []struct {
		name    string
		entries []string
		pattern string
		n       int
	}{
		{"empty pattern gives nothing, like fuzzy.Find", paths, "", 10},
		{"no entries gives nothing", nil, "passport", 10},
		{"n of zero gives nothing", paths, "passport", 0},
		{"negative n gives nothing", paths, "passport", -3},
		{"n beyond the matches gives every match", paths, "pas", 1000},
		{"n cuts the sorted matches", paths, "pas", 2},
		{"duplicates keep list order on equal scores", paths, "scan", 10},
		{"nothing matching gives nil", paths, "zzz", 10},
		{"upper case matches lower case", paths, "PASSPORT", 10},
		{"Kelvin sign matches k", []string{"bank/kyc.png", "Bank/KYC.png"}, "\u212Ay", 10},
		{"long s matches s", []string{"scans/selfie.jpg"}, "\u017Fcan", 10},
		{"Arabic pattern", paths, "محمد", 10},
		{"Arabic with harakat matches only harakat", []string{"مُحَمَّد.jpg", "محمد.jpg"}, "مُحَمَّد", 10},
		{"a NUL in the pattern matches nothing", paths, "pass\x00", 10},
		{"text after a NUL is not searched", paths, "badpassport", 10},
		{"invalid UTF-8 in the pattern", paths, "\xffpass", 10},
		{"separators and spaces", paths, "_ /.", 10},
		{"a pattern longer than any entry", paths, "scans/2024/branch-017/customer-48213/passport_front_0007.jpgX", 10},
		{"a pattern too long to bound", paths, "scans/2024/branch-017/customer-48213/passport_front_0007.jpg", 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewIndex(tt.entries).Top(tt.pattern, tt.n)
			want := firstN(tt.pattern, tt.entries, tt.n)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Top(%q, %d) = %v, fuzzy.Find gives %v", tt.pattern, tt.n, got, want)
			}
		})
	}
}

// fuzzy scores each entry on its own: the same entry scores the same in any list, which
// is what lets Top hand fuzzy a subset.
func TestFuzzyScoresDoNotDependOnNeighbours(t *testing.T) {
	entries := scanPaths(2000, 5)
	for _, pattern := range randomPatterns(entries, 50, 9) {
		all := fuzzy.Find(pattern, entries)
		for _, m := range all[:min(20, len(all))] {
			alone := fuzzy.Find(pattern, []string{m.Str})
			if len(alone) != 1 || alone[0].Score != m.Score || !reflect.DeepEqual(alone[0].MatchedIndexes, m.MatchedIndexes) {
				t.Fatalf("%q in %q scores %d in the list but %v alone", pattern, m.Str, m.Score, alone)
			}
		}
	}
}

func TestRankAgreesWithFuzzy(t *testing.T) {
	entries := append(scanPaths(3000, 11), "aab", "abb", "The Black Knight", "aB", "ab\x00cd", "\xff\xfe",
		// A rune skipped over (not in the pattern) still decides the camel-case bonus of the next.
		"xéB", "ÄrzteBank", "straßeSeite", "سارةB", "\xe2\x84B", "\xc3B")
	for _, pattern := range randomPatterns(entries, 300, 13) {
		q := compile(pattern)
		for _, e := range entries {
			checkRank(t, q, e)
		}
	}
}

func checkRank(t *testing.T, q *query, entry string) {
	t.Helper()
	md := describe(entry)
	clean := entry[:md.clean]
	got, ok := q.rank(clean, &md, q.room(&md), math.MinInt)
	want := fuzzy.Find(q.pattern, []string{entry})
	if ok != (len(want) == 1) || ok && got != want[0].Score {
		t.Fatalf("rank(%q, %q) = %d, %v; fuzzy gives %v", q.pattern, entry, got, ok, want)
	}
	if ok && !q.mayMatch(clean) {
		t.Fatalf("mayMatch(%q, %q) is false but fuzzy matches", q.pattern, entry)
	}
	if !ok || !q.bounded {
		return
	}
	// The bounds never give up on a score the entry reaches.
	if again, still := q.rank(clean, &md, q.room(&md), got); !still || again != got {
		t.Fatalf("rank(%q, %q) gave up on needing %d, its own score", q.pattern, entry, got)
	}
	if b := q.initialBound(&md, q.room(&md)); b < got {
		t.Fatalf("initial bound %d below score %d for %q in %q", b, got, q.pattern, entry)
	}
	if b := q.refinedBound(&md); b < got {
		t.Fatalf("refined bound %d below score %d for %q in %q", b, got, q.pattern, entry)
	}
	if b := q.most - len(clean); b < got {
		t.Fatalf("length bound %d below score %d for %q in %q", b, got, q.pattern, entry)
	}
}

func FuzzRankAgreesWithFuzzy(f *testing.F) {
	for _, seed := range [][2]string{
		{"passport", "scans/2024/branch-017/customer-48213/passport_front_0007.jpg"},
		{"tk", "The Black Knight"}, {"ab", "aab"}, {"aB", "xAbB"}, {"\u212A", "kK"},
		{"مح", "مُحَمَّد_الغامدي"}, {"a\x00", "a"}, {"\xff", "\xfe\xff"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, entry string) {
		if pattern == "" {
			return
		}
		q := compile(pattern)
		if q.hasNUL {
			if m := fuzzy.Find(pattern, []string{entry}); len(m) != 0 {
				t.Fatalf("fuzzy matched NUL pattern %q in %q", pattern, entry)
			}
			return
		}
		if q.mask&^describe(entry).mask != 0 {
			if m := fuzzy.Find(pattern, []string{entry}); len(m) != 0 {
				t.Fatalf("mask rejects %q for %q but fuzzy matches it", entry, pattern)
			}
			return
		}
		checkRank(t, q, entry)
	})
}

func TestCaselessRunesHaveNoCase(t *testing.T) {
	for r := rune(0x80); r < 0x10000; r++ {
		if caseless(r) && (unicode.IsLower(r) || unicode.IsUpper(r) || unicode.SimpleFold(r) != r) {
			t.Fatalf("U+%04X is treated as caseless but has case", r)
		}
	}
}

func TestTopAnswersEveryN(t *testing.T) {
	entries := scanPaths(5000, 21)
	ix := NewIndex(entries)
	for _, pattern := range []string{"p", "pas", "passport", "front.jpg", "RIYADH", "محمد"} {
		for _, n := range []int{1, 7, 50, 4096, 10_000} {
			if got, want := ix.Top(pattern, n), firstN(pattern, entries, n); !reflect.DeepEqual(got, want) {
				t.Fatalf("Top(%q, %d) differs from fuzzy.Find (%d vs %d rows)", pattern, n, len(got), len(want))
			}
		}
	}
}

func TestAppendAnswersLikeOneIndex(t *testing.T) {
	entries := scanPaths(40_000, 8)
	ix := NewIndex(entries[:15_000])
	ix.Append(entries[15_000:30_000]...)
	ix.Append(entries[30_000:]...)
	if ix.Len() != len(entries) {
		t.Fatalf("Len() = %d after appending, want %d", ix.Len(), len(entries))
	}
	for _, pattern := range []string{"passport", "p", "scan_", "خالد"} {
		if got, want := ix.Top(pattern, 200), firstN(pattern, entries, 200); !reflect.DeepEqual(got, want) {
			t.Fatalf("Top(%q) after Append differs from fuzzy.Find over the whole list", pattern)
		}
	}
	if c := ix.Cost(); c.Entries != len(entries) || c.Bytes < 12*len(entries) || c.Duration <= 0 {
		t.Errorf("Cost() = %+v for %d entries", c, len(entries))
	}
}

// A picker filters while the listing still streams in: answers given meanwhile must be
// consistent rows of the list as it stood (run with -race).
func TestTopWhileAppending(t *testing.T) {
	entries := scanPaths(30_000, 6)
	ix := NewIndex(entries[:1000])
	done := make(chan struct{})
	go func() {
		defer close(done)
		for lo := 1000; lo < len(entries); lo += 5000 {
			ix.Append(entries[lo:min(lo+5000, len(entries))]...)
		}
	}()
	for finished := false; !finished; {
		select {
		case <-done:
			finished = true
		default:
		}
		rows := ix.Top("passport", 50)
		for k, r := range rows {
			if r.Str != entries[r.Index] || k > 0 && r.Score > rows[k-1].Score {
				t.Fatalf("row %d = %+v is not a sorted row of the list", k, r)
			}
		}
	}
	if got, want := ix.Top("passport", 50), firstN("passport", entries, 50); !reflect.DeepEqual(got, want) {
		t.Fatal("Top after the last Append differs from fuzzy.Find over the whole list")
	}
}

func TestNilIndexIsAnEmptyList(t *testing.T) {
	var ix *Index
	if ix.Len() != 0 || ix.Entries() != nil || ix.Top("passport", 10) != nil {
		t.Fatalf("a nil index answered Len %d, Entries %v, Top %v", ix.Len(), ix.Entries(), ix.Top("passport", 10))
	}
}

func TestAppendLeavesTheCallersSliceAlone(t *testing.T) {
	backing := make([]string, 2, 4)
	backing[0], backing[1] = "a.jpg", "b.jpg"
	spare := backing[:4]
	ix := NewIndex(backing)
	ix.Append("c.jpg", "d.jpg")
	if spare[2] != "" || spare[3] != "" {
		t.Fatalf("Append wrote into the caller's array: %q", spare)
	}
}

func TestTopContextStopsWhenCancelled(t *testing.T) {
	ix := NewIndex(scanPaths(50_000, 2))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rows, err := ix.TopContext(ctx, "passport", 200)
	if !errors.Is(err, context.Canceled) || rows != nil {
		t.Fatalf("TopContext on a cancelled context = %d rows, %v; want nil, context.Canceled", len(rows), err)
	}
	if rows, err := ix.TopContext(context.Background(), "passport", 200); err != nil || len(rows) != 200 {
		t.Fatalf("TopContext after a cancelled query = %d rows, %v", len(rows), err)
	}
}
