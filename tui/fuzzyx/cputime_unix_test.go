//go:build unix

package fuzzyx

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used. Benchmarks report it beside wall time:
// on a busy shared machine wall time mostly measures the other tenants.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
