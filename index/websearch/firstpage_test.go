package websearch_test

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casefile/index/websearch"
)

// TestFirstPage holds the engine's first page from the hints (E.first) to
// bleve's own first page, for every common word of a corpus, by relevance
// and by date: the search page shows it before the postings arrive.
func TestFirstPage(t *testing.T) {
	items := loadItems(t, 400)
	s := buildSiteOpt(t, items, 0, &websearch.Options{OwnFileBytes: 300})
	word := regexp.MustCompile(`^[a-z]{3,}$`)
	var queries []conformanceQuery
	for _, r := range hotRows(t, s.dir) {
		k, err := hex.DecodeString(r[0].(string))
		if err != nil || len(k) < 2 || k[0] != 'a' || len(r) < 8 || !word.Match(k[1:]) {
			continue
		}
		for _, sort := range []string{"", "date"} {
			queries = append(queries, conformanceQuery{Q: string(k[1:]), Sort: sort})
		}
	}
	// not one word of the _all field: no first page from hints
	none := []conformanceQuery{{Q: "court order"}, {Q: "+court"}, {Q: "title:court"}, {Q: "court -order"}, {Q: "cour*"}, {Q: `"court"`}, {Q: "zzqxv"}}
	var req struct {
		First []conformanceQuery `json:"first"`
	}
	req.First = append(append(req.First, queries...), none...)
	var resp struct {
		First []*struct {
			Total int      `json:"total"`
			IDs   []string `json:"ids"`
		} `json:"first"`
	}
	runNode(t, s.dir, req, &resp)
	checked := 0
	for i, q := range queries {
		got := resp.First[i]
		if got == nil {
			continue // a term that is not its own analysis ("compani")
		}
		checked++
		br, err := bleveSearch(s.idx, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range br.Hits {
			want = append(want, h.ID)
		}
		if uint64(got.Total) != br.Total || strings.Join(got.IDs, " ") != strings.Join(want, " ") {
			t.Errorf("%q sort %q: first page %d %v, bleve %d %v", q.Q, q.Sort, got.Total, got.IDs, br.Total, want)
		}
	}
	if checked < len(queries)/2 || checked < 40 {
		t.Fatalf("only %d of %d common words had a first page", checked, len(queries))
	}
	t.Logf("%d first pages checked", checked)
	for i, q := range none {
		if r := resp.First[len(queries)+i]; r != nil {
			t.Errorf("%q: first page from hints %v, want none", q.Q, r)
		}
	}
}

// hotRows reads the common-term rows of a site's hot file: hex key, df,
// pack, ..., hints, date hints, text pack, date text pack.
func hotRows(t *testing.T, site string) [][]any {
	t.Helper()
	hot, err := filepath.Glob(filepath.Join(site, "search", "hot-*.js"))
	if err != nil || len(hot) != 1 {
		t.Fatalf("hot file: %v %v", hot, err)
	}
	b, err := os.ReadFile(hot[0])
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^casefileSearch\.d\("[0-9a-f]+",(.*)\);?\s*$`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("hot file: unexpected form %.80s", b)
	}
	var f struct {
		Rows [][]any `json:"rows"`
	}
	if err := json.Unmarshal(m[1], &f); err != nil {
		t.Fatal(err)
	}
	return f.Rows
}
