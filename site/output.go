package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Output writes a new version of the site beside the current one and swaps
// it in only when complete, so readers of public/ never see a half-built
// site and a build killed at any moment leaves the previous site intact.
//
// Files identical to the previous build are hard-linked from it instead of
// written again (hosts and backups see them unchanged). The content hash of
// every file is kept in a manifest outside the site (under build/).
type Output struct {
	final    string // e.g. public
	stage    string // sibling of final, same file system
	manifest string // path of the manifest file
	prev     map[string]string
	mu       sync.Mutex
	files    map[string]string // name -> sha256
	Written  int               // files written
	Linked   int               // files hard-linked from the previous build
}

// NewOutput prepares to replace the folder final. manifestPath names the file
// that records the hashes of the files in final.
func NewOutput(final, manifestPath string) (*Output, error) {
	final = filepath.Clean(final)
	parent, base := filepath.Dir(final), filepath.Base(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	// A build killed between the two renames of swapByRename left the old
	// site under its backup name: put it back.
	if _, err := os.Lstat(final); os.IsNotExist(err) {
		if _, err := os.Lstat(final + ".old"); err == nil {
			os.Rename(final+".old", final)
		}
	}
	// Leftovers of builds that were killed.
	if old, _ := filepath.Glob(filepath.Join(parent, "."+base+".tmp-*")); len(old) > 0 {
		for _, o := range old {
			os.RemoveAll(o)
		}
	}
	stage, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	os.Chmod(stage, 0o755)
	o := &Output{final: final, stage: stage, manifest: manifestPath, files: map[string]string{}, prev: map[string]string{}}
	if b, err := os.ReadFile(manifestPath); err == nil {
		json.Unmarshal(b, &o.prev)
	}
	return o, nil
}

// WriteFile writes one file of the site; name is slash-separated and
// relative to the site root. It is safe for concurrent use.
func (o *Output) WriteFile(name string, data []byte) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains("/"+name+"/", "/../") {
		return fmt.Errorf("output: bad file name %q", name)
	}
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	o.mu.Lock()
	if _, dup := o.files[name]; dup {
		o.mu.Unlock()
		return fmt.Errorf("output: %s written twice", name)
	}
	o.files[name] = h
	o.mu.Unlock()

	dst := filepath.Join(o.stage, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if o.prev[name] == h {
		src := filepath.Join(o.final, filepath.FromSlash(name))
		if os.Link(src, dst) == nil && sameContent(dst, h) {
			o.count(false)
			return nil
		}
		os.Remove(dst)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	o.count(true)
	return nil
}

func (o *Output) count(written bool) {
	o.mu.Lock()
	if written {
		o.Written++
	} else {
		o.Linked++
	}
	o.mu.Unlock()
}

// sameContent re-checks a linked file: the previous site may have been
// edited by hand since the manifest was written.
func sameContent(path, want string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]) == want
}

// Files returns the names written so far, sorted.
func (o *Output) Files() []string {
	names := make([]string, 0, len(o.files))
	for n := range o.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Commit swaps the new site in. The manifest is written after the swap: if
// the build dies between the two, the next build only hard-links less.
func (o *Output) Commit() error {
	if err := swapDirs(o.stage, o.final); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	// After the swap the stage path holds the previous site.
	os.RemoveAll(o.stage)
	b, _ := json.MarshalIndent(o.files, "", " ")
	if err := os.MkdirAll(filepath.Dir(o.manifest), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	tmp := o.manifest + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return os.Rename(tmp, o.manifest)
}

// Abort throws the unfinished site away.
func (o *Output) Abort() { os.RemoveAll(o.stage) }
