//go:build !unix

package extract

import "io/fs"

func inode(fs.FileInfo) uint64 { return 0 }
