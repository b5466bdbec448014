package styles

import "syscall"

const ioctlGetTermios, ioctlSetTermios = syscall.TIOCGETA, syscall.TIOCSETA

func selectFds(n int, r *syscall.FdSet, tv *syscall.Timeval) error {
	return syscall.Select(n, r, nil, nil, tv)
}
