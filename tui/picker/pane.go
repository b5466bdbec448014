package picker

import (
	"context"
	"errors"
	"image"
	"io/fs"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/preview"
)

// restDelay is how long the cursor must stay on a file before its preview starts. Held arrow
// keys repeat every 30–50 ms, so scrolling past photos starts no work for them; a person who
// stops to look waits this long plus one reduced decode.
const restDelay = 100 * time.Millisecond

// previewState is the preview of the highlighted file.
type previewState struct {
	id       int64
	path     string
	info     *imagecheck.Info // nil until Inspect answers
	decoding bool
	img      *image.RGBA // the cached sample; re-rendered on resize without decoding again
	thumb    preview.Thumbnail
	// cancel stops this preview's inspect and decode once the cursor moves on (nil before the
	// cursor has rested). Copies of the model share it, which is what stopping needs.
	cancel context.CancelFunc
}

// stop cancels the preview's work, if any started.
func (p previewState) stop() {
	if p.cancel != nil {
		p.cancel()
	}
}

// restMsg says the cursor has stayed on preview id for restDelay.
type restMsg struct{ id int64 }

type inspectMsg struct {
	id   int64
	info imagecheck.Info
	ctx  context.Context // the preview's: its decode stops with it
}

type pictureMsg struct {
	id   int64
	info imagecheck.Info
	img  *image.RGBA
}

type verifiedMsg struct {
	id   int64
	info imagecheck.Info
	img  *image.RGBA // the reduced copy, nil when refused
}

func inspectCmd(ctx context.Context, id int64, path string, maxBytes int64) tea.Cmd {
	return func() tea.Msg {
		if ctx.Err() != nil {
			return nil
		}
		return inspectMsg{id: id, info: imagecheck.Inspect(path, maxBytes), ctx: ctx}
	}
}

// decodeCmd decodes one file at a time (a fallback full decode holds tens of megabytes), and
// gives up, waiting or decoding, once the user has moved on.
func decodeCmd(ctx context.Context, id int64, info imagecheck.Info, sh *shared) tea.Cmd {
	return func() tea.Msg {
		select {
		case sh.decode <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		defer func() { <-sh.decode }()
		if ctx.Err() != nil {
			return nil
		}
		sh.decodes.Add(1)
		img, err := sh.cache.LoadContext(ctx, info)
		if ctx.Err() != nil {
			return nil
		}
		return pictureMsg{id: id, info: withDecodeResult(info, err), img: img}
	}
}

// verifyCmd is the check behind enter: a fresh Inspect (the file may have changed since it was
// previewed; a truncated file is refused there) and the reduced decode, from the cache when this
// version of the file was already previewed. The sample travels with the choice, so Review
// draws it without decoding again.
func verifyCmd(id int64, path string, maxBytes int64, sh *shared) tea.Cmd {
	return func() tea.Msg {
		info := imagecheck.Inspect(path, maxBytes)
		var img *image.RGBA
		if info.Refusal == "" {
			sh.decode <- struct{}{}
			var err error
			if _, _, cached := sh.cache.Get(preview.KeyOf(info)); !cached {
				sh.decodes.Add(1)
			}
			img, err = sh.cache.Load(info)
			<-sh.decode
			info = withDecodeResult(info, err)
		}
		return verifiedMsg{id: id, info: info, img: img}
	}
}

func withDecodeResult(info imagecheck.Info, err error) imagecheck.Info {
	switch {
	case err == nil:
		return info
	case errors.Is(err, preview.ErrDamaged):
		return info.Damaged()
	case errors.Is(err, preview.ErrChanged):
		return info.Refuse("changed while checked", "The file changed while it was being checked — pick it again.")
	case errors.Is(err, fs.ErrNotExist):
		return info.Refuse("gone", imagecheck.SentenceGone)
	case errors.Is(err, imagecheck.ErrNotRegular):
		return info.Refuse("not a regular file", imagecheck.SentenceNotRegular)
	case errors.Is(err, fs.ErrPermission):
		return info.Refuse("unreadable", imagecheck.SentencePermission)
	}
	return info.Refuse("unreadable", imagecheck.SentenceUnreadable)
}

// previewHighlighted follows the highlight: a new file stops the previous file's work and
// waits for the cursor to rest before starting its own.
func (m Model) previewHighlighted() (Model, tea.Cmd) {
	r, ok := m.highlighted()
	if !ok || r.kind == kindDir {
		m.pv.stop()
		m.pv = previewState{}
		return m, nil
	}
	if r.path == m.pv.path {
		return m, nil
	}
	m.pv.stop()
	m.pv = previewState{id: nextID(), path: r.path}
	id := m.pv.id
	return m, m.sh.rest(restDelay, func(time.Time) tea.Msg { return restMsg{id: id} })
}

// onRest starts the preview of the file the cursor rested on.
func (m Model) onRest(msg restMsg) (Model, tea.Cmd) {
	if msg.id != m.pv.id || m.pv.cancel != nil {
		return m, nil
	}
	var ctx context.Context
	ctx, m.pv.cancel = context.WithCancel(context.Background())
	return m, inspectCmd(ctx, m.pv.id, m.pv.path, m.opts.MaxBytes)
}

func (m Model) onInspect(msg inspectMsg) (Model, tea.Cmd) {
	if msg.id != m.pv.id {
		return m, nil
	}
	info := msg.info
	m.pv.info = &info
	if info.Refusal != "" {
		return m, nil
	}
	if img, err, ok := m.sh.cache.Get(preview.KeyOf(info)); ok {
		info = withDecodeResult(info, err)
		m.pv.info, m.pv.img = &info, img
		return m.renderThumb(), nil
	}
	m.pv.decoding = true
	ctx := msg.ctx
	if ctx == nil { // an inspect not started by a rest (tests build them by hand)
		ctx = context.Background()
	}
	return m, decodeCmd(ctx, m.pv.id, info, m.sh)
}

func (m Model) onPicture(msg pictureMsg) Model {
	if msg.id != m.pv.id || msg.info.Path == "" {
		return m
	}
	info := msg.info
	m.pv.info, m.pv.img, m.pv.decoding = &info, msg.img, false
	return m.renderThumb()
}

// renderThumb draws the cached sample at the pane's current size (in Update, never in View).
func (m Model) renderThumb() Model {
	m.pv.thumb = preview.Thumbnail{}
	lay := m.layout()
	if m.pv.img == nil || lay.paneW == 0 {
		return m
	}
	rows := lay.listH - len(m.paneText(lay.paneW)) - 1
	if rows >= 3 {
		m.pv.thumb = preview.RenderProfile(m.pv.img, lay.paneW, rows, m.st.Profile)
	}
	return m
}
