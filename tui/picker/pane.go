package picker

import (
	"errors"
	"image"
	"io/fs"

	tea "github.com/charmbracelet/bubbletea"

	"passport-update/tui/preview"
)

// previewState is the preview of the highlighted file.
type previewState struct {
	id       int64
	path     string
	info     *preview.Info // nil until Inspect answers
	decoding bool
	img      *image.RGBA // the cached sample; re-rendered on resize without decoding again
	thumb    preview.Thumbnail
}

type inspectMsg struct {
	id   int64
	info preview.Info
}

type pictureMsg struct {
	id   int64
	info preview.Info
	img  *image.RGBA
}

type verifiedMsg struct {
	id   int64
	info preview.Info
}

func inspectCmd(id int64, path string, maxBytes int64) tea.Cmd {
	return func() tea.Msg { return inspectMsg{id: id, info: preview.Inspect(path, maxBytes)} }
}

// decodeCmd decodes one file at a time, and not at all once the user has moved on: scrolling
// past twenty large JPEGs must not start twenty 36 MB decodes.
func decodeCmd(id int64, info preview.Info, sh *shared) tea.Cmd {
	return func() tea.Msg {
		sh.decode <- struct{}{}
		defer func() { <-sh.decode }()
		if sh.latestPreview.Load() != id {
			return pictureMsg{id: id}
		}
		img, err := sh.cache.Load(info)
		return pictureMsg{id: id, info: withDecodeResult(info, err), img: img}
	}
}

// verifyCmd is the check behind enter: a fresh Inspect (the file may have changed since it was
// previewed) and a full decode (a truncated JPEG passes the header check), from the cache when
// this version of the file was already decoded.
func verifyCmd(id int64, path string, maxBytes int64, sh *shared) tea.Cmd {
	return func() tea.Msg {
		info := preview.Inspect(path, maxBytes)
		if info.Refusal == "" {
			sh.decode <- struct{}{}
			_, err := sh.cache.Load(info)
			<-sh.decode
			info = withDecodeResult(info, err)
		}
		return verifiedMsg{id: id, info: info}
	}
}

func withDecodeResult(info preview.Info, err error) preview.Info {
	switch {
	case err == nil:
		return info
	case errors.Is(err, preview.ErrDamaged):
		return info.Damaged()
	case errors.Is(err, preview.ErrChanged):
		return info.Refuse("changed while checked", "The file changed while it was being checked — pick it again.")
	case errors.Is(err, fs.ErrNotExist):
		return info.Refuse("gone", preview.SentenceGone)
	case errors.Is(err, preview.ErrNotRegular):
		return info.Refuse("not a regular file", preview.SentenceNotRegular)
	case errors.Is(err, fs.ErrPermission):
		return info.Refuse("unreadable", preview.SentencePermission)
	}
	return info.Refuse("unreadable", preview.SentenceUnreadable)
}

// previewHighlighted starts the preview of the highlighted row if it is a different file.
func (m Model) previewHighlighted() (Model, tea.Cmd) {
	r, ok := m.highlighted()
	if !ok || r.kind == kindDir {
		m.pv = previewState{}
		m.sh.latestPreview.Store(0)
		return m, nil
	}
	if r.path == m.pv.path {
		return m, nil
	}
	m.pv = previewState{id: nextID(), path: r.path}
	m.sh.latestPreview.Store(m.pv.id)
	return m, inspectCmd(m.pv.id, r.path, m.opts.MaxBytes)
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
	return m, decodeCmd(m.pv.id, info, m.sh)
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
		m.pv.thumb = preview.Render(m.pv.img, lay.paneW, rows)
	}
	return m
}
