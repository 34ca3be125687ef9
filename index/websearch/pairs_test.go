package websearch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/index/websearch"
)

// TestPhrasePairs: a two-word phrase of common terms reads the pair's
// documents and no positions, and finds what bleve finds; a phrase of
// rarer terms, or of three words, still reads positions. (TestConformance
// compares many phrases' hits and scores with pairs on; TestIncremental
// holds pairs, like everything else, to what a full export writes.)
func TestPhrasePairs(t *testing.T) {
	items := loadItems(t, 200)
	s := buildSiteOpt(t, items, 0, &websearch.Options{PairMinPositions: 256})
	man, err := os.ReadFile(filepath.Join(s.dir, "search", "manifest.js"))
	if err != nil || !strings.Contains(string(man), `"pairs":{"gap":2,"min":256}`) {
		t.Fatalf("no pairs in the manifest (%v)", err)
	}
	type req struct {
		Q     string `json:"q"`
		Files bool   `json:"files"`
	}
	cases := []struct {
		q     string
		pairs bool
	}{
		{`"motion to dismiss"`, true}, {`"court court"`, true}, {`"motion dismiss"`, true}, {`"motion to dismiss the"`, true},
		// (a file read once is not read again: each of these reads positions
		// no query above has)
		{`title:"motion to dismiss"`, false}, {`"Homeland Security"`, false}, {`"court ruling appeal"`, false},
	}
	var search []req
	for _, c := range cases {
		search = append(search, req{c.q, true})
	}
	var resp struct {
		Search []struct {
			Err   string   `json:"err"`
			Total int      `json:"total"`
			Files []string `json:"files"`
		} `json:"search"`
	}
	runNode(t, s.dir, map[string]any{"search": search}, &resp)
	for i, c := range cases {
		got := resp.Search[i]
		if got.Err != "" {
			t.Fatalf("%s: %s", c.q, got.Err)
		}
		want, err := bleveSearch(s.idx, conformanceQuery{Q: c.q}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != int(want.Total) {
			t.Errorf("%s: %d results, bleve %d", c.q, got.Total, want.Total)
		}
		readPos := false
		for _, f := range got.Files {
			readPos = readPos || strings.HasPrefix(f, "pos-")
		}
		if readPos == c.pairs {
			t.Errorf("%s: read positions %v, want %v (files %v)", c.q, readPos, !c.pairs, got.Files)
		}
	}
}
