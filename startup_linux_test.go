package main

import (
	"github.com/charmbracelet/x/ansi"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

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

// startSilent starts the wizard (demo mode) on a terminal that never answers any query and
// returns how long it took until the first frame was drawn, and the process's peak RSS then.
func startSilent(t *testing.T, env ...string) (time.Duration, int64) {
	t.Helper()
	master, slave := openPTY(t)
	defer master.Close()
	cmd := exec.Command(binary(t))
	cmd.Env = append([]string{"HOME=" + os.Getenv("HOME"), "PATH=" + os.Getenv("PATH"), "TERM=xterm-256color"}, env...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	defer func() { cmd.Process.Kill(); cmd.Wait() }()

	frames := make(chan string, 64)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			if n > 0 {
				frames <- string(buf[:n])
			}
			if err != nil {
				close(frames)
				return
			}
		}
	}()
	var seen strings.Builder
	timeout := time.After(15 * time.Second)
	for {
		select {
		case chunk, ok := <-frames:
			seen.WriteString(chunk)
			if strings.Contains(ansi.Strip(seen.String()), "Applicant ID") {
				return time.Since(start), peakRSS(cmd.Process.Pid)
			}
			if !ok {
				t.Fatalf("the terminal closed before a first frame; it saw %q", seen.String())
			}
		case <-timeout:
			t.Fatalf("no first frame within 15 s; the terminal saw %q", seen.String())
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
		{"a deployment (no embedded sandbox)", []string{"PASSPORT_THEME=dark", "PASSPORT_API_URL=http://127.0.0.1:9",
			"PASSPORT_TENANT_ID=branch", "PASSPORT_TENANT_SECRET=not-used-here"}},
	} {
		took, rss := startSilent(t, tc.env...)
		t.Logf("%s: first frame after %v, peak RSS %.1f MiB", tc.name, took, float64(rss)/(1<<20))
		if took >= 4*time.Second {
			t.Fatalf("%s: the first frame took %v: the background-colour query stalled", tc.name, took)
		}
	}
}
