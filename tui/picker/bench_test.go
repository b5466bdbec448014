package picker

import (
	"fmt"

	"github.com/charmbracelet/bubbles/filepicker"

	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"example.com/passport-update/tui/fuzzyx"
)

var (
	bigDirOnce sync.Once
	bigDir     string
)

// hundredThousandScans creates, once per process, a folder of 100,000 empty files named like a
// branch's scanner output plus a few folders (a few seconds; only benchmarks call it).
func hundredThousandScans(b *testing.B) string {
	bigDirOnce.Do(func() {
		dir, err := os.MkdirTemp("", "picker-100k-")
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 100_000; i++ {
			ext := [...]string{".jpg", ".JPG", ".jpeg", ".png"}[i%4]
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("scan-%06d%s", (i*7919)%100_000, ext)))
			if err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
		for _, d := range []string{"2025", "2026", "archive"} {
			os.Mkdir(filepath.Join(dir, d), 0o755)
		}
		bigDir = dir
	})
	return bigDir
}

// BenchmarkListing_100kFiles: Init → the listing messages (the first screenful, then the whole
// folder) → Update → the frame with every entry (View included), at 120×40. The fuzzy index is
// built later, off the UI loop.
func BenchmarkListing_100kFiles(b *testing.B) {
	dir := hundredThousandScans(b)
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		m := New(Options{StartDir: dir}).SetSize(120, 40)
		m.sh.tick, m.sh.rest = noTick, noTick
		m = wholeListing(m)
		if len(m.entries) != 100_003 || len(m.View()) == 0 {
			b.Fatalf("%d entries", len(m.entries))
		}
	}
}

// BenchmarkStockFilepicker_100kFiles is the anchor: bubbles/filepicker's Init → readDirMsg →
// Update → View on the same folder, same run.
func BenchmarkStockFilepicker_100kFiles(b *testing.B) {
	dir := hundredThousandScans(b)
	b.ReportAllocs()
	b.ResetTimer()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		fp := filepicker.New()
		fp.CurrentDirectory = dir
		fp.AllowedTypes = []string{".jpg", ".jpeg", ".png"}
		fp.AutoHeight = false
		fp.SetHeight(40 - 5)
		fp, _ = fp.Update(fp.Init()())
		if len(fp.View()) == 0 {
			b.Fatal("the stock picker drew nothing")
		}
	}
}

// BenchmarkIndex_100kFiles is the work done after the first frame, off the UI loop.
func BenchmarkIndex_100kFiles(b *testing.B) {
	dir := hundredThousandScans(b)
	m := New(Options{StartDir: dir}).SetSize(120, 40)
	m.sh.tick, m.sh.rest = noTick, noTick
	m = wholeListing(m)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		indexCmd(m.listID, m.entries)()
	}
}

// reportCPU adds CPU milliseconds per op (see cpuTime) beside ns/op.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if d := cpuTime() - start; d > 0 {
			b.ReportMetric(float64(d.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		}
	}
}

// BenchmarkView_120x40 is one frame with a JPEG highlighted and its thumbnail beside the list.
func BenchmarkView_120x40(b *testing.B) {
	root := branchFolder(b)
	m := open(b, Options{StartDir: root}, 120, 40)
	m = moveTo(b, m, "passport-ahmed.JPG")
	if m.pv.thumb.Rows == 0 {
		b.Fatal("no thumbnail")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = m.View()
	}
}

// BenchmarkFirstScreen_1MFiles: a folder of 1,000,000 images (PICKER_BENCH_1M names it; the
// benchmark skips without it, since making one takes half a minute): Init until the first frame
// shows entries. The whole listing that follows is waited for outside the timer.
func BenchmarkFirstScreen_1MFiles(b *testing.B) {
	dir := million(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m := New(Options{StartDir: dir}).SetSize(120, 40)
		m.sh.tick, m.sh.rest = noTick, noTick
		msg := m.Init()().(listMsg)
		m, _ = m.Update(msg)
		if len(m.entries) == 0 || !strings.Contains(m.View(), "scan-") {
			b.Fatalf("%d entries", len(m.entries))
		}
		b.StopTimer()
		if msg.rest != nil {
			<-msg.rest
		}
		b.StartTimer()
	}
}

// BenchmarkWholeListing_1MFiles is the anchor, today's first frame before issue 12: the whole
// folder read, sorted and drawn.
func BenchmarkWholeListing_1MFiles(b *testing.B) {
	dir := million(b)
	b.ReportAllocs()
	defer reportCPU(b)()
	for i := 0; i < b.N; i++ {
		m := New(Options{StartDir: dir}).SetSize(120, 40)
		m.sh.tick, m.sh.rest = noTick, noTick
		msg := m.Init()().(listMsg)
		if msg.rest != nil {
			msg = <-msg.rest
		}
		m, _ = m.Update(msg)
		if len(m.entries) != 1_000_000 || !strings.Contains(m.View(), "scan-") {
			b.Fatalf("%d entries", len(m.entries))
		}
	}
}

// wholeListing runs Init and feeds the picker its listing messages until the whole folder is in.
func wholeListing(m Model) Model {
	msg := m.Init()().(listMsg)
	m, _ = m.Update(msg)
	if msg.rest != nil {
		m, _ = m.Update(<-msg.rest)
	}
	return m
}

func million(b *testing.B) string {
	dir := os.Getenv("PICKER_BENCH_1M")
	if dir == "" {
		b.Skip("PICKER_BENCH_1M names no folder of 1,000,000 images (make one: mkdir D && cd D && seq -f 'scan-%07g.jpg' 0 999999 | xargs touch)")
	}
	return dir
}

// searchPaths is what ctrl+f finds under 2,000 folders of 100 scans each.
func searchPaths() []string {
	paths := make([]string, 0, 200_000)
	for d := 0; d < 2_000; d++ {
		for i := 0; i < 100; i++ {
			paths = append(paths, fmt.Sprintf("branch-%02d/2026-%02d/day-%03d/scan-%06d.jpg", d%40, d%12+1, d, d*100+i))
		}
	}
	return paths
}

// BenchmarkRank_200kPaths is one filter query over every name ctrl+f found (200,000): the best
// 200 rows and how many match in all, for "showing the best 200 of M".
func BenchmarkRank_200kPaths(b *testing.B) {
	ix := fuzzyx.NewIndex(searchPaths())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if best, total := rank(ix, "d07scan"); len(best) != maxMatches || total <= maxMatches {
			b.Fatalf("%d rows of %d", len(best), total)
		}
	}
}

// BenchmarkTop_50kPaths is the anchor: before issue 12 a query ranked at most the 50,000 names the
// capped search kept, and counted nothing.
func BenchmarkTop_50kPaths(b *testing.B) {
	ix := fuzzyx.NewIndex(searchPaths()[:50_000])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Top("d07scan", maxMatches)
	}
}
