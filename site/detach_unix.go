//go:build unix

package site

import "syscall"

// detached starts a process in its own session, so it outlives the build and
// Ctrl-C in the terminal does not reach it.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
