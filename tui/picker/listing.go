package picker

import (
	"errors"
	"io/fs"
	"os"
	"slices"

	"example.com/passport-update/internal/imagecheck"
	tea "github.com/charmbracelet/bubbletea"
)

type kind uint8

const (
	kindDir   kind = iota
	kindFile       // a regular file named .jpg/.jpeg/.png (any case)
	kindLink       // a symlink: what it names is only known when opened
	kindOther      // a pipe, socket or device named like an image: listed so Inspect can say why not
)

// entry is one row of a folder listing. The type comes from the directory entry itself
// (d_type): no stat per entry, which on 100,000 files would cost more than the listing.
type entry struct {
	name string // as on disk
	disp string // escaped for the terminal; the fuzzy filter runs over this
	kind kind
}

// listMsg carries a folder's listing back to the UI loop; id ties it to the request.
type listMsg struct {
	id      int64
	dir     string
	entries []entry
	err     error
	// rest is set on a first screenful of a large folder: the whole listing follows on it.
	rest <-chan listMsg
}

// firstScreenNames is how many names a large folder shows before it is read whole: many
// screenfuls, read and sorted in a moment however large the folder.
const firstScreenNames = 4096

// listCmd reads dir off the UI loop. Only folders and image names are kept (other files are
// hidden, not dimmed: a branch's scan folder may hold thousands of PDFs); names starting with a
// dot are hidden; folders come first, each group in byte order of the name. A folder too large
// to read in a moment first answers with the first names the directory gives, sorted, and the
// whole listing follows (listMsg.rest).
func listCmd(id int64, dir string) tea.Cmd {
	return func() tea.Msg {
		whole := make(chan listMsg, 1)
		go func() {
			entries, err := readEntries(dir)
			whole <- listMsg{id: id, dir: dir, entries: entries, err: err}
		}()
		first, more := firstEntries(dir, firstScreenNames)
		if !more {
			return <-whole
		}
		return listMsg{id: id, dir: dir, entries: first, rest: whole}
	}
}

// waitList reads the whole listing that follows a first screenful.
func waitList(rest <-chan listMsg) tea.Cmd {
	return func() tea.Msg { return <-rest }
}

// firstEntries lists the first n names dir gives (in directory order, then sorted as
// readEntries sorts); more reports that the folder holds at least n.
func firstEntries(dir string, n int) ([]entry, bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	des, _ := f.ReadDir(n)
	if len(des) < n {
		return nil, false
	}
	var dirs, files []string
	special := map[string]kind{}
	for _, de := range des {
		name, t := de.Name(), de.Type()
		switch {
		case name[0] == '.':
			continue
		case t.IsDir():
			dirs = append(dirs, name)
			continue
		case t&fs.ModeSymlink != 0:
			special[name] = kindLink
		case !imagecheck.IsImageName(name):
			continue
		case !t.IsRegular():
			special[name] = kindOther
		}
		files = append(files, name)
	}
	return makeEntries(sortNames(dirs), sortNames(files), special), true
}

func readEntries(dir string) ([]entry, error) {
	n, each, err := scanDir(dir)
	// Names are sorted as plain strings (16 bytes each, cmp.Less, no closure), folders and files
	// apart; the rare symlinks and pipes remember their kind in a map.
	var dirs []string
	files := make([]string, 0, n)
	special := map[string]kind{}
	each(func(name string, t fs.FileMode) {
		if name[0] == '.' {
			return
		}
		switch {
		case t.IsDir():
			dirs = append(dirs, name)
			return
		case t&fs.ModeSymlink != 0:
			special[name] = kindLink
		case !imagecheck.IsImageName(name):
			return
		case !t.IsRegular():
			special[name] = kindOther
		}
		files = append(files, name)
	})
	return makeEntries(sortNames(dirs), sortNames(files), special), err
}

// makeEntries builds the rows: folders, then files, each group already sorted.
func makeEntries(dirs, files []string, special map[string]kind) []entry {
	entries := make([]entry, 0, len(dirs)+len(files))
	for _, name := range dirs {
		entries = append(entries, entry{name: name, disp: imagecheck.EscapeName(name), kind: kindDir})
	}
	for _, name := range files {
		k := kindFile
		if len(special) > 0 {
			if sk, ok := special[name]; ok {
				k = sk
			}
		}
		entries = append(entries, entry{name: name, disp: imagecheck.EscapeName(name), kind: k})
	}
	return entries
}

// sortNames sorts in byte order; a large list is sorted in two halves on two cores and merged.
func sortNames(names []string) []string {
	if len(names) < 1<<14 {
		slices.Sort(names)
		return names
	}
	mid := len(names) / 2
	a, b := names[:mid], names[mid:]
	done := make(chan struct{})
	go func() {
		slices.Sort(a)
		close(done)
	}()
	slices.Sort(b)
	<-done
	out := make([]string, 0, len(names))
	for len(a) > 0 && len(b) > 0 {
		if b[0] < a[0] {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// listSentence says why a folder could not be listed, and what to do.
func listSentence(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "This folder no longer exists. Press backspace to go up."
	case errors.Is(err, fs.ErrPermission):
		return "You have no permission to open this folder. Press backspace to go up."
	case isNotDir(err):
		return "This is not a folder. Press backspace to go up."
	}
	return "This folder could not be read. Press backspace to go up."
}
