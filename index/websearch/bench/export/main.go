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
	"path/filepath"
	"runtime"
	"time"

	"github.com/blevesearch/bleve/v2"

	"casefile/index/websearch"
	"casefile/index/websearch/internal/testcorpus"
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
	flag.Parse()
	if err := run(*corpus, *idxDir, *out, *indexOnly, *batch); err != nil {
		fmt.Fprintln(os.Stderr, "export:", err)
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
	if err := os.WriteFile(filepath.Join(out, "search.html"), page, 0o644); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(map[string]any{"docs": st.Docs, "terms": st.Terms, "files": st.Files,
		"bytes": st.Bytes, "kinds": st.Kinds, "export_s": time.Since(t0).Seconds()})
}
