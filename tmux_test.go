package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// terminal is the built binary running in a detached tmux session: keys go in through send-keys,
// the screen comes out through capture-pane, as a person at the desk would see it.
type terminal struct {
	t    *testing.T
	name string
	sock string
}

// newTerminal starts the binary in tmux at cols×rows; it skips where tmux is absent.
func newTerminal(t *testing.T, cols, rows int, env []string, args ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed; .ci/run installs it")
	}
	bin := binary(t)
	term := &terminal{t: t, name: fmt.Sprintf("pu%d", time.Now().UnixNano()), sock: t.TempDir() + "/tmux.sock"}
	// A shell wrapper keeps the environment explicit and the pane alive after the program exits.
	cmdline := "env " + strings.Join(quoteAll(env), " ") + " " + quote(bin) + " " + strings.Join(quoteAll(args), " ")
	term.tmux("new-session", "-d", "-s", term.name, "-x", fmt.Sprint(cols), "-y", fmt.Sprint(rows), cmdline)
	term.tmux("set-option", "-t", term.name, "remain-on-exit", "on")
	t.Cleanup(func() { exec.Command("tmux", "-S", term.sock, "kill-server").Run() })
	return term
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func quoteAll(v []string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = quote(s)
	}
	return out
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", term.sock}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Escape, Tab, Down, C-c, …).
func (term *terminal) keys(keys ...string) {
	term.t.Helper()
	term.tmux(append([]string{"send-keys", "-t", term.name}, keys...)...)
}

// typeText types text literally, UTF-8 (Arabic) included.
func (term *terminal) typeText(text string) {
	term.t.Helper()
	term.tmux("send-keys", "-t", term.name, "-l", "--", text)
}

func (term *terminal) screen() string {
	term.t.Helper()
	return term.tmux("capture-pane", "-p", "-t", term.name)
}

// waitFor polls the screen until it matches re, failing with the screen after limit.
func (term *terminal) waitFor(re string, limit time.Duration) string {
	term.t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		s := term.screen()
		if rx.MatchString(s) {
			return s
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the screen did not show /%s/ within %v; it shows:\n%s", re, limit, s)
		}
		<-tick.C
	}
}

func (term *terminal) paneDead() bool {
	return strings.TrimSpace(term.tmux("display-message", "-p", "-t", term.name, "#{pane_dead}")) == "1"
}

func (term *terminal) alternateScreen() bool {
	return strings.TrimSpace(term.tmux("display-message", "-p", "-t", term.name, "#{alternate_on}")) == "1"
}

func demoEnv(t *testing.T) []string {
	return []string{"HOME=" + t.TempDir(), "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
}
