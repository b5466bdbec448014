package picker

// The anchor for BenchmarkStockFilepicker_100kFiles: bubbles@v1.0.0/filepicker's listing path
// (readDir, the readDirMsg case of Update, View), copied because the module's
// github.com/dustin/go-humanize dependency is not in this build's go.sum (so the package cannot
// be imported). Only humanize.Bytes is replaced (it formats the size of the visible rows). Copyright (c) 2020-2025 Charmbracelet,
// Inc., MIT License.

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

type stockReadDirMsg struct {
	id      int
	entries []os.DirEntry
}

type stockPicker struct {
	id               int
	CurrentDirectory string
	AllowedTypes     []string
	files            []os.DirEntry
	ShowPermissions  bool
	ShowSize         bool
	ShowHidden       bool
	selected         int
	min, max         int
	Height           int
	Cursor           string
	Styles           stockStyles
}

func newStockPicker(dir string, height int) stockPicker {
	return stockPicker{id: 1, CurrentDirectory: dir, Cursor: ">", ShowPermissions: true, ShowSize: true,
		Height: height, max: height - 1, Styles: stockDefaultStyles(),
		AllowedTypes: []string{".jpg", ".jpeg", ".png"}}
}

func (m stockPicker) readDir(path string, showHidden bool) tea.Cmd {
	return func() tea.Msg {
		dirEntries, err := os.ReadDir(path)
		if err != nil {
			return nil
		}
		sort.Slice(dirEntries, func(i, j int) bool {
			if dirEntries[i].IsDir() == dirEntries[j].IsDir() {
				return dirEntries[i].Name() < dirEntries[j].Name()
			}
			return dirEntries[i].IsDir()
		})
		if showHidden {
			return stockReadDirMsg{id: m.id, entries: dirEntries}
		}
		var sanitizedDirEntries []os.DirEntry
		for _, dirEntry := range dirEntries {
			isHidden := strings.HasPrefix(dirEntry.Name(), ".") // filepicker.IsHidden on unix
			if isHidden {
				continue
			}
			sanitizedDirEntries = append(sanitizedDirEntries, dirEntry)
		}
		return stockReadDirMsg{id: m.id, entries: sanitizedDirEntries}
	}
}

func (m stockPicker) Init() tea.Cmd { return m.readDir(m.CurrentDirectory, m.ShowHidden) }

func (m stockPicker) Update(msg tea.Msg) (stockPicker, tea.Cmd) {
	if msg, ok := msg.(stockReadDirMsg); ok && msg.id == m.id {
		m.files = msg.entries
		m.max = max(m.max, m.Height-1)
	}
	return m, nil
}

func (m stockPicker) View() string {
	if len(m.files) == 0 {
		return m.Styles.EmptyDirectory.Height(m.Height).MaxHeight(m.Height).String()
	}
	var s strings.Builder
	for i, f := range m.files {
		if i < m.min || i > m.max {
			continue
		}
		info, _ := f.Info()
		isSymlink := info.Mode()&os.ModeSymlink != 0
		size := stockBytes(uint64(info.Size()))
		name := f.Name()
		disabled := !m.canSelect(name) && !f.IsDir()
		if m.selected == i {
			selected := ""
			if m.ShowPermissions {
				selected += " " + info.Mode().String()
			}
			if m.ShowSize {
				selected += fmt.Sprintf("%"+strconv.Itoa(m.Styles.FileSize.GetWidth())+"s", size)
			}
			selected += " " + name
			if disabled {
				s.WriteString(m.Styles.DisabledSelected.Render(m.Cursor) + m.Styles.DisabledSelected.Render(selected))
			} else {
				s.WriteString(m.Styles.Cursor.Render(m.Cursor) + m.Styles.Selected.Render(selected))
			}
			s.WriteRune('\n')
			continue
		}
		style := m.Styles.File
		if f.IsDir() {
			style = m.Styles.Directory
		} else if isSymlink {
			style = m.Styles.Symlink
		} else if disabled {
			style = m.Styles.DisabledFile
		}
		fileName := style.Render(name)
		s.WriteString(m.Styles.Cursor.Render(" "))
		if m.ShowPermissions {
			s.WriteString(" " + m.Styles.Permission.Render(info.Mode().String()))
		}
		if m.ShowSize {
			s.WriteString(m.Styles.FileSize.Render(size))
		}
		s.WriteString(" " + fileName)
		s.WriteRune('\n')
	}
	for i := lipgloss.Height(s.String()); i <= m.Height; i++ {
		s.WriteRune('\n')
	}
	return s.String()
}

func (m stockPicker) canSelect(file string) bool {
	for _, ext := range m.AllowedTypes {
		if strings.HasSuffix(file, ext) {
			return true
		}
	}
	return false
}

// stockBytes stands in for humanize.Bytes ("0B", "12kB").
func stockBytes(n uint64) string {
	if n < 1000 {
		return fmt.Sprintf("%dB", n)
	}
	return fmt.Sprintf("%.0fkB", float64(n)/1000)
}

type stockStyles struct {
	DisabledCursor, Cursor, Symlink, Directory, File, DisabledFile, Permission, Selected,
	DisabledSelected, FileSize, EmptyDirectory lipgloss.Style
}

func stockDefaultStyles() stockStyles {
	r := lipgloss.DefaultRenderer()
	return stockStyles{
		DisabledCursor:   r.NewStyle().Foreground(lipgloss.Color("247")),
		Cursor:           r.NewStyle().Foreground(lipgloss.Color("212")),
		Symlink:          r.NewStyle().Foreground(lipgloss.Color("36")),
		Directory:        r.NewStyle().Foreground(lipgloss.Color("99")),
		File:             r.NewStyle(),
		DisabledFile:     r.NewStyle().Foreground(lipgloss.Color("243")),
		DisabledSelected: r.NewStyle().Foreground(lipgloss.Color("247")),
		Permission:       r.NewStyle().Foreground(lipgloss.Color("244")),
		Selected:         r.NewStyle().Foreground(lipgloss.Color("212")).Bold(true),
		FileSize:         r.NewStyle().Foreground(lipgloss.Color("240")).Width(7).Align(lipgloss.Right),
		EmptyDirectory:   r.NewStyle().Foreground(lipgloss.Color("240")).PaddingLeft(2).SetString("Bummer. No Files Found."),
	}
}
