package websearch_test

import (
	"context"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"casefile/index/browsertest"
	"casefile/index/websearch"
	"casefile/index/websearch/internal/testcorpus"
)

func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	t.Skip("chromium not installed")
	return ""
}

// dumpDOM loads u in headless Chromium, lets the page's scripts run for a
// few seconds of virtual time and returns the resulting DOM.
func dumpDOM(t *testing.T, u string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium(t), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=15000", "--dump-dom", u)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

var resultLink = regexp.MustCompile(`<a href="([^"]*)" class="result-link">`)

// servedSite builds the search files of items with the stock search page,
// and serves the folder on 127.0.0.1 until the test ends.
func servedSite(t *testing.T, items []testcorpus.Item, opt *websearch.Options) (*site, *httptest.Server) {
	t.Helper()
	s := buildSiteOpt(t, items, 0, opt)
	page, err := websearch.Assets.ReadFile("assets/search.html")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "search.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(s.dir)))
	t.Cleanup(srv.Close)
	return s, srv
}

// searchPages is the site's search page over http and from file://.
func searchPages(s *site, srv *httptest.Server) []string {
	return []string{srv.URL + "/search.html", "file://" + filepath.ToSlash(filepath.Join(s.dir, "search.html"))}
}

// bleveLinks is the links to bleve's first ten documents for q.
func bleveLinks(t *testing.T, s *site, q conformanceQuery) []string {
	t.Helper()
	br, err := bleveSearch(s.idx, q, 10)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range br.Hits {
		want = append(want, "docs/"+h.ID+".html")
	}
	return want
}

// resultLinks is the links of the results in a dumped page, in order.
func resultLinks(dom string) []string {
	var got []string
	for _, m := range resultLink.FindAllStringSubmatch(dom, -1) {
		got = append(got, m[1])
	}
	return got
}

// TestBrowser opens search.html?q=... over http://127.0.0.1 and file:// in
// headless Chromium and wants #results to list bleve's top documents.
func TestBrowser(t *testing.T) {
	chromium(t)
	s, srv := servedSite(t, loadItems(t, 120), nil)
	for _, q := range []string{"court settlement", `"motion to dismiss"`, "Homeland Security"} {
		want := bleveLinks(t, s, conformanceQuery{Q: q})
		for _, base := range searchPages(s, srv) {
			dom := dumpDOM(t, base+"?q="+url.QueryEscape(q))
			if got := resultLinks(dom); strings.Join(got, " ") != strings.Join(want, " ") {
				i := strings.Index(dom, `id="status"`)
				t.Errorf("%s q=%s:\n got  %v\n want %v\n status: %.200s", base[:4], q, got, want, dom[max(0, i):])
			}
			if !strings.Contains(dom, "<mark>") {
				t.Errorf("%s q=%s: no highlighted snippet", base[:4], q)
			}
		}
	}
}

// TestBrowserFirstPage: a one-word query for a common term shows its first
// page from the hot file's hints, and the full search, which ranks from the
// postings, leaves it as it is (data-from stays "hints"): the page is
// bleve's, by relevance and by date, over http and from file://.
func TestBrowserFirstPage(t *testing.T) {
	chromium(t)
	s, srv := servedSite(t, loadItems(t, 120), &websearch.Options{OwnFileBytes: 100})
	for _, tc := range []struct {
		q    conformanceQuery
		from string // where the page on screen came from
	}{{conformanceQuery{Q: "court"}, "hints"}, {conformanceQuery{Q: "court", Sort: "date"}, "hints"}, {conformanceQuery{Q: "court order"}, "postings"}} {
		q, from := tc.q, tc.from
		want := bleveLinks(t, s, q)
		for _, base := range searchPages(s, srv) {
			u := base + "?q=" + url.QueryEscape(q.Q)
			if q.Sort != "" {
				u += "&sort=" + q.Sort
			}
			dom := dumpDOM(t, u)
			if got := resultLinks(dom); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("%s q=%s sort=%s:\n got  %v\n want %v", base[:4], q.Q, q.Sort, got, want)
			}
			if !strings.Contains(dom, `data-from="`+from+`"`) {
				i := strings.Index(dom, `id="results"`)
				t.Errorf("%s q=%s sort=%s: want the page from the %s: %.200s", base[:4], q.Q, q.Sort, from, dom[max(0, i):])
			}
			if !strings.Contains(dom, `id="facet-source"`) {
				t.Errorf("%s q=%s sort=%s: no facets", base[:4], q.Q, q.Sort)
			}
		}
	}
}

// TestBrowserFirstPagePrefetch: for a link to one common word, manifest.js
// requests the word's text pack (a script element) as soon as the hot file
// registers, the pack for the link's sort; the engine, which fetches over
// http, requests no other.
func TestBrowserFirstPagePrefetch(t *testing.T) {
	s, srv := servedSite(t, loadItems(t, 120), &websearch.Options{OwnFileBytes: 100})
	var row []any
	for _, r := range hotRows(t, s.dir) {
		if r[0] == hex.EncodeToString([]byte("acourt")) {
			row = r
		}
	}
	if len(row) < 10 {
		t.Fatalf("no text packs for court in the hot file: %v", row)
	}
	ctx := browsertest.New(t)
	for _, sort := range []string{"", "date"} {
		u, want := srv.URL+"/search.html?q=Court", "tp-"+row[8].(string)+".js"
		if sort != "" {
			u, want = u+"&sort="+sort, "tp-"+row[9].(string)+".js"
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.casefileSearch && casefileSearch.faceted > 0`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType('resource').filter(e => /\/tp-/.test(e.name)).map(e => e.initiatorType + ' ' + e.name.replace(/^.*\//, ''))`))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0] != "script "+want {
			t.Errorf("sort %q: text packs requested %v, want [script %s]", sort, got, want)
		}
	}
}

// TestBrowserDates: From and To in the URL narrow the results, the status
// says so, and the facets offer the months and a way back to any date;
// results over many years offer the years alone.
func TestBrowserDates(t *testing.T) {
	chromium(t)
	items := loadItems(t, 200)
	_, srv := servedSite(t, items, nil)
	dom := dumpDOM(t, srv.URL+"/search.html?q=court&sort=date&from=2017-01-01&to=2017-12-31")
	for _, want := range []string{"dated from 2017-01-01 to 2017-12-31, newest first", `id="facet-month"`, `id="facet-dates"`,
		`class="clear-dates"`, `href="?q=court&amp;sort=date&amp;from=2017-03-01&amp;to=2017-03-31"`} {
		if !strings.Contains(dom, want) {
			i := strings.Index(dom, `id="status"`)
			t.Errorf("no %s in the page: %.3000s", want, dom[max(0, i):])
		}
	}
	for _, link := range resultLinks(dom) {
		id := strings.TrimSuffix(strings.TrimPrefix(link, "docs/"), ".html")
		for _, it := range items {
			if it.ID == id && !strings.HasPrefix(it.Doc.Date, "2017-") {
				t.Errorf("%s dated %s shown", id, it.Doc.Date)
			}
		}
	}
	// Results that span more than two years get the years, not the months.
	years := map[string]bool{}
	for _, it := range items {
		if len(it.Doc.Date) >= 4 {
			years[it.Doc.Date[:4]] = true
		}
	}
	if len(years) <= 2 {
		t.Fatalf("the test corpus spans %d years; this check needs more", len(years))
	}
	wide := dumpDOM(t, srv.URL+"/search.html?q=*")
	if !strings.Contains(wide, `id="facet-year"`) || strings.Contains(wide, `id="facet-month"`) {
		i := strings.Index(wide, `id="facets"`)
		t.Errorf("q=*: want a year facet and no month facet: %.3000s", wide[max(0, i):])
	}
}
