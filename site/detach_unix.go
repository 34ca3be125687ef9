//go:build unix

package site

import (
	"fmt"
	"os"
	"syscall"
)

// detached starts a process in its own session, so it outlives the build and
// Ctrl-C in the terminal does not reach it.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }

// dirIdentity names a folder by device, inode and modification time: a
// rename keeps all three, while a folder made anew (even on a reused inode)
// or an entry added or removed by hand changes them. It ties a manifest to
// the very folder it describes.
func dirIdentity(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d:%d", st.Dev, st.Ino, fi.ModTime().UnixNano())
}
