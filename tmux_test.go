//go:build unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
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
	cmdline := "exec env " + strings.Join(quoteAll(env), " ") + " " + quote(bin) + " " + strings.Join(quoteAll(args), " ")
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

// demoEnv is the demo's environment, with a temp folder of its own (returned too) for the
// specimen images.
func demoEnv(t *testing.T) (env []string, tmp string) {
	tmp = t.TempDir()
	return []string{"HOME=" + t.TempDir(), "TMPDIR=" + tmp, "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}, tmp
}

// specimenFolders lists the demo's specimen folders in tmp.
func specimenFolders(t *testing.T, tmp string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(tmp, "passport-specimens-*"))
	if err != nil {
		t.Fatal(err)
	}
	return found
}

func (term *terminal) pid() int {
	term.t.Helper()
	var pid int
	fmt.Sscan(strings.TrimSpace(term.tmux("display-message", "-p", "-t", term.name, "#{pane_pid}")), &pid)
	if pid <= 0 {
		term.t.Fatal("no pane pid")
	}
	return pid
}

// waitExit polls until the program has ended and returns its exit status.
func (term *terminal) waitExit(limit time.Duration) int {
	term.t.Helper()
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !term.paneDead() {
		if time.Now().After(deadline) {
			term.t.Fatalf("the program did not exit within %v; the screen:\n%s", limit, term.screen())
		}
		<-tick.C
	}
	var status int
	fmt.Sscan(strings.TrimSpace(term.tmux("display-message", "-p", "-t", term.name, "#{pane_dead_status}")), &status)
	return status
}

// TestTheTerminalIsAlwaysGivenBack ends the wizard in the ways a branch machine does — SIGTERM
// from a session manager, SIGHUP from a closed window, SIGINT from kill, ctrl+c in the middle of
// a slow upload — and checks each time that the program exits cleanly, with one exit status for
// all of them, leaves the alternate screen and removes the demo's specimen folder.
func TestTheTerminalIsAlwaysGivenBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		end  func(term *terminal)
	}{
		{"SIGTERM", func(term *terminal) { syscall.Kill(term.pid(), syscall.SIGTERM) }},
		{"SIGHUP", func(term *terminal) { syscall.Kill(term.pid(), syscall.SIGHUP) }},
		{"SIGINT", func(term *terminal) { syscall.Kill(term.pid(), syscall.SIGINT) }},
		{"ctrl+c during a slow upload", func(term *terminal) {
			term.typeText("DEMO-SLOW")
			term.keys("Enter")
			term.waitFor(`Verify the customer.s password`, 15*time.Second) // not "Password ›": the header has it too
			term.typeText("Demo@2026")
			term.keys("Enter")
			term.waitFor(`passport-amina-specimen\.jpg`, 15*time.Second)
			term.keys("Enter")
			term.waitFor(`Reading the passport \(OCR\)`, 15*time.Second)
			term.keys("C-c")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, tmp := demoEnv(t)
			term := newTerminal(t, 100, 30, env)
			term.waitFor(`Applicant ID`, 15*time.Second)
			if len(specimenFolders(t, tmp)) != 1 {
				t.Fatalf("the demo made %v in its temp folder, want one specimen folder; the check below would prove nothing", specimenFolders(t, tmp))
			}
			if !term.alternateScreen() {
				t.Fatal("the wizard is not on the alternate screen; the check below would prove nothing")
			}
			tc.end(term)
			status := term.waitExit(15 * time.Second)
			if term.alternateScreen() {
				t.Fatalf("the terminal was left on the alternate screen (exit %d)", status)
			}
			if status != 0 {
				t.Errorf("exit status %d, want 0 for a clean stop; screen:\n%s", status, term.screen())
			}
			// The first frame is painted early (tui.firstPaint): it must have gone to the
			// alternate screen too, leaving the shell's screen as it was.
			if scr := term.screen(); strings.Contains(scr, "Open the update session") {
				t.Errorf("a frame was left on the main screen:\n%s", scr)
			}
			if left := specimenFolders(t, tmp); len(left) > 0 {
				t.Errorf("the demo left its specimen folder behind: %v", left)
			}
		})
	}
}

// Closing the window (tmux kills the pane: SIGHUP, and the terminal is gone) still removes the
// demo's specimen folder.
func TestClosingTheWindowRemovesTheDemosSpecimenFolder(t *testing.T) {
	env, tmp := demoEnv(t)
	term := newTerminal(t, 100, 30, env)
	term.waitFor(`Applicant ID`, 15*time.Second)
	if len(specimenFolders(t, tmp)) != 1 {
		t.Fatalf("the demo made %v in its temp folder, want one specimen folder", specimenFolders(t, tmp))
	}
	pid := term.pid()
	term.tmux("kill-session", "-t", term.name)
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for syscall.Kill(pid, 0) == nil { // the pane's process is not our child: poll until it is gone
		if time.Now().After(deadline) {
			t.Fatal("the demo did not exit within 15 s of its window closing")
		}
		<-tick.C
	}
	if left := specimenFolders(t, tmp); len(left) > 0 {
		t.Errorf("the demo left its specimen folder behind: %v", left)
	}
}

// On a slow remote link the terminal's answer to the background query can arrive after the
// wizard stopped waiting for it; it must not end up typed into the Applicant ID.
func TestALateBackgroundAnswerIsNotTypedIntoTheApplicantID(t *testing.T) {
	env, _ := demoEnv(t)
	term := newTerminal(t, 100, 30, env)
	term.waitFor(`Applicant ID ›`, 10*time.Second)
	term.typeText("\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\") // xterm's answer, ST-terminated
	term.typeText("\x1b]11;rgb:ffff/ffff/dddd\a")     // and BEL-terminated
	term.typeText("DEMO-HAPPY")
	screen := term.waitFor(`Applicant ID › DEMO-HAPPY`, 5*time.Second)
	if strings.Contains(screen, "rgb") || strings.Contains(screen, "11;") {
		t.Fatalf("the answer was typed into the field:\n%s", screen)
	}
}
