package picker

import (
	"errors"
	"io/fs"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"passport-update/tui/preview"
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
}

// listCmd reads dir off the UI loop. Only folders and image names are kept (other files are
// hidden, not dimmed: a branch's scan folder may hold thousands of PDFs); names starting with a
// dot are hidden; folders come first, each group in byte order of the name.
func listCmd(id int64, dir string) tea.Cmd {
	return func() tea.Msg {
		entries, err := readEntries(dir)
		return listMsg{id: id, dir: dir, entries: entries, err: err}
	}
}

func readEntries(dir string) ([]entry, error) {
	var entries []entry
	err := scanDir(dir, func(name string, t fs.FileMode) {
		if name[0] == '.' {
			return
		}
		var k kind
		switch {
		case t.IsDir():
			k = kindDir
		case t&fs.ModeSymlink != 0:
			k = kindLink
		case !preview.IsImageName(name):
			return
		case t.IsRegular():
			k = kindFile
		default:
			k = kindOther
		}
		entries = append(entries, entry{name: name, disp: escapeName(name), kind: k})
	})
	slices.SortFunc(entries, func(a, b entry) int {
		if ad, bd := a.kind == kindDir, b.kind == kindDir; ad != bd {
			if ad {
				return -1
			}
			return 1
		}
		return strings.Compare(a.name, b.name)
	})
	return entries, err
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
