package index

import (
	"cmp"
	"fmt"
	"hash/maphash"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"casefile/extract"
)

// Entity is a canonical entity: every mention of it across the corpus,
// whatever the spelling.
type Entity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"`   // other spellings seen, sorted
	Docs     []string `json:"documents"` // ids of documents that mention it, sorted
	Mentions int      `json:"mentions"`
}

// Corpus is the archive after corpus-level resolution: documents (sorted by
// id), canonical entities (sorted by id) and, for every mention, the entity
// it belongs to.
type Corpus struct {
	Docs     []*extract.Analysis
	Entities []*Entity
	// Links[i][j] is the entity id of Docs[i].Mentions[j]; "" for a mention
	// dropped as junk or excluded by an override.
	Links    [][]string
	Timeline []*Event
	Quotes   []*Quote          // quotes merged across documents (quotes.go)
	Stories  []*Story          // documents about the same event (stories.go)
	SameAs   map[string]string // copies: document id -> the document it copies

	byID map[string]*Entity
}

// ResolveOptions tune Resolve.
type ResolveOptions struct {
	// StoryCache is a file where the story pass keeps what it read of each
	// document, so that the next resolution reads only the documents that
	// changed (storycache.go). Empty: no cache. The result is the same
	// either way.
	StoryCache string
}

// Entity returns the entity with the given id, or nil.
func (c *Corpus) Entity(id string) *Entity { return c.byID[id] }

// nameTypes are the tagger's types; their mentions are resolved together
// and their type decided by vote. Pattern kinds keep to themselves.
var nameTypes = map[string]bool{"PER": true, "ORG": true, "LOC": true, "MISC": true}

// typeRank breaks ties in type votes.
var typeRank = map[string]int{"ORG": 4, "PER": 3, "LOC": 2, "MISC": 1}

type ref struct{ doc, m int }

type group struct {
	class string // "NAME" or a pattern kind
	key   string
	forms map[string]int
	types map[string]int
	refs  []ref
	surfs []*surface // the surfaces of its mentions, each counted in n
	// linked: some of its mentions stand for another group's person
	// (resolver.assign), so they do not all go to its own root.
	linked bool
	// its vote, word count and top form, which the merges ask for again
	// and again: set with forms and types, which do not change after
	voted, topForm string
	nwords         int
}

func (g *group) words() int { return len(strings.Fields(g.key)) }

// top returns the most frequent surface form (ties: shortest, then smallest).
func (g *group) top() string {
	best, n := "", -1
	for f, c := range g.forms {
		if c > n || c == n && (len(f) < len(best) || len(f) == len(best) && f < best) {
			best, n = f, c
		}
	}
	return best
}

func (g *group) vote() string {
	best, n := "", -1
	for t, c := range g.types {
		if c > n || c == n && typeRank[t] > typeRank[best] {
			best, n = t, c
		}
	}
	return best
}

// resolver holds the state of one resolution.
type resolver struct {
	docs    []*extract.Analysis
	groups  []*group
	index   map[string]int // class+"\x00"+key -> group
	parent  []int
	assign  map[ref]int     // per-mention reassignment (surnames)
	sources map[string]bool // name keys of the documents' sources (outlets)
	surf    [][]*surface    // per document and mention: surfaceOf and keyOf
	opt     ResolveOptions
}

// surface is what grouping needs of one mention, computed once for every
// mention of the same type and text.
type surface struct {
	typ              string // the mention's type
	text, class, key string
	drop             bool // junk, or excluded by an override
	group            int  // the group of its key, once numbered; -1 before
	n                int  // its mentions, once numbered
}

// surfaceMemo computes each distinct mention (type and text) once: a corpus
// repeats its names (50,000 generated documents: 1.36 million linked
// mentions, 89,281 distinct keys before merging). It is sharded so that the
// workers of the parallel pass seldom wait for one another. Which mention
// computes a surface first does not matter: the result is the same.
type surfaceMemo struct {
	seed   maphash.Seed
	shards [64]struct {
		mu sync.Mutex
		m  map[surfaceIn]*surface
	}
}

type surfaceIn struct{ typ, text string }

func newSurfaceMemo() *surfaceMemo {
	sm := &surfaceMemo{seed: maphash.MakeSeed()}
	for i := range sm.shards {
		sm.shards[i].m = map[surfaceIn]*surface{}
	}
	return sm
}

// of returns the surface of m, making it with mk the first time.
func (sm *surfaceMemo) of(m extract.Mention, mk func(extract.Mention) *surface) *surface {
	in := surfaceIn{m.Type, m.Text}
	sh := &sm.shards[maphash.String(sm.seed, m.Text)%uint64(len(sm.shards))]
	sh.mu.Lock()
	sf, ok := sh.m[in]
	sh.mu.Unlock()
	if ok {
		return sf
	}
	sf = mk(m)
	sh.mu.Lock()
	if first, ok := sh.m[in]; ok {
		sf = first // another worker made it meanwhile: one pointer for all
	} else {
		sh.m[in] = sf
	}
	sh.mu.Unlock()
	return sf
}

func (r *resolver) find(i int) int {
	for r.parent[i] != i {
		r.parent[i] = r.parent[r.parent[i]]
		i = r.parent[i]
	}
	return i
}

// union merges b into a's set; the smaller index is the root, so results do
// not depend on the order of unions.
func (r *resolver) union(a, b int) {
	a, b = r.find(a), r.find(b)
	if a == b {
		return
	}
	if b < a {
		a, b = b, a
	}
	r.parent[b] = a
}

func (r *resolver) lookup(class, key string) (int, bool) {
	i, ok := r.index[class+"\x00"+key]
	return i, ok
}

// surfaceOf returns a mention's cleaned surface form and its class.
func surfaceOf(m extract.Mention) (surface, class string) {
	s := cleanSurface(m.Text)
	if !nameTypes[m.Type] {
		return s, m.Type
	}
	s = stripArticle(s)
	if m.Type == "PER" {
		s = stripTitles(s)
	}
	return s, "NAME"
}

func keyOf(surface, class string) string {
	switch class {
	case extract.KindHandle, extract.KindHashtag, extract.KindEmail:
		return strings.ToLower(surface)
	case "NAME", extract.KindLaw, extract.KindCourt:
		return nameKey(surface)
	}
	return strings.Join(strings.Fields(surface), " ")
}

// Resolve groups the mentions of all documents into canonical entities and
// builds the timeline. docs must be sorted by id.
func Resolve(docs []*extract.Analysis, ov *Overrides) *Corpus {
	return ResolveWith(docs, ov, ResolveOptions{})
}

// ResolveWith is Resolve with options.
func ResolveWith(docs []*extract.Analysis, ov *Overrides, opt ResolveOptions) *Corpus {
	r := &resolver{opt: opt, docs: docs, index: map[string]int{}, assign: map[ref]int{}, sources: map[string]bool{}}
	for _, a := range docs {
		if a.Doc.Source != "" {
			r.sources[nameKey(a.Doc.Source)] = true
		}
	}
	// The per-mention work is independent: it runs in parallel, and so
	// does the tally of each group's forms and types. Only numbering the
	// groups, which must see mentions in order, stays serial.
	r.surf = make([][]*surface, len(docs))
	memo := newSurfaceMemo()
	mk := func(m extract.Mention) *surface {
		s, class := surfaceOf(m)
		sf := &surface{typ: m.Type, text: s, class: class, group: -1}
		if s == "" || isJunkName(s, class) {
			sf.drop = true
			return sf
		}
		sf.key = keyOf(s, class)
		sf.drop = ov.excluded(sf.key)
		return sf
	}
	Parallel(len(docs), func(di int) {
		ms := docs[di].Mentions
		out := make([]*surface, len(ms))
		for mi, m := range ms {
			out[mi] = memo.of(m, mk)
		}
		r.surf[di] = out
	})
	for di, a := range docs {
		for mi := range a.Mentions {
			sf := r.surf[di][mi]
			if sf.drop {
				continue
			}
			// Surfaces of the same key share a group: look it up once
			// per surface, not per mention.
			if sf.group < 0 {
				gi, ok := r.lookup(sf.class, sf.key)
				if !ok {
					gi = len(r.groups)
					r.groups = append(r.groups, &group{class: sf.class, key: sf.key})
					r.index[sf.class+"\x00"+sf.key] = gi
				}
				sf.group = gi
				r.groups[gi].surfs = append(r.groups[gi].surfs, sf)
			}
			sf.n++
			g := r.groups[sf.group]
			g.refs = append(g.refs, ref{di, mi})
		}
	}
	Parallel(len(r.groups), func(gi int) {
		// A surface is one type and text: its count is the forms' and
		// types' (numbering counted them).
		g := r.groups[gi]
		g.forms, g.types = make(map[string]int, len(g.surfs)), map[string]int{}
		for _, sf := range g.surfs {
			g.forms[sf.text] += sf.n
			g.types[sf.typ] += sf.n
		}
		g.voted, g.topForm, g.nwords = g.vote(), g.top(), g.words()
	})
	r.parent = make([]int, len(r.groups))
	for i := range r.parent {
		r.parent[i] = i
	}

	r.mergeQualified()
	r.mergeDefinedAcronyms()
	r.mergeAcronyms()
	r.mergeContained()
	r.mergePersonVariants()
	ov.applyAliases(r)
	r.linkSurnames()

	return r.build(ov)
}

// mergeQualified merges names that differ only by a country qualifier:
// "U.S. Customs and Border Protection" and "Customs and Border Protection".
func (r *resolver) mergeQualified() {
	// Group by the name without its qualifier: "U.S. Citizenship and
	// Immigration Services", "United States Citizenship and Immigration
	// Services" and "Citizenship and Immigration Services" are one.
	first := map[string]int{}
	for i, g := range r.groups {
		if g.class != "NAME" || g.voted == "PER" {
			continue
		}
		s := stripQualifier(g.key)
		if !strings.Contains(s, " ") {
			continue
		}
		if j, ok := first[s]; ok {
			r.union(j, i)
		} else {
			first[s] = i
		}
	}
}

// mergeDefinedAcronyms links acronyms a document defines:
// "U.S. Customs and Border Protection (CBP)" or "CBP (Customs and Border Protection)".
// Each document's definitions are found in parallel (the groups are only
// read); the unions follow in document order.
func (r *resolver) mergeDefinedAcronyms() {
	found := make([][][2]int, len(r.docs))
	Parallel(len(r.docs), func(di int) {
		a := r.docs[di]
		text := a.Doc.Text
		for mi, m := range a.Mentions {
			if r.surf[di][mi].drop || !nameTypes[m.Type] {
				continue
			}
			rest := text[m.End:]
			if !strings.HasPrefix(rest, " (") {
				continue
			}
			close := strings.IndexByte(rest, ')')
			if close < 3 || close > 80 {
				continue
			}
			inner := strings.TrimSpace(rest[2:close])
			s := r.surf[di][mi].text
			var long, short string
			switch {
			case isAcronym(inner) && initialsMatch(s, inner):
				long, short = s, inner
			case isAcronym(s) && initialsMatch(inner, s):
				long, short = inner, s
			default:
				continue
			}
			li, ok1 := r.lookup("NAME", nameKey(long))
			si, ok2 := r.lookup("NAME", nameKey(short))
			if ok1 && ok2 {
				found[di] = append(found[di], [2]int{li, si})
			}
		}
	})
	for _, pairs := range found {
		for _, p := range pairs {
			r.union(p[0], p[1])
		}
	}
}

// initialsMatch reports whether acronym acr abbreviates name, with or
// without a country qualifier.
func initialsMatch(name, acr string) bool {
	a := strings.ToLower(strings.ReplaceAll(acr, ".", ""))
	if initials(name) == a {
		return true
	}
	key := nameKey(name)
	if q := stripQualifier(key); q != key {
		words := strings.Fields(name)
		drop := len(strings.Fields(key)) - len(strings.Fields(q))
		if drop < len(words) && initials(strings.Join(words[drop:], " ")) == a {
			return true
		}
	}
	return false
}

// mergeAcronyms merges an acronym with the one multi-word name in the corpus
// whose initials it is: DHS and Department of Homeland Security.
func (r *resolver) mergeAcronyms() {
	byInitials := map[string]map[int]bool{}
	for i, g := range r.groups {
		if g.class != "NAME" || g.nwords < 2 || g.voted == "PER" {
			continue
		}
		for f := range g.forms {
			for _, ini := range []string{initials(f), qualifiedInitials(f)} {
				if len(ini) >= 2 {
					if byInitials[ini] == nil {
						byInitials[ini] = map[int]bool{}
					}
					byInitials[ini][i] = true
				}
			}
		}
	}
	for i, g := range r.groups {
		if g.class != "NAME" || g.nwords != 1 || !isAcronym(g.topForm) {
			continue
		}
		roots := map[int]bool{}
		for j := range byInitials[strings.ReplaceAll(g.key, ".", "")] {
			roots[r.find(j)] = true
		}
		if len(roots) == 1 {
			for j := range roots {
				r.union(j, i)
			}
		}
	}
}

// qualifiedInitials is initials() without a leading country qualifier.
func qualifiedInitials(name string) string {
	key := nameKey(name)
	q := stripQualifier(key)
	if q == key {
		return ""
	}
	words := strings.Fields(name)
	drop := len(strings.Fields(key)) - len(strings.Fields(q))
	if drop >= len(words) {
		return ""
	}
	return initials(strings.Join(words[drop:], " "))
}

// mergeContained merges a short organisation or place name into the one
// longer name of the same type that starts or ends with it: "Homeland
// Security" into "Department of Homeland Security".
func (r *resolver) mergeContained() {
	// Every proper word prefix and suffix of every longer name, by type.
	ends := map[string][]int{}
	for j, h := range r.groups {
		t := h.voted
		if h.class != "NAME" || t == "PER" {
			continue
		}
		hw := strings.Fields(stripQualifier(h.key))
		for k := 1; k < len(hw); k++ {
			if hw[k] != "and" && hw[k] != "&" && hw[k] != "or" || k > 1 {
				// "Customs and Border Protection" starts with "Customs", but
				// that "Customs" may be another body; "the Department" of a
				// text about the "Department of Homeland Security" is it.
				ends[t+"\x00"+strings.Join(hw[:k], " ")] = append(ends[t+"\x00"+strings.Join(hw[:k], " ")], j)
			}
			ends[t+"\x00"+strings.Join(hw[k:], " ")] = append(ends[t+"\x00"+strings.Join(hw[k:], " ")], j)
		}
	}
	for i, g := range r.groups {
		t := g.voted
		if g.class != "NAME" || t == "PER" || isAcronym(g.topForm) {
			continue
		}
		roots := map[int]bool{}
		for _, j := range ends[t+"\x00"+g.key] {
			if j != i {
				roots[r.find(j)] = true
			}
		}
		if len(roots) == 1 {
			for j := range roots {
				r.union(j, i)
			}
		}
	}
}

// mergePersonVariants merges "Nathan Wessler" into "Nathan Freed Wessler":
// same first and last name, the shorter's words in order in the longer.
func (r *resolver) mergePersonVariants() {
	byEnds := map[string][]int{}
	for j, h := range r.groups {
		if h.class == "NAME" && h.voted == "PER" && h.nwords >= 2 {
			w := strings.Fields(h.key)
			byEnds[w[0]+" "+w[len(w)-1]] = append(byEnds[w[0]+" "+w[len(w)-1]], j)
		}
	}
	for i, g := range r.groups {
		if g.class != "NAME" || g.voted != "PER" || g.nwords < 2 {
			continue
		}
		gw := strings.Fields(g.key)
		roots := map[int]bool{}
		for _, j := range byEnds[gw[0]+" "+gw[len(gw)-1]] {
			hw := strings.Fields(r.groups[j].key)
			if len(hw) > len(gw) && isSubsequence(hw, gw) {
				roots[r.find(j)] = true
			}
		}
		if len(roots) == 1 {
			for j := range roots {
				r.union(j, i)
			}
		}
	}
}

func isSubsequence(long, short []string) bool {
	k := 0
	for _, w := range long {
		if k < len(short) && w == short[k] {
			k++
		}
	}
	return k == len(short)
}

// linkSurnames attaches a bare surname ("Trump") to the full name it stands
// for: the one person with that surname in the same document, or failing
// that in the whole corpus. Two people who share a surname are never merged:
// where the surname is ambiguous it stays on its own.
func (r *resolver) linkSurnames() {
	bySurname := map[string]map[int]bool{} // surname -> roots of full names
	rootDocs := map[int]map[int]bool{}     // root -> documents
	for i, g := range r.groups {
		if g.class == "NAME" && g.voted == "PER" && g.nwords >= 2 {
			w := strings.Fields(g.key)
			last, root := w[len(w)-1], r.find(i)
			if bySurname[last] == nil {
				bySurname[last] = map[int]bool{}
			}
			bySurname[last][root] = true
			if rootDocs[root] == nil {
				rootDocs[root] = map[int]bool{}
			}
			for _, rf := range g.refs {
				rootDocs[root][rf.doc] = true
			}
		}
	}
	for _, g := range r.groups {
		// A surname tagged as a person, or as a name of its own kind when it
		// qualifies something ("the Trump administration").
		if v := g.voted; g.class != "NAME" || g.nwords != 1 || v != "PER" && v != "MISC" {
			continue
		}
		cands := bySurname[g.key]
		for _, rf := range g.refs {
			var inDoc []int
			for root := range cands {
				if rootDocs[root][rf.doc] {
					inDoc = append(inDoc, root)
				}
			}
			switch {
			case len(inDoc) == 1:
				r.assign[rf] = inDoc[0]
				g.linked = true
			case len(inDoc) == 0 && len(cands) == 1:
				for root := range cands {
					r.assign[rf] = root
				}
				g.linked = true
			}
		}
	}
}

// build turns the merged groups into entities and links every mention.
func (r *resolver) build(ov *Overrides) *Corpus {
	type acc struct {
		class string
		forms map[string]int
		types map[string]int
		refs  []ref
	}
	sets := map[int]*acc{}
	accOf := func(root int, g *group) *acc {
		a := sets[root]
		if a == nil {
			a = &acc{class: g.class, forms: map[string]int{}, types: map[string]int{}}
			sets[root] = a
		}
		return a
	}
	for i, g := range r.groups {
		root := r.find(i)
		if !g.linked {
			// Every mention of the group goes to its root: its counts are
			// the group's, added once rather than mention by mention.
			a := accOf(root, g)
			for f, n := range g.forms {
				a.forms[f] += n
			}
			for t, n := range g.types {
				a.types[t] += n
			}
			a.refs = append(a.refs, g.refs...)
			continue
		}
		for _, rf := range g.refs {
			to, surname := r.assign[rf]
			rt := root
			if surname {
				rt = r.find(to)
			}
			a := accOf(rt, g)
			a.forms[r.surf[rf.doc][rf.m].text]++
			a.refs = append(a.refs, rf)
			if surname {
				a.types["PER"]++ // it stands for a person's full name
			} else {
				a.types[r.docs[rf.doc].Mentions[rf.m].Type]++
			}
		}
	}
	roots := make([]int, 0, len(sets))
	for root := range sets {
		roots = append(roots, root)
	}
	sort.Ints(roots)

	c := &Corpus{Docs: r.docs, byID: make(map[string]*Entity, len(roots))}
	c.Links = make([][]string, len(r.docs))
	for i, a := range r.docs {
		c.Links[i] = make([]string, len(a.Mentions))
	}
	type named struct {
		e    *Entity
		refs []ref
		slug string
	}
	// Each entity is made from its own mentions alone: in parallel.
	all := make([]named, len(roots))
	Parallel(len(roots), func(k int) {
		a := sets[roots[k]]
		e := &Entity{Type: a.class}
		e.Name = canonicalName(a.forms)
		if a.class == "NAME" {
			// What a name is made of is evidence too: "Department of ...",
			// "... University" are organisations whatever a few mentions say.
			if t := headType(e.Name); t != "" {
				a.types[t] += 2 + len(a.refs)/3
			}
			// An outlet the catalog names as a document's source is an
			// organisation.
			for f := range a.forms {
				if r.sources[nameKey(f)] {
					a.types["ORG"] += 2 + len(a.refs)/3
					break
				}
			}
			g := &group{types: a.types}
			e.Type = g.vote()
		}
		if t := ov.typeOf(nameKey(e.Name)); t != "" {
			e.Type = t
		}
		if n := ov.nameOf(a.forms); n != "" {
			e.Name = n
		}
		for f := range a.forms {
			if f != e.Name {
				e.Aliases = append(e.Aliases, f)
			}
		}
		sort.Strings(e.Aliases)
		// Documents are sorted by id: in document order, the ids are too.
		docs := make([]int, len(a.refs))
		for i, rf := range a.refs {
			docs[i] = rf.doc
		}
		slices.Sort(docs)
		docs = slices.Compact(docs)
		e.Docs = make([]string, len(docs))
		for i, d := range docs {
			e.Docs[i] = r.docs[d].Doc.ID
		}
		e.Mentions = len(a.refs)
		all[k] = named{e, a.refs, extract.Slug(e.Name)}
	})
	// Ids: the slug of the name; a clash gets the type, then a number.
	// The most mentioned first, then by name, then as they came: an
	// unstable sort of positions (0.38 s of serial CPU at 50,000 documents
	// for a stable sort of the structs, which compared names every time).
	order := make([]int32, len(all))
	for k := range order {
		order[k] = int32(k)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := all[x].e, all[y].e
		if a.Mentions != b.Mentions {
			return cmp.Compare(b.Mentions, a.Mentions)
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	used := make(map[string]bool, len(all))
	c.Entities = make([]*Entity, 0, len(all))
	for _, k := range order {
		n := all[k]
		id := n.slug
		if id == "" {
			id = "entity"
		}
		if used[id] {
			id += "-" + strings.ToLower(n.e.Type)
			for k, base := 2, id; used[id]; k++ {
				id = fmt.Sprintf("%s-%d", base, k)
			}
		}
		used[id] = true
		n.e.ID = id
		c.Entities = append(c.Entities, n.e)
		c.byID[id] = n.e
	}
	// A mention belongs to one entity: each writes its own links.
	Parallel(len(all), func(k int) {
		for _, rf := range all[k].refs {
			c.Links[rf.doc][rf.m] = all[k].e.ID
		}
	})
	slices.SortFunc(c.Entities, func(a, b *Entity) int { return strings.Compare(a.ID, b.ID) })
	// The timeline and the stories need only the links: they build side by
	// side, so that the serial parts of one overlap the other.
	done := make(chan []*Event)
	go func() { done <- buildTimeline(c) }()
	quotes := buildQuotes(c)
	sameAs, stories := buildStories(c, quotes, r.opt.StoryCache)
	c.Timeline, c.Quotes, c.SameAs, c.Stories = <-done, quotes, sameAs, stories
	return c
}

// canonicalName picks the display name: the fullest spelling (most words),
// then the most frequent, then the first in byte order.
func canonicalName(forms map[string]int) string {
	best := ""
	bw, bc := -1, -1
	for f, c := range forms {
		w := len(strings.Fields(f))
		if isAcronym(f) {
			w = 0 // "DHS" names the entity only when nothing longer does
		}
		if w > bw || w == bw && (c > bc || c == bc && f < best) {
			best, bw, bc = f, w, c
		}
	}
	return best
}

// isJunkName rejects names that are not names: lone letters and numbers.
// (Ordinary words capitalised at a sentence start are dropped per document,
// in extract.)
func isJunkName(s, class string) bool {
	if class != "NAME" {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters < 2
}

var locHeads = wordSetOf(`river mountain mountains lake island islands county city street avenue valley bay sea ocean
	province desert canyon peninsula gulf strait`)

var orgLeads = wordSetOf(`department ministry university bank court bureau office board college institute`)

func wordSetOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// headType is the type a multi-word name's head word implies: ORG for
// "Syracuse University" or "Department of Homeland Security", LOC for
// "Hudson River", "" when it says nothing.
func headType(name string) string {
	w := strings.Fields(strings.ToLower(strings.TrimRight(name, ".")))
	if len(w) < 2 {
		return ""
	}
	last := strings.Trim(w[len(w)-1], ".,")
	switch {
	case extract.IsOrgHead(last) || orgLeads[w[0]] && w[1] == "of":
		return "ORG"
	case locHeads[last]:
		return "LOC"
	}
	return ""
}
