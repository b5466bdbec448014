package tui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxSession drives the real binary in a real terminal emulator (tmux): send-keys in,
// capture-pane out. Each test gets its own tmux server socket.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func (s tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-u", "-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s tmuxSession) keys(keys ...string) {
	s.tmux(append([]string{"send-keys", "-t", "wiz"}, keys...)...)
}
func (s tmuxSession) text(text string) { s.tmux("send-keys", "-t", "wiz", "-l", text) }
func (s tmuxSession) screen() string   { return s.tmux("capture-pane", "-t", "wiz", "-p") }

// waitFor polls the pane until it shows want (the terminal has no "drawn" event to wait on).
func (s tmuxSession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		scr := s.screen()
		if strings.Contains(scr, want) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen never showed %q; it shows:\n%s", want, scr)
		}
		<-tick.C
	}
}

// TestBinaryHappyPathInTmux builds passport-update and walks the happy path against the
// embedded sandbox: a demo applicant, the password, a specimen picked with the fuzzy filter, the
// Arabic name retyped (UTF-8 through send-keys and read back from the pane), one approval.
func TestBinaryHappyPathInTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "passport-update")
	build := exec.Command("go", "build", "-o", bin, "example.com/passport-update")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := tmuxSession{t: t, socket: "passport-update-test-" + strconv.Itoa(os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	done := filepath.Join(dir, "exit-code")
	script := "'" + bin + "'; echo $? > '" + done + "'; echo WIZARD-EXITED; sleep 30"
	s.tmux("new-session", "-d", "-s", "wiz", "-x", "120", "-y", "40",
		"env", "-i", "PATH="+os.Getenv("PATH"), "HOME="+dir, "TERM=xterm-256color", "LANG=C.UTF-8",
		"PASSPORT_RTL=terminal", "PASSPORT_RECEIPT_DIR="+filepath.Join(dir, "receipts"), "sh", "-c", script)

	s.waitFor("DEMO-HAPPY")
	s.text("DEMO-HAPPY")
	s.keys("Enter")
	scr := s.waitFor("Sandbox password:")
	hint := strings.TrimSpace(scr[strings.Index(scr, "Sandbox password:")+len("Sandbox password:"):])
	hint = strings.Fields(hint)[0]
	s.text(hint)
	s.keys("Enter")
	s.waitFor("Folder:")
	s.text("/amina")
	s.waitFor("amina")
	s.keys("Enter")
	s.waitFor("Review what the scan says")
	s.keys("Enter", "C-u")
	s.text("أمينة خالد الحسيني")
	s.waitFor("valid")
	s.keys("Enter")
	if scr := s.waitFor("(edited)"); !strings.Contains(scr, "أمينة خالد الحسيني") {
		t.Fatalf("the typed Arabic name is not on screen:\n%s", scr)
	}
	s.keys("C-s")
	s.waitFor("exactly what will be sent")
	s.keys("Enter")
	s.waitFor("Passport update approved")
	s.keys("q")
	scr = s.waitFor("WIZARD-EXITED")
	if !strings.Contains(scr, "Approved passport") || !strings.Contains(scr, "DEMO-HAPPY") {
		t.Fatalf("no summary line after exit:\n%s", scr)
	}
	code, _ := os.ReadFile(done)
	if strings.TrimSpace(string(code)) != "0" {
		t.Fatalf("exit code %q", code)
	}
	receipts, _ := filepath.Glob(filepath.Join(dir, "receipts", "*.json"))
	if len(receipts) != 1 {
		t.Fatalf("receipts written: %v", receipts)
	}
	if body, _ := os.ReadFile(receipts[0]); !strings.Contains(string(body), "أمينة خالد الحسيني") {
		t.Fatalf("the receipt does not hold the name sent:\n%s", body)
	}
}
