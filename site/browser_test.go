package site

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"casefile/index/browsertest"
)

// pageType is one kind of page the site has, on the seed corpus.
type pageType struct {
	name, path string
	ready      string // selector that shows the page is complete
}

var (
	seedSiteOnce sync.Once
	seedSiteDir  string
)

// seedSite builds the seed corpus's site once for the browser tests.
func seedSite(t *testing.T) string {
	seedSiteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "casefile-browser-")
		if err != nil {
			t.Fatal(err)
		}
		src := buildSite(t, "testdata/seeds")
		// buildSite's folder goes with the first test; keep a copy for all
		if err := os.CopyFS(filepath.Join(dir, "public"), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
		seedSiteDir = filepath.Join(dir, "public")
	})
	if seedSiteDir == "" {
		t.Fatal("no seed site")
	}
	return seedSiteDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seedSiteDir != "" {
		os.RemoveAll(filepath.Dir(seedSiteDir))
	}
	os.Exit(code)
}

func seedPages(t *testing.T, site string) []pageType {
	var stories []struct{ ID string }
	b, err := os.ReadFile(filepath.Join(site, "data/stories.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(b, &stories)
	if len(stories) == 0 {
		t.Fatal("the seed site has no story")
	}
	return []pageType{
		{"home", "index.html", ".doclist"},
		{"document", "docs/002-82a1d53433710624.html", ".document .text"},
		{"story", "stories/" + stories[0].ID + ".html", ".story-docs"},
		{"stories", "stories/index.html", ".storylist"},
		{"documents", "documents.html", ".doclist"},
		{"entity", "entities/nathan-freed-wessler.html", ".quote"},
		{"entities", "entities/index.html", "#entity-filter:not([hidden])"},
		{"timeline", "timeline.html", "#timeline-filter:not([hidden])"},
		{"search", "search.html?q=unmask", "#results li"},
	}
}

// visit opens url with a fresh record and waits for the ready selector.
func visit(t *testing.T, ctx context.Context, w *browsertest.Watcher, url, ready string) {
	t.Helper()
	w.Reset()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(url), chromedp.WaitVisible(ready)); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

func colorScheme(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
	return err
}

func screenshot(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", file, err)
		return
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Error(err)
	}
}

// TestBrowserPages loads every page type over http and from disk: no console
// errors, no request outside the site, and axe-core finds nothing serious or
// critical in the light or the dark scheme. Over http it also keeps
// screenshots (light, dark, phone) in browsertest.ScreenshotDir.
func TestBrowserPages(t *testing.T) {
	ctx := browsertest.New(t)
	axe := browsertest.AxeSource(t)
	site := seedSite(t)
	shots := browsertest.ScreenshotDir(t)
	report := map[string]map[string][]browsertest.AxeViolation{}
	for _, scheme := range []string{"http", "file"} {
		base := browsertest.Serve(t, site)
		if scheme == "file" {
			base = browsertest.FileURL(t, site)
		}
		w, err := browsertest.Watch(ctx, base)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range seedPages(t, site) {
			t.Run(scheme+"/"+p.name, func(t *testing.T) {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
					t.Fatal(err)
				}
				for _, mode := range []string{"light", "dark"} {
					if err := colorScheme(ctx, mode); err != nil {
						t.Fatal(err)
					}
					visit(t, ctx, w, base+p.path, p.ready)
					if errs := w.Errors(); len(errs) > 0 {
						t.Errorf("%s (%s): console errors:\n  %s", p.path, mode, strings.Join(errs, "\n  "))
					}
					if out := w.Outside(); len(out) > 0 {
						t.Errorf("%s: requests outside the site: %v", p.path, out)
					}
					if scheme == "file" && mode == "dark" {
						continue // the audit does not depend on the scheme
					}
					vs, err := browsertest.Axe(ctx, axe)
					if err != nil {
						t.Fatal(err)
					}
					if scheme == "http" {
						if report[p.name] == nil {
							report[p.name] = map[string][]browsertest.AxeViolation{}
						}
						report[p.name][mode] = vs
						screenshot(t, ctx, filepath.Join(shots, p.name+"-"+mode+".png"))
					}
					for _, v := range vs {
						msg := fmt.Sprintf("%s (%s): axe %s %s: %s (%d nodes, e.g. %v)", p.path, mode, v.Impact, v.ID, v.Help, v.Nodes, v.Targets)
						if v.Impact == "serious" || v.Impact == "critical" {
							t.Error(msg)
						} else {
							t.Log(msg)
						}
					}
				}
				if scheme == "http" {
					// a phone, light
					if err := colorScheme(ctx, "light"); err != nil {
						t.Fatal(err)
					}
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile)); err != nil {
						t.Fatal(err)
					}
					visit(t, ctx, w, base+p.path, p.ready)
					wide, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
					if err != nil || wide {
						t.Errorf("%s scrolls sideways on a phone (%v)", p.path, err)
					}
					screenshot(t, ctx, filepath.Join(shots, p.name+"-phone.png"))
				}
			})
		}
	}
	if b, err := json.MarshalIndent(report, "", " "); err == nil {
		os.WriteFile(filepath.Join(shots, "axe.json"), b, 0o644)
	}
	t.Logf("screenshots and axe.json in %s", shots)
}

// focused describes the element that has the keyboard focus.
type focused struct {
	Tag, ID, Name, Text, Href, Outline string
	OutlineWidth, X, Y, W, H           float64
	InMain                             bool
}

const focusJS = `(() => { const e = document.activeElement; const cs = getComputedStyle(e); const r = e.getBoundingClientRect();
	return {Tag: e.tagName, ID: e.id, Name: e.getAttribute('name') || '', Text: (e.textContent || e.value || '').trim().slice(0, 60), Href: e.getAttribute('href') || '',
	Outline: cs.outlineStyle, OutlineWidth: parseFloat(cs.outlineWidth) || 0, X: r.x + scrollX, Y: r.y + scrollY, W: r.width, H: r.height, InMain: !!e.closest('main')} })()`

func press(t *testing.T, ctx context.Context, key string) focused {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatal(err)
	}
	f, err := chromedp.Run(ctx, chromedp.Evaluate[focused](focusJS))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestKeyboard: every page can be used from the keyboard. The first Tab
// reaches the skip link, which moves the focus to the content; Tab then
// walks through the page with a visible focus ring on everything it stops
// at and no trap; the filters and the search work from the keyboard.
func TestKeyboard(t *testing.T) {
	ctx := browsertest.New(t)
	site := seedSite(t)
	base := browsertest.Serve(t, site)
	w, err := browsertest.Watch(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	for _, p := range seedPages(t, site) {
		t.Run(p.name, func(t *testing.T) {
			visit(t, ctx, w, base+p.path, p.ready)
			f := press(t, ctx, kb.Tab)
			if f.Href != "#main" {
				t.Fatalf("the first Tab reaches %+v, not the skip link", f)
			}
			if f.Outline == "none" || f.OutlineWidth < 2 || f.W == 0 {
				t.Errorf("the skip link shows no focus: %+v", f)
			}
			if f = press(t, ctx, kb.Enter); f.ID != "main" {
				t.Errorf("the skip link moves the focus to %+v, not main", f)
			}
			inMain := false
			var last focused
			for i := 0; i < 80; i++ {
				f = press(t, ctx, kb.Tab)
				if f.Tag == "BODY" {
					break // walked off the end: no trap
				}
				if f == last {
					t.Fatalf("Tab is stuck on %+v", f)
				}
				last = f
				if f.Outline == "none" || f.OutlineWidth < 2 || f.W == 0 || f.H == 0 {
					t.Errorf("stop %d has no visible focus: %+v", i, f)
				}
				inMain = inMain || f.InMain
			}
			if !inMain {
				t.Error("Tab after the skip link never reached the content")
			}
		})
	}

	t.Run("entity filter", func(t *testing.T) {
		visit(t, ctx, w, base+"entities/index.html", "#entity-filter:not([hidden])")
		// Tab to the first type checkbox and untick it with the space bar.
		var f focused
		for i := 0; i < 40 && f.Name != "type"; i++ {
			f = press(t, ctx, kb.Tab)
		}
		if f.Name != "type" {
			t.Fatal("no type filter reached by Tab")
		}
		press(t, ctx, " ")
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]any](`[document.querySelector('section[data-type="PER"]').hidden,
			document.getElementById('filter-status').textContent]`))
		if err != nil || got[0] != true || !strings.HasPrefix(got[1].(string), "Showing") {
			t.Errorf("unticking People left %v (%v)", got, err)
		}
		// type in the name filter
		if err := chromedp.Do(ctx, chromedp.Focus("#filter-q"), chromedp.KeyEvent("twit")); err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.entity-grid li')].filter(li => !li.hidden).length`))
		if err != nil || n != 1 {
			t.Errorf("the name filter shows %d entities, want 1 (%v)", n, err)
		}
	})

	t.Run("timeline filter", func(t *testing.T) {
		visit(t, ctx, w, base+"timeline.html", "#timeline-filter:not([hidden])")
		if err := chromedp.Do(ctx, chromedp.Focus("#multi-only"), chromedp.KeyEvent(" ")); err != nil {
			t.Fatal(err)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`[...document.querySelectorAll('.timeline li')].filter(li => !li.hidden && li.dataset.sources === '1').length`))
		if err != nil || n != 0 {
			t.Errorf("%d single-source events still shown (%v)", n, err)
		}
	})

	t.Run("search box", func(t *testing.T) {
		visit(t, ctx, w, base+"search.html", "#q")
		if err := chromedp.Do(ctx, chromedp.Focus("#q"), chromedp.KeyEvent("pseudonym"), chromedp.KeyEvent(kb.Enter),
			chromedp.WaitVisible("#results li")); err != nil {
			t.Fatal(err)
		}
		f := press(t, ctx, kb.ArrowDown)
		if !strings.Contains(f.Href, "docs/") {
			t.Errorf("ArrowDown from the search box reaches %+v, not the first result", f)
		}
	})
}
