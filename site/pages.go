package site

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"casefile/extract"
	"casefile/index"
)

// Page budgets. Every page's own HTML stays well under 100 KB however large
// the corpus: long lists are cut to their most useful part with a link to
// the rest (search, or a paginated list).
const (
	homeDocs        = 30  // newest documents on the overview
	homeStories     = 6   // newest stories on the overview
	listPage        = 200 // documents per page of the document list
	storiesPage     = 100 // stories per page of the story list
	indexPerType    = 60  // entities per type on the entity index
	typePage        = 400 // entities per page of a type's full list
	entityDocs      = 60  // documents listed on an entity page
	entityKWICDocs  = 25  // documents whose mentions are shown in context (at most entityDocs)
	entityKWICEach  = 3   // mentions in context per document
	entityQuotes    = 30  // quotes on an entity page
	entityEvents    = 40  // timeline events on an entity page
	entityCooccur   = 16  // co-occurring entities on an entity page
	timelineOnePage = 400 // a timeline this long or shorter is one page
	timelinePageLen = 400 // events per timeline page otherwise
	docStoryDocs    = 12  // other documents of its story listed beside a document
)

// An entity page's key covers the documents of its mentions in context as
// the first of its listed documents: there must not be more of them.
var _ [entityDocs - entityKWICDocs]struct{}

// lookups are the corpus cross-references pages need, built once.
type lookups struct {
	docIdx   map[string]int
	storyAt  []*index.Story // document (index) -> its story, nil if none
	stories  map[string]*index.Story
	quote    map[string]*index.Quote
	quotesBy map[string][]*index.Quote // by speaker
	quotesIn map[string][]*index.Quote // by citing document
	copies   map[string][]string       // document -> documents that copy it
	docEntIx [][]int32                 // distinct entities per document, as indexes into Corpus.Entities, sorted
	docEntN  [][]int32                 // and the document's mentions of each
	entType  []uint32                  // entity (index) -> rank of its type in display order (byTypeOrder)
	entRank  []uint32                  // entity (index) -> rank in byReport order
	coPool   sync.Pool                 // *coScratch, for co-occurrence counts
	refs     [][][2]int                // entity (index) -> (document, mention), in document order
	newest   []int32                   // document -> its rank, newest first (by date, then id)
	events   map[string][]*index.Event // entity -> events, earliest first
	tl       *timelinePlan
}

func (r *renderer) lk() *lookups {
	if r.look != nil {
		return r.look
	}
	c := r.c
	l := &lookups{docIdx: make(map[string]int, len(c.Docs)), stories: map[string]*index.Story{},
		quote: map[string]*index.Quote{}, quotesBy: map[string][]*index.Quote{}, quotesIn: map[string][]*index.Quote{},
		copies: map[string][]string{}, events: map[string][]*index.Event{}}
	// Entities by index (Corpus.Entities is sorted by id, so sorted
	// indexes are sorted ids): one map lookup per mention, and the rest
	// works on slices.
	entIx := make(map[string]int32, len(c.Entities))
	for i, e := range c.Entities {
		entIx[e.ID] = int32(i)
	}
	// Each document's entities, in parallel (a map lookup per mention);
	// then every entity's mentions in document order, in lists made to
	// the size its Mentions gives.
	l.docEntIx = make([][]int32, len(c.Docs))
	l.docEntN = make([][]int32, len(c.Docs))
	of := make([][]int32, len(c.Docs)) // document, mention -> entity index, -1: none
	index.Parallel(len(c.Docs), func(i int) {
		xs := make([]int32, len(c.Links[i]))
		var ents []int32
		for j, id := range c.Links[i] {
			xs[j] = -1
			if id != "" {
				xs[j] = entIx[id]
				ents = append(ents, xs[j])
			}
		}
		of[i] = xs
		slices.Sort(ents)
		var ix, n []int32
		for _, x := range ents {
			if k := len(ix); k > 0 && ix[k-1] == x {
				n[k-1]++
			} else {
				ix, n = append(ix, x), append(n, 1)
			}
		}
		l.docEntIx[i], l.docEntN[i] = ix, n
	})
	// The entities' display ranks, beside the rest: a document page sorts
	// its entities by them instead of comparing strings and lists.
	ranked := make(chan struct{})
	go func() { l.entType, l.entRank = entityRanks(c.Entities); close(ranked) }()
	l.refs = make([][][2]int, len(c.Entities))
	for x, e := range c.Entities {
		if e.Mentions > 0 {
			l.refs[x] = make([][2]int, 0, e.Mentions) // its links (a capacity: append grows it if not)
		}
	}
	for i, a := range c.Docs {
		l.docIdx[a.Doc.ID] = i
		for j, x := range of[i] {
			if x >= 0 {
				l.refs[x] = append(l.refs[x], [2]int{i, j})
			}
		}
	}
	byDate := make([]int32, len(c.Docs))
	for i := range byDate {
		byDate[i] = int32(i)
	}
	slices.SortFunc(byDate, func(a, b int32) int {
		da, db := &c.Docs[a].Doc, &c.Docs[b].Doc
		if x := cmp.Compare(db.Published, da.Published); x != 0 {
			return x
		}
		return cmp.Compare(da.ID, db.ID)
	})
	l.newest = make([]int32, len(c.Docs))
	for rank, i := range byDate {
		l.newest[i] = int32(rank)
	}
	n := len(c.Entities)
	l.coPool.New = func() any { return &coScratch{count: make([]int32, n)} }
	l.storyAt = make([]*index.Story, len(c.Docs))
	for _, s := range c.Stories {
		l.stories[s.ID] = s
		for _, d := range s.Docs {
			if i, ok := l.docIdx[d.ID]; ok {
				l.storyAt[i] = s
			}
		}
	}
	for _, q := range c.Quotes {
		l.quote[q.ID] = q
		l.quotesBy[q.Speaker] = append(l.quotesBy[q.Speaker], q)
		for _, d := range q.Docs {
			l.quotesIn[d] = append(l.quotesIn[d], q)
		}
	}
	for _, copy := range sortedKeys(c.SameAs) {
		orig := c.SameAs[copy]
		l.copies[orig] = append(l.copies[orig], copy)
	}
	for _, ev := range c.Timeline {
		for _, id := range ev.Entities {
			l.events[id] = append(l.events[id], ev)
		}
	}
	l.tl = planTimeline(c.Timeline)
	<-ranked
	r.look = l
	return l
}

// displayOrder returns the positions in ix (a document's entities, with
// ns its mentions of each) in the order its page lists them: by type
// (byTypeOrder), the most mentioned here first, then byReport. It sorts
// integer keys made of the ranks the lookups hold; comparing the entities
// themselves (strings, and cmp.Or evaluates every comparison) took 0.83 s
// of CPU over the document pages at 50,000 documents.
func (l *lookups) displayOrder(ix, ns []int32) []int {
	keys := make([][2]uint64, len(ix))
	for k, x := range ix {
		keys[k] = [2]uint64{uint64(l.entType[x])<<32 | uint64(math.MaxInt32-ns[k]), uint64(l.entRank[x])<<32 | uint64(k)}
	}
	slices.SortFunc(keys, func(p, q [2]uint64) int { return cmp.Or(cmp.Compare(p[0], q[0]), cmp.Compare(p[1], q[1])) })
	out := make([]int, len(keys))
	for i, key := range keys {
		out[i] = int(uint32(key[1]))
	}
	return out
}

// entityRanks returns each entity's type rank (byTypeOrder over the
// distinct types) and its rank in byReport order.
func entityRanks(ents []*index.Entity) (typ, rank []uint32) {
	var types []string
	seen := map[string]uint32{}
	for _, e := range ents {
		if _, ok := seen[e.Type]; !ok {
			seen[e.Type] = 0
			types = append(types, e.Type)
		}
	}
	slices.SortFunc(types, byTypeOrder)
	for i, t := range types {
		seen[t] = uint32(i)
	}
	order := make([]int32, len(ents))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return byReport(ents[a], ents[b]) })
	typ, rank = make([]uint32, len(ents)), make([]uint32, len(ents))
	for r, x := range order {
		rank[x] = uint32(r)
		typ[x] = seen[ents[x].Type]
	}
	return typ, rank
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// pageFuncs are the template functions of the pages in this file.
func (r *renderer) pageFuncs() template.FuncMap {
	return template.FuncMap{
		"doc": func(id string) *extract.Document { return r.docs[id] },
		"quote": func(id string) *index.Quote {
			return r.lk().quote[id]
		},
		"story": func(id string) *index.Story { return r.lk().stories[id] },
		// tl is the timeline page that holds a date or event, from the root.
		"tl": func(date string) string { return r.lk().tl.pageOf(date) },
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return "1 " + one
			}
			return fmtInt(n) + " " + many
		},
		"num":   fmtInt,
		"add":   func(a, b int) int { return a + b },
		"sub":   func(a, b int) int { return a - b },
		"lower": strings.ToLower,
		// dict passes named values to a shared template: dict "Q" . "Root" $.Root
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"typeSlug": typeSlug,
		"para": func(docID string, off int) string {
			if i, ok := r.lk().docIdx[docID]; ok {
				return "p" + strconv.Itoa(blockIndex(r.c.Docs[i].Doc.Blocks, off)+1)
			}
			return ""
		},
		"dateRange": func(from, to string) string {
			switch {
			case from == "":
				return "undated"
			case to == "" || to == from:
				return DateText(from)
			}
			return DateText(from) + " – " + DateText(to)
		},
	}
}

// fmtInt writes a count with thousands separators: 12,345.
func fmtInt(n int) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func typeSlug(t string) string { return strings.ToLower(t) }

type sourceCount struct {
	Name  string
	Count int
}

type typeGroup struct {
	Type     string
	Entities []*index.Entity
	Total    int // entities of the type, before any limit
}

// groupByType groups entities by type in display order; within a type the
// most widely reported come first.
func groupByType(ents []*index.Entity) []typeGroup {
	by := map[string][]*index.Entity{}
	for _, e := range ents {
		by[e.Type] = append(by[e.Type], e)
	}
	var out []typeGroup
	for t, list := range by {
		slices.SortFunc(list, byReport)
		out = append(out, typeGroup{t, list, len(list)})
	}
	slices.SortFunc(out, func(a, b typeGroup) int { return byTypeOrder(a.Type, b.Type) })
	return out
}

// byTypeOrder orders entity types for display.
func byTypeOrder(a, b string) int {
	return cmp.Or(cmp.Compare(typeIndex(a), typeIndex(b)), cmp.Compare(a, b))
}

// byReport puts the most widely reported entity first: in the most
// documents, then with the most mentions, then by id.
// (Not cmp.Or, which would compare the ids every time.)
func byReport(a, b *index.Entity) int {
	if x := cmp.Compare(len(b.Docs), len(a.Docs)); x != 0 {
		return x
	}
	if x := cmp.Compare(b.Mentions, a.Mentions); x != 0 {
		return x
	}
	return strings.Compare(a.ID, b.ID)
}

// limitGroups keeps the first n entities of each group (Total stays the
// group's size). The groups are shared: it copies them.
func limitGroups(groups []typeGroup, n int) []typeGroup {
	out := slices.Clone(groups)
	for i := range out {
		out[i].Entities = out[i].Entities[:min(n, len(out[i].Entities))]
	}
	return out
}

func (r *renderer) home() error {
	docs := r.byDate()
	counts := map[string]int{}
	from, to := "", ""
	for _, d := range docs {
		if d.Source != "" {
			counts[d.Source]++
		}
		if d.Published != "" {
			if from == "" || d.Published < from {
				from = d.Published
			}
			if d.Published > to {
				to = d.Published
			}
		}
	}
	var sources []sourceCount
	for n, c := range counts {
		sources = append(sources, sourceCount{n, c})
	}
	sort.Slice(sources, func(i, j int) bool {
		if sources[i].Count != sources[j].Count {
			return sources[i].Count > sources[j].Count
		}
		return sources[i].Name < sources[j].Name
	})
	allSources := len(sources)
	if len(sources) > 12 {
		sources = sources[:12]
	}
	var top []typeGroup
	for _, g := range limitGroups(r.byType(), 8) {
		switch g.Type {
		case "PER", "ORG", "LOC", extract.KindHandle:
			top = append(top, g)
		}
	}
	stories := r.c.Stories
	if len(stories) > homeStories {
		stories = stories[:homeStories]
	}
	all := len(docs)
	if len(docs) > homeDocs {
		docs = docs[:homeDocs]
	}
	body := struct {
		Docs                []*extract.Document
		AllDocs, AllSources int
		Sources             []sourceCount
		From, To            string
		Top                 []typeGroup
		Stories             []*index.Story
		AllStories, Quotes  int
		Copies              int
	}{docs, all, allSources, sources, from, to, top, stories, len(r.c.Stories), len(r.c.Quotes), len(r.c.SameAs)}
	return r.write("index.html", "home", page{Title: "Overview", Nav: "home", Body: body})
}

// documentLists writes every document, newest first, in pages:
// documents.html, documents-2.html, ...
func (r *renderer) documentLists() error {
	docs := r.byDate()
	pages := max(1, (len(docs)+listPage-1)/listPage)
	for p := 0; p < pages; p++ {
		part := docs[p*listPage : min(len(docs), (p+1)*listPage)]
		body := struct {
			Docs  []*extract.Document
			Pager pager
			Total int
		}{part, makePager("documents", p, pages), len(docs)}
		if err := r.writeKeyed(pageName("documents", p), "documents", page{Title: "All documents", Nav: "documents", Body: body}); err != nil {
			return err
		}
	}
	return nil
}

// pageName is the file of page p (from 0) of a list: base.html, base-2.html.
func pageName(base string, p int) string {
	if p == 0 {
		return base + ".html"
	}
	return fmt.Sprintf("%s-%d.html", base, p+1)
}

type pager struct {
	Prev, Next string
	Page, Of   int
	Pages      []pagerLink
}

type pagerLink struct {
	N       int
	Href    string
	Current bool
}

// makePager links the pages of a list; hrefs are relative to the list's own
// folder.
func makePager(base string, p, pages int) pager {
	pg := pager{Page: p + 1, Of: pages}
	name := func(i int) string { return pageName(base[strings.LastIndexByte(base, '/')+1:], i) }
	if p > 0 {
		pg.Prev = name(p - 1)
	}
	if p+1 < pages {
		pg.Next = name(p + 1)
	}
	for i := 0; i < pages; i++ {
		// the first, the last and the neighbourhood of the current page
		if i == 0 || i == pages-1 || i >= p-3 && i <= p+3 {
			pg.Pages = append(pg.Pages, pagerLink{i + 1, name(i), i == p})
		} else if len(pg.Pages) > 0 && pg.Pages[len(pg.Pages)-1].N != 0 {
			pg.Pages = append(pg.Pages, pagerLink{}) // a gap
		}
	}
	return pg
}

type docEntity struct {
	ID, Name, Type string
	Count          int
}

type docDate struct{ Value, Text string }

// docQuote is a quote as one document prints it.
type docQuote struct {
	Quote    *index.Quote
	Citation index.Citation
	Para     string
	Others   int // other documents that carry it
}

func (r *renderer) documents() error {
	l := r.lk()
	return r.forEach(len(r.c.Docs), func(i int) error {
		a := r.c.Docs[i]
		links := r.c.Links[i]
		// its entities by type in display order; within a type the most
		// mentioned here first, then the most widely reported
		ix, ns := l.docEntIx[i], l.docEntN[i]
		byType := l.displayOrder(ix, ns)
		var groups []docGroup
		shown := make([]int32, 0, len(byType)) // the entities, as groups list them
		for _, k := range byType {
			e := r.c.Entities[ix[k]]
			if n := len(groups); n == 0 || groups[n-1].Type != e.Type {
				groups = append(groups, docGroup{Type: e.Type})
			}
			g := &groups[len(groups)-1]
			g.Entities = append(g.Entities, docEntity{e.ID, e.Name, e.Type, int(ns[k])})
			shown = append(shown, ix[k])
		}
		var dates []docDate
		seen := map[string]bool{}
		for _, t := range a.Timexes {
			if datableValue(t) && !seen[t.Value] {
				seen[t.Value] = true
				dates = append(dates, docDate{eventDay(t.Value), t.Text})
			}
		}
		var quotes []docQuote
		for _, q := range l.quotesIn[a.Doc.ID] {
			for _, cit := range q.Citations {
				if cit.Doc == a.Doc.ID {
					quotes = append(quotes, docQuote{q, cit, "p" + strconv.Itoa(blockIndex(a.Doc.Blocks, cit.Start)+1), len(q.Docs) - 1})
				}
			}
		}
		sort.SliceStable(quotes, func(i, j int) bool { return quotes[i].Citation.Start < quotes[j].Citation.Start })
		// its story and the other documents in it
		story := l.storyAt[i]
		var others []*extract.Document
		if story != nil {
			for _, d := range story.Docs {
				if d.ID != a.Doc.ID && len(others) < docStoryDocs {
					others = append(others, r.docs[d.ID])
				}
			}
		}
		var original *extract.Document
		if o := r.c.SameAs[a.Doc.ID]; o != "" {
			original = r.docs[o]
		}
		var copies []*extract.Document
		for _, id := range l.copies[a.Doc.ID] {
			copies = append(copies, r.docs[id])
		}
		body := &docBody{&a.Doc, nil, groups, dates, quotes, story, others, original, copies}
		fill := func() {
			body.Blocks = highlight(a, links, func(id string) string { return r.c.Entity(id).Type }, l.tl.pageOf)
		}
		return r.writeKeyedBy("docs/"+a.Doc.ID+".html", "doc", page{Root: "../", Title: a.Doc.Title, Nav: "documents", Body: body}, fill,
			func(p page) string { return r.docKey(p, body, i, shown) })
	})
}

// docBody is what doc.html shows. docKey writes it into the page's key
// field by field: a field added here must be added there (TestKeyFields).
type docBody struct {
	Doc      *extract.Document
	Blocks   []template.HTML // the text, highlighted: made only if the page is rendered
	Entities []docGroup
	Dates    []docDate
	Quotes   []docQuote
	Story    *index.Story
	Others   []*extract.Document
	Original *extract.Document
	Copies   []*extract.Document
}

// docGroup is a document's entities of one type.
type docGroup struct {
	Type     string
	Entities []docEntity
}

// forEach runs fn(i) for i in [0, n) in parallel, each call holding one of
// the renderer's CPU tokens, and returns the first error. Pages are
// independent files.
func (r *renderer) forEach(n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for w := 0; w < min(cap(r.cpu), max(n, 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r.cpu <- struct{}{}
				err := fn(i)
				<-r.cpu
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// blockIndex is the index of the block holding byte offset off.
func blockIndex(blocks []extract.Block, off int) int {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].End > off })
	return min(i, max(len(blocks)-1, 0))
}

func datableValue(t extract.Timex) bool {
	if t.Type != "DATE" && t.Type != "TIME" || len(t.Value) < 4 || strings.ContainsAny(t.Value, "X") || strings.HasSuffix(t.Value, "_REF") {
		return false
	}
	for _, c := range t.Value[:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func eventDay(v string) string {
	if i := strings.IndexByte(v, 'T'); i > 0 {
		return v[:i]
	}
	return v
}

// highlight renders a document's blocks as HTML with every resolved entity
// mention linked to its entity page (styled by the entity's type, not the
// mention's) and every date linked to the timeline. The text is escaped;
// only casefile's own tags are added.
func highlight(a *extract.Analysis, links []string, typeOf func(id string) string, timelinePage func(date string) string) []template.HTML {
	type mark struct {
		start, end int
		open       string
	}
	var marks []mark
	for j, m := range a.Mentions {
		if links[j] == "" {
			continue
		}
		marks = append(marks, mark{m.Start, m.End, fmt.Sprintf(`<a class="ent ent-%s" id="m%d" href="../entities/%s.html">`, typeOf(links[j]), j, links[j])})
	}
	k := 0
	for _, t := range a.Timexes {
		for k < len(a.Mentions) && a.Mentions[k].End <= t.Start {
			k++
		}
		if k < len(a.Mentions) && a.Mentions[k].Start < t.End && links[k] != "" {
			continue // dates inside names stay part of the name
		}
		if datableValue(t) {
			day := eventDay(t.Value)
			marks = append(marks, mark{t.Start, t.End, fmt.Sprintf(`<a class="tx" href="../%s#d-%s" title="%s">`,
				timelinePage(day), html.EscapeString(day), html.EscapeString(DateText(day)))})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	text := a.Doc.Text
	out := make([]template.HTML, 0, len(a.Doc.Blocks))
	mi := 0
	for bi, b := range a.Doc.Blocks {
		var sb strings.Builder
		tag := "p"
		if b.Kind == "h" {
			tag = "h2"
		}
		fmt.Fprintf(&sb, "<%s id=\"p%d\">", tag, bi+1)
		pos := b.Start
		for mi < len(marks) && marks[mi].start < b.End {
			m := marks[mi]
			mi++
			if m.start < pos || m.end > b.End {
				continue // overlapping or crossing a block boundary
			}
			sb.WriteString(html.EscapeString(text[pos:m.start]))
			sb.WriteString(m.open)
			sb.WriteString(html.EscapeString(text[m.start:m.end]))
			sb.WriteString("</a>")
			pos = m.end
		}
		sb.WriteString(html.EscapeString(text[pos:b.End]))
		fmt.Fprintf(&sb, "</%s>", tag)
		out = append(out, template.HTML(sb.String()))
	}
	return out
}

type kwic struct {
	Doc                string
	Mention            int
	Left, Match, Right string
}

type kwicDoc struct {
	ID, Title, Source, Published string
	Contexts                     []kwic
	More                         int // mentions not shown
}

// contextWindow is how much text shows on each side of a mention.
const contextWindow = 90

func kwicContext(text string, b extract.Block, m extract.Mention) (left, right string) {
	ls := max(b.Start, m.Start-contextWindow)
	for ls > b.Start && ls < len(text) && !utf8.RuneStart(text[ls]) {
		ls++
	}
	if ls > b.Start {
		if i := strings.IndexByte(text[ls:m.Start], ' '); i >= 0 {
			ls += i + 1
		}
	}
	re := min(b.End, m.End+contextWindow)
	for re < b.End && !utf8.RuneStart(text[re]) {
		re--
	}
	if re < b.End {
		if i := strings.LastIndexByte(text[m.End:re], ' '); i >= 0 {
			re = m.End + i
		}
	}
	left, right = text[ls:m.Start], text[m.End:re]
	if ls > b.Start {
		left = "…" + left
	}
	if re < b.End {
		right += "…"
	}
	return left, right
}

// cooccur is an entity sharing documents with another, as its page lists
// it: only what the page shows, so that the page's key does not change
// with the rest of that entity (its documents and mentions change with
// every document that names it, and it is listed on thousands of pages).
type cooccur struct {
	ID, Name, Type string
	Docs           int
}

// coScratch counts documents shared with one entity: a count per entity,
// and the entities touched, so that resetting costs what counting did.
type coScratch struct {
	count   []int32
	touched []int32
}

// cooccurring returns the n entities that share most of the documents in
// docs with entity self, most shared first, then by id, and their indexes.
func (l *lookups) cooccurring(c *index.Corpus, self int, docs []int, n int) ([]cooccur, []int32) {
	sc := l.coPool.Get().(*coScratch)
	defer l.coPool.Put(sc)
	for _, d := range docs {
		for _, x := range l.docEntIx[d] {
			if int(x) == self {
				continue
			}
			if sc.count[x] == 0 {
				sc.touched = append(sc.touched, x)
			}
			sc.count[x]++
		}
	}
	// better: more shared documents, then the smaller index (= id order)
	better := func(a, b int32) bool {
		if sc.count[a] != sc.count[b] {
			return sc.count[a] > sc.count[b]
		}
		return a < b
	}
	top := make([]int32, 0, n+1)
	for _, x := range sc.touched {
		if len(top) == n && !better(x, top[n-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return better(x, top[i]) })
		top = append(top, 0)
		copy(top[i+1:], top[i:])
		top[i] = x
		if len(top) > n {
			top = top[:n]
		}
	}
	out := make([]cooccur, len(top))
	for i, x := range top {
		e := c.Entities[x]
		out[i] = cooccur{e.ID, e.Name, e.Type, int(sc.count[x])}
	}
	for _, x := range sc.touched {
		sc.count[x] = 0
	}
	sc.touched = sc.touched[:0]
	return out, top
}

// entityEvent and storyLink are an event and a story as an entity page
// shows them. Only that, as for cooccur: the whole event changes with every
// document that reports it, and the whole story with what each of its
// documents adds, where the page shows neither.
type entityEvent struct {
	ID, Date, Summary string
	Sources           int // documents that report it
}

type storyLink struct{ ID, Title, Date string }

type entityDoc struct {
	Doc      *extract.Document
	Mentions int
}

// entityBody is what entity.html shows. entityKey writes it into the
// page's key field by field, not by reflection: a field added here must be
// added there (TestKeyFields).
type entityBody struct {
	Entity                        *index.Entity
	Docs                          []entityDoc
	KWIC                          []*kwicDoc
	Cooccur                       []cooccur
	Quotes                        []*index.Quote
	Events                        []entityEvent
	Stories                       []storyLink
	AllDocs, AllQuotes, AllEvents int
	MoreKWIC                      bool
}

// entityRefs are what an entity page's lists are made from, as indexes into
// the corpus, for entityKey.
type entityRefs struct {
	docs      []int    // Body.Docs' documents
	kwic      []int    // Body.KWIC's documents
	kwicShown [][2]int // the mentions in context: (KWIC slot, mention)
	co        []int32  // Body.Cooccur's entities
}

func (r *renderer) entities() error {
	l := r.lk()
	err := r.forEach(len(r.c.Entities), func(k int) error {
		e := r.c.Entities[k]
		refs := l.refs[k]
		// documents, newest first, with their mention counts (refs come
		// in document order, so a document's mentions are one run)
		var counted [][2]int // document, mentions
		for _, rf := range refs {
			if n := len(counted); n > 0 && counted[n-1][0] == rf[0] {
				counted[n-1][1]++
			} else {
				counted = append(counted, [2]int{rf[0], 1})
			}
		}
		slices.SortFunc(counted, func(a, b [2]int) int { return cmp.Compare(l.newest[a[0]], l.newest[b[0]]) })
		order := make([]int, len(counted))
		for i, dc := range counted {
			order[i] = dc[0]
		}
		var docs []entityDoc
		var er entityRefs
		for _, dc := range counted[:min(len(counted), entityDocs)] {
			docs = append(docs, entityDoc{&r.c.Docs[dc[0]].Doc, dc[1]})
			er.docs = append(er.docs, dc[0])
		}
		// Mentions in context, for the newest documents. The contexts are
		// cut from the texts only if the page is rendered; the key covers
		// them by their documents and the mentions' indexes (kwicShown).
		var kd []*kwicDoc
		slot := map[int]int{} // document index -> slot
		for _, i := range order[:min(len(order), entityKWICDocs)] {
			a := &r.c.Docs[i].Doc
			slot[i] = len(kd)
			kd = append(kd, &kwicDoc{ID: a.ID, Title: a.Title, Source: a.Source, Published: a.Published})
			er.kwic = append(er.kwic, i)
		}
		// the mentions shown, as (slot, mention): not by the document's
		// index in the corpus, which an added or deleted document moves for
		// every document after it, so that the key does not change with it
		shownOf := make([]int, len(kd))
		for _, rf := range refs {
			s, ok := slot[rf[0]]
			if !ok {
				continue
			}
			if shownOf[s] == entityKWICEach {
				kd[s].More++
				continue
			}
			shownOf[s]++
			er.kwicShown = append(er.kwicShown, [2]int{s, rf[1]})
		}
		contexts := func() {
			for _, sm := range er.kwicShown {
				a := r.c.Docs[er.kwic[sm[0]]]
				m := a.Mentions[sm[1]]
				left, right := kwicContext(a.Doc.Text, blockOf(a.Doc.Blocks, m.Start), m)
				k := kd[sm[0]]
				k.Contexts = append(k.Contexts, kwic{a.Doc.ID, sm[1], left, m.Text, right})
			}
		}
		// entities that share documents with it
		var co []cooccur
		co, er.co = l.cooccurring(r.c, k, order, entityCooccur)
		// the most widely reported quotes, in reading order
		quotes := append([]*index.Quote(nil), l.quotesBy[e.ID]...)
		sort.SliceStable(quotes, func(i, j int) bool { return len(quotes[i].Docs) > len(quotes[j].Docs) })
		allQuotes := len(quotes)
		quotes = quotes[:min(len(quotes), entityQuotes)]
		r.readingOrder(quotes)
		allEvents := len(l.events[e.ID])
		var events []entityEvent
		for _, ev := range l.events[e.ID][:min(allEvents, entityEvents)] {
			events = append(events, entityEvent{ev.ID, ev.Date, ev.Summary, len(ev.Docs)})
		}
		var stories []storyLink
		seenStory := map[*index.Story]bool{}
		for _, i := range order {
			if s := l.storyAt[i]; s != nil && !seenStory[s] {
				seenStory[s] = true
				stories = append(stories, storyLink{s.ID, s.Title, s.Date})
			}
		}
		body := &entityBody{e, docs, kd, co, quotes, events, stories[:min(len(stories), 10)], len(order), allQuotes, allEvents, len(order) > entityKWICDocs}
		return r.writeKeyedBy("entities/"+e.ID+".html", "entity", page{Root: "../", Title: e.Name, Nav: "entities", Body: body}, contexts,
			func(p page) string { return r.entityKey(p, body, &er) })
	})
	if err != nil {
		return err
	}
	return r.entityIndex()
}

// readingOrder sorts quotes by where they first appear: the earliest
// citing document (by date, then id), then their place in it, so that the
// parts of one statement, cut apart where outlets quote it differently, read
// in order.
func (r *renderer) readingOrder(qs []*index.Quote) {
	type key struct {
		date, doc string
		start     int
	}
	keys := make(map[*index.Quote]key, len(qs))
	for _, q := range qs {
		var best key
		for i, c := range q.Citations {
			d := r.docs[c.Doc].Published
			if d == "" {
				d = "9999"
			}
			k := key{d, c.Doc, c.Start}
			if i == 0 || k.date < best.date || k.date == best.date && k.doc < best.doc {
				best = k
			}
		}
		keys[q] = best
	}
	sort.SliceStable(qs, func(i, j int) bool {
		a, b := keys[qs[i]], keys[qs[j]]
		if a.date != b.date {
			return a.date < b.date
		}
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		return a.start < b.start
	})
}

// entityIndex writes the entity index (the most reported of every type,
// filterable by type and name) and each type's full list in pages.
func (r *renderer) entityIndex() error {
	groups := limitGroups(r.byType(), indexPerType)
	body := struct {
		All    int
		Groups []typeGroup
	}{len(r.c.Entities), groups}
	if err := r.writeKeyed("entities/index.html", "entities", page{Root: "../", Title: "Entities", Nav: "entities", Body: body}); err != nil {
		return err
	}
	for _, g := range r.byType() {
		if g.Total <= indexPerType {
			continue // all on the index
		}
		pages := (g.Total + typePage - 1) / typePage
		for p := 0; p < pages; p++ {
			body := struct {
				Type     string
				Entities []*index.Entity
				Total    int
				From     int
				Pager    pager
			}{g.Type, g.Entities[p*typePage : min(g.Total, (p+1)*typePage)], g.Total, p*typePage + 1, makePager("types/"+typeSlug(g.Type), p, pages)}
			if err := r.writeKeyed(pageName("types/"+typeSlug(g.Type), p), "types", page{Root: "../", Title: TypeName(g.Type), Nav: "entities", Body: body}); err != nil {
				return err
			}
		}
	}
	return nil
}

func blockOf(blocks []extract.Block, off int) extract.Block {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].End > off })
	if i == len(blocks) {
		return extract.Block{}
	}
	return blocks[i]
}

// timelinePlan spreads the timeline over pages: one page when it is short,
// else an index (timeline.html) and a page per month (timeline/2017-03.html,
// split into timeline/2017-03-2.html... when long) or per year for values
// coarser than a month.
type timelinePlan struct {
	pages  []*timelinePage
	byDate map[string]string // date value -> page path
}

type timelinePage struct {
	Path   string
	Title  string
	Events []*index.Event
	Prev   *timelinePage
	Next   *timelinePage
}

func planTimeline(events []*index.Event) *timelinePlan {
	tp := &timelinePlan{byDate: map[string]string{}}
	if len(events) <= timelineOnePage {
		p := &timelinePage{Path: "timeline.html", Title: "Timeline", Events: events}
		tp.pages = []*timelinePage{p}
		for _, ev := range events {
			tp.byDate[ev.Date] = p.Path
		}
		return tp
	}
	key := func(d string) string {
		if len(d) >= 7 && d[4] == '-' && d[5] >= '0' && d[5] <= '9' {
			return d[:7]
		}
		return d[:4]
	}
	// Events are sorted by date; consecutive ones group by period. A period
	// may come back: "2020-W11" and "2020-SU" sort after "2020-12", so the
	// parts of a period are counted over the whole timeline.
	var cur *timelinePage
	period := ""
	parts := map[string]int{}
	for _, ev := range events {
		k := key(ev.Date)
		if cur == nil || k != period || len(cur.Events) >= timelinePageLen && ev.Date != cur.Events[len(cur.Events)-1].Date {
			parts[k]++
			part := parts[k]
			name := "timeline/" + k + ".html"
			if part > 1 {
				name = fmt.Sprintf("timeline/%s-%d.html", k, part)
			}
			title := DateText(k)
			if part > 1 {
				title += fmt.Sprintf(" (part %d)", part)
			}
			next := &timelinePage{Path: name, Title: title, Prev: cur}
			if cur != nil {
				cur.Next = next
			}
			cur, period = next, k
			tp.pages = append(tp.pages, cur)
		}
		cur.Events = append(cur.Events, ev)
		if _, ok := tp.byDate[ev.Date]; !ok {
			tp.byDate[ev.Date] = cur.Path
		}
	}
	return tp
}

// pageOf returns the timeline page for a date, from the site root.
func (tp *timelinePlan) pageOf(date string) string {
	if p, ok := tp.byDate[date]; ok {
		return p
	}
	return "timeline.html"
}

type timelineDay struct {
	Date   string
	Events []*index.Event
}

func byDay(events []*index.Event) []*timelineDay {
	var days []*timelineDay
	for _, ev := range events {
		if len(days) == 0 || days[len(days)-1].Date != ev.Date {
			days = append(days, &timelineDay{Date: ev.Date})
		}
		days[len(days)-1].Events = append(days[len(days)-1].Events, ev)
	}
	return days
}

// timelineBody is what the timeline template sees: a page of events, or the
// index of the pages (Index) with the most reported events.
type timelineBody struct {
	Events []*index.Event
	Days   []*timelineDay
	Index  []*timelineLink
	Page   *timelineView
	Total  int
	// What the page's filter offers: the entities and sources of its events.
	FilterEntities []filterEntity
	FilterSources  []string
}

// filterEntity is an entity as a timeline filter offers it: not the whole
// entity, whose documents change far more often than its name.
type filterEntity struct{ ID, Name string }

// filterChoices lists the entities (most frequent first) and sources of a
// page's events, for its filter.
func (r *renderer) filterChoices(events []*index.Event) ([]filterEntity, []string) {
	count := map[string]int{}
	srcs := map[string]bool{}
	for _, ev := range events {
		for _, id := range ev.Entities {
			count[id]++
		}
		for _, d := range ev.Docs {
			if doc := r.docs[d]; doc != nil && doc.Source != "" {
				srcs[doc.Source] = true
			}
		}
	}
	ents := make([]*index.Entity, 0, len(count))
	for id := range count {
		ents = append(ents, r.c.Entity(id))
	}
	sort.Slice(ents, func(i, j int) bool {
		if count[ents[i].ID] != count[ents[j].ID] {
			return count[ents[i].ID] > count[ents[j].ID]
		}
		return ents[i].Name < ents[j].Name
	})
	out := make([]filterEntity, len(ents))
	for i, e := range ents {
		out[i] = filterEntity{e.ID, e.Name}
	}
	return out, sortedKeys(srcs)
}

// timelineLink is what a timeline page shows of another: where it is, its
// title and how many events it lists.
type timelineLink struct {
	Path, Title string
	N           int
}

func linkTo(p *timelinePage) *timelineLink {
	if p == nil {
		return nil
	}
	return &timelineLink{p.Path, p.Title, len(p.Events)}
}

// timelineView is what a timeline page shows of itself: not the events of
// its neighbours, so that its key does not cover them.
type timelineView struct {
	Path, Title string
	Prev, Next  *timelineLink
}

func viewOf(p *timelinePage) *timelineView {
	return &timelineView{p.Path, p.Title, linkTo(p.Prev), linkTo(p.Next)}
}

// timelineDeps is what timeline.html fetches by id for events: the
// sources of their documents and the names and types of their entities.
func (r *renderer) timelineDeps(events []*index.Event) []string {
	var deps []string
	for _, ev := range events {
		for _, d := range ev.Docs {
			deps = append(deps, r.docSource(d))
		}
		for _, id := range ev.Entities {
			deps = append(deps, r.entityLabel(id))
		}
	}
	return deps
}

// timeline writes the timeline: one page, or an index of periods and a
// page per period. Pages are keyed: a one-file change rewrites the periods
// of its events only.
func (r *renderer) timeline() error {
	tp := r.lk().tl
	if len(tp.pages) == 1 && tp.pages[0].Path == "timeline.html" {
		p := tp.pages[0]
		body := timelineBody{Events: p.Events, Days: byDay(p.Events), Page: viewOf(p), Total: len(p.Events)}
		body.FilterEntities, body.FilterSources = r.filterChoices(p.Events)
		return r.writeKeyed("timeline.html", "timeline", page{Title: "Timeline", Nav: "timeline", Body: body}, r.timelineDeps(p.Events))
	}
	// the index: every period with its count, and the most reported events
	var top []*index.Event
	for _, ev := range r.c.Timeline {
		if len(ev.Docs) > 1 {
			top = append(top, ev)
		}
	}
	sort.SliceStable(top, func(i, j int) bool { return len(top[i].Docs) > len(top[j].Docs) })
	top = top[:min(len(top), 50)]
	sort.SliceStable(top, func(i, j int) bool { return top[i].Date < top[j].Date })
	index := make([]*timelineLink, len(tp.pages))
	for i, p := range tp.pages {
		index[i] = linkTo(p)
	}
	body := timelineBody{Events: top, Days: byDay(top), Index: index, Total: len(r.c.Timeline)}
	if err := r.writeKeyed("timeline.html", "timeline", page{Title: "Timeline", Nav: "timeline", Body: body}, r.timelineDeps(top)); err != nil {
		return err
	}
	for _, p := range tp.pages {
		body := timelineBody{Events: p.Events, Days: byDay(p.Events), Page: viewOf(p), Total: len(p.Events)}
		body.FilterEntities, body.FilterSources = r.filterChoices(p.Events)
		if err := r.writeKeyed(p.Path, "timeline", page{Root: "../", Title: "Timeline: " + p.Title, Nav: "timeline", Body: body}, r.timelineDeps(p.Events)); err != nil {
			return err
		}
	}
	return nil
}

// search writes the search page; preload names the search files it
// requests from its <head>, beside manifest.js (none without an index).
func (r *renderer) search(preload []string) error {
	body := struct{ Scripts []string }{[]string{"search/manifest.js"}}
	return r.write("search.html", "search", page{Title: "Search", Nav: "search", Body: body, Preload: preload, CSPFromScript: true})
}

// entityLabel is what a page shows of an entity it links to by id.
func (r *renderer) entityLabel(id string) string {
	if e := r.c.Entity(id); e != nil {
		return id + "\x00" + e.Name + "\x00" + e.Type
	}
	return id
}
