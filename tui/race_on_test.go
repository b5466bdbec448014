//go:build race

package tui

// raceEnabled: the race detector's instrumentation makes every stack frame larger.
const raceEnabled = true
