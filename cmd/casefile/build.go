package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"

	"casefile/extract"
	"casefile/extract/ner"
	"casefile/index"
	"casefile/site"
)

// defaultMemoryLimit is the soft limit of the Go heap during a build. The
// bleve index's memory-mapped files come on top of it: at 50,000 documents
// a full build peaked at 2,020 MiB RSS with 1,400 MiB here and 1,920 MiB
// with 1,300 MiB (208 s and 220 s wall, one after the other), so 1,300
// keeps a margin under 2 GiB for a little more GC.
const defaultMemoryLimit = 1300 << 20

// buildConfig is what 'casefile build' works on.
type buildConfig struct {
	Corpus, Out, Build string
	Name, BaseURL      string
	MemProfile         string
	Workers            int
	NoCache            bool
}

func (m *Main) runBuild(ctx context.Context, args []string) error {
	fs := m.newFlagSet("build", "[-corpus DIR] [-out DIR] [-build DIR]")
	var cfg buildConfig
	fs.StringVar(&cfg.Corpus, "corpus", "corpus", "folder of documents to build the site from")
	fs.StringVar(&cfg.Out, "out", "public", "folder the site is written to (replaced atomically)")
	fs.StringVar(&cfg.Build, "build", "build", "folder for the index, cache and build report")
	fs.StringVar(&cfg.Name, "name", "casefile", "site title")
	fs.StringVar(&cfg.BaseURL, "url", "", "the address the site will be published at (for absolute links in sitemap.xml and feed.xml); empty keeps them relative")
	fs.IntVar(&cfg.Workers, "j", 0, "parallel workers (0: one per CPU)")
	fs.BoolVar(&cfg.NoCache, "no-cache", false, "ignore cached analyses")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile to `file` (for developers)")
	fs.StringVar(&cfg.MemProfile, "memprofile", "", "write a heap profile to `file` once the site is rendered (for developers)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{fmt.Sprintf("build: unexpected argument %q", fs.Arg(0))}
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fmt.Errorf("build: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("build: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	// A soft limit on the Go heap keeps a large build's memory bounded (the
	// collector works harder near it); GOMEMLIMIT in the environment wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	rep, err := build(ctx, cfg, m.Stderr)
	if rep != nil {
		rep.summary(m.Stderr)
	}
	return err
}

// fileReport is one corpus file's line in the build report.
type fileReport struct {
	Path        string   `json:"path"`
	Status      string   `json:"status"` // indexed, duplicate, skipped, control
	ID          string   `json:"id,omitempty"`
	Reason      string   `json:"reason,omitempty"`
	DuplicateOf string   `json:"duplicate_of,omitempty"`
	Warnings    []string `json:"warnings,omitempty"`
}

type report struct {
	Corpus   string            `json:"corpus"`
	Out      string            `json:"out"`
	Report   string            `json:"-"`
	Counts   map[string]int    `json:"counts"`
	Files    []fileReport      `json:"files"`
	Warnings []string          `json:"warnings,omitempty"`
	Index    index.UpdateStats `json:"index"`
	Cache    struct {
		Hits, Misses int
	} `json:"cache"`
	Output struct {
		Files, Written, Linked int
	} `json:"output"`
	Timings map[string]string `json:"timings"`
}

func (r *report) summary(w io.Writer) {
	c := r.Counts
	fmt.Fprintf(w, "casefile: %d files: %d indexed, %d duplicates, %d skipped, %d corpus data\n",
		c["files"], c["indexed"], c["duplicate"], c["skipped"], c["control"])
	shown := 0
	for _, f := range r.Files {
		if f.Status == "skipped" {
			if shown < 10 {
				fmt.Fprintf(w, "  skipped %s: %s\n", f.Path, f.Reason)
			}
			shown++
		}
	}
	if shown > 10 {
		fmt.Fprintf(w, "  ... and %d more skipped files\n", shown-10)
	}
	for i, warn := range r.Warnings {
		if i == 10 {
			fmt.Fprintf(w, "  ... and %d more warnings\n", len(r.Warnings)-10)
			break
		}
		fmt.Fprintf(w, "  warning: %s\n", warn)
	}
	if r.Output.Files > 0 {
		fmt.Fprintf(w, "casefile: wrote %s (%d files: %d new or changed, %d unchanged) in %s; report in %s\n",
			r.Out, r.Output.Files, r.Output.Written, r.Output.Linked, r.Timings["total"], r.Report)
	}
}

// build runs the pipeline: scan, read and annotate, resolve, index, render.
func build(ctx context.Context, cfg buildConfig, logw io.Writer) (*report, error) {
	start := time.Now()
	rep := &report{Corpus: cfg.Corpus, Out: cfg.Out, Report: filepath.Join(cfg.Build, "report.json"), Counts: map[string]int{}, Timings: map[string]string{}}
	lap := func(name string, t time.Time) { rep.Timings[name] = time.Since(t).Round(time.Millisecond).String() }
	prog := newProgress(logw)

	st, err := os.Stat(cfg.Corpus)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("build: corpus folder %s: not found (use -corpus DIR)", cfg.Corpus)
	}
	t := time.Now()
	files, err := extract.Scan(cfg.Corpus)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	lap("scan", t)

	// The build stops here or once the corpus is read when nothing changed
	// since the last complete build: its site stands.
	unchanged := func() error {
		lap("total", start)
		prog.finish("nothing changed since the last build: %s is up to date", cfg.Out)
		return writeReport(rep.Report, rep)
	}
	// No corpus file changed on disk: the last report stands too, and
	// nothing needs reading.
	scanned := ""
	if !cfg.NoCache {
		scanned = scanKey(cfg, files)
		if last, ok := unchangedSince(cfg, files, scanned, rep.Report); ok {
			last.Timings["scan"] = rep.Timings["scan"]
			rep = last
			return rep, unchanged()
		}
	}

	// Corpus data: the catalog and the entity overrides.
	var cat extract.Catalog
	var ov *index.Overrides
	control := map[string][]byte{}
	for _, f := range files {
		switch f.Control {
		case "catalog":
			cat, err = readControl(cfg.Corpus, f, func(r io.Reader) (extract.Catalog, []string, error) { return extract.ParseCatalog(r) }, rep, control)
		case "overrides":
			ov, err = readControl(cfg.Corpus, f, index.ParseOverrides, rep, control)
		}
		if err != nil {
			return rep, fmt.Errorf("build: %w", err)
		}
	}

	t = time.Now()
	opt := extract.Options{Dir: cfg.Corpus, Catalog: cat, Workers: cfg.Workers}
	if !cfg.NoCache {
		c, err := extract.OpenCache(filepath.Join(cfg.Build, "cache.db"))
		if err != nil {
			return rep, fmt.Errorf("build: %w", err)
		}
		opt.Cache = c
	}
	opt.Progress = prog.step("reading", 0)
	results := extract.ReadAll(ctx, files, opt)
	prog.done()
	// Tagging is over: the model's heap is better spent as headroom for
	// resolving and rendering, which run near the soft memory limit.
	ner.ReleaseDefault()
	if err := ctx.Err(); err != nil {
		opt.Cache.Close(false)
		return rep, err
	}
	if err := opt.Cache.Close(true); err != nil {
		return rep, fmt.Errorf("build: %w", err)
	}
	if opt.Cache != nil {
		rep.Cache.Hits, rep.Cache.Misses = opt.Cache.Hits, opt.Cache.Misses
	}
	lap("read", t)
	prog.finish("read %d files in %s (%d analysed, %d from the cache)", len(results), since(t), len(results)-rep.Cache.Hits, rep.Cache.Hits)

	// Every file gets a line: documents, duplicates, skips, corpus data.
	byPath := map[string]extract.Result{}
	for _, r := range results {
		byPath[r.File.Path] = r
	}
	firstByHash := map[string]string{}
	var docs []*extract.Analysis
	for _, f := range files {
		fr := fileReport{Path: f.Path}
		switch {
		case f.Control != "":
			fr.Status, fr.Reason = "control", "corpus "+f.Control
		case f.Skip != "":
			fr.Status, fr.Reason = "skipped", f.Skip
		default:
			r := byPath[f.Path]
			if r.Err != nil {
				fr.Status, fr.Reason = "skipped", reason(r.Err)
				break
			}
			a := r.Analysis
			fr.ID, fr.Warnings = a.Doc.ID, a.Doc.Warnings
			if first, dup := firstByHash[a.Doc.Hash]; dup {
				fr.Status, fr.DuplicateOf = "duplicate", first
				break
			}
			firstByHash[a.Doc.Hash] = f.Path
			fr.Status = "indexed"
			docs = append(docs, a)
		}
		rep.Counts[fr.Status]++
		rep.Counts["files"]++
		rep.Files = append(rep.Files, fr)
	}
	for p := range cat {
		if _, ok := byPath[p]; !ok {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("catalog: %s is listed but is not a document in the corpus", p))
		}
	}
	sort.Strings(rep.Warnings)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })

	inputs := inputsKey(cfg, rep, docs, control)
	if n, ok := upToDate(cfg, inputs); ok && !cfg.NoCache {
		rep.Index.Unchanged = len(docs)
		rep.Output.Files, rep.Output.Linked = n, n
		if err := unchanged(); err != nil {
			return rep, err
		}
		// the files touched since have the same bytes: the next build
		// need not read them to know
		return rep, writeJSONFile(lastBuildPath(cfg), lastBuild{Inputs: inputs, Scan: scanned})
	}
	// From here the index and the site change: the last build's record goes
	// first, so that a build killed half way is not taken for it.
	if err := os.Remove(lastBuildPath(cfg)); err != nil && !os.IsNotExist(err) {
		return rep, fmt.Errorf("build: %w", err)
	}

	// The site's manifests (29 MB each at 50,000 documents) are read while
	// resolution runs: its serial steps leave a CPU idle.
	type opened struct {
		out *site.Output
		err error
	}
	outc := make(chan opened, 1)
	go func() {
		out, err := site.NewOutput(cfg.Out, siteManifest(cfg))
		outc <- opened{out, err}
	}()

	t = time.Now()
	prog.stage("resolving entities and dates")
	var ropt index.ResolveOptions
	if !cfg.NoCache {
		ropt.StoryCache = filepath.Join(cfg.Build, "stories.cache")
	}
	corpus := index.ResolveWith(docs, ov, ropt)
	lap("resolve", t)
	prog.finish("resolved %d entities and %d timeline events in %s", len(corpus.Entities), len(corpus.Timeline), since(t))

	// The bleve index builds while the pages render: only the search data
	// waits for it.
	t = time.Now()
	tIndex := t
	prog.stage("indexing and writing the site")
	type indexed struct {
		idx bleve.Index
		st  index.UpdateStats
		err error
	}
	// bleve's indexing uses about one CPU: it holds one token of the pool it
	// shares with rendering, which gets the others (and all of them once the
	// index is built), so neither starves the other.
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	done := make(chan indexed, 1)
	go func() {
		cpu <- struct{}{}
		idx, st, err := index.Update(filepath.Join(cfg.Build, "index"), index.Documents(corpus))
		<-cpu
		done <- indexed{idx, st, err}
	}()
	var ix *indexed
	waitIndex := func() (bleve.Index, error) {
		if ix == nil {
			r := <-done
			ix = &r
			if r.err == nil {
				rep.Index = r.st
				lap("index", tIndex)
			}
		}
		if ix.err != nil {
			return nil, fmt.Errorf("build: %w", ix.err)
		}
		return ix.idx, nil
	}
	defer func() {
		if idx, err := waitIndex(); err == nil {
			idx.Close()
		}
	}()
	renderCache := cfg.Build // the search export's state and the exports' blocks, to update them incrementally
	if cfg.NoCache {
		renderCache = ""
	}
	o := <-outc
	out, err := o.out, o.err
	if err != nil {
		return rep, fmt.Errorf("build: %w", err)
	}
	if err := site.Render(corpus, out, site.Options{
		Name: cfg.Name, BaseURL: cfg.BaseURL, Index: waitIndex, CPU: cpu,
		IndexDir: filepath.Join(cfg.Build, "index"), CacheDir: renderCache,
	}); err != nil {
		out.Abort()
		return rep, fmt.Errorf("build: %w", err)
	}
	if _, err := waitIndex(); err != nil {
		out.Abort()
		return rep, err
	}
	ist := rep.Index
	prog.finish("indexed in %s (%d added, %d updated, %d deleted, %d unchanged)", rep.Timings["index"], ist.Added, ist.Updated, ist.Deleted, ist.Unchanged)
	if err := ctx.Err(); err != nil {
		out.Abort()
		return rep, err
	}
	if cfg.MemProfile != "" {
		if f, err := os.Create(cfg.MemProfile); err == nil {
			pprof.WriteHeapProfile(f)
			f.Close()
		}
	}
	if err := out.Commit(); err != nil {
		return rep, fmt.Errorf("build: %w", err)
	}
	rep.Output.Files, rep.Output.Written, rep.Output.Linked = out.Len(), out.Written, out.Linked
	lap("render", t)
	lap("total", start)

	if err := writeReport(rep.Report, rep); err != nil {
		return rep, fmt.Errorf("build: %w", err)
	}
	if !cfg.NoCache {
		if err := writeJSONFile(lastBuildPath(cfg), lastBuild{Inputs: inputs, Scan: scanned}); err != nil {
			return rep, fmt.Errorf("build: %w", err)
		}
	}
	return rep, nil
}

// readControl parses one corpus data file, adding its warnings to the report.
// Its bytes go into control, by path.
func readControl[T any](dir string, f extract.File, parse func(io.Reader) (T, []string, error), rep *report, control map[string][]byte) (T, error) {
	var zero T
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
	if err != nil {
		return zero, err
	}
	control[f.Path] = b
	v, warn, err := parse(bytes.NewReader(b))
	for _, w := range warn {
		rep.Warnings = append(rep.Warnings, f.Path+": "+w)
	}
	if err != nil {
		return zero, fmt.Errorf("%s: %w", f.Path, err)
	}
	return v, nil
}

// reason is the report's wording of a file error: the error without the
// path, which the report line already names.
func reason(err error) string {
	var fe *extract.FileError
	if errors.As(err, &fe) {
		return fe.Err.Error()
	}
	return err.Error()
}

func writeReport(path string, rep *report) error { return writeJSONFile(path, rep) }

// writeJSONFile replaces path with v as indented JSON.
func writeJSONFile(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func since(t time.Time) string {
	d := time.Since(t)
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(100 * time.Millisecond).String()
}
