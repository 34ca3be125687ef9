//go:build !unix

package site

import "syscall"

func detached() *syscall.SysProcAttr { return nil }

// dirIdentity is unknown here: manifests are trusted as before, and the
// swapped-out site is never recycled.
func dirIdentity(string) string { return "" }
