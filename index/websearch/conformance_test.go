package websearch_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"casefile/index"
	"casefile/index/websearch"
	"casefile/index/websearch/internal/testcorpus"
)

type jsHit struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

type jsResult struct {
	Err   string  `json:"err"`
	Total int     `json:"total"`
	Hits  []jsHit `json:"hits"`
	MS    float64 `json:"ms"`
}

type conformanceQuery struct {
	Q    string `json:"q"`
	Sort string `json:"sort,omitempty"`
}

// genQueries turns gen-corpus's Pagefind-style queries.json into query
// strings: filters become +field:value clauses, a date sort becomes sort=date.
func genQueries(t *testing.T, dir string) []conformanceQuery {
	b, err := os.ReadFile(filepath.Join(dir, "queries.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		Q       string            `json:"q"`
		Sort    map[string]string `json:"sort"`
		Filters map[string]string `json:"filters"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	var out []conformanceQuery
	for _, r := range raw {
		q := conformanceQuery{Q: r.Q}
		if len(r.Filters) > 0 {
			q.Q = "+" + r.Q
			for k, v := range r.Filters {
				q.Q += " +" + k + ":" + v
			}
		}
		if r.Sort["date"] != "" {
			q.Sort = "date"
		}
		out = append(out, q)
		if len(r.Q) == 3 { // the prefix query
			out = append(out, conformanceQuery{Q: r.Q + "*"})
		}
	}
	return out
}

var extraQueries = []conformanceQuery{
	{Q: "+court -appeal"}, {Q: "title:motion"}, {Q: `title:"motion to dismiss"`}, {Q: "court^2 settlement"},
	{Q: "year:2017 court"}, {Q: "+year:2019"}, {Q: `+court +date:>="2017-01-01" +date:<"2018-01-01"`},
	{Q: `date:>="2020-06-01"`}, {Q: `date:<"2013-01-01"`}, {Q: `+judge date:>"2015-02-03T00:00:00Z"`},
	{Q: `source:Daily\ Ledger court`}, {Q: `source:"Daily Ledger"`}, {Q: "etype:ORG court"}, {Q: "+doctype:filing"},
	{Q: "2017"}, {Q: "U.S."}, {Q: "ALT_USCIS"}, {Q: "@ALT_USCIS"}, {Q: "Twitter's lawsuit"}, {Q: "the court"},
	{Q: "+the +court"}, {Q: "-court"}, {Q: "court*"}, {Q: "Homeland Security"}, {Q: `"Homeland Security"`},
	{Q: "3:17-cv-01916"}, {Q: "motion to dismiss", Sort: "date"}, {Q: "bank*"}, {Q: "title:bank*"},
	{Q: `"the court"`}, {Q: "zzqxv court"}, {Q: "-zzqxv +creditors"}, {Q: "summons DHS"}, {Q: "entity:twitter"},
	{Q: "entity:twitter -entity:alt-uscis"}, {Q: `"court court"`}, {Q: "court court"}, {Q: "anti-Trump"},
	// two-word phrases, as pairs or from positions (pairs_test.go)
	{Q: `"motion dismiss"`}, {Q: `"dismiss motion"`}, {Q: `"court of appeals"`}, {Q: `"filing complaint"`},
	{Q: `"bankruptcy court"`}, {Q: `"the court of"`}, {Q: `"motion to dismiss" court`}, {Q: `+"appeal" "court ruling"`},
	{Q: `title:"motion dismiss"`}, {Q: `"Homeland Security" court`},
}

// bleveSearch is `casefile search`: bleve with segment-independent
// statistics (index.Search).
func bleveSearch(idx bleve.Index, q conformanceQuery, size int) (*index.Results, error) {
	return index.Search(idx, q.Q, size, 0, q.Sort == "date")
}

// TestConformance runs the same queries through bleve and through the
// browser engine (in node, reading the exported files) and wants the same
// total, the same top 10 and the same scores.
func TestConformance(t *testing.T) {
	items := loadItems(t, 400)
	// small own-file threshold: common terms take the dictionary-free path;
	// small pair threshold: two-word phrases of common terms read pairs
	// (others, of rarer terms, still read positions); small shards: most
	// end by their size (dictWriter.shardEnds)
	s := buildSiteOpt(t, items, 0, &websearch.Options{OwnFileBytes: 300, PairMinPositions: 256, ShardBytes: 1024})
	if man, err := os.ReadFile(filepath.Join(s.dir, "search", "manifest.js")); err != nil || !strings.Contains(string(man), `"hot":`) {
		t.Fatalf("no list of common terms in the manifest (%v)", err)
	}
	queries := append(genQueries(t, genCorpus(t, 400)), extraQueries...)
	// entity queries from the corpus itself
	queries = append(queries, conformanceQuery{Q: "entity:" + items[0].Doc.Entity[0]},
		conformanceQuery{Q: "+entity:" + items[1].Doc.Entity[3] + " court"})
	var req struct {
		Search []conformanceQuery `json:"search"`
	}
	// every query twice, the second time in reverse order after all the
	// others: caches may speed the engine up but must not change results
	req.Search = append([]conformanceQuery{}, queries...)
	for i := len(queries) - 1; i >= 0; i-- {
		req.Search = append(req.Search, queries[i])
	}
	var resp struct {
		Search []jsResult `json:"search"`
	}
	runNode(t, s.dir, req, &resp)
	for i := range queries {
		a, b := resp.Search[i], resp.Search[2*len(queries)-1-i]
		a.MS, b.MS = 0, 0
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%q gave different results after other queries:\n%v\n%v", queries[i].Q, a, b)
		}
	}
	for i, q := range queries {
		t.Run(fmt.Sprintf("%02d %s %s", i, q.Q, q.Sort), func(t *testing.T) {
			checkSame(t, s.idx, q, resp.Search[i])
		})
	}
}

// TestConformanceSegments indexes in many small batches with deletions and
// re-additions (many segments, dead terms, nothing merged) and wants
// `casefile search` and the browser to agree: neither depends on segments.
func TestConformanceSegments(t *testing.T) {
	items := loadItems(t, 150)
	dir := t.TempDir()
	// in memory, scorch neither persists nor merges: every batch stays a
	// segment and deletions stay in place
	idx, err := bleve.NewUsing("", index.NewMapping(), scorch.Name, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for i := 0; i < len(items); i += 13 {
		b := idx.NewBatch()
		for _, it := range items[i:min(i+13, len(items))] {
			if err := b.Index(it.ID, it.Doc); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	// delete and re-add: dead postings; a document added and deleted: dead
	// terms, some sharing a prefix with live ones
	b := idx.NewBatch()
	for _, it := range items[:20] {
		b.Delete(it.ID)
	}
	if err := b.Index("gone", map[string]any{"title": "uniquewordgone courtzzgone", "text": "anotheruniqueword bankzzgone", "date": "2016-05-05"}); err != nil {
		t.Fatal(err)
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	b = idx.NewBatch()
	for _, it := range items[:20] {
		if err := b.Index(it.ID, it.Doc); err != nil {
			t.Fatal(err)
		}
	}
	b.Delete("gone")
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	adv, _ := idx.Advanced()
	r, _ := adv.Reader()
	segs, deleted := 0, 0
	for _, s := range r.(*scorch.IndexSnapshot).Segments() {
		segs++
		if d := s.Deleted(); d != nil {
			deleted += int(d.GetCardinality())
		}
	}
	r.Close()
	t.Logf("%d segments, %d deleted documents", segs, deleted)
	if segs < 2 || deleted == 0 {
		t.Fatalf("want several segments and deletions, have %d segments, %d deleted documents", segs, deleted)
	}
	docs, ents := testcorpus.Meta(items)
	out := filepath.Join(dir, "public")
	if _, err := websearch.Export(idx, docs, ents, &dirSink{dir: out}, nil); err != nil {
		t.Fatal(err)
	}
	queries := []conformanceQuery{{Q: "court"}, {Q: "bankruptcy creditors"}, {Q: `"motion to dismiss"`}, {Q: "title:motion"},
		{Q: "entity:" + items[2].Doc.Entity[0] + " appeal"}, {Q: `+court date:>="2019-01-01"`}, {Q: "bank*"},
		{Q: "unique*"}, {Q: "another*"}, {Q: "uniquewordgone court"}, {Q: `date:>="2016-01-01"`}, {Q: "year:2017 court"},
		{Q: "+court -appeal"}, {Q: "court", Sort: "date"}, {Q: "title:bank*"}, {Q: "court*"}, {Q: "title:court*"}}
	var resp struct {
		Search []jsResult `json:"search"`
	}
	runNode(t, out, map[string]any{"search": queries}, &resp)
	for i, q := range queries {
		t.Run(q.Q, func(t *testing.T) { checkSame(t, idx, q, resp.Search[i]) })
	}
}

func checkSame(t *testing.T, idx bleve.Index, q conformanceQuery, js jsResult) {
	t.Helper()
	br, err := bleveSearch(idx, q, 10)
	if err != nil {
		if js.Err == "" {
			t.Fatalf("bleve: %v; browser found %d", err, js.Total)
		}
		return
	}
	if js.Err != "" {
		t.Fatalf("browser: %s; bleve found %d", js.Err, br.Total)
	}
	if len(br.Hits) > 0 {
		t.Logf("total %d, first %s %.6f, browser %.1f ms", br.Total, br.Hits[0].ID, br.Hits[0].Score, js.MS)
	} else {
		t.Logf("total %d, browser %.1f ms", br.Total, js.MS)
	}
	if uint64(js.Total) != br.Total {
		t.Errorf("total: browser %d, bleve %d", js.Total, br.Total)
	}
	var want, got []string
	for _, h := range br.Hits {
		want = append(want, fmt.Sprintf("%s %.12g", h.ID, h.Score))
	}
	for _, h := range js.Hits {
		got = append(got, fmt.Sprintf("%s %.12g", h.ID, h.Score))
	}
	if len(want) != len(got) {
		t.Fatalf("hits: browser %d, bleve %d\nbrowser:\n%s\nbleve:\n%s", len(got), len(want), strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i, h := range br.Hits {
		g := js.Hits[i]
		if g.ID != h.ID || (q.Sort == "" && math.Abs(g.Score-h.Score) > 1e-9*math.Max(1, math.Abs(h.Score))) {
			t.Fatalf("hit %d differs\nbrowser:\n%s\nbleve:\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
