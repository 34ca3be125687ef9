package websearch_test

import (
	"strings"
	"testing"

	"casefile/index/websearch"
)

// TestTextPacks: a query of plain words loads the likely first page of
// each of its common words from one pack a word, by relevance and by date,
// and the records are those of the hits (the ids come from them). By date,
// the first page of a query of common words is always within its words'
// packs: it needs no record of its own. Every query runs in a fresh engine,
// so that nothing is cached from the one before.
func TestTextPacks(t *testing.T) {
	items := loadItems(t, 400)
	s := buildSiteOpt(t, items, 0, &websearch.Options{OwnFileBytes: 300})
	type req struct {
		Q     string `json:"q"`
		Sort  string `json:"sort,omitempty"`
		Files bool   `json:"files"`
	}
	for _, c := range []struct {
		q, sort string
		packs   int // -1: at least one (words' packs can be the same file)
		records int // -1: any
	}{
		{"court", "", 1, 0},
		{"court", "date", 1, 0},
		{"court motion", "", 2, -1},
		{"court motion", "date", -1, 0},
		{"court motion judge", "date", -1, 0},
		{"+court motion", "", 0, -1}, // an operator: no packs
	} {
		var in struct {
			Search []req `json:"search"`
		}
		in.Search = []req{{c.q, c.sort, true}}
		var out struct {
			Search []struct {
				jsResult
				Files []string `json:"files"`
			} `json:"search"`
		}
		runNode(t, s.dir, in, &out)
		r := out.Search[0]
		if r.Err != "" || len(r.Hits) != 10 {
			t.Fatalf("%q %s: %d hits, %s", c.q, c.sort, len(r.Hits), r.Err)
		}
		packs, records := 0, 0
		for _, f := range r.Files {
			switch {
			case strings.HasPrefix(f, "tp-"):
				packs++
			case strings.HasPrefix(f, "t-"):
				records++
			}
		}
		packsOK := packs == c.packs || c.packs < 0 && packs > 0
		recordsOK := records == c.records || c.records < 0
		if !packsOK || !recordsOK {
			t.Errorf("%q %s: %d packs and %d record files loaded, want %d and %d: %v", c.q, c.sort, packs, records, c.packs, c.records, r.Files)
		}
		checkSame(t, s.idx, conformanceQuery{Q: c.q, Sort: c.sort}, r.jsResult)
	}
}
