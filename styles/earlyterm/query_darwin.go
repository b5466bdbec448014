package earlyterm

import (
	"syscall"
	"time"
	"unsafe"
)

func getTermios(fd int) (syscall.Termios, error) {
	var t syscall.Termios
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCGETA, uintptr(unsafe.Pointer(&t))); e != 0 {
		return t, e
	}
	return t, nil
}

func setTermios(fd int, t *syscall.Termios) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCSETA, uintptr(unsafe.Pointer(t))); e != 0 {
		return e
	}
	return nil
}

// waitReadable waits up to d for fd to have input.
func waitReadable(fd int, d time.Duration) (bool, error) {
	var set syscall.FdSet
	const bits = unsafe.Sizeof(set.Bits[0]) * 8
	set.Bits[uintptr(fd)/bits] |= 1 << (uintptr(fd) % bits)
	tv := syscall.NsecToTimeval(d.Nanoseconds())
	if err := syscall.Select(fd+1, &set, nil, nil, &tv); err != nil {
		return false, err
	}
	return set.Bits[uintptr(fd)/bits]&(1<<(uintptr(fd)%bits)) != 0, nil
}
