package picker

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

func TestSearchFindsNamesInNestedFolders(t *testing.T) {
	root := branchFolder(t)
	os.Symlink(root, filepath.Join(root, "Scans", "loop")) // a loop back to the top
	m := open(t, Options{StartDir: root}, 100, 30)
	m, _ = press(t, m, "ctrl+f")
	got := slices.Sorted(slices.Values(rows(m)))
	want := []string{"Scan-0042.Jpeg", filepath.Join("Scans", "2026-11", "passport-noor.png"),
		filepath.Join("Scans", "nested", "deep", "passport-deep.jpg"),
		"passport-ahmed.JPG", "passport-fatima.jpeg", "specimen.png"}
	if !slices.Equal(got, want) {
		t.Fatalf("search found %q\nwant %q (the loop not followed, hidden and non-images left out)", got, want)
	}
	m, _ = press(t, m, "d", "e", "e", "p")
	if r := rows(m); len(r) == 0 || r[0] != filepath.Join("Scans", "nested", "deep", "passport-deep.jpg") {
		t.Fatalf("filter 'deep' over the search: %q", r)
	}
	m, out := press(t, m, "enter")
	if len(out) != 1 || out[0].(ChosenMsg).File.Path != filepath.Join(root, "Scans", "nested", "deep", "passport-deep.jpg") {
		t.Errorf("enter on a search result chose %v", out)
	}
}

func TestSearchStreamsBatchesWithinItsBounds(t *testing.T) {
	files := map[string][]byte{}
	for d := 0; d < 6; d++ {
		for i := 0; i < 300; i++ {
			files[fmt.Sprintf("day-%d/scan-%04d.jpg", d, i)] = nil
		}
	}
	deep := "l1/l2/l3/l4/l5/too-deep.jpg"
	files[deep] = nil
	root := tree(t, files)

	tests := []struct {
		name        string
		opts        Options
		wantCount   int
		wantWhy     string
		wantBatches int // at least
	}{
		{"depth 5 says what it left", Options{SearchDepth: 5}, 1800, "1 folder more than 4 levels down was not searched", 3},
		{"depth 6 reaches the deep file", Options{SearchDepth: 6}, 1801, "", 3},
		{"the count bound stops it", Options{SearchLimit: 1000}, 1000, "it stopped at 1,000 images", 1},
		{"the time bound stops it", Options{SearchTimeout: time.Nanosecond}, -1, "it stopped after 1ns", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.StartDir = root
			m := open(t, tt.opts, 100, 30)
			m, cmd := m.Update(keyMsg("ctrl+f"))
			batches := 0
			for cmd != nil { // each answer re-arms the read of the next batch
				msg := cmd()
				if b, ok := msg.(searchBatch); ok {
					batches++
					if !b.done && len(b.paths) == 0 {
						t.Fatal("an empty batch before the end")
					}
				}
				if bm, ok := msg.(tea.BatchMsg); ok {
					var next tea.Cmd
					for _, c := range bm {
						if c == nil {
							continue
						}
						inner := c()
						if b, ok := inner.(searchBatch); ok {
							batches++
							m, next = m.Update(b)
						} else if inner != nil {
							m, _ = drive(t, m, func() tea.Msg { return inner })
						}
					}
					cmd = next
					continue
				}
				m, cmd = m.Update(msg)
			}
			if m.searching {
				t.Fatal("the search never said it was done")
			}
			if tt.wantCount >= 0 && len(m.searchPaths) != tt.wantCount {
				t.Errorf("%d results, want %d", len(m.searchPaths), tt.wantCount)
			}
			if m.searchWhy != tt.wantWhy || batches < tt.wantBatches {
				t.Errorf("why %q after %d batches, want %q after ≥ %d", m.searchWhy, batches, tt.wantWhy, tt.wantBatches)
			}
			if tt.wantWhy != "" && !strings.Contains(m.View(), tt.wantWhy) {
				t.Errorf("the bound is not on screen:\n%s", m.View())
			}
		})
	}
}

func TestEscStopsTheSearchWalk(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	m, first := m.Update(keyMsg("ctrl+f"))
	ch := m.searchCh
	m, _ = press(t, m, "esc")
	m, _ = drive(t, m, first) // the read that was in flight: answered, then dropped
	for range ch {            // the walker closes its channel once cancelled
	}
	if m.Capturing() || len(rows(m)) != 6 {
		t.Errorf("after esc: capturing %v rows %q", m.Capturing(), rows(m))
	}
}

func TestTheFilterRanksEveryNameFoundAndSaysHowManyItDoesNotShow(t *testing.T) {
	files := map[string][]byte{}
	for d := 0; d < 6; d++ {
		for i := 0; i < 300; i++ {
			files[fmt.Sprintf("day-%d/scan-%04d.jpg", d, i)] = nil
		}
	}
	files["day-5/zz-passport-ahmed.jpg"] = nil // found last, ranked first
	m := open(t, Options{StartDir: tree(t, files)}, 100, 30)
	m, _ = press(t, m, "ctrl+f")
	m, _ = press(t, m, "s", "c", "a", "n")
	if !strings.Contains(m.View(), "showing the best 200 of 1,800 matches") {
		t.Errorf("1,800 names match 'scan' and 200 show; the screen must say so:\n%s", m.View())
	}
	m, _ = press(t, m, "ctrl+u")
	m, _ = press(t, m, "a", "h", "m", "e", "d")
	if r := rows(m); len(r) == 0 || r[0] != filepath.Join("day-5", "zz-passport-ahmed.jpg") {
		t.Errorf("the best match over every name found: %q", r)
	}
}

func TestSearchLooksBelowTheFolderShownNotTheStartFolder(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	m = moveTo(t, m, "Scans")
	m, _ = press(t, m, "enter", "ctrl+f")
	want := []string{filepath.Join("2026-11", "passport-noor.png"), filepath.Join("nested", "deep", "passport-deep.jpg")}
	if got := slices.Sorted(slices.Values(rows(m))); !slices.Equal(got, want) {
		t.Fatalf("ctrl+f in Scans found %q, want %q", got, want)
	}
	m = moveTo(t, m, filepath.Join("nested", "deep", "passport-deep.jpg"))
	_, out := press(t, m, "enter")
	if len(out) != 1 || out[0].(ChosenMsg).File.Path != filepath.Join(root, "Scans", "nested", "deep", "passport-deep.jpg") {
		t.Errorf("enter chose %v", out)
	}
}

func TestALargeFolderShowsItsFirstNamesThenFillsIn(t *testing.T) {
	files := map[string][]byte{}
	for i := 0; i < firstScreenNames+500; i++ {
		files[fmt.Sprintf("scan-%05d.jpg", i)] = nil
	}
	root := tree(t, files)
	m := New(Options{StartDir: root})
	m.sh.tick, m.sh.rest = noTick, restNow
	m = m.SetSize(100, 30)
	m, rest := m.Update(m.Init()())
	if !m.partial || len(m.entries) == 0 || len(m.entries) > firstScreenNames {
		t.Fatalf("first answer: partial %v with %d entries, want a first screenful", m.partial, len(m.entries))
	}
	if !strings.Contains(m.View(), "showing the first") {
		t.Errorf("the screen does not say the listing is still coming:\n%s", m.View())
	}
	m, _ = press(t, m, "down", "down")
	held := highlightedName(m)
	m, _ = drive(t, m, rest)
	if m.partial || len(m.entries) != firstScreenNames+500 {
		t.Fatalf("after the whole listing: partial %v, %d entries", m.partial, len(m.entries))
	}
	if highlightedName(m) != held {
		t.Errorf("the highlight moved from %q to %q when the listing filled in", held, highlightedName(m))
	}
}
