package tui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"example.com/passport-update/api"
	"example.com/passport-update/internal/imagecheck"
	"example.com/passport-update/tui/picker"
)

// UploadKeyMap is the Upload screen's keys.
type UploadKeyMap struct {
	Cancel key.Binding
}

// DefaultUploadKeyMap: esc cancels the request.
func DefaultUploadKeyMap() UploadKeyMap {
	return UploadKeyMap{Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel upload"))}
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k UploadKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Cancel} }
func (k UploadKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Cancel}} }

// uploadStep is step 4: bytes sent, then the OCR wait.
type uploadStep struct {
	keys        UploadKeyMap
	file        picker.ChosenFile
	bar         progress.Model
	req         request
	sent, total int64
	started     time.Time
	ocrSince    time.Time // zero until every byte is sent
	sha256      string    // of the bytes the server read, once it answered
	sendTook    time.Duration
	ocrTook     time.Duration
}

// uploadProgressMsg is one reading of the bytes sent; the reader re-arms after each.
type uploadProgressMsg struct {
	id          int64
	sent, total int64
	ch          <-chan uploadProgressMsg
}

// uploadDoneMsg is the server's answer to the upload.
type uploadDoneMsg struct {
	id     int64
	res    api.UploadResult
	err    error
	sentAt time.Time // when the last byte went out (zero if it never did)
	sha256 string    // hex SHA-256 of the bytes sent
}

func (uploadProgressMsg) owner() stepID { return stUpload }
func (uploadDoneMsg) owner() stepID     { return stUpload }

func newUpload() uploadStep { return uploadStep{keys: DefaultUploadKeyMap()} }

// start sends file, streaming it; progress readings arrive one at a time.
func (u uploadStep) start(d desk, c *common, file picker.ChosenFile) (uploadStep, tea.Cmd) {
	u.file, u.sent, u.total, u.started, u.ocrSince = file, 0, file.Size, time.Now(), time.Time{}
	u.bar = progress.New(progress.WithSolidFill("#7AA2F7"), progress.WithColorProfile(c.th.R.ColorProfile()), progress.WithWidth(barWidth(c.width)))
	id, ctx := u.req.start(d.ctx)
	ch := make(chan uploadProgressMsg, 1)
	return u, tea.Batch(uploadCmd(ctx, id, d.client, file, ch), waitProgress(ch), d.tick)
}

// cancel drops the upload in flight; its answer, if one comes, is ignored.
func (u uploadStep) cancel() uploadStep {
	u.req.stop()
	return u
}

func barWidth(w int) int { return max(min(w-20, 80), 20) }

func (u uploadStep) setSize(w int) uploadStep {
	u.bar.Width = barWidth(w)
	return u
}

// uploadCmd opens the chosen file (rechecked since the picker chose it) and streams it. Progress
// goes to ch, read one message at a time by waitProgress; intermediate readings are dropped when
// the screen is behind, the last one (all bytes sent, OCR running) is always delivered.
func uploadCmd(ctx context.Context, id int64, c *api.Client, file picker.ChosenFile, ch chan uploadProgressMsg) tea.Cmd {
	return safe(func() tea.Msg {
		defer close(ch)
		f, err := file.Open()
		if err != nil {
			return uploadDoneMsg{id: id, err: err}
		}
		defer f.Close()
		var sentAt time.Time
		// The receipt names the image by its SHA-256, computed as the bytes stream out.
		sum := sha256.New()
		res, err := c.UploadPassportImage(ctx, api.UploadRequest{
			Image: io.TeeReader(f, sum),
			Size:  file.Size,
			Progress: func(sent, total int64) {
				p := uploadProgressMsg{id: id, sent: sent, total: total, ch: ch}
				if sent < total {
					select {
					case ch <- p:
					default:
					}
					return
				}
				sentAt = time.Now()
				select {
				case ch <- p:
				case <-ctx.Done():
				}
			},
		})
		done := uploadDoneMsg{id: id, res: res, err: err, sentAt: sentAt}
		if err == nil {
			done.sha256 = hex.EncodeToString(sum.Sum(nil))
		}
		return done
	})
}

// waitProgress reads one progress reading; the step re-arms it after each.
func waitProgress(ch <-chan uploadProgressMsg) tea.Cmd {
	return func() tea.Msg {
		p, ok := <-ch
		if !ok {
			return nil
		}
		return p
	}
}

func (u uploadStep) update(msg tea.Msg, d desk) (uploadStep, tea.Cmd, action) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if key.Matches(msg, u.keys.Cancel) && u.req.busy() {
			u.req.stop()
			return u, nil, actRefused{sentence: "Upload cancelled. Pick the file again to retry."}
		}
	case uploadProgressMsg:
		if msg.id != u.req.id {
			return u, nil, nil
		}
		u.sent, u.total = msg.sent, msg.total
		if msg.sent >= msg.total && u.ocrSince.IsZero() {
			u.ocrSince = d.now
		}
		return u, waitProgress(msg.ch), nil
	case uploadDoneMsg:
		return u.answered(msg)
	}
	return u, nil, nil
}

func (u uploadStep) answered(msg uploadDoneMsg) (uploadStep, tea.Cmd, action) {
	if !u.req.answers(msg.id) {
		return u, nil, nil
	}
	total := time.Since(u.started)
	u.sendTook, u.ocrTook = total, 0
	if !msg.sentAt.IsZero() {
		u.sendTook = msg.sentAt.Sub(u.started)
		u.ocrTook = total - u.sendTook
	}
	switch err := msg.err; {
	case err == nil:
		u.sha256 = msg.sha256
		return u, nil, actUpload{data: msg.res.Data}
	case errors.Is(err, context.Canceled):
		return u, nil, nil
	case api.SessionExpired(err):
		return u, nil, actExpired{}
	default:
		return u, nil, actRefused{sentence: uploadSentence(err)}
	}
}

// uploadSentence: the api's sentence for its errors, the picker's for a file that changed.
func uploadSentence(err error) string {
	var ae *api.Error
	if errors.As(err, &ae) {
		return api.Sentence(err)
	}
	return err.Error()
}

func (u uploadStep) ShortHelp() []key.Binding  { return []key.Binding{u.keys.Cancel} }
func (u uploadStep) FullHelp() [][]key.Binding { return [][]key.Binding{u.ShortHelp()} }

func (u uploadStep) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Uploading the passport scan"))
	b.WriteString("\n\n")
	b.WriteString(t.Label.Render("File  "))
	b.WriteString(truncate(imagecheck.EscapeName(filepath.Base(u.file.Path)), c.width-10))
	b.WriteString("\n")
	b.WriteString(t.Label.Render("Size  "))
	b.WriteString(imagecheck.HumanBytes(u.file.Size))
	b.WriteString("\n\n")
	pct := 0.0
	if u.total > 0 {
		pct = float64(u.sent) / float64(u.total)
	}
	b.WriteString(u.bar.ViewAs(pct))
	b.WriteString("\n")
	b.WriteString(t.Muted.Render(fmt.Sprintf("%s of %s sent", imagecheck.HumanBytes(u.sent), imagecheck.HumanBytes(u.total))))
	b.WriteString("\n\n")
	if !u.ocrSince.IsZero() {
		secs := int(c.now().Sub(u.ocrSince).Seconds())
		b.WriteString(fmt.Sprintf("%s Reading the passport (OCR)… %ds", spin, secs))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("This can take up to a minute. esc cancels."))
		b.WriteString("\n")
	}
	return b.String()
}
