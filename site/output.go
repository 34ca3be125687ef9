package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Output writes a new version of the site beside the current one and swaps
// it in only when complete, so readers of public/ never see a half-built
// site and a build killed at any moment leaves the previous site intact.
//
// A file identical to the previous build's is kept or hard-linked instead of
// written, so hosts, backups and rsync see it unchanged. A page whose inputs
// did not change is not even rendered (WriteKeyed). A manifest outside the
// site (under build/) records every file's content hash and input key.
//
// The swapped-out site is kept beside it (.public.prev), with a manifest of
// its own, and the next build brings it up to date as its new version: on a
// large archive, most files are then left as they are rather than linked
// one by one, and no old site waits to be deleted. A new file never
// overwrites one in place (any file may be a hard link into the live site):
// it replaces it. Anything left by an interrupted build is deleted by a
// detached background process, as git runs its automatic gc, so that
// nobody waits for it.
type Output struct {
	final    string // e.g. public
	stage    string // sibling of final, same file system
	recycle  string // where the swapped-out site is kept: .public.prev
	manifest string // path of the manifest file
	prev     manifest
	next     manifest
	have     manifest // what a recycled stage holds already
	mu       sync.Mutex
	dirs     sync.Map // directories already made in the stage
	Written  int      // files new or changed since the live site (written, or kept from a recycled stage that had them)
	Linked   int      // files the same as the live site's
}

type manifest struct {
	// Dir identifies the folder described (dirIdentity): a manifest whose
	// folder was replaced is not trusted.
	Dir   string
	Files map[string]string // name -> sha256 of the content
	Keys  map[string]string // name -> key of the inputs it was rendered from
	// records are Files and Keys as readManifest found them in the file,
	// which writeManifest copies rather than sorting and encoding them
	// again: a manifest read is never changed, only its Dir (the previous
	// site's, written again when it is kept for recycling).
	records string
}

// NewOutput prepares to replace the folder final. manifestPath names the file
// that records the files in final.
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
		removeLater(old...)
	}
	o := &Output{final: final, recycle: filepath.Join(parent, "."+base+".prev"), manifest: manifestPath}
	// The two manifests (29 MB each for a site of 50,000 documents) are
	// read side by side.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); o.have = readManifest(o.prevManifest()) }()
	o.prev = readManifest(manifestPath)
	wg.Wait()
	// The new site most likely has as many files as the last one.
	n := len(o.prev.Files)
	o.next = manifest{Files: make(map[string]string, n), Keys: make(map[string]string, n)}
	// Trust the manifest only if the site it describes is still there.
	if _, err := os.Stat(filepath.Join(final, "index.html")); err != nil || o.prev.Dir != dirIdentity(final) {
		o.prev = manifest{}
	}
	// The site before the previous one becomes the stage if its manifest
	// (o.have) still describes it; the manifest goes first, as the folder
	// is about to change.
	if err := os.Remove(o.prevManifest()); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf("output: %w", err)
	}
	if o.have.Dir != "" && o.have.Dir == dirIdentity(o.recycle) {
		o.stage = o.recycle
	} else {
		o.have = manifest{}
		if _, err := os.Lstat(o.recycle); err == nil {
			o.discard(o.recycle) // out of the way: the name is taken again at Commit
		}
	}
	if o.stage == "" {
		stage, err := os.MkdirTemp(parent, "."+base+".tmp-")
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		os.Chmod(stage, 0o755)
		o.stage = stage
	}
	return o, nil
}

// Intact reports whether final is the site the manifest at manifestPath
// describes (the one Commit swapped in last), with every file it lists
// still there, and how many files that is. It does not read the files: a
// file changed in place by hand goes unnoticed.
func Intact(final, manifestPath string) (int, bool) {
	m := readManifest(manifestPath)
	if m.Dir == "" || m.Dir != dirIdentity(final) {
		return 0, false
	}
	names := make(chan string, 256)
	var missing atomic.Bool
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range names {
				if !missing.Load() {
					if _, err := os.Lstat(filepath.Join(final, filepath.FromSlash(n))); err != nil {
						missing.Store(true)
					}
				}
			}
		}()
	}
	for n := range m.Files {
		names <- n
	}
	close(names)
	wg.Wait()
	return len(m.Files), !missing.Load()
}

func (o *Output) prevManifest() string { return o.manifest + ".prev" }

func checkName(name string) error {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains("/"+name+"/", "/../") || strings.Contains(name, "\\") {
		return fmt.Errorf("output: bad file name %q", name)
	}
	return nil
}

// record claims name for this build.
func (o *Output) record(name, hash, key string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.next.Files[name]; dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	o.next.Files[name] = hash
	if key != "" {
		o.next.Keys[name] = key
	}
	return nil
}

func (o *Output) mkdirFor(dst string) error {
	dir := filepath.Dir(dst)
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	o.dirs.Store(dir, true)
	return nil
}

// link hard-links name from the previous site; false if it cannot. A file
// the stage already holds with that content stays as it is.
func (o *Output) link(name string) bool {
	if h, ok := o.have.Files[name]; ok && h == o.prev.Files[name] {
		return true
	}
	dst := filepath.Join(o.stage, filepath.FromSlash(name))
	if o.mkdirFor(dst) != nil {
		return false
	}
	o.clear(dst)
	return os.Link(filepath.Join(o.final, filepath.FromSlash(name)), dst) == nil
}

// clear removes what a recycled stage holds at dst, so that the new file
// gets an inode of its own: the old one may be the live site's too.
func (o *Output) clear(dst string) {
	if len(o.have.Files) > 0 {
		os.Remove(dst)
	}
}

// WriteFile writes one file of the site; name is slash-separated and
// relative to the site root. It is safe for concurrent use.
func (o *Output) WriteFile(name string, data []byte) error {
	return o.write(name, "", data)
}

func (o *Output) write(name, key string, data []byte) error {
	if err := checkName(name); err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])
	if err := o.record(name, h, key); err != nil {
		return err
	}
	if o.have.Files[name] == h || o.prev.Files[name] == h && o.link(name) {
		o.count(o.counter(name, h))
		return nil
	}
	dst := filepath.Join(o.stage, filepath.FromSlash(name))
	if err := o.mkdirFor(dst); err != nil {
		return err
	}
	o.clear(dst)
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	o.count(&o.Written)
	return nil
}

// WriteKeyed writes a page whose content is a function of key: if the
// previous build wrote name from the same key, the page is linked without
// calling render. key must cover every input of the page (its data and the
// templates); the incremental-equals-full tests hold it to that.
func (o *Output) WriteKeyed(name, key string, render func() ([]byte, error)) error {
	if err := checkName(name); err != nil {
		return err
	}
	if kept, err := o.keep(name, key); kept || err != nil {
		return err
	}
	data, err := render()
	if err != nil {
		return err
	}
	return o.write(name, key, data)
}

// keep links name from the previous build if that build wrote it from the
// same key; false if it did not, or if the file cannot be linked.
func (o *Output) keep(name, key string) (bool, error) {
	h, ok := o.prev.Files[name]
	if !ok || o.prev.Keys[name] != key {
		return false, nil
	}
	if err := o.record(name, h, key); err != nil {
		return false, err
	}
	if o.link(name) {
		o.count(&o.Linked)
		return true, nil
	}
	// Could not link (the file is gone): make it after all.
	o.mu.Lock()
	delete(o.next.Files, name)
	delete(o.next.Keys, name)
	o.mu.Unlock()
	return false, nil
}

// Prev returns the path of the previous build's name and the hash the
// manifest records for it; false if that build did not write it. The file
// is the live site's: read it, never change it.
func (o *Output) Prev(name string) (path, hash string, ok bool) {
	hash, ok = o.prev.Files[name]
	return filepath.Join(o.final, filepath.FromSlash(name)), hash, ok
}

// Hash returns the hash of name as this build wrote it ("" if it has not).
func (o *Output) Hash(name string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.next.Files[name]
}

// counter is the count a file that was not written goes to: a recycled
// stage may already hold a file that differs from the live site's, and the
// site has then changed all the same.
func (o *Output) counter(name, hash string) *int {
	if o.prev.Files[name] == hash {
		return &o.Linked
	}
	return &o.Written
}

func (o *Output) count(n *int) {
	o.mu.Lock()
	*n++
	o.mu.Unlock()
}

// Len is the number of files written so far.
func (o *Output) Len() int { return len(o.next.Files) }

// Commit swaps the new site in, and keeps the previous one for the next
// build to recycle. The manifests are written after the swap, each naming
// its folder: if the build dies in between, the next build only reuses less.
func (o *Output) Commit() error {
	if err := o.dropStale(); err != nil {
		return err
	}
	if err := swapDirs(o.stage, o.final); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	o.next.Dir = dirIdentity(o.final)
	// The new site's manifest is written while the old site is put away
	// and its own manifest written: the two are independent files.
	written := make(chan error, 1)
	go func() { written <- writeManifest(o.manifest, o.next) }()
	err := o.recyclePrev()
	if werr := <-written; werr != nil {
		return werr
	}
	return err
}

// recyclePrev keeps the previous site, which the swap left at the stage
// path, for the next build to recycle, with a manifest naming its folder.
func (o *Output) recyclePrev() error {
	if _, err := os.Lstat(o.stage); err != nil {
		return nil
	}
	if o.prev.Dir == "" || o.prev.Files == nil {
		o.discard(o.stage) // its content is unknown
		return nil
	}
	if o.stage != o.recycle {
		if err := os.Rename(o.stage, o.recycle); err != nil {
			o.discard(o.stage)
			return nil
		}
	}
	o.prev.Dir = dirIdentity(o.recycle)
	return writeManifest(o.prevManifest(), o.prev)
}

// A manifest file is a header line with the folder's identity, then a
// record per file: name, content hash and key, each ended by a NUL (no file
// name holds one). A build reads two and writes two; for the 189,885 files
// of a 50k site, timed beside encoding/json in one run (three rounds), a
// manifest reads in 100-150 ms against 340-380 ms and writes in 145-250 ms
// against 370-430 ms.
const manifestHeader = "casefile manifest 2\n"

func readManifest(path string) manifest {
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte(manifestHeader)) {
		return manifest{}
	}
	s := string(b[len(manifestHeader):]) // one copy; the names are slices of it
	nl := strings.IndexByte(s, '\n')
	if nl < 0 {
		return manifest{}
	}
	dir, s := s[:nl], s[nl+1:]
	// Sized up front: growing two maps of 191,000 names (a site of 50,000
	// documents) one doubling at a time took half of this function's time.
	n := strings.Count(s, "\x00") / 3
	m := manifest{Dir: dir, Files: make(map[string]string, n), Keys: make(map[string]string, n)}
	m.records = s
	for len(s) > 0 {
		var f [3]string
		for i := range f {
			end := strings.IndexByte(s, 0)
			if end < 0 {
				return manifest{} // cut short: trust none of it
			}
			f[i], s = s[:end], s[end+1:]
		}
		m.Files[f[0]] = f[1]
		if f[2] != "" {
			m.Keys[f[0]] = f[2]
		}
	}
	return m
}

func writeManifest(path string, m manifest) error {
	records := m.records // a manifest read: its records as they were
	if records == "" {
		names := make([]string, 0, len(m.Files))
		for n := range m.Files {
			names = append(names, n)
		}
		slices.Sort(names)
		var b strings.Builder
		b.Grow(len(names) * 200)
		for _, n := range names {
			for _, f := range [3]string{n, m.Files[n], m.Keys[n]} {
				b.WriteString(f)
				b.WriteByte(0)
			}
		}
		records = b.String()
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	_, err = f.WriteString(manifestHeader + m.Dir + "\n")
	if err == nil {
		_, err = f.WriteString(records)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// dropStale deletes the files of a recycled stage that this build did not
// write, and the folders they leave empty.
func (o *Output) dropStale() error {
	var stale []string
	for name := range o.have.Files {
		if _, ok := o.next.Files[name]; !ok {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	for _, name := range stale {
		p := filepath.Join(o.stage, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("output: %w", err)
		}
		for dir := filepath.Dir(p); dir != o.stage && strings.HasPrefix(dir, o.stage); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil {
				break // not empty
			}
		}
	}
	return nil
}

// Abort throws the unfinished site away.
func (o *Output) Abort() { o.discard(o.stage) }

// discard moves dir out of the way under a temporary name, which the next
// build would clean up too, and deletes it in the background: its own name
// may be taken again before the deletion ends.
func (o *Output) discard(dir string) {
	parent, base := filepath.Dir(o.final), filepath.Base(o.final)
	if j, err := os.MkdirTemp(parent, "."+base+".tmp-"); err == nil {
		if os.Rename(dir, filepath.Join(j, "old")) == nil {
			dir = j
		} else {
			os.Remove(j)
		}
	}
	removeLater(dir)
}

// SyncRemoval makes removeLater delete at once, in this process (tests).
var SyncRemoval = false

// removeLater deletes folders in a detached background process, so that the
// build does not wait for it; where that cannot be started, it deletes them
// now.
func removeLater(dirs ...string) {
	if !SyncRemoval {
		if rm, err := exec.LookPath("rm"); err == nil {
			cmd := exec.Command(rm, append([]string{"-rf", "--"}, dirs...)...)
			cmd.SysProcAttr = detached()
			if cmd.Start() == nil {
				cmd.Process.Release()
				return
			}
		}
	}
	for _, d := range dirs {
		os.RemoveAll(d)
	}
}

// Create opens a file of the site for streaming: large exports are written
// as they are produced rather than assembled in memory. Close records the
// file; an unchanged file is replaced by a link to the previous build's.
func (o *Output) Create(name string) (io.WriteCloser, error) {
	return o.create(name, "")
}

// CreateKeyed is Create for a file whose content is a function of key, as
// in WriteKeyed: if the previous build wrote name from the same key, the
// file is linked and CreateKeyed returns a nil writer, and the caller makes
// nothing.
func (o *Output) CreateKeyed(name, key string) (io.WriteCloser, error) {
	// (create checks the name: a bad one is in no manifest, so not kept)
	if kept, err := o.keep(name, key); kept || err != nil {
		return nil, err
	}
	return o.create(name, key)
}

func (o *Output) create(name, key string) (io.WriteCloser, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	dst := filepath.Join(o.stage, filepath.FromSlash(name))
	if err := o.mkdirFor(dst); err != nil {
		return nil, err
	}
	// beside dst until Close: dst may be a file a recycled stage keeps
	f, err := os.CreateTemp(filepath.Dir(dst), ".stream-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &streamFile{o: o, name: name, key: key, dst: dst, f: f, bw: bufio.NewWriterSize(f, 256<<10), h: sha256.New()}, nil
}

type streamFile struct {
	o              *Output
	name, key, dst string
	f              *os.File
	bw             *bufio.Writer
	h              hash.Hash
}

func (s *streamFile) Write(p []byte) (int, error) {
	s.h.Write(p)
	return s.bw.Write(p)
}

func (s *streamFile) Close() error {
	err := s.bw.Flush()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	tmp := s.f.Name()
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("output: %w", err)
	}
	h := hex.EncodeToString(s.h.Sum(nil))
	if err := s.o.record(s.name, h, s.key); err != nil {
		os.Remove(tmp)
		return err
	}
	if s.o.have.Files[s.name] == h || s.o.prev.Files[s.name] == h && s.o.link(s.name) {
		os.Remove(tmp)
		s.o.count(s.o.counter(s.name, h))
		return nil
	}
	os.Chmod(tmp, 0o644)
	if err := os.Rename(tmp, s.dst); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("output: %w", err)
	}
	s.o.count(&s.o.Written)
	return nil
}

// HashTree returns a digest of the folders, file names and contents under
// dir: two sites are byte-identical when their digests are equal (the
// reproducibility tests and the build benchmark compare them).
func HashTree(dir string) (string, error) {
	names, err := treeNames(dir)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, n := range names {
		if strings.HasSuffix(n, "/") {
			fmt.Fprintf(h, "%s\n", n)
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %x\n", n, sha256.Sum256(b))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// treeNames lists what is under dir, slash-separated and sorted, folders
// with a trailing slash.
func treeNames(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			rel += "/"
		}
		names = append(names, rel)
		return nil
	})
	sort.Strings(names)
	return names, err
}
