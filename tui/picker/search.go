package picker

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"example.com/passport-update/internal/imagecheck"
	tea "github.com/charmbracelet/bubbletea"
)

// Search bounds: a recursive search must end even under a home folder with a million files.
// Whatever a bound leaves out, the screen says (searchBatch.why): nothing is dropped silently.
// The count bound only keeps memory in hand (each name costs its path and its index entry); the
// filter ranks every name found.
const (
	DefaultSearchDepth   = 8
	DefaultSearchLimit   = 500_000
	DefaultSearchTimeout = 10 * time.Second
	searchBatchSize      = 512
	searchBatchEvery     = 50 * time.Millisecond
)

// searchBatch is a slice of results found below the start folder, relative to it.
type searchBatch struct {
	id    int64
	paths []string
	disp  []string
	done  bool
	why   string // why the search stopped early, "" when it ran out of folders
}

// startSearch walks root breadth first in a goroutine and streams batches on the returned
// channel, which is closed at the end. Symlinked folders are never followed (so a symlink loop
// is just a name), hidden folders are skipped, and depth, count and time are bounded. cancel
// stops the walk; the goroutine then exits even if nobody reads.
func startSearch(root string, depth, limit int, timeout time.Duration) (<-chan searchBatch, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan searchBatch, 1)
	go func() {
		defer close(ch)
		w := walker{ctx: ctx, ch: ch, root: root, depth: depth, limit: limit,
			deadline: time.Now().Add(timeout), timeout: timeout, last: time.Now()}
		w.b.why = w.walk()
		if w.ctx.Err() == nil {
			w.send(true)
		}
	}()
	return ch, cancel
}

type walker struct {
	ctx          context.Context
	ch           chan<- searchBatch
	root         string
	depth, limit int
	deadline     time.Time
	timeout      time.Duration
	found        int
	tooDeep      int // folders below the depth bound, not opened
	last         time.Time
	b            searchBatch
}

// walk returns why it stopped early ("" when every folder within depth was read).
func (w *walker) walk() string {
	type dir struct {
		rel   string
		depth int
	}
	queue := []dir{{"", 0}}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		f, err := os.Open(filepath.Join(w.root, d.rel))
		if err != nil {
			continue // unreadable folders are skipped: the search is a convenience
		}
		for {
			des, err := f.ReadDir(256)
			for _, de := range des {
				name := de.Name()
				if name[0] == '.' {
					continue
				}
				rel := filepath.Join(d.rel, name)
				t := de.Type()
				switch {
				case t.IsDir(): // a symlink to a folder has ModeSymlink, not ModeDir: never followed
					if d.depth+1 < w.depth {
						queue = append(queue, dir{rel, d.depth + 1})
					} else {
						w.tooDeep++
					}
				case (t.IsRegular() || t&fs.ModeSymlink != 0) && imagecheck.IsImageName(name):
					w.b.paths = append(w.b.paths, rel)
					w.b.disp = append(w.b.disp, imagecheck.EscapeName(rel))
					if w.found++; w.found >= w.limit {
						f.Close()
						return fmt.Sprintf("it stopped at %s images", thousands(w.limit))
					}
				}
			}
			switch {
			case w.ctx.Err() != nil:
				f.Close()
				return "cancelled"
			case time.Now().After(w.deadline):
				f.Close()
				return "it stopped after " + w.timeout.String()
			case len(w.b.paths) >= searchBatchSize || (len(w.b.paths) > 0 && time.Since(w.last) >= searchBatchEvery):
				if !w.send(false) {
					f.Close()
					return "cancelled"
				}
			}
			if err != nil || len(des) == 0 {
				break
			}
		}
		f.Close()
	}
	if w.tooDeep > 0 {
		return fmt.Sprintf("%s more than %d levels down %s not searched", count(w.tooDeep, "folder", "folders"), w.depth-1,
			map[bool]string{true: "was", false: "were"}[w.tooDeep == 1])
	}
	return ""
}

// send hands the batch over, or gives up when the search was cancelled.
func (w *walker) send(final bool) bool {
	w.b.done = final
	select {
	case w.ch <- w.b:
	case <-w.ctx.Done():
		return false
	}
	w.b, w.last = searchBatch{}, time.Now()
	return true
}

// nextBatch reads one batch; Update re-arms it until the batch that says done.
func nextBatch(id int64, ch <-chan searchBatch) tea.Cmd {
	return func() tea.Msg {
		b, ok := <-ch
		if !ok {
			return searchBatch{id: id, done: true}
		}
		b.id = id
		return b
	}
}
