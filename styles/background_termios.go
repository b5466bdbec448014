//go:build linux || darwin

package styles

import (
	"os"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// query is the start-up question in flight: the terminal is in raw mode until finish.
type query struct {
	fd       int
	saved    syscall.Termios
	deadline time.Time
}

// send puts the terminal in raw mode (as golang.org/x/term's MakeRaw does: no echo, no line
// editing, no signals from keys, so nothing typed meanwhile shows or stops the program) and
// writes question, which ends with the cursor position query (DSR) that every terminal answers.
// nil when in or out is not a terminal or cannot be written to.
func send(in, out *os.File, question string) *query {
	fd := int(in.Fd())
	saved, err := getTermios(fd)
	if err != nil {
		return nil
	}
	if _, err := getTermios(int(out.Fd())); err != nil {
		return nil
	}
	raw := saved
	raw.Iflag &^= syscall.IGNBRK | syscall.BRKINT | syscall.PARMRK | syscall.ISTRIP | syscall.INLCR | syscall.IGNCR | syscall.ICRNL | syscall.IXON
	raw.Oflag &^= syscall.OPOST
	raw.Lflag &^= syscall.ECHO | syscall.ECHONL | syscall.ICANON | syscall.ISIG | syscall.IEXTEN
	raw.Cflag &^= syscall.CSIZE | syscall.PARENB
	raw.Cflag |= syscall.CS8
	raw.Cc[syscall.VMIN] = 1
	raw.Cc[syscall.VTIME] = 0
	if err := setTermios(fd, &raw); err != nil {
		return nil
	}
	q := &query{fd: fd, saved: saved, deadline: time.Now().Add(QueryTimeout)}
	if _, err := out.WriteString(question); err != nil {
		q.restore()
		return nil
	}
	return q
}

func (q *query) restore() { _ = setTermios(q.fd, &q.saved) }

// finish reads until the DSR answer or the deadline and restores the terminal; ok is false when
// the deadline came first.
func (q *query) finish() (answer string, ok bool) {
	defer q.restore()
	return q.read()
}

func (q *query) read() (string, bool) {
	var buf []byte
	chunk := make([]byte, 256)
	for len(buf) < 1024 {
		left := time.Until(q.deadline)
		if left <= 0 {
			return string(buf), false
		}
		ready, err := waitReadable(q.fd, left)
		if err == syscall.EINTR {
			continue
		}
		if err != nil || !ready {
			return string(buf), false
		}
		m, err := syscall.Read(q.fd, chunk)
		if err == syscall.EINTR || err == syscall.EAGAIN {
			continue
		}
		if err != nil || m <= 0 {
			return string(buf), false
		}
		buf = append(buf, chunk[:m]...)
		// The DSR answer "\x1b[row;colR" ends the exchange: a terminal answers in order, so the
		// answers to the questions before it are in.
		if cursorAnswered(string(buf)) {
			return string(buf), true
		}
	}
	return string(buf), false
}

// cursorAnswered reports whether s holds a cursor position report, ESC [ row ; col R.
func cursorAnswered(s string) bool {
	for {
		i := strings.Index(s, "\x1b[")
		if i < 0 {
			return false
		}
		s = s[i+2:]
		j, semis := 0, 0
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
			if s[j] == ';' {
				semis++
			}
			j++
		}
		if j < len(s) && s[j] == 'R' && semis == 1 {
			return true
		}
	}
}

// CellSize is the size of one character cell of the terminal on f in pixels, as the terminal
// tells the kernel (TIOCGWINSZ); 0, 0 when it does not say.
func CellSize(f *os.File) (w, h int) {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return 0, 0
	}
	return int(ws.Xpixel) / int(ws.Col), int(ws.Ypixel) / int(ws.Row)
}

func getTermios(fd int) (syscall.Termios, error) {
	var t syscall.Termios
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), ioctlGetTermios, uintptr(unsafe.Pointer(&t))); e != 0 {
		return t, e
	}
	return t, nil
}

func setTermios(fd int, t *syscall.Termios) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), ioctlSetTermios, uintptr(unsafe.Pointer(t))); e != 0 {
		return e
	}
	return nil
}

// waitReadable waits up to d for fd to have input.
func waitReadable(fd int, d time.Duration) (bool, error) {
	var set syscall.FdSet
	const bits = unsafe.Sizeof(set.Bits[0]) * 8
	word, bit := uintptr(fd)/bits, uintptr(fd)%bits
	set.Bits[word] |= 1 << bit
	tv := syscall.NsecToTimeval(d.Nanoseconds())
	if err := selectFds(fd+1, &set, &tv); err != nil {
		return false, err
	}
	return set.Bits[word]&(1<<bit) != 0, nil
}
