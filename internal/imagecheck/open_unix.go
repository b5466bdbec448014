//go:build unix

package imagecheck

import (
	"errors"
	"os"
	"syscall"
)

// OpenRegular opens path read-only without blocking even if it was swapped for a FIFO since the
// last stat, and refuses anything that is not a regular file once open.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, ErrNotRegular
	}
	return f, nil
}

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
