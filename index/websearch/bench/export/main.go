// Command export builds the browser search files for a gen-corpus.mjs corpus,
// standing in for `casefile build` in the websearch benchmark. It indexes the
// corpus with casefile's mapping (-index), then exports (-export), so that
// /usr/bin/time can measure the export's own peak RSS.
//
//	go run ./index/websearch/bench/export -corpus /tmp/bench-corpus/1000 -index /tmp/x/index -index-only
//	go run ./index/websearch/bench/export -index /tmp/x/index -corpus /tmp/bench-corpus/1000 -out /tmp/x/site
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"casefile/index/websearch"
	"casefile/index/websearch/internal/testcorpus"
	"casefile/site"
)

type sink struct{ dir string }

func (s sink) WriteFile(name string, data []byte) error {
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

func main() {
	corpus := flag.String("corpus", "", "gen-corpus.mjs output directory")
	idxDir := flag.String("index", "", "bleve index directory")
	out := flag.String("out", "", "site directory (search/ and search.html are written into it)")
	indexOnly := flag.Bool("index-only", false, "only build the index")
	batch := flag.Int("batch", 1000, "documents per bleve batch")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the export to this file")
	incremental := flag.Bool("incremental", false, "time one-document changes: export the index (a copy is changed) through site.Output with a cache, then add, change and delete one document and export again")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "export:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	run := run
	if *incremental {
		run = func(corpus, idxDir, out string, _ bool, _ int) error { return runIncremental(corpus, idxDir, out) }
	}
	if err := run(*corpus, *idxDir, *out, *indexOnly, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(corpus, idxDir, out string, indexOnly bool, batch int) error {
	items, err := testcorpus.LoadGen(corpus)
	if err != nil {
		return err
	}
	if indexOnly {
		t0 := time.Now()
		os.RemoveAll(idxDir)
		idx, err := testcorpus.BuildIndex(idxDir, items, batch)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "indexed %d documents in %s\n", len(items), time.Since(t0).Round(time.Millisecond))
		return idx.Close()
	}
	idx, err := bleve.Open(idxDir)
	if err != nil {
		return err
	}
	defer idx.Close()
	// keep only the page metadata, as the site would: the corpus text stays
	// out of the measured memory
	docs, ents := testcorpus.Meta(items)
	items = nil
	runtime.GC()
	t0 := time.Now()
	st, err := websearch.Export(idx, docs, ents, sink{out}, nil)
	if err != nil {
		return err
	}
	page, _ := websearch.Assets.ReadFile("assets/search.html")
	// the files every search needs first, requested beside manifest.js, as
	// the site's search page does
	var links strings.Builder
	for _, f := range st.Preload {
		fmt.Fprintf(&links, "<link rel=\"preload\" href=\"%s\" as=\"script\">\n", f)
	}
	page = []byte(strings.Replace(string(page), "</head>", links.String()+"</head>", 1))
	if err := os.WriteFile(filepath.Join(out, "search.html"), page, 0o644); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(map[string]any{"docs": st.Docs, "terms": st.Terms, "files": st.Files,
		"bytes": st.Bytes, "kinds": st.Kinds, "export_s": time.Since(t0).Seconds()})
}

// runIncremental copies the index, exports it through site.Output with a
// cache (the full export), then for each of: change a document, add one,
// delete one, changes the copy and exports again, and prints the times.
func runIncremental(corpus, idxDir, out string) error {
	items, err := testcorpus.LoadGen(corpus)
	if err != nil {
		return err
	}
	work := out + ".work"
	os.RemoveAll(work)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if err := exec.Command("cp", "-a", idxDir, filepath.Join(work, "index")).Run(); err != nil {
		return err
	}
	idx, err := bleve.Open(filepath.Join(work, "index"))
	if err != nil {
		return err
	}
	defer idx.Close()
	site.SyncRemoval = false
	cache := filepath.Join(work, "cache")
	export := func(step string) error {
		docs, ents := testcorpus.Meta(items)
		if p := os.Getenv("WS_PROFILE_STEPS"); p != "" && step != "full" {
			f, err := os.Create(p + "-" + step)
			if err != nil {
				return err
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		t0 := time.Now()
		o, err := site.NewOutput(out, filepath.Join(work, "manifest.json"))
		if err != nil {
			return err
		}
		st, err := websearch.Export(idx, docs, ents, o, &websearch.Options{CacheDir: cache})
		if err != nil {
			return err
		}
		// the site's index.html, which site.Output wants before it reuses anything
		if err := o.WriteFile("index.html", []byte("<!doctype html>")); err != nil {
			return err
		}
		te := time.Since(t0)
		if err := o.Commit(); err != nil {
			return err
		}
		fmt.Printf("%-7s export %6.0f ms, with commit %6.0f ms; incremental %v, read %d documents; files %d, written %d, linked %d\n",
			step, te.Seconds()*1000, time.Since(t0).Seconds()*1000, st.Incremental, st.Read, st.Files, o.Written, o.Linked)
		return nil
	}
	if err := export("full"); err != nil {
		return err
	}
	if err := export("nothing"); err != nil {
		return err
	}
	// change the text of one document in the middle
	mid := len(items) / 2
	it := items[mid]
	it.Doc.Text += " A new paragraph on the court's ruling."
	items[mid] = it
	if err := idx.Index(it.ID, it.Doc); err != nil {
		return err
	}
	if err := export("change"); err != nil {
		return err
	}
	// add one in the middle of the id order
	add := items[mid]
	add.ID += "-b"
	add.Doc.Title = "Another " + add.Doc.Title
	items = append(items, add)
	if err := idx.Index(add.ID, add.Doc); err != nil {
		return err
	}
	if err := export("add"); err != nil {
		return err
	}
	// delete one near the start
	del := items[len(items)/10]
	items = append(items[:len(items)/10], items[len(items)/10+1:]...)
	if err := idx.Delete(del.ID); err != nil {
		return err
	}
	return export("delete")
}
