// Package site renders the static archive: HTML pages, machine-readable
// exports and the browser search files, from a resolved index.Corpus.
//
// Every link is relative, so the site works from a web server, from a
// sub-folder, and opened straight from disk (file://). Output is
// deterministic: the same corpus gives byte-identical files.
package site

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"casefile/extract"
	"casefile/index"
	"casefile/index/websearch"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// Writer receives the site's files; names are slash-separated and relative
// to the site root. *Output is the usual Writer. Pages render in parallel,
// so WriteFile must be safe for concurrent use.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// Options configure Render.
type Options struct {
	// Name is the site's title, shown in every page header.
	Name string
	// Index returns the bleve index of the corpus, waiting for it if it is
	// still being built: the browser search files are exported from it, and
	// every other page renders meanwhile. Nil means no search data.
	Index func() (bleve.Index, error)
	// CPU is the pool of CPU tokens rendering shares with whatever else
	// runs at the same time (the bleve index build holds one): a render job
	// holds a token while it runs. Nil means one token per CPU.
	CPU chan struct{}
	// IndexDir is the folder of the index Index returns, when it was built
	// by index.Update. CacheDir is a folder the render keeps what it needs
	// between builds to redo only what changed: the search export's state
	// (with IndexDir, the export reads from the index only the documents
	// whose content changed since the last build, their keys in the update
	// manifest) and the block lists of the exports (exportBlocks). The
	// files written are the same either way.
	IndexDir, CacheDir string
	// BaseURL is where the site will be published ("https://example.org/archive/"),
	// for the absolute addresses sitemap.xml and the Atom feed need. Without it
	// they hold addresses relative to the site root.
	BaseURL string
}

type stats struct{ Docs, Entities, Events int }

// page is what every template sees.
type page struct {
	Root  string // "" at the site root, "../" one folder down
	Site  string
	Title string
	Nav   string
	Path  string // the page's own file: its permalink, relative to the site root
	Stats stats
	Body  any
	// Preload: scripts the page requests from its <head>, before the
	// scripts at its end have run (the search page's engine)
	Preload []string
	// CSPFromScript: the page's Content-Security-Policy is set by a first
	// inline script, not by a meta tag in its HTML (base.html says why).
	// Only for a page whose HTML holds nothing from the corpus.
	CSPFromScript bool
	// Chrome is filled in by render; it is not part of a page's key (the
	// salt and Root and Nav cover it).
	Chrome *chrome
}

type renderer struct {
	c     *index.Corpus
	out   Writer
	opt   Options
	tmpl  map[string]*template.Template
	stats stats
	docs  map[string]*extract.Document
	look  *lookups // corpus cross-references for pages (pages.go)
	// shared by the steps that run in parallel, made once on first use
	byDate  func() []*extract.Document // docsByDate (date, then title: not lookups.newest, by date then id)
	byType  func() []typeGroup         // groupByType of every entity
	pages   []string                   // HTML pages written, for the sitemap
	pagesMu sync.Mutex

	cpu     chan struct{} // tokens: see Options.CPU
	chromes sync.Map      // Root+Nav -> *chrome

	saltOnce  sync.Once // pagekey.go
	saltValue string
	keyMemo   keyMemo
	fpOnce    sync.Once
	fp        *fingerprints
}

// Render writes the whole site through out.
func Render(c *index.Corpus, out Writer, opt Options) error {
	if opt.Name == "" {
		opt.Name = "casefile"
	}
	r := &renderer{c: c, out: out, opt: opt, docs: map[string]*extract.Document{}}
	r.byDate = sync.OnceValue(func() []*extract.Document { return docsByDate(c) })
	r.byType = sync.OnceValue(func() []typeGroup { return groupByType(c.Entities) })
	r.stats = stats{Docs: len(c.Docs), Entities: len(c.Entities), Events: len(c.Timeline)}
	for _, a := range c.Docs {
		r.docs[a.Doc.ID] = &a.Doc
	}
	if err := r.parse(); err != nil {
		return err
	}
	steps := []struct {
		name string
		fn   func() error
	}{
		{"assets", r.assets},
		{"home", r.home},
		{"documents", r.documents},
		{"entities", r.entities},
		{"timeline", r.timeline},
		{"stories", r.stories},
		{"document lists", r.documentLists},
		{"exports", r.exports},
		{"feed", r.feed},
	}
	r.cpu = opt.CPU
	if r.cpu == nil {
		r.cpu = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	r.lk() // built once here: the steps below share it and run in parallel
	// The steps write disjoint files, so they run in parallel, as many at a
	// time as there are CPUs. Every error is reported, in step order.
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	// The search data needs the index, which may still be building: wait
	// for it before taking a CPU.
	var searchErr error
	wg.Add(1)
	// The search page comes after it: it preloads the search files the
	// export names.
	go func() {
		defer wg.Done()
		var preload []string
		if r.opt.Index != nil {
			idx, err := r.opt.Index()
			if err != nil {
				searchErr = fmt.Errorf("render search data: %w", err)
				return
			}
			r.cpu <- struct{}{}
			defer func() { <-r.cpu }()
			if preload, err = r.searchData(idx); err != nil {
				searchErr = fmt.Errorf("render search data: %w", err)
				return
			}
		}
		if err := r.search(preload); err != nil {
			searchErr = fmt.Errorf("render search page: %w", err)
		}
	}()
	// Steps that render many pages take a token per page (forEach); the
	// others take one for their whole run.
	perPage := map[string]bool{"documents": true, "entities": true}
	for i, s := range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if !perPage[s.name] {
				r.cpu <- struct{}{}
				defer func() { <-r.cpu }()
			}
			if err := s.fn(); err != nil {
				errs[i] = fmt.Errorf("render %s: %w", s.name, err)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(append(errs, searchErr)...); err != nil {
		return err
	}
	// The sitemap lists every page the steps wrote, so it comes last.
	if err := r.sitemap(); err != nil {
		return fmt.Errorf("render sitemap: %w", err)
	}
	return nil
}

func (r *renderer) parse() error {
	funcs := template.FuncMap{
		"dateText": DateText,
		"typeName": TypeName,
		"join":     strings.Join,
		"query": func(field, value string) string {
			return url.QueryEscape(field + ":" + quoteValue(value))
		},
		"entity":    func(id string) *index.Entity { return r.c.Entity(id) },
		"docSource": r.docSource,
	}
	for k, v := range r.pageFuncs() {
		funcs[k] = v
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(templateFS, "templates/base.html")
	if err != nil {
		return err
	}
	r.tmpl = map[string]*template.Template{}
	for _, name := range []string{"home", "doc", "entity", "entities", "timeline", "search", "story", "stories", "documents", "types"} {
		t, err := template.Must(base.Clone()).ParseFS(templateFS, "templates/"+name+".html")
		if err != nil {
			return err
		}
		r.tmpl[name] = t
	}
	return nil
}

// docSource is how a page names a document it cites: its source, or its
// title when it has none.
func (r *renderer) docSource(id string) string {
	if d := r.docs[id]; d != nil {
		if d.Source != "" {
			return d.Source
		}
		return d.Title
	}
	return id
}

// quoteValue quotes a field value for bleve's query-string syntax when it
// contains anything but letters, digits, '-' and '_'.
func quoteValue(v string) string {
	for _, c := range v {
		if !(c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
		}
	}
	return v
}

func (r *renderer) write(name, tmpl string, p page) error {
	p = r.begin(name, tmpl, p)
	b, err := r.render(name, tmpl, p)
	if err != nil {
		return err
	}
	return r.out.WriteFile(name, b)
}

// begin fills in what every page carries and records it for the sitemap.
func (r *renderer) begin(name, tmpl string, p page) page {
	p.Site, p.Path = r.opt.Name, name
	// Only the corpus-wide pages show corpus-wide counts: a page about one
	// document or entity must not change because another was added.
	if tmpl == "home" || tmpl == "entities" {
		p.Stats = r.stats
	}
	r.pagesMu.Lock()
	r.pages = append(r.pages, name)
	r.pagesMu.Unlock()
	return p
}

// chrome holds the parts of a page that are the same for every page of one
// depth (Root) and section (Nav): rendered once each and printed as they
// are, which spares the templates tens of actions per page.
type chrome struct {
	Head, Header, Footer template.HTML
}

func (r *renderer) chrome(p page) (*chrome, error) {
	key := p.Root + "\x00" + p.Nav
	if c, ok := r.chromes.Load(key); ok {
		return c.(*chrome), nil
	}
	c := &chrome{}
	t := r.tmpl["home"]
	for _, part := range []struct {
		name string
		dst  *template.HTML
	}{{"chrome-head", &c.Head}, {"chrome-header", &c.Header}, {"chrome-footer", &c.Footer}} {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, part.name, p); err != nil {
			return nil, err
		}
		*part.dst = template.HTML(b.String())
	}
	r.chromes.Store(key, c)
	return c, nil
}

// render executes a page's template.
func (r *renderer) render(name, tmpl string, p page) ([]byte, error) {
	c, err := r.chrome(page{Root: p.Root, Nav: p.Nav, Site: p.Site})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	p.Chrome = c
	var b bytes.Buffer
	if err := r.tmpl[tmpl].ExecuteTemplate(&b, "base", p); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b.Bytes(), nil
}

func (r *renderer) assets() error {
	return fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".css") {
			b = minifyCSS(b)
		}
		return r.out.WriteFile(p, b)
	})
}

// DateText formats a TimeML calendar value for people: "April 6, 2017",
// "March 2017", "2017"; other values are returned as they are.
func DateText(v string) string {
	for _, l := range []struct{ in, out string }{{"2006-01-02", "January 2, 2006"}, {"2006-01", "January 2006"}, {"2006", "2006"}} {
		if len(v) == len(l.in) {
			if t, err := time.Parse(l.in, v); err == nil {
				return t.Format(l.out)
			}
		}
	}
	return v
}

var typeNames = map[string]string{
	"PER": "People", "ORG": "Organisations", "LOC": "Places", "MISC": "Other names",
	extract.KindHandle: "Social media handles", extract.KindHashtag: "Hashtags", extract.KindEmail: "Email addresses",
	extract.KindURL: "Web addresses", extract.KindPhone: "Phone numbers", extract.KindMoney: "Amounts of money",
	extract.KindCase: "Case numbers", extract.KindStatute: "Statutes", extract.KindCourt: "Courts", extract.KindLaw: "Laws",
}

// typeOrder is the order entity types are shown in.
var typeOrder = []string{"PER", "ORG", "LOC", "MISC", extract.KindHandle, extract.KindHashtag, extract.KindCourt,
	extract.KindLaw, extract.KindStatute, extract.KindCase, extract.KindMoney, extract.KindEmail, extract.KindURL, extract.KindPhone}

// TypeName is the plural, human name of an entity type.
func TypeName(t string) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return t
}

func typeIndex(t string) int {
	for i, x := range typeOrder {
		if x == t {
			return i
		}
	}
	return len(typeOrder)
}

// docsByDate orders documents newest first, then by title and id.
func docsByDate(c *index.Corpus) []*extract.Document {
	out := make([]*extract.Document, len(c.Docs))
	for i, a := range c.Docs {
		out[i] = &a.Doc
	}
	// ids are unique: the order is total
	slices.SortFunc(out, func(a, b *extract.Document) int {
		return cmp.Or(strings.Compare(b.Published, a.Published), strings.Compare(a.Title, b.Title), strings.Compare(a.ID, b.ID))
	})
	return out
}

// searchData exports the browser search files from the bleve index and
// returns those a search page should preload.
func (r *renderer) searchData(idx bleve.Index) ([]string, error) {
	docs := make([]websearch.Doc, len(r.c.Docs))
	for i, a := range r.c.Docs {
		d := a.Doc
		docs[i] = websearch.Doc{ID: d.ID, URL: "docs/" + d.ID + ".html", Title: d.Title, Date: d.Published,
			Source: d.Source, DocType: d.DocType}
	}
	ents := make([]websearch.Entity, len(r.c.Entities))
	for i, e := range r.c.Entities {
		ents[i] = websearch.Entity{ID: e.ID, Name: e.Name, Type: e.Type}
	}
	var opt *websearch.Options
	if r.opt.IndexDir != "" && r.opt.CacheDir != "" {
		keys, err := index.DocKeys(r.opt.IndexDir)
		if err != nil {
			return nil, err
		}
		for i := range docs {
			docs[i].Key = keys[docs[i].ID]
		}
		opt = &websearch.Options{CacheDir: r.opt.CacheDir}
	}
	st, err := websearch.Export(idx, docs, ents, r.out, opt)
	if err != nil {
		return nil, err
	}
	return st.Preload, nil
}
