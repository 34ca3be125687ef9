//go:build !linux

package site

func swapDirs(stage, final string) error { return swapByRename(stage, final) }
