package styles

import "syscall"

const ioctlGetTermios, ioctlSetTermios = syscall.TCGETS, syscall.TCSETS

func selectFds(n int, r *syscall.FdSet, tv *syscall.Timeval) error {
	_, err := syscall.Select(n, r, nil, nil, tv)
	return err
}
