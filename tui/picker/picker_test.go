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
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/preview"
)

func TestListingShowsFoldersFirstThenImagesInAnyLetterCase(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	want := []string{"Archive/", "Scans/", "Scan-0042.Jpeg", "passport-ahmed.JPG", "passport-fatima.jpeg", "specimen.png"}
	if got := rows(m); !slices.Equal(got, want) {
		t.Errorf("rows %q\nwant %q (no hidden names, no .txt/.pdf)", got, want)
	}
	if !strings.Contains(m.View(), "4 images · 2 folders") {
		t.Errorf("status line missing counts:\n%s", m.View())
	}
}

func TestStartDirIsMadeAbsolute(t *testing.T) {
	root := branchFolder(t)
	t.Chdir(root)
	m := New(Options{StartDir: "Scans"})
	if want := filepath.Join(root, "Scans"); m.StartDir() != want || m.Dir() != want {
		t.Errorf("StartDir %q Dir %q, want %q", m.StartDir(), m.Dir(), want)
	}
}

func TestEnterOpensAFolderAndBackspaceReturnsToIt(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	m = moveTo(t, m, "Scans")
	m, _ = press(t, m, "enter")
	if m.Dir() != filepath.Join(root, "Scans") || !slices.Equal(rows(m), []string{"2026-11/", "nested/"}) {
		t.Fatalf("after enter: dir %q rows %q", m.Dir(), rows(m))
	}
	m, _ = press(t, m, "right", "right")
	if !slices.Equal(rows(m), []string{"passport-noor.png"}) {
		t.Fatalf("right opens the highlighted folder: rows %q", rows(m))
	}
	m, _ = press(t, m, "backspace", "left")
	if m.Dir() != root || highlightedName(m) != "Scans" {
		t.Errorf("after backspace, left: dir %q highlighted %q, want the start folder with Scans highlighted", m.Dir(), highlightedName(m))
	}
}

func TestEscIsLeftToTheWizardUnlessAnInputIsOpen(t *testing.T) {
	m := open(t, Options{StartDir: branchFolder(t)}, 100, 30)
	if m.Capturing() {
		t.Fatal("browsing must not capture keys")
	}
	for _, k := range []string{"/", "ctrl+f", "ctrl+l"} {
		m, _ = press(t, m, k)
		if !m.Capturing() {
			t.Fatalf("%s opened no input", k)
		}
		m, _ = press(t, m, "esc")
		if m.Capturing() {
			t.Fatalf("esc did not close the input opened by %s", k)
		}
	}
}

func TestFilterHighlightsTheMatchedLetters(t *testing.T) {
	m := open(t, Options{StartDir: branchFolder(t)}, 100, 30)
	m, _ = press(t, m, "/", "f", "a", "t")
	if got := rows(m); len(got) == 0 || got[0] != "passport-fatima.jpeg" {
		t.Fatalf("filter 'fat': rows %q", got)
	}
	if got := m.matches[0].MatchedIndexes; !slices.Equal(got, []int{9, 10, 11}) {
		t.Errorf("matched indexes %v, want the letters of 'fat' in fatima", got)
	}
	lipgloss.SetColorProfile(termenv.ANSI256)
	defer lipgloss.SetColorProfile(termenv.Ascii)
	r, _ := m.row(0)
	style := m.st.File.Inherit(m.st.Cursor)
	want := style.Render("passport-") + m.st.Match.Inherit(style).Render("fat") + style.Render("ima.jpeg")
	if !strings.Contains(m.View(), want) {
		t.Errorf("the view does not show %q with 'fat' in the match style", r.disp)
	}
}

func TestStaleFilterResultsAreDropped(t *testing.T) {
	m := open(t, Options{StartDir: branchFolder(t)}, 100, 30)
	m, _ = press(t, m, "/")
	m, slow := m.Update(keyMsg("s"))     // its answer is held back…
	m, _ = press(t, m, "backspace", "p") // …while the query changes twice
	m, _ = drive(t, m, slow)
	for _, r := range rows(m) {
		if !strings.Contains(strings.ToLower(r), "p") {
			t.Fatalf("a result for the old query 's' was shown for 'p': %q", rows(m))
		}
	}
	m, held := m.Update(keyMsg("a"))
	m, _ = press(t, m, "esc")
	m, _ = drive(t, m, held)
	if len(rows(m)) != 6 || m.Capturing() {
		t.Errorf("an answer arriving after esc changed the listing: %q", rows(m))
	}
}

func TestQueriesTypedWhileFilteringRunOnceTheFilterAnswers(t *testing.T) {
	m := open(t, Options{StartDir: branchFolder(t)}, 100, 30)
	m, _ = press(t, m, "/")
	m, first := m.Update(keyMsg("s"))
	m, none := m.Update(keyMsg("p"))
	if none != nil {
		t.Fatal("a second filter started while one was running")
	}
	m, _ = drive(t, m, first)
	if got := rows(m); m.query != "sp" || len(got) == 0 || got[0] != "specimen.png" || slices.Contains(got, "Archive/") {
		t.Errorf("after both answers: query %q rows %q, want the matches of 'sp', specimen.png first", m.query, got)
	}
}

func TestEnterChoosesAnImageThatPassesEveryCheck(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root, MaxBytes: 10 << 20}, 100, 30)
	m = moveTo(t, m, "passport-ahmed.JPG")
	m, out := press(t, m, "enter")
	if len(out) != 1 {
		t.Fatalf("enter produced %d ChosenMsg, want 1", len(out))
	}
	f := out[0].(ChosenMsg).File
	st, _ := os.Stat(filepath.Join(root, "passport-ahmed.JPG"))
	if f.Path != filepath.Join(root, "passport-ahmed.JPG") || f.Format != "jpeg" || f.Width != 1240 || f.Height != 870 || f.Size != st.Size() || !f.ModTime.Equal(st.ModTime()) {
		t.Errorf("chosen %+v", f)
	}
	file, err := f.Open()
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	file.Close()
	if th, ok := f.Thumbnail(m.Cache(), 30, 10); !ok || th.Cols != 28 || th.Rows != 10 {
		t.Errorf("Review thumbnail from the cache: %d×%d ok=%v, want 28×10 (1240×870 in 30×20 px)", th.Cols, th.Rows, ok)
	}
	if f.Sample == nil {
		t.Fatal("the choice carries no reduced copy: Review would have to decode again")
	}
	if th, ok := f.ThumbnailProfile(30, 10, termenv.TrueColor); !ok || th.Cols != 28 || th.Rows != 10 {
		t.Errorf("Review thumbnail from the choice: %d×%d ok=%v, want 28×10", th.Cols, th.Rows, ok)
	}
}

func TestEnterOnARefusedFileShowsTheSentenceAndChoosesNothing(t *testing.T) {
	root := branchFolder(t)
	if err := os.WriteFile(filepath.Join(root, "passport-fatima.jpeg"), []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := open(t, Options{StartDir: root}, 100, 30)
	m = moveTo(t, m, "passport-fatima.jpeg")
	m, out := press(t, m, "enter")
	if len(out) != 0 || m.Err() != imagecheck.SentenceNotImage {
		t.Errorf("chosen %v, sentence %q", out, m.Err())
	}
	if !strings.Contains(m.View(), "not a JPEG or PNG image") {
		t.Errorf("sentence not on screen:\n%s", m.View())
	}
}

func TestAFileDeletedAfterListingIsASentenceNotAPanic(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	if err := os.Remove(filepath.Join(root, "specimen.png")); err != nil {
		t.Fatal(err)
	}
	m = moveTo(t, m, "specimen.png")
	if m.pv.info == nil || m.pv.info.Refusal != imagecheck.SentenceGone {
		t.Errorf("preview of a vanished file: %+v", m.pv.info)
	}
	m, out := press(t, m, "enter")
	if len(out) != 0 || m.Err() != imagecheck.SentenceGone {
		t.Errorf("chosen %v, sentence %q", out, m.Err())
	}
	_ = m.View()
}

func TestAFolderDeletedWhileOpenIsASentence(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	m = moveTo(t, m, "Scans")
	m, _ = press(t, m, "enter")
	if err := os.RemoveAll(filepath.Join(root, "Scans")); err != nil {
		t.Fatal(err)
	}
	m = moveTo(t, m, "nested")
	m, _ = press(t, m, "enter")
	if !strings.Contains(m.View(), "This folder no longer exists. Press backspace to go up.") {
		t.Fatalf("no sentence for the deleted folder:\n%s", m.View())
	}
	m, _ = press(t, m, "backspace")
	if !strings.Contains(m.View(), "no longer exists") {
		t.Errorf("the parent was deleted too; it must say so:\n%s", m.View())
	}
	m, _ = press(t, m, "backspace")
	if m.Dir() != root || len(rows(m)) != 5 {
		t.Errorf("back at the start: dir %q rows %q", m.Dir(), rows(m))
	}
}

func TestTypedPaths(t *testing.T) {
	root := branchFolder(t)
	t.Setenv("HOME", root)
	tests := []struct {
		name, typed, wantChosen, wantDir, wantErr string
	}{
		{"relative to the folder shown", "Scans/nested/deep/passport-deep.jpg", "Scans/nested/deep/passport-deep.jpg", "Scans/nested/deep", ""},
		{"under the home folder", "~/specimen.png", "specimen.png", ".", ""},
		{"absolute, a folder", filepath.Join(root, "Scans", "2026-11"), "", "Scans/2026-11", ""},
		{"nothing there", "Scans/missing.jpg", "", ".", "Nothing is at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := open(t, Options{StartDir: root}, 100, 30)
			m, _ = press(t, m, "ctrl+l", tt.typed)
			m, out := press(t, m, "enter")
			if wantDir := filepath.Join(root, tt.wantDir); m.Dir() != wantDir {
				t.Errorf("dir %q, want %q", m.Dir(), wantDir)
			}
			switch {
			case tt.wantChosen != "":
				if len(out) != 1 || out[0].(ChosenMsg).File.Path != filepath.Join(root, tt.wantChosen) {
					t.Errorf("chosen %v, want %s", out, tt.wantChosen)
				}
				if highlightedName(m) != filepath.Base(tt.wantChosen) {
					t.Errorf("highlighted %q", highlightedName(m))
				}
			case tt.wantErr != "":
				if !strings.Contains(m.Err(), tt.wantErr) || !m.Capturing() {
					t.Errorf("sentence %q, capturing %v: the input must stay open with the sentence", m.Err(), m.Capturing())
				}
			default:
				if len(out) != 0 || m.Capturing() {
					t.Errorf("a folder path chose %v / left the input open", out)
				}
			}
		})
	}
}

func TestSelectReturnsToAFileAfterAnOCRFailure(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	deep := filepath.Join(root, "Scans", "nested", "deep", "passport-deep.jpg")
	m, cmd := m.SetError("OCR could not read the passport: the image is too dark.").SelectCmd(deep)
	m, _ = drive(t, m, cmd)
	if m.Dir() != filepath.Dir(deep) || highlightedName(m) != "passport-deep.jpg" {
		t.Fatalf("dir %q highlighted %q", m.Dir(), highlightedName(m))
	}
	if m.pv.info == nil || m.pv.info.Width != 900 {
		t.Errorf("the selected file is not previewed: %+v", m.pv.info)
	}
	if !strings.Contains(m.View(), "the image is too dark") {
		t.Errorf("SetError sentence not shown:\n%s", m.View())
	}
	m = m.Select(filepath.Join(root, "Scans", "nested", "deep", "passport-deep.jpg"))
	if highlightedName(m) != "passport-deep.jpg" {
		t.Errorf("Select in the same folder: %q", highlightedName(m))
	}
}

func TestNamesAreShownEscapedNeverInterpreted(t *testing.T) {
	root := tree(t, map[string][]byte{
		"bad\xff\xfename.jpg":        jpegOf(t, 800, 560),
		"evil\x1b[2J\x1b[31mred.jpg": jpegOf(t, 800, 560),
		"rtl\u202egpj.exe.jpg":       jpegOf(t, 800, 560),
		"bell\a.png":                 pngOf(t, 640, 448),
		"جواز-أحمد.jpg":              jpegOf(t, 800, 560),
	})
	m := open(t, Options{StartDir: root}, 100, 30)
	v := m.View()
	for _, want := range []string{`bad\xff\xfename.jpg`, `evil\x1b[2J\x1b[31mred.jpg`, `rtl\u202egpj.exe.jpg`, `bell\x07.png`, "جواز-أحمد.jpg"} {
		if !strings.Contains(v, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	if strings.ContainsAny(v, "\x1b\a\u202e") || strings.Contains(v, "\xff") {
		t.Errorf("a raw control, bidi or invalid byte reached the screen:\n%q", v)
	}
	m = moveTo(t, m, `evil\x1b[2J\x1b[31mred.jpg`)
	m, out := press(t, m, "enter")
	if len(out) != 1 || filepath.Base(out[0].(ChosenMsg).File.Path) != "evil\x1b[2J\x1b[31mred.jpg" {
		t.Errorf("the escaped row must still choose the real file: %v", out)
	}
}

func TestPassingOverPhotosDecodesOnlyTheOneTheCursorRestsOn(t *testing.T) {
	files := map[string][]byte{}
	for i := 0; i < 10; i++ {
		files[fmt.Sprintf("scan-%02d.jpg", i)] = jpegOf(t, 1240, 870)
	}
	root := tree(t, files)
	m := open(t, Options{StartDir: root}, 100, 30) // scan-00 rested on and previewed
	before := m.sh.decodes.Load()
	// A held arrow key: each press asks for a rest tick that the fake clock holds back.
	var rests []tea.Cmd
	m.sh.rest = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		c := func() tea.Msg { return fn(time.Time{}) }
		rests = append(rests, c)
		return c
	}
	for range 9 {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg("down"))
		if cmd == nil {
			t.Fatal("a move asked for no rest tick")
		}
	}
	if n := m.sh.decodes.Load() - before; n != 0 {
		t.Fatalf("%d decodes started while the cursor was moving", n)
	}
	// Now the clock runs: every rest tick arrives, but only the last one is for the file the
	// cursor stays on.
	for _, r := range rests {
		m, _ = drive(t, m, r)
	}
	if n := m.sh.decodes.Load() - before; n != 1 {
		t.Errorf("%d decodes after resting on the last photo, want 1", n)
	}
	if highlightedName(m) != "scan-09.jpg" || m.pv.thumb.Rows == 0 {
		t.Errorf("highlighted %q, thumbnail rows %d: the last photo must be previewed", highlightedName(m), m.pv.thumb.Rows)
	}
}

func TestMovingOnCancelsAPreviewAlreadyStarted(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	m = moveTo(t, m, "passport-ahmed.JPG")
	m, _ = press(t, m, "down") // fatima: rested, inspected, decoded by the helpers' clock
	// Hold fatima's decode back, then move on before it runs.
	m.sh.cache = preview.NewCache(0)
	m.pv.path = ""
	m, rest := m.previewHighlighted()
	m, inspect := m.Update(rest())
	m, decode := m.Update(inspect())
	if decode == nil || !m.pv.decoding {
		t.Fatal("no decode was started for the rested-on file")
	}
	m, _ = press(t, m, "down")
	before := m.sh.decodes.Load()
	if msg := decode(); msg != nil {
		t.Errorf("the decode for a file the cursor left answered %T; want it cancelled", msg)
	}
	if m.sh.decodes.Load() != before {
		t.Error("the cancelled decode ran anyway")
	}
	m2, stale := m.Update(inspectMsg{id: m.pv.id - 1, info: imagecheck.Inspect(filepath.Join(root, "passport-ahmed.JPG"), 0)})
	if stale != nil || (m2.pv.info != nil && m2.pv.info.Path == filepath.Join(root, "passport-ahmed.JPG")) {
		t.Error("an inspect answer for an earlier highlight replaced the current preview")
	}
}

func TestThumbnailIsDrawnBesideTheListAndSummarisedWhenNarrow(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root, MaxBytes: 10 << 20}, 100, 30)
	m = moveTo(t, m, "passport-ahmed.JPG")
	if m.pv.thumb.Rows == 0 {
		t.Fatal("no thumbnail for a valid JPEG")
	}
	if !strings.Contains(m.View(), "1240×870 px · JPEG") {
		t.Errorf("no details beside the list:\n%s", m.View())
	}
	narrow := m.SetSize(60, 20)
	v := narrow.View()
	if narrow.pv.thumb.Rows != 0 || !strings.Contains(v, "1240×870 px · JPEG") || len(strings.Split(v, "\n")) != 20 {
		t.Errorf("narrow view:\n%s", v)
	}
}

func TestSelectInTheSameFolderPreviewsOnTheNextMessage(t *testing.T) {
	root := branchFolder(t)
	m := open(t, Options{StartDir: root}, 100, 30)
	m = m.Select(filepath.Join(root, "specimen.png"))
	if highlightedName(m) != "specimen.png" {
		t.Fatalf("highlighted %q", highlightedName(m))
	}
	m, cmd := m.Update(spinMsg{}) // any message: the wizard's next tick or key
	m, _ = drive(t, m, cmd)
	if m.pv.info == nil || m.pv.info.Format != "png" || m.pv.info.Width != 640 {
		t.Errorf("preview after Select: %+v", m.pv.info)
	}
}

func TestKeysWorkWhileTheListingIsStillBeingRead(t *testing.T) {
	root := branchFolder(t)
	m := New(Options{StartDir: root})
	m.sh.tick, m.sh.rest = noTick, restNow
	m = m.SetSize(100, 30)
	listing := m.Init() // not run yet: the folder is "still being read"
	m, _ = press(t, m, "down", "enter", "pgdown", "backspace")
	if m.Dir() != filepath.Dir(root) {
		t.Fatalf("backspace while loading: dir %q", m.Dir())
	}
	m, _ = drive(t, m, listing) // the old folder's listing arrives late: dropped
	m, _ = drive(t, m, listCmd(m.listID, m.Dir()))
	if highlightedName(m) != filepath.Base(root) {
		t.Errorf("highlighted %q, want the folder we came from", highlightedName(m))
	}
}

func TestAMissingStartFolderIsASentence(t *testing.T) {
	m := open(t, Options{StartDir: filepath.Join(t.TempDir(), "gone")}, 100, 30)
	if v := m.View(); !strings.Contains(v, "This folder no longer exists. Press backspace to go up.") {
		t.Errorf("view:\n%s", v)
	}
}

func TestNoLineIsWiderThanTheAreaGiven(t *testing.T) {
	long := strings.Repeat("very-long-folder-name-", 6)
	root := tree(t, map[string][]byte{
		long + "/" + strings.Repeat("جواز-سفر-", 12) + ".jpg":   jpegOf(t, 800, 560),
		long + "/" + strings.Repeat("scan", 40) + ".png":        pngOf(t, 640, 448),
		long + "/bad\xff" + strings.Repeat("\x1b", 30) + ".jpg": []byte("text"),
	})
	for _, size := range [][2]int{{40, 10}, {60, 16}, {80, 24}, {120, 40}} {
		m := open(t, Options{StartDir: filepath.Join(root, long), MaxBytes: 1000}, size[0], size[1])
		for _, keys := range [][]string{nil, {"down"}, {"down", "down"}, {"/", "scan"}, {"ctrl+l", long + long}} {
			m2, _ := press(t, m, keys...)
			lines := strings.Split(m2.View(), "\n")
			if len(lines) != size[1] {
				t.Errorf("%v after %q: %d lines", size, keys, len(lines))
			}
			for _, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("%v after %q: a line %d cells wide: %q", size, keys, w, l)
				}
			}
		}
	}
}
