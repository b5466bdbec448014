package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair by hand (Linux), so the test needs no extra module.
func openPTY(t testing.TB) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatalf("unlockpt: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Fatalf("ptsname: %v", e)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	ws := &unix.Winsize{Row: 40, Col: 120}
	unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, ws)
	return m, s
}

// A terminal either stays silent or answers the queries a program may send at start-up the way
// xterm, VTE or kitty do, within the same read.
type ptyTerminal int

const (
	silentTerminal ptyTerminal = iota
	answeringTerminal
	slowTerminal // answers like answeringTerminal, 5 ms later (a busy terminal, a remote link)
	underTmux    // not a pty of ours: the program runs in a tmux pane (BenchmarkStartup only)
)

// answers are a dark background (OSC 11), the cursor position (DSR) and the device attributes.
var answers = []struct{ query, answer string }{
	{"\x1b]11;?", "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\"},
	{"\x1b[6n", "\x1b[1;1R"},
	{"\x1b[c", "\x1b[?62;22c"},
}

// firstFrame starts bin on a 120×40 pseudo-terminal and returns how long it took from exec
// until "Applicant ID" was on the screen, and the process's peak RSS at that moment. The process
// is killed there, before it can remove what it wrote, so it gets a temp folder of its own.
func firstFrame(t testing.TB, bin string, term ptyTerminal, env ...string) (time.Duration, int64) {
	t.Helper()
	master, slave := openPTY(t)
	defer master.Close()
	cmd := exec.Command(bin)
	cmd.Env = append([]string{"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "TMPDIR=" + t.TempDir()}, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	type chunk struct {
		at   time.Time
		text string
		err  error
	}
	chunks := make(chan chunk, 64)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := master.Read(buf)
			at := time.Now()
			text := string(buf[:n])
			if term == answeringTerminal || term == slowTerminal {
				var reply string
				for _, a := range answers {
					if strings.Contains(text, a.query) {
						reply += a.answer
					}
				}
				if reply != "" && term == slowTerminal {
					time.AfterFunc(5*time.Millisecond, func() { master.WriteString(reply) })
				} else if reply != "" {
					master.WriteString(reply)
				}
			}
			chunks <- chunk{at, text, err}
			if err != nil {
				close(chunks)
				return
			}
		}
	}()
	var seen strings.Builder
	timeout := time.After(15 * time.Second)
	for {
		select {
		case c, ok := <-chunks:
			if !ok {
				t.Fatalf("%s: the terminal closed before a first frame; it saw %q", filepath.Base(bin), seen.String())
			}
			seen.WriteString(c.text)
			if strings.Contains(ansi.Strip(seen.String()), "Applicant ID") {
				return c.at.Sub(start), peakRSS(cmd.Process.Pid)
			}
		case <-timeout:
			t.Fatalf("%s: no first frame within 15 s; the terminal saw %q", filepath.Base(bin), seen.String())
		}
	}
}

func peakRSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// tmuxFirstFrame starts bin in a 120×40 tmux pane (tmux answers the terminal's queries itself,
// and TERM there names tmux, so the background is not asked) and returns how long it took from
// the exec until "Applicant ID" came out of the pane, read through pipe-pane. tmux's own relay
// is included.
func tmuxFirstFrame(t testing.TB, sock, bin string, env ...string) time.Duration {
	t.Helper()
	dir := t.TempDir()
	goFIFO, outFIFO := filepath.Join(dir, "go"), filepath.Join(dir, "out")
	for _, f := range []string{goFIFO, outFIFO} {
		if err := syscall.Mkfifo(f, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	name := fmt.Sprintf("s%d", time.Now().UnixNano())
	// The pane waits for a line on goFIFO, then execs the program: the exec is the start.
	script := "read x < " + quote(goFIFO) + "; "
	if len(env) > 0 {
		script += "export " + strings.Join(quoteAll(env), " ") + "; "
	}
	script += "exec " + quote(bin)
	tmux := func(args ...string) {
		if out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
	}
	tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", script)
	defer exec.Command("tmux", "-S", sock, "kill-session", "-t", name).Run()
	tmux("pipe-pane", "-O", "-t", name, "cat > "+quote(outFIFO))
	out, err := os.OpenFile(outFIFO, os.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	frame := make(chan time.Time, 1)
	go func() {
		var seen strings.Builder
		buf := make([]byte, 64<<10)
		for {
			n, err := out.Read(buf)
			seen.Write(buf[:n])
			if strings.Contains(ansi.Strip(seen.String()), "Applicant ID") {
				frame <- time.Now()
				return
			}
			if err != nil {
				close(frame)
				return
			}
		}
	}()
	start := time.Now()
	if err := os.WriteFile(goFIFO, []byte("go\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case at, ok := <-frame:
		if !ok {
			t.Fatalf("%s: the pane closed before a first frame", filepath.Base(bin))
		}
		return at.Sub(start)
	case <-time.After(15 * time.Second):
		t.Fatalf("%s: no first frame in tmux within 15 s", filepath.Base(bin))
	}
	return 0
}

// deployment is the wizard against a configured server (nothing listens there: the first frame
// comes before any call).
var deployment = []string{"PASSPORT_API_URL=http://127.0.0.1:9", "PASSPORT_TENANT_ID=branch", "PASSPORT_TENANT_SECRET=not-used-here"}

// TestStartsWithoutStallingOnASilentTerminal: bubbletea's init asks the terminal for its
// background colour and termenv waits five seconds for an answer a silent terminal never sends.
// The wizard must draw its first frame long before that.
func TestStartsWithoutStallingOnASilentTerminal(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  []string
	}{
		{"silent terminal, background asked", nil},
		{"background given by PASSPORT_THEME", []string{"PASSPORT_THEME=dark"}},
		{"a deployment (no embedded sandbox)", append([]string{"PASSPORT_THEME=dark"}, deployment...)},
	} {
		took, rss := firstFrame(t, binary(t), silentTerminal, tc.env...)
		t.Logf("%s: first frame after %v, peak RSS %.1f MiB", tc.name, took, float64(rss)/(1<<20))
		if took >= 4*time.Second {
			t.Fatalf("%s: the first frame took %v: the background-colour query stalled", tc.name, took)
		}
	}
}

// bubbletea's init asks lipgloss for the background, and termenv would then ask a silent terminal
// and wait five seconds. The styles package's init gives lipgloss an answer first; Go initialises
// the ready packages in import-path order, so this holds only while the module's path sorts before
// bubbletea's (a path such as passport-update/… would come after).
func TestLipglossIsAnsweredBeforeBubbleteaAsks(t *testing.T) {
	const answersLipgloss, asks = "example.com/passport-update/styles", "github.com/charmbracelet/bubbletea"
	cmd := exec.Command(binary(t), "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var order []string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "init" {
			order = append(order, f[1])
		}
	}
	answered, asked := slices.Index(order, answersLipgloss), slices.Index(order, asks)
	if answered < 0 || asked < 0 {
		t.Fatalf("inittrace lists no %s or no %s:\n%s", answersLipgloss, asks, out)
	}
	if answered > asked {
		t.Fatalf("%s initialises after %s, which then asks the terminal itself (a five-second stall on a silent one); initialisation order:\n%s",
			answersLipgloss, asks, strings.Join(order, "\n"))
	}
}

// BenchmarkStartup_120x40 sizes the start-up goal: from exec to the first frame on a 120×40
// terminal, and the peak RSS then, for the wizard (demo and deployment, as `go build` makes it and
// with CGO_ENABLED=0) beside two anchors measured in the same run: hello (a Go program that prints
// one line: this machine's floor) and oneframe (a one-frame bubbletea program). The terminal
// answers the start-up queries as a real one does; the silent row is the worst case (the
// wizard's background query gives up after styles.QueryTimeout; the one-frame anchor's own query
// waits termenv's five seconds there, so it is not a row). The slow-terminal rows answer 5 ms
// late. The tmux rows run the programs in a tmux pane and read the frame through pipe-pane:
// tmux's relay is in those figures (the hello row shows how much). Each row reports its median
// (ms) and, on a pty, the peak RSS (MiB). Figures and the command: docs/PERFORMANCE.md.
func BenchmarkStartup_120x40(b *testing.B) {
	dir := b.TempDir()
	build := func(name, pkg string, env ...string) string {
		out, err := goBuild(filepath.Join(dir, name), pkg, env...)
		if err != nil {
			b.Fatal(err)
		}
		return out
	}
	wizard := binary(b)
	static := build("passport-update-static", ".", "CGO_ENABLED=0")
	hello := build("hello", "./testdata/anchors/hello")
	oneframe := build("oneframe", "./testdata/anchors/oneframe")
	for _, row := range []struct {
		name string
		bin  string
		term ptyTerminal
		env  []string
	}{
		{"anchor=hello", hello, answeringTerminal, nil},
		{"anchor=oneframe", oneframe, answeringTerminal, nil},
		{"demo", wizard, answeringTerminal, nil},
		{"deployment", wizard, answeringTerminal, deployment},
		{"demo/CGO_ENABLED=0", static, answeringTerminal, nil},
		{"deployment/CGO_ENABLED=0", static, answeringTerminal, deployment},
		{"demo/silent-terminal", wizard, silentTerminal, nil},
		{"slow-terminal/anchor=oneframe", oneframe, slowTerminal, nil},
		{"slow-terminal/deployment/CGO_ENABLED=0", static, slowTerminal, deployment},
		{"tmux/anchor=hello", hello, underTmux, nil},
		{"tmux/anchor=oneframe", oneframe, underTmux, nil},
		{"tmux/demo/CGO_ENABLED=0", static, underTmux, nil},
		{"tmux/deployment/CGO_ENABLED=0", static, underTmux, deployment},
	} {
		b.Run(row.name, func(b *testing.B) {
			if row.term == underTmux {
				if _, err := exec.LookPath("tmux"); err != nil {
					b.Skip("tmux is not installed")
				}
				sock := filepath.Join(b.TempDir(), "tmux.sock")
				// A session that outlives each measured one keeps the server up, as a user's tmux
				// server is: without it the server exits with each measured session and the next
				// new-session can race that exit (it failed now and then).
				if out, err := exec.Command("tmux", "-S", sock, "new-session", "-d", "-s", "keep", "-x", "120", "-y", "40", "sleep 86400").CombinedOutput(); err != nil {
					b.Fatalf("tmux: %v\n%s", err, out)
				}
				defer exec.Command("tmux", "-S", sock, "kill-server").Run()
				var took []time.Duration
				for b.Loop() {
					took = append(took, tmuxFirstFrame(b, sock, row.bin, row.env...))
				}
				slices.Sort(took)
				b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
				return
			}
			var took []time.Duration
			var rss int64
			for b.Loop() {
				d, r := firstFrame(b, row.bin, row.term, row.env...)
				took = append(took, d)
				rss = max(rss, r)
			}
			slices.Sort(took)
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(rss)/(1<<20), "MiB-rss")
		})
	}
}
