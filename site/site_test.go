package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"github.com/blevesearch/bleve/v2"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"casefile/extract/extracttest"
	"casefile/index"
)

// buildSite renders the corpus under dir, with its browser search, into a
// fresh folder and returns the folder.
func buildSite(t testing.TB, dir string) string {
	t.Helper()
	c := index.Resolve(extracttest.ReadCorpus(t, dir), nil)
	tmp := t.TempDir()
	idx, _, err := index.Update(filepath.Join(tmp, "index"), index.Documents(c))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	out, err := NewOutput(filepath.Join(tmp, "public"), filepath.Join(tmp, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(c, out, Options{Name: "casefile", Index: func() (bleve.Index, error) { return idx, nil }}); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(tmp, "public")
}

// memWriter keeps a rendered site in memory; like Output, it is safe for
// concurrent use, because render steps run in parallel.
type memWriter struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memWriter) WriteFile(name string, b []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	m.files[name] = append([]byte(nil), b...)
	return nil
}

func readJSON[T any](t *testing.T, path string) T {
	t.Helper()
	var v T
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

var seedIDs = []string{"000-448d55b14e4fb1fa", "001-b789e277a2dbde8d", "002-82a1d53433710624", "003-769502ac06647d7f", "004-f94bbdb401a6c542"}

// TestSeedExports: the story, the quotes and the copies reach the data
// exports as the README documents them.
func TestSeedExports(t *testing.T) {
	site := buildSite(t, "testdata/seeds")
	docs := readJSON[[]struct {
		ID    string  `json:"id"`
		Story *string `json:"story"`
	}](t, filepath.Join(site, "data/documents.json"))
	story := ""
	for _, d := range docs {
		if d.Story == nil {
			t.Fatalf("%s has no story", d.ID)
		}
		if story != "" && *d.Story != story {
			t.Errorf("the seeds are in stories %s and %s", story, *d.Story)
		}
		story = *d.Story
	}
	if _, err := os.Stat(filepath.Join(site, "stories", story+".html")); err != nil {
		t.Errorf("no page for story %s: %v", story, err)
	}
	quotes := readJSON[[]struct {
		Speaker   string   `json:"speaker"`
		Text      string   `json:"text"`
		Docs      []string `json:"documents"`
		Citations []struct {
			Doc     string `json:"document"`
			Text    string `json:"text"`
			Start   int    `json:"start"`
			End     int    `json:"end"`
			Partial bool   `json:"partial"`
		} `json:"citations"`
	}](t, filepath.Join(site, "data/quotes.json"))
	texts := map[string][]rune{}
	for _, a := range extracttest.ReadCorpus(t, "testdata/seeds") {
		texts[a.Doc.ID] = []rune(a.Doc.Text)
	}
	found := map[string]bool{}
	for _, q := range quotes {
		for _, c := range q.Citations {
			// offsets are code points, and the cited words lie in that span
			span := string(texts[c.Doc][c.Start:c.End])
			if first := strings.Fields(c.Text)[0]; !strings.HasPrefix(span, first) {
				t.Errorf("%s: citation [%d,%d) is %q, not %q", c.Doc, c.Start, c.End, span, c.Text)
			}
		}
		switch {
		case strings.Contains(q.Text, "grave chilling effect"):
			found["twitter"] = true
			if q.Speaker != "twitter" || !slices.Equal(q.Docs, seedIDs[1:4]) {
				t.Errorf("chilling effect: %s in %v", q.Speaker, q.Docs)
			}
		case strings.Contains(q.Text, "strong justification"):
			found["wessler"] = true
			if q.Speaker != "nathan-freed-wessler" || !slices.Equal(q.Docs, seedIDs[:2]) {
				t.Errorf("strong justification: %s in %v", q.Speaker, q.Docs)
			}
		}
	}
	if !found["twitter"] || !found["wessler"] {
		t.Errorf("quotes.json lacks a target quote: %v", found)
	}
}

// pageWeight is what a page costs before search data: its HTML and the
// stylesheet and scripts it loads (the search index files excluded).
func pageWeight(t *testing.T, site, page string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, page))
	if err != nil {
		t.Fatal(err)
	}
	n := len(b)
	for _, m := range regexp.MustCompile(`(?:href|src)="([^"]+\.(?:css|js))"`).FindAllSubmatch(b, -1) {
		ref := filepath.Join(filepath.Dir(filepath.Join(site, page)), string(m[1]))
		if st, err := os.Stat(ref); err == nil {
			n += int(st.Size())
		}
	}
	return n
}

// TestSitePages: every page stays under 100 KB, links only inside the site
// (relative links; the documents' own addresses aside), and loads nothing
// from elsewhere.
func TestSitePages(t *testing.T) {
	site := buildSite(t, "testdata/seeds")
	checkPages(t, site)
	for _, need := range []string{"index.html", "documents.html", "stories/index.html", "entities/index.html", "timeline.html",
		"search.html", "feed.xml", "sitemap.xml", "data/quotes.json", "data/stories.json"} {
		if _, err := os.Stat(filepath.Join(site, need)); err != nil {
			t.Errorf("missing %s", need)
		}
	}
	// the search page requests the engine and the common terms from its
	// head, beside manifest.js (checkPages holds the links to files that exist)
	b, _ := os.ReadFile(filepath.Join(site, "search.html"))
	for _, kind := range []string{"engine", "hot"} {
		if !regexp.MustCompile(`<link rel="preload" href="search/` + kind + `-[0-9a-f]+\.js" as="script">`).Match(b) {
			t.Errorf("search.html does not preload the %s file", kind)
		}
	}
}

var (
	hrefRE = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)
	weight = 100 << 10
)

func checkPages(t *testing.T, site string) {
	t.Helper()
	pages := 0
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		pages++
		if w := pageWeight(t, site, rel); w > weight {
			t.Errorf("%s weighs %d KB with its CSS and JS", rel, w>>10)
		}
		b, _ := os.ReadFile(p)
		for _, m := range hrefRE.FindAllSubmatch(b, -1) {
			u := string(m[1])
			if strings.HasPrefix(u, "data:") {
				continue
			}
			if strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
				t.Errorf("%s: absolute link %s", rel, u)
			}
			if strings.Contains(u, "://") && !bytes.Contains(b, []byte(`href="`+u+`" rel="noopener noreferrer nofollow" class="external"`)) {
				t.Errorf("%s: link outside the site %s", rel, u)
			}
			if target, _, _ := strings.Cut(u, "#"); target != "" && !strings.Contains(u, ":") {
				target, _, _ = strings.Cut(target, "?")
				if _, err := os.Stat(filepath.Join(site, "search")); err != nil && strings.HasPrefix(target, "search/") {
					continue // rendered without a search index
				}
				if _, err := os.Stat(filepath.Join(filepath.Dir(p), target)); err != nil {
					t.Errorf("%s: broken link %s", rel, u)
				}
			}
		}
		return nil
	})
	if pages == 0 {
		t.Fatal("no pages")
	}
}

// TestFeedAndSitemap: the Atom feed dates come from the documents and the
// sitemap lists every page.
func TestFeedAndSitemap(t *testing.T) {
	site := buildSite(t, "testdata/seeds")
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	b, _ := os.ReadFile(filepath.Join(site, "feed.xml"))
	if err := xml.Unmarshal(b, &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Updated != "2017-04-06T00:00:00Z" || len(feed.Entries) != 5 {
		t.Errorf("feed updated %s with %d entries", feed.Updated, len(feed.Entries))
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.ID, "urn:uuid:") || !strings.HasPrefix(e.Link.Href, "docs/") {
			t.Errorf("entry %+v", e)
		}
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	b, _ = os.ReadFile(filepath.Join(site, "sitemap.xml"))
	if err := xml.Unmarshal(b, &sm); err != nil {
		t.Fatal(err)
	}
	var html []string
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if strings.HasSuffix(p, ".html") && !strings.Contains(p, "/search/") {
			rel, _ := filepath.Rel(site, p)
			html = append(html, filepath.ToSlash(rel))
		}
		return nil
	})
	var locs []string
	for _, u := range sm.URLs {
		locs = append(locs, u.Loc)
	}
	sort.Strings(html)
	if !slices.Equal(locs, html) {
		t.Errorf("sitemap lists %v\nthe site has %v", locs, html)
	}
}

// TestRenderDeterministic: the same corpus renders to the same bytes.
func TestRenderDeterministic(t *testing.T) {
	c := index.Resolve(extracttest.ReadCorpus(t, "testdata/seeds"), nil)
	a, b := &memWriter{}, &memWriter{}
	if err := Render(c, a, Options{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := Render(c, b, Options{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	for name := range a.files {
		if !bytes.Equal(a.files[name], b.files[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
}

// TestLargeCorpusPages: on a synthetic corpus big enough to need paging (a
// timeline over 400 events, hundreds of entities per type), every page
// stays under 100 KB and every link holds.
func TestLargeCorpusPages(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a synthetic corpus")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the synthetic corpus needs it")
	}
	gen := "../index/websearch/testdata/gen-corpus.mjs"
	if _, err := os.Stat(gen); err != nil {
		t.Skip("no synthetic corpus generator: ", err)
	}
	dir := t.TempDir()
	if out, err := exec.Command(node, gen, "400", dir).CombinedOutput(); err != nil {
		t.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	c := index.Resolve(extracttest.ReadCorpus(t, filepath.Join(dir, "content")), nil)
	site, man := filepath.Join(dir, "public"), filepath.Join(dir, "manifest")
	renderOutput(t, c, site, man)
	if _, err := os.Stat(filepath.Join(site, "types/per.html")); err != nil {
		t.Error("no paged list of people")
	}
	if len(c.Timeline) > timelineOnePage {
		if m, _ := filepath.Glob(filepath.Join(site, "timeline/*.html")); len(m) == 0 {
			t.Error("a long timeline is not paged")
		}
	}
	checkPages(t, site)

	// Pages are reused by key: renaming an entity of an event, and changing
	// the source of one of its documents, gives the same site as a full
	// render (entity, document, story and list pages; the timeline's pages
	// are rendered every time).
	var ev *index.Event
	for _, e := range c.Timeline {
		if len(e.Entities) > 0 && len(e.Docs) > 0 {
			ev = e
			break
		}
	}
	if ev == nil {
		t.Fatal("no event with entities and documents")
	}
	c.Entity(ev.Entities[0]).Name += " Renamed"
	for _, a := range c.Docs {
		if a.Doc.ID == ev.Docs[0] {
			a.Doc.Source += " Renamed"
			a.Doc.Key += "-renamed" // as a catalog change would
		}
	}
	renderOutput(t, c, site, man)
	sameAsFullRender(t, c, site)
}

// renderOutput renders c through an Output into public, reusing the pages
// of the site already there by the keys in the manifest at man.
func renderOutput(t *testing.T, c *index.Corpus, public, man string) {
	t.Helper()
	out, err := NewOutput(public, man)
	if err != nil {
		t.Fatal(err)
	}
	// the exports' block lists beside the manifest, as casefile build keeps
	// them in build/
	if err := Render(c, out, Options{Name: "casefile", CacheDir: filepath.Join(filepath.Dir(man), "cache")}); err != nil {
		t.Fatal(err)
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
}

// sameAsFullRender fails t for every file of a full render of c that the
// site in public does not hold as it is.
func sameAsFullRender(t *testing.T, c *index.Corpus, public string) {
	t.Helper()
	sameAsFull(t, c, siteFiles(t, public))
}

// sameAsFull fails t for every file of a full render of c that got (name ->
// content) does not hold as it is.
func sameAsFull(t *testing.T, c *index.Corpus, got map[string]string) {
	t.Helper()
	full := &memWriter{}
	if err := Render(c, full, Options{Name: "casefile"}); err != nil {
		t.Fatal(err)
	}
	for f, data := range full.files {
		if got[f] != string(data) {
			t.Errorf("%s: the incremental render differs from a full one", f)
		}
	}
}

// TestTimelinePlanNames: a period that comes back after others ("2020-W11"
// sorts after "2020-12") gets a page of its own name, and every event is
// on exactly one page.
func TestTimelinePlanNames(t *testing.T) {
	var events []*index.Event
	for i := 0; i < timelineOnePage; i++ {
		events = append(events, &index.Event{Date: fmt.Sprintf("2019-%02d-%02d", 1+i%12, 1+i%28)})
	}
	for _, d := range []string{"2020", "2020-03-01", "2020-12", "2020-SU", "2020-W11", "2021"} {
		events = append(events, &index.Event{Date: d})
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Date < events[j].Date })
	tp := planTimeline(events)
	seen, n := map[string]bool{}, 0
	for _, p := range tp.pages {
		if seen[p.Path] {
			t.Errorf("two pages named %s", p.Path)
		}
		seen[p.Path] = true
		n += len(p.Events)
	}
	if n != len(events) {
		t.Errorf("%d events on pages, want %d", n, len(events))
	}
	if got := tp.pageOf("2020-W11"); got != "timeline/2020-2.html" {
		t.Errorf("2020-W11 is on %s", got)
	}
}

// TestIncrementalRenderAfterChanges: after a change to the resolved corpus,
// a render that reuses the previous site's unchanged pages (by their keys)
// writes the same files as a render from scratch. Each change keeps what
// most page data shows and alters one thing a page is made from.
func TestIncrementalRenderAfterChanges(t *testing.T) {
	changes := map[string]func(c *index.Corpus){
		// Two mentions of one document trade entities: every count stays.
		"links swapped": func(c *index.Corpus) {
			for i, links := range c.Links {
				for j := range links {
					for k := j + 1; k < len(links); k++ {
						if links[j] != "" && links[k] != "" && links[j] != links[k] {
							c.Links[i][j], c.Links[i][k] = links[k], links[j]
							return
						}
					}
				}
			}
			panic("no two linked mentions to swap")
		},
		"entity retyped": func(c *index.Corpus) { c.Entity("nathan-freed-wessler").Type = "ORG" },
		"entity renamed": func(c *index.Corpus) { c.Entity("nathan-freed-wessler").Name = "N. F. Wessler" },
		// what its page shows of the entity beyond its name and type
		"alias added": func(c *index.Corpus) {
			e := c.Entity("nathan-freed-wessler")
			e.Aliases = append(e.Aliases, "N. Wessler")
		},
		"alias respelled": func(c *index.Corpus) {
			for _, e := range c.Entities {
				if len(e.Aliases) > 0 {
					e.Aliases[0] += "s"
					return
				}
			}
			panic("no entity with an alias")
		},
		"documents counted": func(c *index.Corpus) {
			e := c.Entity("nathan-freed-wessler")
			e.Docs = append(e.Docs, "zz-not-listed")
		},
		// what only the exports show of these (the data/ files are keyed
		// too, by exportKeys)
		"event resummarised": func(c *index.Corpus) {
			if len(c.Timeline) == 0 {
				panic("no timeline event")
			}
			c.Timeline[0].Summary += " (as updated)"
		},
		"copy marked": func(c *index.Corpus) {
			if c.SameAs == nil {
				c.SameAs = map[string]string{}
			}
			c.SameAs[c.Docs[len(c.Docs)-1].Doc.ID] = c.Docs[0].Doc.ID
		},
		// a document lists another entity in place of one: as many as before
		"mentions relinked": func(c *index.Corpus) {
			links, has := c.Links[0], map[string]bool{}
			for _, id := range links {
				has[id] = true
			}
			for _, e := range c.Entities {
				if has[e.ID] {
					continue
				}
				for j := range links {
					if old := links[j]; old != "" {
						for k := range links {
							if links[k] == old {
								links[k] = e.ID
							}
						}
						return
					}
				}
			}
			panic("no linked mention, or no other entity")
		},
		// a document read again (its analysis key changes with it): its
		// blocks of documents.json and mentions.csv are made again, the
		// others copied
		"document retitled": func(c *index.Corpus) {
			d := &c.Docs[1].Doc
			d.Title += " (corrected)"
			d.Key += "-2"
		},
		"story dropped": func(c *index.Corpus) {
			if len(c.Stories) == 0 {
				panic("no story")
			}
			c.Stories = c.Stories[1:]
		},
		// one nobody quotes: its name reaches document pages only through
		// their lists of entities
		"unquoted entity renamed": func(c *index.Corpus) {
			speakers := map[string]bool{}
			for _, q := range c.Quotes {
				speakers[q.Speaker] = true
			}
			for _, e := range c.Entities {
				if !speakers[e.ID] && e.Mentions > 1 && e.Type == "ORG" {
					e.Name += " Inc."
					return
				}
			}
			panic("no unquoted organisation")
		},
	}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			docs := extracttest.ReadCorpus(t, "testdata/seeds")
			dir := t.TempDir()
			public, man := filepath.Join(dir, "public"), filepath.Join(dir, "manifest")
			renderOutput(t, index.Resolve(docs, nil), public, man)
			c := index.Resolve(docs, nil)
			if c.Entity("nathan-freed-wessler") == nil {
				t.Fatal("no entity nathan-freed-wessler in the seeds")
			}
			change(c)
			renderOutput(t, c, public, man)
			sameAsFullRender(t, c, public)
		})
	}
}

// keyedMem is a Writer that skips keyed pages like Output does and records
// the pages it rendered only to find them unchanged.
type keyedMem struct {
	memWriter
	prev      map[string][]byte // name -> content, from the previous render
	prevKey   map[string]string
	keys      map[string]string
	wasted    []string // rendered, and the same as before
	renderedN int
}

func (m *keyedMem) WriteKeyed(name, key string, render func() ([]byte, error)) error {
	m.mu.Lock()
	if m.keys == nil {
		m.keys = map[string]string{}
	}
	m.keys[name] = key
	same := m.prevKey[name] == key && m.prev[name] != nil
	m.mu.Unlock()
	if same {
		return m.WriteFile(name, m.prev[name])
	}
	b, err := render()
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.renderedN++
	if old, ok := m.prev[name]; ok && bytes.Equal(old, b) {
		m.wasted = append(m.wasted, name)
	}
	m.mu.Unlock()
	return m.WriteFile(name, b)
}

// TestAddedDocumentRerendersItsPages: after a document is added, the
// entity and document pages rendered again are those that show something
// new. An entity page lists co-occurring entities; once it held each one
// whole, so a new document changed the key of every page listing one of its
// entities (36,689 of 85,884 entity pages at 50,000 generated documents)
// for the few that changed.
func TestAddedDocumentRerendersItsPages(t *testing.T) {
	docs := extracttest.ReadCorpus(t, "testdata/seeds")
	for i := range docs {
		t.Run(docs[i].Doc.ID, func(t *testing.T) {
			before := slices.Concat(docs[:i:i], docs[i+1:])
			first := &keyedMem{}
			if err := Render(index.Resolve(before, nil), first, Options{Name: "casefile"}); err != nil {
				t.Fatal(err)
			}
			c := index.Resolve(docs, nil)
			second := &keyedMem{prev: first.files, prevKey: first.keys}
			if err := Render(c, second, Options{Name: "casefile"}); err != nil {
				t.Fatal(err)
			}
			if second.renderedN == 0 {
				t.Fatal("nothing rendered again after a document was added")
			}
			var wasted []string
			for _, name := range second.wasted {
				if strings.HasPrefix(name, "entities/") && name != "entities/index.html" || strings.HasPrefix(name, "docs/") {
					wasted = append(wasted, name)
				}
			}
			sort.Strings(wasted)
			if len(wasted) > 0 {
				t.Errorf("%d of %d pages rendered again unchanged, of them entity and document pages: %v", len(second.wasted), second.renderedN, wasted)
			}
			// and what was kept is what a full render writes
			got := map[string]string{}
			for f, b := range second.files {
				got[f] = string(b)
			}
			sameAsFull(t, c, got)
		})
	}
}

// TestKeyFields: entityKey, docKey and exportKeys write a page's or an
// export's data field by field, so a field added to that data must be
// added to them too. This lists the fields they cover; it fails on one it
// does not know.
func TestKeyFields(t *testing.T) {
	covered := map[reflect.Type][]string{
		reflect.TypeOf(entityBody{}): {"Entity", "Docs", "KWIC", "Cooccur", "Quotes", "Events", "Stories",
			"AllDocs", "AllQuotes", "AllEvents", "MoreKWIC"},
		// field by field; of Docs only the length, which is all
		// entity.html shows (exportKeys: hashEntity, every field whole)
		reflect.TypeOf(index.Entity{}): {"ID", "Name", "Type", "Aliases", "Docs", "Mentions"},
		// exportKeys: hashEvent
		reflect.TypeOf(index.Event{}):       {"ID", "Date", "Granularity", "Summary", "Docs", "Entities", "Reports"},
		reflect.TypeOf(index.EventReport{}): {"Doc", "Sentence", "Start", "End", "Timex"},
		// by the document's fingerprint, and the count
		reflect.TypeOf(entityDoc{}): {"Doc", "Mentions"},
		// ID, Title, Source, Published by the document's fingerprint;
		// Contexts by it and the mentions shown; More
		reflect.TypeOf(kwicDoc{}): {"ID", "Title", "Source", "Published", "Contexts", "More"},
		// ID, Name, Type by the entity's fingerprint; Docs
		reflect.TypeOf(cooccur{}):     {"ID", "Name", "Type", "Docs"},
		reflect.TypeOf(entityEvent{}): {"ID", "Date", "Summary", "Sources"},
		reflect.TypeOf(storyLink{}):   {"ID", "Title", "Date"},
		// docKey: Doc by its fingerprint; Blocks are made from it, the
		// links and the entities' types
		reflect.TypeOf(docBody{}):  {"Doc", "Blocks", "Entities", "Dates", "Quotes", "Story", "Others", "Original", "Copies"},
		reflect.TypeOf(docGroup{}): {"Type", "Entities"},
		// ID, Name, Type by the entity's fingerprint; Count
		reflect.TypeOf(docEntity{}): {"ID", "Name", "Type", "Count"},
		reflect.TypeOf(docDate{}):   {"Value", "Text"},
		// by reflection
		reflect.TypeOf(docQuote{}): {"Quote", "Citation", "Para", "Others"},
		// what both write by reflection, beside Body
		reflect.TypeOf(page{}): {"Root", "Site", "Title", "Nav", "Path", "Stats", "Body", "Preload", "CSPFromScript", "Chrome"},
	}
	for typ, want := range covered {
		var got []string
		for i := 0; i < typ.NumField(); i++ {
			got = append(got, typ.Field(i).Name)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s has fields %v; entityKey, docKey and exportKeys (pagekey.go) cover %v", typ, got, want)
		}
	}
}

// TestDisplayOrder holds a document page's entity order, sorted by rank
// keys, to the comparison of the entities it stands for.
func TestDisplayOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	types := append(slices.Clone(typeOrder), "ZZZ", "AAA", "")
	var ents []*index.Entity
	for i := range 400 {
		e := &index.Entity{ID: fmt.Sprintf("e%04d", i), Type: types[rng.IntN(len(types))], Mentions: rng.IntN(5)}
		for range rng.IntN(4) {
			e.Docs = append(e.Docs, "d")
		}
		ents = append(ents, e)
	}
	l := &lookups{}
	l.entType, l.entRank = entityRanks(ents)
	for range 300 {
		var ix, ns []int32
		for x := range ents {
			if rng.IntN(20) == 0 {
				ix, ns = append(ix, int32(x)), append(ns, int32(1+rng.IntN(3)))
			}
		}
		if rng.IntN(10) == 0 {
			ns[0] = math.MaxInt32 // the key's extremes
		}
		want := make([]int, len(ix))
		for k := range want {
			want[k] = k
		}
		slices.SortFunc(want, func(p, q int) int {
			a, b := ents[ix[p]], ents[ix[q]]
			return cmp.Or(byTypeOrder(a.Type, b.Type), cmp.Compare(ns[q], ns[p]), byReport(a, b))
		})
		if got := l.displayOrder(ix, ns); !slices.Equal(got, want) {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}

// TestExportBlocksAfterAbort: a build that writes the exports and is then
// abandoned leaves block lists for files that never went live; the next
// build must not copy blocks from the live files by them. (A build killed
// and run again is the common case.)
func TestExportBlocksAfterAbort(t *testing.T) {
	docs := extracttest.ReadCorpus(t, "testdata/seeds")
	dir := t.TempDir()
	public, man := filepath.Join(dir, "public"), filepath.Join(dir, "manifest")
	renderOutput(t, index.Resolve(docs, nil), public, man)
	// An abandoned build in which the mentions of one entity in the first
	// document link to another whose id is as long: its exports are the
	// size of the live ones, so only their hash tells them apart.
	c := index.Resolve(docs, nil)
	links, in := c.Links[0], map[string]bool{}
	for _, id := range links {
		in[id] = true
	}
	from, other := "", ""
	for _, id := range links {
		for _, e := range c.Entities {
			if id != "" && !in[e.ID] && len(e.ID) == len(id) {
				from, other = id, e.ID
				break
			}
		}
		if from != "" {
			break
		}
	}
	if from == "" {
		t.Fatal("no entity to relink the first document's mentions to")
	}
	for j := range links {
		if links[j] == from {
			links[j] = other
		}
	}
	out, err := NewOutput(public, man)
	if err != nil {
		t.Fatal(err)
	}
	if err := Render(c, out, Options{Name: "casefile", CacheDir: filepath.Join(dir, "cache")}); err != nil {
		t.Fatal(err)
	}
	out.Abort()
	// then the build again, with another change besides: the block list
	// names the first document's new blocks, which the live files do not
	// hold
	d := &c.Docs[2].Doc
	d.Title += " (corrected)"
	d.Key += "-2"
	renderOutput(t, c, public, man)
	sameAsFullRender(t, c, public)
}

// TestExportBlocksAfterDelete: after a document is deleted, the blocks on
// either side of its own, next to each other in the new file, are not next
// to each other in the old one.
func TestExportBlocksAfterDelete(t *testing.T) {
	docs := extracttest.ReadCorpus(t, "testdata/seeds")
	for i := range docs {
		t.Run(docs[i].Doc.ID, func(t *testing.T) {
			dir := t.TempDir()
			public, man := filepath.Join(dir, "public"), filepath.Join(dir, "manifest")
			renderOutput(t, index.Resolve(docs, nil), public, man)
			c := index.Resolve(slices.Concat(docs[:i:i], docs[i+1:]), nil)
			renderOutput(t, c, public, man)
			sameAsFullRender(t, c, public)
		})
	}
}
