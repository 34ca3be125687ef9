package websearch_test

import (
	"strings"
	"testing"

	"casefile/index/websearch"
)

// TestTextPacks: a one-word query for a common term loads its first page's
// text records from one pack, by relevance and by date, and the records are
// those of the hits (the ids come from them); a query of two words loads
// no pack.
func TestTextPacks(t *testing.T) {
	items := loadItems(t, 400)
	s := buildSiteOpt(t, items, 0, &websearch.Options{OwnFileBytes: 300})
	type req struct {
		Q     string `json:"q"`
		Sort  string `json:"sort,omitempty"`
		Files bool   `json:"files"`
	}
	var in struct {
		Search []req `json:"search"`
	}
	in.Search = []req{{"court", "", true}, {"court", "date", true}, {"court filing", "", true}}
	var out struct {
		Search []struct {
			jsResult
			Files []string `json:"files"`
		} `json:"search"`
	}
	runNode(t, s.dir, in, &out)
	for i, r := range out.Search {
		q := in.Search[i]
		if r.Err != "" || len(r.Hits) != 10 {
			t.Fatalf("%q: %d hits, %s", q.Q, len(r.Hits), r.Err)
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
		one := !strings.Contains(q.Q, " ")
		if one && (packs != 1 || records != 0) {
			t.Errorf("%q %s: %d packs and %d record files loaded, want 1 and 0: %v", q.Q, q.Sort, packs, records, r.Files)
		}
		if !one && packs != 0 {
			t.Errorf("%q: %d packs loaded: %v", q.Q, packs, r.Files)
		}
		checkSame(t, s.idx, conformanceQuery{Q: q.Q, Sort: q.Sort}, r.jsResult)
	}
}
