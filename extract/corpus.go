package extract

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"casefile/extract/timex"
)

// Corpus control files: data about the corpus, not documents in it. They live
// at the corpus root.
const (
	OverridesFile = "entities.csv"
)

// MaxFileSize is the largest file casefile reads. Larger files are reported,
// not read: they are almost never single documents.
const MaxFileSize = 64 << 20

// File is one entry found under the corpus folder.
type File struct {
	Path    string `json:"path"` // corpus-relative, slash-separated
	Size    int64  `json:"size"`
	ModTime int64  `json:"-"`                 // nanoseconds since 1970
	Inode   uint64 `json:"-"`                 // 0 where unknown
	Change  int64  `json:"-"`                 // inode change time, nanoseconds; 0 where unknown
	Control string `json:"control,omitempty"` // catalog, overrides or readme: read as corpus data, not as a document
	Skip    string `json:"skip,omitempty"`    // why it is not read, if it is not
}

// Scan lists every entry under dir, sorted by path. It never follows
// symbolic links, and says why each entry it will not read is skipped, so
// nothing in the corpus goes unreported.
func Scan(dir string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			if rel == "." {
				return err
			}
			files = append(files, File{Path: rel, Skip: "cannot read: " + unwrapPathError(err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if rel == "." {
			return nil
		}
		name := d.Name()
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			files = append(files, File{Path: rel, Skip: "symbolic link (not followed)"})
			return nil
		case d.IsDir():
			if strings.HasPrefix(name, ".") {
				files = append(files, File{Path: rel + "/", Skip: "hidden folder (not read)"})
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular():
			files = append(files, File{Path: rel, Skip: "not a regular file"})
			return nil
		}
		info, err := d.Info()
		if err != nil {
			files = append(files, File{Path: rel, Skip: "cannot read: " + unwrapPathError(err)})
			return nil
		}
		f := File{Path: rel, Size: info.Size(), ModTime: info.ModTime().UnixNano(), Inode: inode(info), Change: changeTime(info)}
		top := !strings.Contains(rel, "/")
		switch lower := strings.ToLower(name); {
		case top && lower == CatalogFile:
			f.Control = "catalog"
		case top && lower == OverridesFile:
			f.Control = "overrides"
		case top && (strings.HasPrefix(lower, "readme") || strings.HasPrefix(lower, "license")):
			f.Control = "readme"
		case strings.HasPrefix(name, "."):
			f.Skip = "hidden file"
		case FormatOf(name) == "":
			ext := path.Ext(name)
			if ext == "" {
				ext = "(no extension)"
			}
			f.Skip = fmt.Sprintf("%s %s (casefile reads .txt, .md and .html)", ErrUnsupported, ext)
		case info.Size() > MaxFileSize:
			f.Skip = fmt.Sprintf("too large: %d MiB (the limit is %d MiB)", info.Size()>>20, MaxFileSize>>20)
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", dir, err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

func unwrapPathError(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

// Analysis is a read and annotated document: the unit cached between builds
// and passed to corpus-level resolution.
type Analysis struct {
	Doc Document `json:"doc"`
	Annotations
}

// Analyze annotates a read document. A document without a date gets one
// inferred from its text, marked as inferred; relative dates are resolved
// against it.
func Analyze(doc *Document) *Analysis {
	if doc.Published == "" {
		if t, ok := timex.InferDCT(doc.Text); ok {
			doc.Published, doc.DateFrom = t.Format("2006-01-02"), "inferred"
		}
	}
	var dct time.Time
	if doc.Published != "" {
		dct, _ = time.Parse("2006-01-02", doc.Published)
	}
	return &Analysis{Doc: *doc, Annotations: Annotate(doc.Text, dct)}
}

// Result is the outcome for one document file: an analysis, or an error
// naming the file and the reason.
type Result struct {
	File     File
	Analysis *Analysis
	Err      error
	Cached   bool
}

// Options configure ReadAll.
type Options struct {
	Dir     string  // corpus folder
	Catalog Catalog // may be nil
	Workers int     // 0 means GOMAXPROCS
	Cache   *Cache  // may be nil
	// Progress, if set, is called after each file (from one goroutine at a time).
	Progress func(done, total int, f File)
}

// ReadAll reads and annotates every readable document file in files, in
// parallel. Results come back in the order of files. A bad file gives a
// Result with Err set and never stops the others.
func ReadAll(ctx context.Context, files []File, opt Options) []Result {
	var todo []int
	for i, f := range files {
		if f.Control == "" && f.Skip == "" {
			todo = append(todo, i)
		}
	}
	paths := make([]string, len(todo))
	for k, i := range todo {
		paths[k] = files[i].Path
	}
	ids := AssignIDs(paths)

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make([]Result, len(todo))
	jobs := make(chan int)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range jobs {
				f := files[todo[k]]
				r := readOne(f, ids[f.Path], opt)
				results[k] = r
				if opt.Progress != nil {
					mu.Lock()
					done++
					opt.Progress(done, len(todo), f)
					mu.Unlock()
				}
			}
		}()
	}
feed:
	for k := range todo {
		select {
		case jobs <- k:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	for k := range results {
		if results[k].Analysis == nil && results[k].Err == nil {
			results[k] = Result{File: files[todo[k]], Err: &FileError{files[todo[k]].Path, ctx.Err()}}
		}
	}
	return results
}

func readOne(f File, id string, opt Options) (r Result) {
	r.File = f
	defer func() {
		// A reader bug must cost one file, not the build.
		if p := recover(); p != nil {
			r.Analysis, r.Err = nil, &FileError{f.Path, fmt.Errorf("internal error while reading: %v", p)}
		}
	}()
	var entry *Entry
	if e, ok := opt.Catalog[f.Path]; ok {
		entry = &e
	}
	opt.Cache.markSeen(f.Path)
	// Unchanged since the last build (same size, time and inode): the cache
	// knows its content hash, and maybe its analysis, without reading it.
	if h := opt.Cache.rawHash(f); h != "" {
		key := cacheKey(h, id, entry)
		if a := opt.Cache.get(key); a != nil {
			a.Doc.Key = key
			return Result{File: f, Analysis: a, Cached: true}
		}
	}
	raw, err := os.ReadFile(filepath.Join(opt.Dir, filepath.FromSlash(f.Path)))
	if err != nil {
		r.Err = &FileError{f.Path, fmt.Errorf("cannot read: %s", unwrapPathError(err))}
		return r
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	opt.Cache.setRawHash(f, hash)
	key := cacheKey(hash, id, entry)
	if a := opt.Cache.get(key); a != nil {
		a.Doc.Key = key
		return Result{File: f, Analysis: a, Cached: true}
	}
	doc, err := Read(f.Path, id, raw, entry)
	if err != nil {
		r.Err = err
		return r
	}
	doc.Key = key
	r.Analysis = Analyze(doc)
	opt.Cache.put(key, r.Analysis)
	return r
}

func parseDCT(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}
