package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"casefile/index/browsertest"
)

// TestEndToEnd builds the seed corpus and searches it in headless Chromium,
// served over http and opened from disk (file://).
func TestEndToEnd(t *testing.T) {
	ctx := browsertest.New(t)
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := copyDir("testdata/seeds", corpus); err != nil {
		t.Fatal(err)
	}
	cfg := buildConfig{Corpus: corpus, Out: filepath.Join(tmp, "public"), Build: filepath.Join(tmp, "build"), Name: "casefile"}
	if _, err := build(context.Background(), cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	bases := map[string]string{"http": browsertest.Serve(t, cfg.Out), "file": browsertest.FileURL(t, cfg.Out)}
	for _, scheme := range []string{"http", "file"} {
		base := bases[scheme]
		t.Run(scheme, func(t *testing.T) {
			// The overview lists the five articles.
			titles := evalIn[[]string](t, ctx, base+"index.html", "", `[...document.querySelectorAll('.doclist a')].map(a => a.textContent)`)
			if len(titles) != 5 {
				t.Fatalf("overview lists %d documents: %q", len(titles), titles)
			}
			// The timeline filters by entity and by source, from the URL.
			var events []struct {
				Docs     []string `json:"documents"`
				Entities []string `json:"entities"`
			}
			readJSONFile(t, filepath.Join(cfg.Out, "data/timeline.json"), &events)
			want := 0
			for _, ev := range events {
				if slices.Contains(ev.Entities, "us-customs-and-border-protection") {
					want++
				}
			}
			visible := `[...document.querySelectorAll('li[data-sources]')].filter(li => !li.hidden && !li.closest('.day').hidden).length`
			if got := evalIn[int](t, ctx, base+"timeline.html?entity=us-customs-and-border-protection", "#timeline-filter", visible); got != want || want == 0 {
				t.Errorf("%s: timeline filtered by entity shows %d events, want %d", scheme, got, want)
			}
			want = 0
			for _, ev := range events {
				if slices.Contains(ev.Docs, "002-82a1d53433710624") {
					want++
				}
			}
			if got := evalIn[int](t, ctx, base+"timeline.html?source=NBC+News", "#timeline-filter", visible); got != want || want == 0 {
				t.Errorf("%s: timeline filtered by source shows %d events, want %d", scheme, got, want)
			}
			for q, want := range map[string][]string{
				"pseudonym": {"001-b789e277a2dbde8d", "002-82a1d53433710624"},
				"unmasked":  {"000-448d55b14e4fb1fa", "001-b789e277a2dbde8d", "002-82a1d53433710624", "003-769502ac06647d7f", "004-f94bbdb401a6c542"},
			} {
				got := resultIDs(t, ctx, base+"search.html?q="+q)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s: search %q found %v, want %v", scheme, q, got, want)
				}
			}
		})
	}
}

// resultIDs opens a search page and returns the document ids its #results
// link to, once results have rendered.
func resultIDs(t *testing.T, ctx context.Context, url string) []string {
	t.Helper()
	return evalIn[[]string](t, ctx, url, `#results a[href*="docs/"]`,
		`[...new Set([...document.querySelectorAll('#results a[href*="docs/"]')].map(a => a.getAttribute('href').replace(/^.*docs\//, '').replace(/\.html.*$/, '')))]`)
}

// evalIn navigates to url, waits for the selector wait (if any) and returns
// the value of the JavaScript expression.
func evalIn[T any](t *testing.T, ctx context.Context, url, wait, expr string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	steps := []chromedp.Action[chromedp.Void]{chromedp.Navigate(url)}
	if wait != "" {
		steps = append(steps, chromedp.WaitVisible(wait))
	}
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return v
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}
