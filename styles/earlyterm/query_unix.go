//go:build unix

package earlyterm

import (
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sys/unix"
)

// query is a background query in flight: the terminal is in raw mode until finish.
type query struct {
	in       *os.File
	state    *term.State
	deadline time.Time
}

// send asks for the background (OSC 11) followed by the cursor position (DSR), which every
// terminal answers; nil if the terminal cannot be put in raw mode or written to.
func send(in, out *os.File) *query {
	state, err := term.MakeRaw(in.Fd())
	if err != nil {
		return nil
	}
	q := &query{in: in, state: state, deadline: time.Now().Add(QueryTimeout)}
	if _, err := out.WriteString("\x1b]11;?\x1b\\\x1b[6n"); err != nil {
		q.restore()
		return nil
	}
	return q
}

func (q *query) restore() { _ = term.Restore(q.in.Fd(), q.state) }

// finish reads until the DSR answer or the deadline, restores the terminal and decides: dark
// when the answer says so or when there is no usable answer.
func (q *query) finish() bool {
	defer q.restore()
	if answer, ok := q.read(); ok {
		if dark, ok := FromOSC11(answer); ok {
			return dark
		}
	}
	return true
}

func (q *query) read() (string, bool) {
	var buf []byte
	chunk := make([]byte, 256)
	for len(buf) < 1024 {
		left := time.Until(q.deadline)
		if left <= 0 {
			return string(buf), false
		}
		fds := []unix.PollFd{{Fd: int32(q.in.Fd()), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left.Milliseconds())+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			return string(buf), false
		}
		m, err := unix.Read(int(q.in.Fd()), chunk)
		if err != nil || m <= 0 {
			return string(buf), false
		}
		buf = append(buf, chunk[:m]...)
		// The DSR answer "\x1b[row;colR" ends the exchange.
		if k := strings.LastIndex(string(buf), "\x1b["); k >= 0 && strings.HasSuffix(string(buf), "R") {
			return string(buf), true
		}
	}
	return string(buf), false
}
