package site

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swapDirs puts the folder stage in place of final in one atomic step
// (renameat2 RENAME_EXCHANGE); afterwards stage holds the old folder. Where
// the file system cannot exchange, it falls back to two renames.
func swapDirs(stage, final string) error {
	if _, err := os.Lstat(final); errors.Is(err, os.ErrNotExist) {
		return os.Rename(stage, final)
	}
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, final, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EOPNOTSUPP) {
		return err
	}
	return swapByRename(stage, final)
}
