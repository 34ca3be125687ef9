package websearch_test

import (
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

type facetRow struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type jsFacets struct {
	Err    string `json:"err"`
	Total  int    `json:"total"`
	Facets map[string][]facetRow
}

// TestFacets compares the browser's facet counts with bleve's term facets
// over the same result sets, with both of the engine's ways of counting
// entities (the documents' lists, the entities' lists with early stopping).
func TestFacets(t *testing.T) {
	items := loadItems(t, 400)
	s := buildSite(t, items, 0)
	queries := []string{"court", "settlement", "bankruptcy creditors", "whistleblower", `"motion to dismiss"`, "+doctype:filing",
		"entity:" + items[3].Doc.Entity[0], "zzqxv", "Homeland Security", "-court"}
	tunings := []map[string]int{{"smallResults": 50}, {"smallResults": 0}, {"smallResults": 1000000}}
	checkFacets(t, s, queries, tunings)
}

// TestFacetsWide: with 100 sources, the source column takes two
// characters a value (facetChunk).
func TestFacetsWide(t *testing.T) {
	items := loadItems(t, 300)
	for i := range items {
		items[i].Doc.Source = fmt.Sprintf("Outlet %03d", i%100)
	}
	s := buildSite(t, items, 0)
	checkFacets(t, s, []string{"court", "+doctype:filing", "Homeland Security", "-court"}, []map[string]int{{"smallResults": 50}})
}

// checkFacets holds the engine's facets of each query, under each tuning,
// to bleve's.
func checkFacets(t *testing.T, s *site, queries []string, tunings []map[string]int) {
	t.Helper()
	for ti, tuning := range tunings {
		var req struct {
			Tuning map[string]int `json:"tuning"`
			Search []map[string]any
		}
		req.Tuning = tuning
		for _, q := range queries {
			req.Search = append(req.Search, map[string]any{"q": q, "facets": true})
		}
		var resp struct{ Search []jsFacets }
		runNode(t, s.dir, map[string]any{"tuning": req.Tuning, "search": req.Search}, &resp)
		for qi, q := range queries {
			t.Run(fmt.Sprintf("%d/%s", ti, q), func(t *testing.T) {
				js := resp.Search[qi]
				if js.Err != "" {
					t.Fatal(js.Err)
				}
				sr := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 0, 0, false)
				for _, f := range []string{"source", "doctype", "year", "etype", "entity"} {
					sr.AddFacet(f, bleve.NewFacetRequest(f, 100000))
				}
				br, err := s.idx.Search(sr)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range []string{"source", "doctype", "year", "etype", "entity"} {
					want := map[string]int{}
					if fr := br.Facets[f]; fr != nil && fr.Terms != nil {
						for _, tf := range fr.Terms.Terms() {
							want[tf.Term] = tf.Count
						}
					}
					got := js.Facets[f]
					if f != "entity" && len(got) != len(want) {
						t.Errorf("%s: %d values, bleve %d: %v, bleve %v", f, len(got), len(want), got, want)
					}
					for _, r := range got {
						if want[r.Value] != r.Count {
							t.Errorf("%s=%s: count %d, bleve %d", f, r.Value, r.Count, want[r.Value])
						}
					}
					if f == "entity" && len(got) > 0 {
						// a true top ten: nothing left out counts more than the last shown
						shown := map[string]bool{}
						for _, r := range got {
							shown[r.Value] = true
						}
						last := got[len(got)-1].Count
						for v, c := range want {
							if !shown[v] && (c > last || len(got) < 10) {
								t.Errorf("entity %s (%d) missing from top %d (last %d)", v, c, len(got), last)
							}
						}
					}
				}
			})
		}
	}
}
