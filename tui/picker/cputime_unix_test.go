//go:build unix

package picker

import (
	"syscall"
	"time"
)

// cpuTime is the process's user+system CPU time: on a loaded machine wall time per op is mostly
// waiting for a core; CPU time per op is the work itself.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
