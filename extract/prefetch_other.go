//go:build !linux

package extract

// prefetch is Linux's only (see prefetch_linux.go); elsewhere pages are read
// as they are touched.
func prefetch(path string) {}
