package index

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"casefile/extract"
)

// Story is a set of documents about the same event, from one or more
// outlets. Documents that copy another (exact or near duplicates) belong to
// the story of the document they copy but are not counted twice.
//
// Stories are found in three steps, each near-linear in the corpus:
//
//  1. Near duplicates: a one-permutation MinHash of every document's word
//     5-grams, banded into an LSH table; pairs that share a band are checked
//     exactly (Jaccard or containment of the 5-grams).
//  2. Links: every document is a TF-IDF vector of its content words (title
//     words count more), the entities it mentions and the days it names.
//     Candidate pairs share one of their top features in an inverted index
//     (features common to very many documents are not used); a pair is linked
//     when its cosine, discounted by the days between the two publication
//     dates, is high enough.
//  3. Clusters: links are taken strongest first, and two clusters merge only
//     when their centroids are similar too, so a chain of pairwise links
//     cannot pull two unrelated stories together.
//
// A story has at least two documents that are not copies of one another. Its
// id is its earliest publication date and its key entities (those the most of
// its documents mention), which do not change when unrelated documents are
// added to the corpus.
type Story struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`     // the headline of its most central document
	Date     string     `json:"date"`      // earliest publication date, "" if none is dated
	Last     string     `json:"last"`      // latest publication date
	Docs     []StoryDoc `json:"documents"` // by date, then source, then id
	Entities []string   `json:"entities"`  // key entity ids, most reported first
	Count    int        `json:"count"`     // documents, copies not counted
	Sources  []string   `json:"sources"`   // outlets, sorted
}

// StoryDoc is a document's place in its story: what it adds that no other
// document of the story has, or the document it copies.
type StoryDoc struct {
	ID       string   `json:"id"`
	SameAs   string   `json:"same_as,omitempty"` // the document this one copies
	Entities []string `json:"adds_entities"`     // entity ids
	Dates    []string `json:"adds_dates"`        // TimeML values of the dates it names
	Quotes   []string `json:"adds_quotes"`       // quote ids
}

// Tuning. A link needs a cosine of linkMin after the date discount;
// clusters merge when their centroids reach mergeMin. Title words, entity
// mentions and named days count as several words.
const (
	linkMin       = 0.22
	mergeMin      = 0.16
	vectorTerms   = 100  // features kept per document
	topTerms      = 12   // features per document used to find candidates
	maxPosting    = 300  // a feature among more documents' top features does not find candidates
	maxCandidates = 40   // candidates scored per document
	minIDFDocs    = 1000 // IDF counts at least this many documents, so a small corpus's shared words still count
	dayGrace      = 7    // days apart with no discount
	dayHalf       = 30   // further days that halve a link

	titleWeight  = 3
	entityWeight = 1.5
	dateWeight   = 1.0

	shingleWords = 5
	minhashBins  = 64
	lshRows      = 4
	nearJaccard  = 0.8
	nearContain  = 0.9
)

// storyDoc is one document's representation for clustering.
type storyFeat struct {
	terms []uint64  // sorted
	w     []float32 // unit length
	top   []uint64  // the heaviest terms
	day   int       // days since 1970, or math.MinInt if undated
}

// buildStories finds near duplicates and stories. It returns the copies
// (document id -> id of the document it copies) and the stories, newest
// first.
func buildStories(c *Corpus, quotes []*Quote, cachePath string) (map[string]string, []*Story) {
	n := len(c.Docs)
	counts, sigs := docPass(c, cachePath)
	sameAs := nearDuplicates(c, sigs)
	feats := storyFeatures(c, counts)

	parent := newUnionFind(n)
	find := parent.find
	// copies join the document they copy
	idx := map[string]int{}
	for i, a := range c.Docs {
		idx[a.Doc.ID] = i
	}
	centroid := map[int]map[uint64]float64{}
	members := map[int]int{}
	cent := func(r int) map[uint64]float64 {
		if m := centroid[r]; m != nil {
			return m
		}
		m := map[uint64]float64{}
		for k, t := range feats[r].terms {
			m[t] = float64(feats[r].w[k])
		}
		return m
	}
	merge := func(a, b int) {
		a, b = find(a), find(b)
		if a == b {
			return
		}
		if b < a {
			a, b = b, a
		}
		ca, cb := cent(a), cent(b)
		for t, w := range cb {
			ca[t] += w
		}
		centroid[a] = truncate(ca, 4*vectorTerms)
		delete(centroid, b)
		members[a] = max(members[a], 1) + max(members[b], 1)
		delete(members, b)
		parent[b] = a
	}
	for _, id := range sortedKeysStr(sameAs) {
		merge(idx[id], idx[sameAs[id]])
	}
	for _, e := range storyLinks(feats) {
		a, b := find(e.a), find(e.b)
		if a == b {
			continue
		}
		if members[a] > 1 || members[b] > 1 {
			if cosMap(cent(a), cent(b)) < mergeMin {
				continue
			}
		}
		merge(a, b)
	}

	groups := map[int][]int{}
	for i := 0; i < n; i++ {
		r := find(i)
		groups[r] = append(groups[r], i)
	}
	var stories []*Story
	for _, g := range groups {
		distinct := 0
		for _, i := range g {
			if sameAs[c.Docs[i].Doc.ID] == "" {
				distinct++
			}
		}
		if distinct < 2 {
			continue
		}
		stories = append(stories, makeStory(c, g, feats, sameAs))
	}
	addedByDocs(c, stories, quotes)
	assignStoryIDs(stories)
	sort.Slice(stories, func(i, j int) bool {
		if stories[i].Date != stories[j].Date {
			return stories[i].Date > stories[j].Date
		}
		return stories[i].ID < stories[j].ID
	})
	return sameAs, stories
}

// unionFind is a disjoint-set forest. The root of a set is its smallest
// member, so the sets do not depend on the order of unions.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func (u unionFind) union(a, b int) {
	if a, b = u.find(a), u.find(b); a != b {
		u[max(a, b)] = min(a, b)
	}
}

func sortedKeysStr(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Parallel runs fn(i) for i in [0, n) on every CPU.
func Parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var wg sync.WaitGroup
	next := make(chan int, 256)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// hashTerm is FNV-1a of a kind byte and a string.
func hashTerm(kind byte, s string) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= 1099511628211
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// forWords calls fn with every word of s, lower-cased, letters and digits
// only, apostrophes dropped ("we’re" is "were"), as quoteWords splits them.
// The slice is reused between calls.
func forWords(s string, fn func(w []byte)) { forWordsOutside(s, nil, fn, nil) }

// contentWord returns a word that carries meaning, with the timeline's
// crude plural fold, or false for a stop word.
func contentWord(w []byte) ([]byte, bool) {
	if len(w) < 3 || eventStop[string(w)] {
		return nil, false
	}
	if len(w) > 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
		w = w[:len(w)-1]
	}
	return w, true
}

func hashBytes(kind byte, s []byte) uint64 {
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= 1099511628211
	for _, c := range s {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

type termWeight struct {
	t uint64
	w float64
}

// heaviestFirst orders terms by weight, heaviest first, then by hash.
func heaviestFirst(a, b termWeight) int {
	if c := cmp.Compare(b.w, a.w); c != 0 {
		return c
	}
	return cmp.Compare(a.t, b.t)
}

// selectFirst moves the k first elements of v in the order cmp (a total
// order) to v[:k], in no particular order: a quickselect, linear where a
// sort is not.
func selectFirst[T any](v []T, k int, cmp func(a, b T) int) {
	lo, hi := 0, len(v)-1
	for lo < hi {
		p := v[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for cmp(v[i], p) < 0 {
				i++
			}
			for cmp(v[j], p) > 0 {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

// sumTerms sorts weighted term occurrences by term and adds up each term's.
func sumTerms(v []termWeight) []termWeight {
	slices.SortFunc(v, func(a, b termWeight) int { return cmp.Compare(a.t, b.t) })
	k := 0
	for i, x := range v {
		if i > 0 && x.t == v[k-1].t {
			v[k-1].w += x.w
			continue
		}
		v[k] = x
		k++
	}
	return v[:k]
}

// docPass reads every document once, in parallel: its weighted term
// counts (content words, entities, named days) and its MinHash signature.
// With a cachePath it reads only documents the story cache there does not
// hold, and rewrites the cache when it read any.
func docPass(c *Corpus, cachePath string) ([][]termWeight, [][]uint64) {
	n := len(c.Docs)
	counts := make([][]termWeight, n)
	sigs := make([][]uint64, n)
	var cache *storyCache
	var keys [][16]byte
	if cachePath != "" {
		cache = readStoryCache(cachePath)
		keys = make([][16]byte, n)
	}
	var missed []bool // documents read again, to add to the cache
	if keys != nil {
		missed = make([]bool, n)
	}
	Parallel(n, func(i int) {
		a := c.Docs[i]
		if keys != nil && a.Doc.Key != "" { // an analysis without a key is not cached
			keys[i] = storyKey(a, c.Links[i])
			if cache != nil {
				var ok bool
				if counts[i], sigs[i], ok = cache.get(keys[i]); ok {
					return
				}
			}
			missed[i] = true
		}
		var v []termWeight
		forWords(a.Doc.Title, func(w []byte) {
			if w, ok := contentWord(w); ok {
				v = append(v, termWeight{hashBytes('w', w), titleWeight})
			}
		})
		var mh minhasher
		mh.reset()
		// Every word goes into the MinHash; content words count only
		// outside names: a name already counts as its entity, and must not
		// count again as its words.
		forWordsOutside(a.Doc.Text, linkedSpans(a, c.Links[i]),
			func(w []byte) { mh.add(hashBytes('s', w)) },
			func(w []byte) {
				if w, ok := contentWord(w); ok {
					v = append(v, termWeight{hashBytes('w', w), 1})
				}
			})
		sigs[i] = mh.signature()
		for _, id := range c.Links[i] {
			if id != "" {
				v = append(v, termWeight{hashTerm('e', id), entityWeight})
			}
		}
		for _, t := range a.Timexes {
			if datable(t) && len(eventDate(t.Value)) == 10 {
				v = append(v, termWeight{hashTerm('d', eventDate(t.Value)), dateWeight})
			}
		}
		counts[i] = sumTerms(v)
	})
	if keys != nil {
		var which []int
		for i, m := range missed {
			if m {
				which = append(which, i)
			}
		}
		// Best effort: without the file the next pass reads every document.
		switch {
		case cache == nil || cache.entries+len(which) > 2*max(n, storyCacheMin):
			writeStoryCache(cachePath, keys, counts, sigs)
		case len(which) > 0:
			if appendStoryCache(cachePath, keys, counts, sigs, which) != nil {
				os.Remove(cachePath) // perhaps cut short: the next pass rewrites it
			}
		}
	}
	return counts, sigs
}

// linkedSpans returns the spans of the document's linked mentions, sorted,
// overlapping ones joined.
func linkedSpans(a *extract.Analysis, links []string) []extract.Span {
	var sp []extract.Span
	for j, m := range a.Mentions {
		if links[j] != "" && m.Start >= 0 && m.End <= len(a.Doc.Text) && m.Start < m.End {
			sp = append(sp, extract.Span{Start: m.Start, End: m.End})
		}
	}
	slices.SortFunc(sp, func(x, y extract.Span) int { return cmp.Compare(x.Start, y.Start) })
	k := 0
	for _, x := range sp {
		if k > 0 && x.Start <= sp[k-1].End {
			sp[k-1].End = max(sp[k-1].End, x.End)
			continue
		}
		sp[k] = x
		k++
	}
	return sp[:k]
}

// forWordsOutside calls all with every word of s, as forWords does, and
// outside with the words forWords finds in s once the spans skip (sorted,
// disjoint) are blanked: a skipped character ends a word. One pass for
// both, with no copy of the text. outside may be nil.
func forWordsOutside(s string, skip []extract.Span, all, outside func(w []byte)) {
	buf := make([]byte, 0, 64)
	var out []byte
	if outside != nil {
		out = make([]byte, 0, 64)
	}
	k := 0
	for off, r := range s {
		for k < len(skip) && skip[k].End <= off {
			k++
		}
		in := k < len(skip) && skip[k].Start <= off
		n := len(buf)
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			buf = append(buf, byte(r))
		case 'A' <= r && r <= 'Z':
			buf = append(buf, byte(r)+'a'-'A')
		case r == '\'' || r == '’':
			if in && len(out) > 0 {
				outside(out)
				out = out[:0]
			}
			continue
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		default:
			if len(buf) > 0 {
				all(buf)
				buf = buf[:0]
			}
			if len(out) > 0 {
				outside(out)
				out = out[:0]
			}
			continue
		}
		switch {
		case outside == nil:
		case in:
			if len(out) > 0 {
				outside(out)
				out = out[:0]
			}
		default:
			out = append(out, buf[n:]...)
		}
	}
	if len(buf) > 0 {
		all(buf)
	}
	if len(out) > 0 {
		outside(out)
	}
}

// storyFeatures turns term counts into TF-IDF vectors.
func storyFeatures(c *Corpus, counts [][]termWeight) []storyFeat {
	n := len(c.Docs)
	df := docFrequencies(counts)
	docs := float64(max(n, minIDFDocs))
	// A term's IDF depends on its document frequency alone: one logarithm
	// per frequency, not per term of every document.
	idf := make([]float64, n+1)
	for d := range idf {
		idf[d] = math.Log((docs + 1) / (float64(d) + 0.5))
	}
	feats := make([]storyFeat, n)
	scratch := sync.Pool{New: func() any { return new([]termWeight) }}
	Parallel(n, func(i int) {
		v := counts[i] // sorted by term (sumTerms)
		for k := range v {
			// at most n, unless a (damaged) cache entry repeats a term
			d := int(df(v[k].t))
			x := 0.0
			if d < len(idf) {
				x = idf[d]
			} else {
				x = math.Log((docs + 1) / (float64(d) + 0.5))
			}
			v[k].w = (1 + math.Log(v[k].w)) * x
		}
		sp := scratch.Get().(*[]termWeight)
		defer scratch.Put(sp)
		if !slices.IsSortedFunc(v, byTerm) {
			slices.SortFunc(v, byTerm)
		}
		// the vectorTerms heaviest, still by term: no sort
		if len(v) > vectorTerms {
			*sp = append((*sp)[:0], v...)
			selectFirst(*sp, vectorTerms, heaviestFirst)
			last := (*sp)[0]
			for _, x := range (*sp)[1:vectorTerms] {
				if heaviestFirst(x, last) > 0 {
					last = x
				}
			}
			k := 0
			for _, x := range v {
				if heaviestFirst(x, last) <= 0 {
					v[k] = x
					k++
				}
			}
			v = v[:k]
		}
		// the topTerms heaviest, heaviest first
		top := append((*sp)[:0], v...)
		if len(top) > topTerms {
			selectFirst(top, topTerms, heaviestFirst)
			top = top[:topTerms]
		}
		slices.SortFunc(top, heaviestFirst)
		*sp = top
		f := storyFeat{day: math.MinInt}
		for _, x := range top {
			f.top = append(f.top, x.t)
		}
		norm := 0.0
		for _, x := range v {
			norm += x.w * x.w
		}
		norm = math.Sqrt(norm)
		f.terms, f.w = make([]uint64, len(v)), make([]float32, len(v))
		for k, x := range v {
			f.terms[k], f.w[k] = x.t, float32(x.w/norm)
		}
		if d, err := time.Parse("2006-01-02", c.Docs[i].Doc.Published); err == nil {
			f.day = int(d.Unix() / 86400)
		}
		feats[i] = f
		counts[i] = nil
	})
	return feats
}

func byTerm(a, b termWeight) int { return cmp.Compare(a.t, b.t) }

// docFrequencies counts the documents of every term, in shards by hash so
// that every CPU counts its own share.
func docFrequencies(counts [][]termWeight) func(uint64) int32 {
	shards := runtime.GOMAXPROCS(0)
	tables := make([]*termCounts, shards)
	Parallel(shards, func(s int) {
		t := newTermCounts(0) // grows to the shard's terms: a table larger than needed only misses the cache more
		for _, v := range counts {
			for _, x := range v {
				if int(x.t%uint64(shards)) == s {
					t.add(x.t)
				}
			}
		}
		tables[s] = t
	})
	return func(t uint64) int32 { return tables[t%uint64(shards)].get(t) }
}

// termCounts counts term hashes: open addressing with linear probing, a
// term and its count side by side (one cache line a probe), the slot from
// the hash's top bits (Fibonacci hashing: a shard's hashes share their low
// bits).
type termCounts struct {
	slots []termCount // t 0: empty
	shift uint        // 64 - log2(len(slots))
	used  int
	zero  int32 // the count of term 0
}

type termCount struct {
	t uint64
	n int32
}

func newTermCounts(hint int) *termCounts {
	size := 1024
	for size < 2*hint {
		size *= 2
	}
	return &termCounts{slots: make([]termCount, size), shift: uint(64 - bits.TrailingZeros(uint(size)))}
}

func (c *termCounts) slot(k uint64) int { return int((k * 0x9e3779b97f4a7c15) >> c.shift) }

func (c *termCounts) add(k uint64) {
	if k == 0 {
		c.zero++
		return
	}
	if 2*(c.used+1) > len(c.slots) {
		c.grow()
	}
	mask := len(c.slots) - 1
	for i := c.slot(k); ; i = (i + 1) & mask {
		s := &c.slots[i]
		if s.t == k {
			s.n++
			return
		}
		if s.t == 0 {
			s.t, s.n = k, 1
			c.used++
			return
		}
	}
}

func (c *termCounts) get(k uint64) int32 {
	if k == 0 {
		return c.zero
	}
	mask := len(c.slots) - 1
	for i := c.slot(k); ; i = (i + 1) & mask {
		s := c.slots[i]
		if s.t == k {
			return s.n
		}
		if s.t == 0 {
			return 0
		}
	}
}

// grow doubles the table.
func (c *termCounts) grow() {
	g := newTermCounts(len(c.slots))
	mask := len(g.slots) - 1
	for _, s := range c.slots {
		if s.t == 0 {
			continue
		}
		i := g.slot(s.t)
		for g.slots[i].t != 0 {
			i = (i + 1) & mask
		}
		g.slots[i] = s
	}
	g.used, g.zero = c.used, c.zero
	*c = *g
}

type storyEdge struct {
	a, b int
	sim  float64
}

// storyLinks scores candidate pairs and returns the links, strongest first.
func storyLinks(feats []storyFeat) []storyEdge {
	postings := map[uint64][]int32{}
	for i, f := range feats {
		for _, t := range f.top {
			postings[t] = append(postings[t], int32(i))
		}
	}
	per := make([][]storyEdge, len(feats))
	// Per-worker scratch: a count per document (at most len(top) <= 255)
	// and the documents touched, so no map and no full sort per document.
	scratch := sync.Pool{New: func() any { return &linkScratch{count: make([]uint8, len(feats))} }}
	Parallel(len(feats), func(i int) {
		sc := scratch.Get().(*linkScratch)
		defer scratch.Put(sc)
		sc.touched = sc.touched[:0]
		for _, t := range feats[i].top {
			p := postings[t]
			if len(p) > maxPosting {
				continue
			}
			for _, j := range p {
				if int(j) > i {
					if sc.count[j] == 0 {
						sc.touched = append(sc.touched, j)
					}
					sc.count[j]++
				}
			}
		}
		// The candidates sharing most features first, ties by document:
		// a bucket per count.
		slices.Sort(sc.touched)
		cands := sc.cands[:0]
		for c := len(feats[i].top); c > 0 && len(cands) < maxCandidates; c-- {
			for _, j := range sc.touched {
				if int(sc.count[j]) == c {
					cands = append(cands, j)
					if len(cands) == maxCandidates {
						break
					}
				}
			}
		}
		for _, j := range sc.touched {
			sc.count[j] = 0
		}
		sc.cands = cands
		for _, j := range cands {
			// A cosine of unit vectors with positive weights is at most 1
			// (give or take float32 rounding): documents too far apart in
			// time to link need no cosine.
			df := dayFactor(feats[i].day, feats[int(j)].day)
			if df*maxCosine < linkMin {
				continue
			}
			s := cosine(feats[i], feats[j]) * df
			if s >= linkMin {
				per[i] = append(per[i], storyEdge{i, int(j), s})
			}
		}
	})
	var edges []storyEdge
	for _, e := range per {
		edges = append(edges, e...)
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].sim != edges[j].sim {
			return edges[i].sim > edges[j].sim
		}
		if edges[i].a != edges[j].a {
			return edges[i].a < edges[j].a
		}
		return edges[i].b < edges[j].b
	})
	return edges
}

// maxCosine bounds cosine: the vectors' weights are positive and their
// float32 norms 1 to within much less than this margin.
const maxCosine = 1.001

// cosine is the dot product of two unit vectors, a merge of their sorted
// terms. The merge advances without a branch to guess (the two lists
// interleave at random, so a branch on which is smaller was mispredicted
// half the time); the products are summed in the same order as ever.
// Story linking calls it 40 times a document: on 100-term vectors it takes
// 550-630 ns where the branching merge took 1,050-1,380 (BenchmarkCosine,
// both side by side, three runs).
func cosine(a, b storyFeat) float64 {
	s := 0.0
	at, bt := a.terms, b.terms
	i, j := 0, 0
	for i < len(at) && j < len(bt) {
		x, y := at[i], bt[j]
		if x == y { // rare: predicted well
			s += float64(a.w[i]) * float64(b.w[j])
		}
		di, dj := 0, 0
		if x <= y {
			di = 1
		}
		if y <= x {
			dj = 1
		}
		i += di
		j += dj
	}
	return s
}

// dayFactor discounts links between documents published far apart: none
// within dayGrace days, half after dayHalf more. An undated document's
// links are discounted a little.
func dayFactor(a, b int) float64 {
	if a == math.MinInt || b == math.MinInt {
		return 0.85
	}
	d := a - b
	if d < 0 {
		d = -d
	}
	if d <= dayGrace {
		return 1
	}
	return 1 / (1 + float64(d-dayGrace)/dayHalf)
}

func cosMap(a, b map[uint64]float64) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	dot, na, nb := 0.0, 0.0, 0.0
	for t, w := range a {
		dot += w * b[t]
		na += w * w
	}
	for _, w := range b {
		nb += w * w
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// truncate keeps the k heaviest terms of a centroid.
func truncate(m map[uint64]float64, k int) map[uint64]float64 {
	if len(m) <= k {
		return m
	}
	v := make([]termWeight, 0, len(m))
	for t, w := range m {
		v = append(v, termWeight{t, w})
	}
	slices.SortFunc(v, heaviestFirst)
	out := make(map[uint64]float64, k)
	for _, x := range v[:k] {
		out[x.t] = x.w
	}
	return out
}

// shingleRing turns a stream of word hashes into hashes of word 5-grams.
type shingleRing struct {
	ring [shingleWords]uint64
	n    int
}

// push adds a word and returns the 5-gram it completes, if any.
func (r *shingleRing) push(w uint64) (uint64, bool) {
	r.ring[r.n%shingleWords] = w
	r.n++
	if r.n < shingleWords {
		return 0, false
	}
	return r.hash(r.n-shingleWords, r.n), true
}

// short returns the one shingle of a text of fewer than five words.
func (r *shingleRing) short() (uint64, bool) {
	if r.n == 0 || r.n >= shingleWords {
		return 0, false
	}
	return r.hash(0, r.n), true
}

func (r *shingleRing) hash(from, to int) uint64 {
	h := uint64(0)
	for k := from; k < to; k++ {
		h = h*0x9E3779B97F4A7C15 + r.ring[k%shingleWords]
	}
	return mix64(h)
}

// docShingles returns the sorted, distinct shingles of a text.
func docShingles(text string) []uint64 {
	var out []uint64
	var r shingleRing
	forWords(text, func(w []byte) {
		if h, ok := r.push(hashBytes('s', w)); ok {
			out = append(out, h)
		}
	})
	if h, ok := r.short(); ok {
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// mix64 is the splitmix64 finaliser: it spreads a hash's bits evenly.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ x>>31
}

// minhasher computes a one-permutation MinHash of a text's shingles: the
// smallest hash in each of minhashBins bins, empty bins filled from the next
// full one.
type minhasher struct {
	r   shingleRing
	any bool
	sig [minhashBins]uint64
}

const (
	binShift = 64 - 6 // log2(minhashBins)
	binMask  = uint64(1)<<binShift - 1
)

func (m *minhasher) reset() {
	*m = minhasher{}
	for i := range m.sig {
		m.sig[i] = math.MaxUint64
	}
}

// add takes the hash of the text's next word.
func (m *minhasher) add(word uint64) {
	if s, ok := m.r.push(word); ok {
		m.shingle(s)
	}
}

func (m *minhasher) shingle(s uint64) {
	m.any = true
	if v, b := s&binMask, s>>binShift; v < m.sig[b] {
		m.sig[b] = v
	}
}

// signature returns the MinHash, or nil for a text without words.
func (m *minhasher) signature() []uint64 {
	if s, ok := m.r.short(); ok {
		m.shingle(s)
	}
	if !m.any {
		return nil
	}
	out := make([]uint64, minhashBins)
	for i := range m.sig {
		out[i] = m.sig[i]
		for d := 1; out[i] == math.MaxUint64 && d < minhashBins; d++ {
			if v := m.sig[(i+d)%minhashBins]; v != math.MaxUint64 {
				out[i] = v + uint64(d)<<binShift
			}
		}
	}
	return out
}

// nearDuplicates finds documents whose text copies another's, and returns
// each copy's original: the earliest published, then the longest, then the
// first by id.
func nearDuplicates(c *Corpus, sigs [][]uint64) map[string]string {
	n := len(c.Docs)
	// Each candidate pair is checked on its own, in parallel (a pair's
	// shingles are made from both texts again); the unions follow in order.
	pairs := candidatePairs(sigs)
	dup := make([]bool, len(pairs))
	Parallel(len(pairs), func(k int) {
		a, b := pairs[k][0], pairs[k][1]
		same := 0
		for x := range sigs[a] {
			if sigs[a][x] == sigs[b][x] {
				same++
			}
		}
		dup[k] = float64(same)/minhashBins >= 0.5 &&
			nearDuplicate(docShingles(c.Docs[a].Doc.Text), docShingles(c.Docs[b].Doc.Text))
	})
	sets := newUnionFind(n)
	for k, p := range pairs {
		if dup[k] {
			sets.union(int(p[0]), int(p[1]))
		}
	}
	groups := map[int][]int{}
	for i := 0; i < n; i++ {
		groups[sets.find(i)] = append(groups[sets.find(i)], i)
	}
	out := map[string]string{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		orig := g[0]
		for _, i := range g[1:] {
			if originalBefore(c.Docs[i].Doc, c.Docs[orig].Doc) {
				orig = i
			}
		}
		for _, i := range g {
			if i != orig {
				out[c.Docs[i].Doc.ID] = c.Docs[orig].Doc.ID
			}
		}
	}
	return out
}

// candidatePairs returns, sorted and each once, the pairs of documents
// whose signatures fall in one bucket of locality-sensitive hashing: the
// signature cut into bands of lshRows values, a bucket per band and value.
// The bands are independent, so each is bucketed in parallel.
func candidatePairs(sigs [][]uint64) [][2]int32 {
	bands := minhashBins / lshRows
	per := make([][][2]int32, bands)
	Parallel(bands, func(b int) {
		buckets := make(map[uint64][]int32, len(sigs)) // most documents get a bucket of their own
		for i, sig := range sigs {
			if sig == nil {
				continue
			}
			k := bandKey(sig, b)
			buckets[k] = append(buckets[k], int32(i))
		}
		var pairs [][2]int32
		for _, bk := range buckets {
			if len(bk) < 2 {
				continue
			}
			for x := 0; x < len(bk); x++ {
				// a very full bucket: link each to the first and the
				// next, enough for the union that follows
				ys := bk[x+1:]
				if len(bk) > 50 {
					ys = bk[x+1 : min(x+2, len(bk))]
					if x > 0 {
						pairs = append(pairs, [2]int32{bk[0], bk[x]})
					}
				}
				for _, y := range ys {
					pairs = append(pairs, [2]int32{min(bk[x], y), max(bk[x], y)})
				}
			}
		}
		per[b] = pairs
	})
	all := slices.Concat(per...)
	slices.SortFunc(all, func(a, b [2]int32) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return slices.Compact(all)
}

// bandKey is the bucket of band b of a signature.
func bandKey(sig []uint64, b int) uint64 {
	h := uint64(b) + 1
	for _, v := range sig[b*lshRows : (b+1)*lshRows] {
		h = mix64(h*0x9E3779B97F4A7C15 + v)
	}
	return h
}

// nearDuplicate compares two shingle sets exactly.
func nearDuplicate(a, b []uint64) bool {
	inter := sortedShared(a, b)
	union := len(a) + len(b) - inter
	small := min(len(a), len(b))
	return union > 0 && (float64(inter)/float64(union) >= nearJaccard || small > 0 && float64(inter)/float64(small) >= nearContain)
}

// originalBefore reports whether a is a better original than b: published
// earlier, then longer, then first by id.
func originalBefore(a, b extract.Document) bool {
	if (a.Published != "") != (b.Published != "") {
		return a.Published != ""
	}
	if a.Published != b.Published {
		return a.Published < b.Published
	}
	if len(a.Text) != len(b.Text) {
		return len(a.Text) > len(b.Text)
	}
	return a.ID < b.ID
}

// makeStory describes one cluster of documents.
func makeStory(c *Corpus, g []int, feats []storyFeat, sameAs map[string]string) *Story {
	s := &Story{}
	sort.Slice(g, func(i, j int) bool {
		a, b := c.Docs[g[i]].Doc, c.Docs[g[j]].Doc
		if (a.Published == "") != (b.Published == "") {
			return a.Published != ""
		}
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.ID < b.ID
	})
	sources := map[string]bool{}
	entDocs, entMentions := map[string]int{}, map[string]int{}
	central, best := -1, -1.0
	for _, i := range g {
		d := c.Docs[i].Doc
		s.Docs = append(s.Docs, StoryDoc{ID: d.ID, SameAs: sameAs[d.ID]})
		if sameAs[d.ID] != "" {
			continue
		}
		s.Count++
		if d.Source != "" {
			sources[d.Source] = true
		}
		if d.Published != "" {
			if s.Date == "" || d.Published < s.Date {
				s.Date = d.Published
			}
			if d.Published > s.Last {
				s.Last = d.Published
			}
		}
		seen := map[string]bool{}
		for _, id := range c.Links[i] {
			if id == "" {
				continue
			}
			entMentions[id]++
			if !seen[id] {
				seen[id] = true
				entDocs[id]++
			}
		}
		sum := 0.0
		for _, j := range g {
			if j != i && sameAs[c.Docs[j].Doc.ID] == "" {
				sum += cosine(feats[i], feats[j])
			}
		}
		if sum > best {
			central, best = i, sum
		}
	}
	s.Title = c.Docs[central].Doc.Title
	for src := range sources {
		s.Sources = append(s.Sources, src)
	}
	sort.Strings(s.Sources)
	var ents []string
	for id := range entDocs {
		if e := c.Entity(id); e != nil && keyEntityType(e.Type) && entDocs[id] > 1 {
			ents = append(ents, id)
		}
	}
	sort.Slice(ents, func(i, j int) bool {
		a, b := ents[i], ents[j]
		if entDocs[a] != entDocs[b] {
			return entDocs[a] > entDocs[b]
		}
		if entMentions[a] != entMentions[b] {
			return entMentions[a] > entMentions[b]
		}
		return a < b
	})
	if len(ents) > 8 {
		ents = ents[:8]
	}
	s.Entities = ents
	return s
}

// keyEntityType: the kinds of entity that can name a story.
func keyEntityType(t string) bool {
	switch t {
	case extract.KindMoney, extract.KindURL, extract.KindEmail, extract.KindPhone:
		return false
	}
	return true
}

// addedByDocs fills in what each document adds to its story: entities,
// dates and quotes that no other document of the story (copies aside) has.
func addedByDocs(c *Corpus, stories []*Story, quotes []*Quote) {
	idx := map[string]int{}
	for i, a := range c.Docs {
		idx[a.Doc.ID] = i
	}
	quotesOf := map[string][]string{}
	for _, q := range quotes {
		for _, d := range q.Docs {
			quotesOf[d] = append(quotesOf[d], q.ID)
		}
	}
	for _, s := range stories {
		ents := make([]map[string]bool, len(s.Docs))
		dates := make([]map[string]bool, len(s.Docs))
		qs := make([]map[string]bool, len(s.Docs))
		entN, dateN, quoteN := map[string]int{}, map[string]int{}, map[string]int{}
		for k, sd := range s.Docs {
			if sd.SameAs != "" {
				continue
			}
			i := idx[sd.ID]
			ents[k], dates[k], qs[k] = map[string]bool{}, map[string]bool{}, map[string]bool{}
			for _, id := range c.Links[i] {
				if id != "" {
					ents[k][id] = true
				}
			}
			for _, t := range c.Docs[i].Timexes {
				if datable(t) {
					dates[k][eventDate(t.Value)] = true
				}
			}
			for _, q := range quotesOf[sd.ID] {
				qs[k][q] = true
			}
			for id := range ents[k] {
				entN[id]++
			}
			for d := range dates[k] {
				dateN[d]++
			}
			for q := range qs[k] {
				quoteN[q]++
			}
		}
		only := func(set map[string]bool, n map[string]int) []string {
			out := []string{}
			for x := range set {
				if n[x] == 1 {
					out = append(out, x)
				}
			}
			sort.Strings(out)
			return out
		}
		for k := range s.Docs {
			s.Docs[k].Entities, s.Docs[k].Dates, s.Docs[k].Quotes = only(ents[k], entN), only(dates[k], dateN), only(qs[k], quoteN)
		}
	}
}

// assignStoryIDs names each story by its first date and its two key
// entities: "2017-04-06-twitter-alt-uscis". Clashes get a number in the order
// of the stories' first documents.
func assignStoryIDs(stories []*Story) {
	base := make([]string, len(stories))
	for i, s := range stories {
		date := s.Date
		if date == "" {
			date = "undated"
		}
		var parts []string
		for _, id := range s.Entities {
			if len(parts) == 2 {
				break
			}
			parts = append(parts, id)
		}
		if len(parts) == 0 {
			parts = append(parts, extract.Slug(s.Title))
		}
		id := date + "-" + strings.Join(parts, "-")
		if len(id) > 80 {
			id = strings.TrimRight(id[:80], "-")
		}
		base[i] = id
	}
	order := make([]int, len(stories))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		if base[order[a]] != base[order[b]] {
			return base[order[a]] < base[order[b]]
		}
		return stories[order[a]].Docs[0].ID < stories[order[b]].Docs[0].ID
	})
	used := map[string]bool{}
	for _, i := range order {
		id := base[i]
		for k := 2; used[id]; k++ {
			id = fmt.Sprintf("%s-%d", base[i], k)
		}
		used[id] = true
		stories[i].ID = id
	}
}

type linkScratch struct {
	count   []uint8
	touched []int32
	cands   []int32
}
