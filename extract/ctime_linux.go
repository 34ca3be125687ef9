package extract

import (
	"io/fs"
	"syscall"
)

// changeTime is the inode's change time (ctime) in nanoseconds: it moves
// when the file's permissions or owner change, which its modification
// time does not.
func changeTime(info fs.FileInfo) int64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		sec, nsec := st.Ctim.Unix()
		return sec*1e9 + nsec
	}
	return 0
}
