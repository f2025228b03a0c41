//go:build unix

package main

import "syscall"

// The process's CPU time in milliseconds: what a case is measured by, so a busy machine does not fail it.
func irjudgeCPU() float64 {
	var usage syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &usage) != nil {
		return 0
	}
	return float64(usage.Utime.Nano()+usage.Stime.Nano()) / 1e6
}
