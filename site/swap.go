package site

import "os"

// swapByRename replaces final with stage in two renames: final moves to a
// backup name (which stage then takes), stage moves to final. Between the two
// there is a moment without final; recoverBackup puts it back if a build died
// there.
func swapByRename(stage, final string) error {
	backup := final + ".old"
	os.RemoveAll(backup)
	if err := os.Rename(final, backup); err != nil {
		return err
	}
	if err := os.Rename(stage, final); err != nil {
		os.Rename(backup, final)
		return err
	}
	return os.Rename(backup, stage)
}
