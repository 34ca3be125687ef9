package websearch

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"

	"casefile/index"
)

// Pairs of common terms ("common grams", as Lucene's CommonGramsFilter
// calls them). A phrase of two common words, such as "motion to dismiss"
// (motion and dismiss, two positions apart), needed both terms' positions:
// 496 KB gzipped on the 50,000-document benchmark, most of the phrase's
// time. For every two "_all" terms whose positions are long (at least
// Options.PairMinPositions encoded bytes each), the dictionary also holds
// the documents where the second follows the first in the same field, one
// or two positions later: key pairCode, the distance, the first term's
// length (uvarint), then both terms; postings without frequencies. A
// phrase of two such terms at such a distance reads that list instead of
// positions; scores still come from the terms, as bleve's phrase searcher
// scores its conjunction. A pair that never occurs has no entry, which the
// engine, knowing the rule, reads as no match.
//
// An export makes the pairs from the state's positions (1.9 s of CPU at
// 50k). An incremental one whose common terms are the same as the cached
// state's patches the cached pairs instead: it drops the changed and
// deleted documents from them, renumbers the others, and adds the changed
// documents' pairs, from the positions it read of them. Either way the
// pairs are a function of the state, as TestIncremental holds them.

const (
	pairCode   = 'p'
	maxPairGap = 2 // pairs one or two positions apart (a stop word between them)
	// defaultPairMin: positions this long (encoded) make a term common: 117
	// terms of the 50,000-document benchmark. A phrase of two rarer terms
	// reads less than 64 KB of positions; one of a common and a rare term
	// still reads the common term's (positions blocked by document range
	// would let it read only the rare term's documents).
	defaultPairMin = 32 << 10
)

// pairKey is the dictionary key of a pair: a at some position, b gap
// positions later.
func pairKey(a, b string, gap int) string {
	k := make([]byte, 0, 3+len(a)+len(b))
	k = append(k, pairCode, byte(gap))
	k = binary.AppendUvarint(k, uint64(len(a)))
	k = append(k, a...)
	return string(append(k, b...))
}

// pairBase is what an incremental export knows to patch the cached pairs:
// the cached state's pairs and common terms, and what changed (see update).
type pairBase struct {
	pairMin  int
	common   []string // keys of the cached state's common terms
	pairs    []termState
	oldToNew []int32 // cached ordinal -> new ordinal, -1 if deleted or changed
	changed  []int32 // new ordinals read again, ascending
	add      map[string][]posting
	// for touches: the first cached ordinal that moved or went, whether
	// any moved, the ones that went
	first   int32
	shifted bool
	gone    []int32
}

// commonTerms are the "_all" terms whose positions take at least minPos
// bytes.
func commonTerms(terms []termState, minPos int) []*termState {
	var out []*termState
	if minPos <= 0 {
		return nil
	}
	for i := range terms {
		if t := &terms[i]; t.key[0] == 'a' && len(t.pos) >= minPos {
			out = append(out, t)
		}
	}
	return out
}

// docPairs calls emit(a, b, gap) for each pair in one document's
// occurrences of common terms, sorted: position*F + field in the high 32
// bits, the term's index in the low ones. A pair may repeat.
func docPairs(doc []uint64, F uint32, emit func(a, b, gap int)) {
	for i, x := range doc {
		v, a := uint32(x>>32), int(uint32(x))
		for j := i + 1; j < len(doc) && uint32(doc[j]>>32) <= v+maxPairGap*F; j++ {
			if d := uint32(doc[j]>>32) - v; d%F == 0 { // else another field
				emit(a, int(uint32(doc[j])), int(d/F))
			}
		}
	}
}

// ordList collects a pair's documents as delta varints.
type ordList struct {
	last int32
	df   int
	buf  []byte
}

func (l *ordList) add(o int32) {
	if l.df > 0 && l.last == o {
		return
	}
	d := o
	if l.df > 0 {
		d = o - l.last
	}
	l.buf = binary.AppendUvarint(l.buf, uint64(d))
	l.last = o
	l.df++
}

func (l *ordList) ords() []int32 {
	out := make([]int32, 0, l.df)
	prev := int32(0)
	for r := l.buf; len(r) > 0; {
		d, n := binary.Uvarint(r)
		r = r[n:]
		prev += int32(d)
		out = append(out, prev)
	}
	return out
}

func encodeOrds(ords []int32) []byte {
	ps := make([]posting, len(ords))
	for i, o := range ords {
		ps[i] = posting{ord: o, freq: 1}
	}
	return encodePostings(ps)
}

// pairs returns the pair entries of the state's common terms, sorted by
// key, and keeps them in the state.
func (e *exporter) pairs(st *state) ([]termState, error) {
	common := commonTerms(st.terms, e.pairMin)
	keys := make([]string, len(common))
	for i, t := range common {
		keys[i] = t.key
	}
	var out []termState
	if b := e.pairBase; b != nil && b.pairMin == e.pairMin && slices.Equal(b.common, keys) {
		// they change only with the documents, which made the state dirty
		out = e.patchPairs(keys, b)
		e.stats.PairsPatched = true
	} else {
		var err error
		if out, err = e.allPairs(common); err != nil {
			return nil, err
		}
		st.dirty = true
	}
	st.pairMin, st.pairs = e.pairMin, out
	return out, nil
}

// allPairs makes the pairs of the common terms from their positions.
func (e *exporter) allPairs(common []*termState) ([]termState, error) {
	if len(common) == 0 {
		return nil, nil
	}
	// every common term's postings and positions, walked document by
	// document with a cursor each
	type termPos struct {
		ords   []int32
		starts []int
		pos    []uint32
		at     int
	}
	F := uint32(len(compositeFields))
	tp := make([]termPos, len(common))
	errs := make([]error, len(common))
	index.Parallel(len(common), func(i int) {
		t := common[i]
		ords, tfs := decodePostingsGo(t.post, t.df, nil, nil)
		pos, starts, err := decodePositions(t.pos, tfs, nil)
		if err != nil {
			errs[i] = fmt.Errorf("term %q: %w", t.key[1:], err)
		}
		tp[i] = termPos{ords: ords, starts: starts, pos: pos}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	nc := len(common)
	lists := make([]ordList, nc*nc*maxPairGap) // by (a*nc + b)*maxPairGap + gap-1
	var doc []uint64
	o := int32(0)
	emit := func(a, b, gap int) { lists[(a*nc+b)*maxPairGap+gap-1].add(o) }
	for n := int32(len(e.ids)); o < n; o++ {
		doc = doc[:0]
		for ti := range tp {
			p := &tp[ti]
			if p.at < len(p.ords) && p.ords[p.at] == o {
				for _, v := range p.pos[p.starts[p.at]:p.starts[p.at+1]] {
					doc = append(doc, uint64(v)<<32|uint64(ti))
				}
				p.at++
			}
		}
		slices.Sort(doc)
		docPairs(doc, F, emit)
	}
	var out []termState
	for a := range nc {
		for b := range nc {
			for g := 1; g <= maxPairGap; g++ {
				l := &lists[(a*nc+b)*maxPairGap+g-1]
				if l.df > 0 {
					out = append(out, termState{key: pairKey(common[a].key[1:], common[b].key[1:], g), df: l.df, post: encodeOrds(l.ords())})
					l.buf = nil
				}
			}
		}
	}
	slices.SortFunc(out, func(x, y termState) int { return strings.Compare(x.key, y.key) })
	return out, nil
}

// patchPairs brings the cached pairs up to date: the changed documents'
// pairs come from the positions update read of them, the others' from the
// cache, renumbered.
func (e *exporter) patchPairs(common []string, b *pairBase) []termState {
	F := uint32(len(compositeFields))
	nc := len(common)
	fresh := map[int]*ordList{} // by (a*nc + b)*maxPairGap + gap-1
	cur := make([]int, nc)      // cursor into each term's added postings
	var doc []uint64
	for _, o := range b.changed {
		doc = doc[:0]
		for ti, k := range common {
			adds := b.add[k]
			for cur[ti] < len(adds) && adds[cur[ti]].ord < o {
				cur[ti]++
			}
			if cur[ti] < len(adds) && adds[cur[ti]].ord == o {
				for _, v := range adds[cur[ti]].pos {
					doc = append(doc, uint64(v)<<32|uint64(ti))
				}
			}
		}
		slices.Sort(doc)
		docPairs(doc, F, func(a, bt, gap int) {
			i := (a*nc+bt)*maxPairGap + gap - 1
			if fresh[i] == nil {
				fresh[i] = &ordList{}
			}
			fresh[i].add(o)
		})
	}
	type newPair struct {
		key  string
		ords []int32
	}
	var news []newPair
	for i, l := range fresh {
		a, bt, g := i/maxPairGap/nc, i/maxPairGap%nc, i%maxPairGap+1
		news = append(news, newPair{pairKey(common[a][1:], common[bt][1:], g), l.ords()})
	}
	slices.SortFunc(news, func(x, y newPair) int { return strings.Compare(x.key, y.key) })
	var out []termState
	var ords []int32
	ni := 0
	for _, p := range b.pairs {
		for ni < len(news) && news[ni].key < p.key {
			out = append(out, termState{key: news[ni].key, df: len(news[ni].ords), post: encodeOrds(news[ni].ords)})
			ni++
		}
		var adds []int32
		if ni < len(news) && news[ni].key == p.key {
			adds = news[ni].ords
			ni++
		}
		if len(adds) == 0 && !touches(p.post, p.df, b.first, b.shifted, b.gone) {
			out = append(out, p)
			continue
		}
		ords, _ = decodePostingsGo(p.post, p.df, ords[:0], nil)
		merged := make([]int32, 0, len(ords)+len(adds))
		ai := 0
		for _, o := range ords {
			no := b.oldToNew[o]
			if no < 0 {
				continue
			}
			for ai < len(adds) && adds[ai] < no {
				merged = append(merged, adds[ai])
				ai++
			}
			merged = append(merged, no)
		}
		merged = append(merged, adds[ai:]...)
		if len(merged) > 0 {
			out = append(out, termState{key: p.key, df: len(merged), post: encodeOrds(merged)})
		}
	}
	for ; ni < len(news); ni++ {
		out = append(out, termState{key: news[ni].key, df: len(news[ni].ords), post: encodeOrds(news[ni].ords)})
	}
	return out
}
