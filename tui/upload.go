package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/progress"
	tea "github.com/charmbracelet/bubbletea"

	"passport-update/tui/arabic"
	"passport-update/tui/picker"
)

// PassportKeyMap is the keys the root adds to the picker's own.
type PassportKeyMap struct {
	Back key.Binding
}

// DefaultPassportKeyMap: esc goes back to the password (when the picker is not typing).
func DefaultPassportKeyMap() PassportKeyMap {
	return PassportKeyMap{Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back"))}
}

// UploadKeyMap is the Upload screen's keys.
type UploadKeyMap struct {
	Cancel key.Binding
}

// DefaultUploadKeyMap: esc cancels the request.
func DefaultUploadKeyMap() UploadKeyMap {
	return UploadKeyMap{Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel upload"))}
}

// uploadModel is step 4: bytes sent, then the OCR wait.
type uploadModel struct {
	keys        UploadKeyMap
	file        picker.ChosenFile
	bar         progress.Model
	sent, total int64
	started     time.Time
	ocrSince    time.Time // zero until every byte is sent
}

type actCancelUpload struct{}

func newUpload(c *common, file picker.ChosenFile, now time.Time) uploadModel {
	bar := progress.New(
		progress.WithSolidFill("#7AA2F7"),
		progress.WithColorProfile(c.th.R.ColorProfile()),
		progress.WithWidth(max(c.width-20, 20)),
	)
	return uploadModel{keys: DefaultUploadKeyMap(), file: file, bar: bar, total: file.Size, started: now}
}

func (m uploadModel) ShortHelp() []key.Binding { return []key.Binding{m.keys.Cancel} }

func (m uploadModel) update(msg tea.Msg) (uploadModel, tea.Cmd, any) {
	if k, ok := msg.(tea.KeyMsg); ok && key.Matches(k, m.keys.Cancel) {
		return m, nil, actCancelUpload{}
	}
	return m, nil, nil
}

func (m uploadModel) setSize(w int) uploadModel {
	m.bar.Width = max(min(w-20, 80), 20)
	return m
}

func (m uploadModel) view(c *common, spin string) string {
	t := c.th
	var b strings.Builder
	b.WriteString(t.Heading.Render("Uploading the passport scan"))
	b.WriteString("\n\n")
	b.WriteString(t.Label.Render("File  "))
	b.WriteString(truncate(arabic.Clean(filepath.Base(m.file.Path)), c.width-10))
	b.WriteString("\n")
	b.WriteString(t.Label.Render("Size  "))
	b.WriteString(humanBytes(m.file.Size))
	b.WriteString("\n\n")
	pct := 0.0
	if m.total > 0 {
		pct = float64(m.sent) / float64(m.total)
	}
	b.WriteString(m.bar.ViewAs(pct))
	b.WriteString("\n")
	b.WriteString(t.Muted.Render(fmt.Sprintf("%s of %s sent", humanBytes(m.sent), humanBytes(m.total))))
	b.WriteString("\n\n")
	if !m.ocrSince.IsZero() {
		secs := int(c.now().Sub(m.ocrSince).Seconds())
		b.WriteString(fmt.Sprintf("%s Reading the passport (OCR)… %ds", spin, secs))
		b.WriteString("\n")
		b.WriteString(t.Muted.Render("This can take up to a minute. esc cancels."))
		b.WriteString("\n")
	}
	return b.String()
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// ShortHelp and FullHelp make the key map a help.KeyMap (every binding, whatever the state).
func (k UploadKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Cancel} }
func (k UploadKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Cancel}} }

// FullHelp is the step's keys in its current state.
func (m uploadModel) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// ShortHelp and FullHelp make the key map a help.KeyMap.
func (k PassportKeyMap) ShortHelp() []key.Binding  { return []key.Binding{k.Back} }
func (k PassportKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{{k.Back}} }
