// Command oneframe is the start-up anchor of the performance issue: a bubbletea v1 program that
// draws one frame on the alternate screen and waits for a key.
package main

import tea "github.com/charmbracelet/bubbletea"

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyMsg); ok {
		return m, tea.Quit
	}
	return m, nil
}

func (model) View() string { return "Applicant ID" }

func main() { _, _ = tea.NewProgram(model{}, tea.WithAltScreen()).Run() }
