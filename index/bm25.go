package index

import (
	"container/heap"
	"context"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Scores that do not depend on segments.
//
// bleve's BM25 takes the "average field length" as ceil(distinct terms of
// the field / documents), where the distinct terms are summed over the
// index's segments (a term in three segments counts three times), and the
// multi-term searchers (prefix, wildcard, fuzzy, regexp, numeric and date
// ranges) enumerate terms from every segment's dictionary, including terms
// whose documents have all been deleted but not yet merged away; such a
// dead term still counts in the query norm and in the coordination factor.
// So the same documents score differently depending on how bleve happened
// to cut the index into segments and on the deletions it has not merged
// yet.
//
// LiveReader is the index as a merge into one segment would leave it: it
// reports each field's distinct live terms as its cardinality and hides
// dead terms from every dictionary, which is also what the browser search
// export (index/websearch) counts. Search scores through it, so `casefile
// search` needs no forced merge after an incremental update.

// LiveReader wraps a bleve index reader (from idx.Advanced().Reader()) so
// that scoring statistics and term dictionaries see only live terms. Close
// closes the wrapped reader.
type LiveReader struct {
	bleveindex.IndexReader
	deletions bool // whether any segment has deleted documents

	mu   sync.Mutex
	card map[string]int
}

// NewLiveReader wraps r.
func NewLiveReader(r bleveindex.IndexReader) *LiveReader {
	lr := &LiveReader{IndexReader: r, card: map[string]int{}}
	if is, ok := r.(*scorch.IndexSnapshot); ok {
		for _, s := range is.Segments() {
			if d := s.Deleted(); d != nil && !d.IsEmpty() {
				lr.deletions = true
			}
		}
	} else {
		lr.deletions = true // unknown layout: check every term
	}
	return lr
}

// FieldCardinality is the number of distinct live terms of field in the
// whole index (bleve's index.BM25Reader).
func (r *LiveReader) FieldCardinality(field string) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n, ok := r.card[field]; ok {
		return n, nil
	}
	n, err := r.liveCardinality(field)
	if err != nil {
		return 0, err
	}
	r.card[field] = n
	return n, nil
}

// segCursor walks one segment's dictionary of a field.
type segCursor struct {
	next func() (*bleveindex.DictEntry, error)
	term string
	live func(term string) (bool, error)
}

type cursorHeap []*segCursor

func (h cursorHeap) Len() int           { return len(h) }
func (h cursorHeap) Less(i, j int) bool { return h[i].term < h[j].term }
func (h cursorHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *cursorHeap) Push(x any)        { *h = append(*h, x.(*segCursor)) }
func (h *cursorHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (r *LiveReader) liveCardinality(field string) (int, error) {
	is, ok := r.IndexReader.(*scorch.IndexSnapshot)
	if !ok {
		return r.countLive(field)
	}
	segs := is.Segments()
	if len(segs) == 1 && !r.deletions {
		d, err := segs[0].Segment().Dictionary(field)
		if err != nil {
			return 0, err
		}
		return d.Cardinality(), nil
	}
	// merge the segments' dictionaries: a term counts once if it is live in
	// any segment
	var h cursorHeap
	for _, s := range segs {
		d, err := s.Segment().Dictionary(field)
		if err != nil {
			return 0, err
		}
		if d.Cardinality() == 0 {
			continue
		}
		it := d.AutomatonIterator(nil, nil, nil)
		c := &segCursor{next: it.Next}
		if del := s.Deleted(); del != nil && !del.IsEmpty() {
			c.live = func(term string) (bool, error) {
				pl, err := d.PostingsList([]byte(term), del, nil)
				if err != nil {
					return false, err
				}
				return pl.Count() > 0, nil
			}
		}
		e, err := c.next()
		if err != nil {
			return 0, err
		}
		if e == nil {
			continue
		}
		c.term = e.Term
		h = append(h, c)
	}
	heap.Init(&h)
	n := 0
	for len(h) > 0 {
		term := h[0].term
		live := false
		for len(h) > 0 && h[0].term == term {
			c := h[0]
			if !live {
				if c.live == nil {
					live = true
				} else if ok, err := c.live(term); err != nil {
					return 0, err
				} else {
					live = ok
				}
			}
			e, err := c.next()
			if err != nil {
				return 0, err
			}
			if e == nil {
				heap.Pop(&h)
			} else {
				c.term = e.Term
				heap.Fix(&h, 0)
			}
		}
		if live {
			n++
		}
	}
	return n, nil
}

// countLive counts live terms through the generic reader interface.
func (r *LiveReader) countLive(field string) (int, error) {
	fd, err := r.IndexReader.FieldDict(field)
	if err != nil {
		return 0, err
	}
	defer fd.Close()
	n := 0
	for {
		e, err := fd.Next()
		if err != nil {
			return 0, err
		}
		if e == nil {
			return n, nil
		}
		if ok, err := r.isLive(field, e.Term); err != nil {
			return 0, err
		} else if ok {
			n++
		}
	}
}

// isLive: does any live document have term in field?
func (r *LiveReader) isLive(field, term string) (bool, error) {
	if !r.deletions {
		return true, nil
	}
	tfr, err := r.IndexReader.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return false, err
	}
	defer tfr.Close()
	return tfr.Count() > 0, nil
}

// liveDict filters dead terms out of a field dictionary.
type liveDict struct {
	bleveindex.FieldDict
	r     *LiveReader
	field string
}

func (d *liveDict) Next() (*bleveindex.DictEntry, error) {
	for {
		e, err := d.FieldDict.Next()
		if e == nil || err != nil {
			return e, err
		}
		if ok, err := d.r.isLive(d.field, e.Term); err != nil {
			return nil, err
		} else if ok {
			return e, nil
		}
	}
}

func (r *LiveReader) wrap(field string, fd bleveindex.FieldDict, err error) (bleveindex.FieldDict, error) {
	if err != nil || !r.deletions {
		return fd, err
	}
	return &liveDict{FieldDict: fd, r: r, field: field}, nil
}

func (r *LiveReader) FieldDict(field string) (bleveindex.FieldDict, error) {
	fd, err := r.IndexReader.FieldDict(field)
	return r.wrap(field, fd, err)
}

func (r *LiveReader) FieldDictRange(field string, start, end []byte) (bleveindex.FieldDict, error) {
	fd, err := r.IndexReader.FieldDictRange(field, start, end)
	return r.wrap(field, fd, err)
}

func (r *LiveReader) FieldDictPrefix(field string, prefix []byte) (bleveindex.FieldDict, error) {
	fd, err := r.IndexReader.FieldDictPrefix(field, prefix)
	return r.wrap(field, fd, err)
}

// FieldDictRegexp and the methods below pass the optional interfaces of
// the wrapped reader through (bleve's searchers look for them), filtered.
func (r *LiveReader) FieldDictRegexp(field string, regex string) (bleveindex.FieldDict, error) {
	x, ok := r.IndexReader.(bleveindex.IndexReaderRegexp)
	if !ok {
		return nil, errUnsupported("regexp")
	}
	fd, err := x.FieldDictRegexp(field, regex)
	return r.wrap(field, fd, err)
}

func (r *LiveReader) FieldDictRegexpAutomaton(field string, regex string) (bleveindex.FieldDict, bleveindex.RegexAutomaton, error) {
	x, ok := r.IndexReader.(bleveindex.IndexReaderRegexp)
	if !ok {
		return nil, nil, errUnsupported("regexp")
	}
	fd, a, err := x.FieldDictRegexpAutomaton(field, regex)
	fd, err = r.wrap(field, fd, err)
	return fd, a, err
}

func (r *LiveReader) FieldDictFuzzy(field string, term string, fuzziness int, prefix string) (bleveindex.FieldDict, error) {
	x, ok := r.IndexReader.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil, errUnsupported("fuzzy")
	}
	fd, err := x.FieldDictFuzzy(field, term, fuzziness, prefix)
	return r.wrap(field, fd, err)
}

func (r *LiveReader) FieldDictFuzzyAutomaton(field string, term string, fuzziness int, prefix string) (bleveindex.FieldDict, bleveindex.FuzzyAutomaton, error) {
	x, ok := r.IndexReader.(bleveindex.IndexReaderFuzzy)
	if !ok {
		return nil, nil, errUnsupported("fuzzy")
	}
	fd, a, err := x.FieldDictFuzzyAutomaton(field, term, fuzziness, prefix)
	fd, err = r.wrap(field, fd, err)
	return fd, a, err
}

// FieldDictContains answers for live terms only.
func (r *LiveReader) FieldDictContains(field string) (bleveindex.FieldDictContains, error) {
	if !r.deletions {
		if x, ok := r.IndexReader.(bleveindex.IndexReaderContains); ok {
			return x.FieldDictContains(field)
		}
	}
	return liveContains{r: r, field: field}, nil
}

type liveContains struct {
	r     *LiveReader
	field string
}

func (c liveContains) Contains(key []byte) (bool, error) { return c.r.isLive(c.field, string(key)) }

func (c liveContains) BytesRead() uint64 { return 0 }

type errUnsupported string

func (e errUnsupported) Error() string {
	return "index: " + string(e) + " queries are not supported by this index"
}

var (
	_ bleveindex.BM25Reader          = (*LiveReader)(nil)
	_ bleveindex.IndexReaderRegexp   = (*LiveReader)(nil)
	_ bleveindex.IndexReaderFuzzy    = (*LiveReader)(nil)
	_ bleveindex.IndexReaderContains = (*LiveReader)(nil)
)

// liveHit is one hit of searchLive, with the stored text and date-time
// fields that were asked for.
type liveHit struct {
	ID     string
	Score  float64
	Fields map[string]string
}

// searchLive runs q on idx through a LiveReader, as idx.Search would run it
// (BM25 when the mapping asks for it), and returns the total and one page of
// hits in the given sort order (bleve sort strings, e.g. "-_score", "_id").
func searchLive(idx bleve.Index, q query.Query, size, from int, order []string, fields []string) (uint64, []liveHit, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return 0, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	lr := NewLiveReader(r)
	model := bleveindex.DefaultScoringModel
	if im, ok := idx.Mapping().(*mapping.IndexMappingImpl); ok && im.ScoringModel == bleveindex.BM25Scoring {
		model = bleveindex.BM25Scoring
	}
	ctx := context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return model }))
	ctx = search.ContextWithTermSearchersCounter(ctx)
	s, err := q.Searcher(ctx, lr, idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return 0, nil, err
	}
	defer s.Close()
	coll := collector.NewTopNCollector(size, from, search.ParseSortOrderStrings(order))
	if err := coll.Collect(ctx, s, lr); err != nil {
		return 0, nil, err
	}
	want := map[string]bool{}
	for _, f := range fields {
		want[f] = true
	}
	var hits []liveHit
	for _, m := range coll.Results() {
		h := liveHit{ID: m.ID, Score: m.Score, Fields: map[string]string{}}
		if len(want) > 0 {
			d, err := lr.Document(m.ID)
			if err != nil {
				return 0, nil, err
			}
			if d != nil {
				d.VisitFields(func(f bleveindex.Field) {
					if !want[f.Name()] {
						return
					}
					switch v := f.(type) {
					case bleveindex.TextField:
						h.Fields[f.Name()] = v.Text()
					case bleveindex.DateTimeField:
						if t, _, err := v.DateTime(); err == nil {
							h.Fields[f.Name()] = t.Format(time.RFC3339)
						}
					}
				})
			}
		}
		hits = append(hits, h)
	}
	return coll.Total(), hits, nil
}
