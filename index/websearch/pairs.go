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

const (
	pairCode   = 'p'
	maxPairGap = 2 // pairs one or two positions apart (a stop word between them)
	// defaultPairMin: positions this long (encoded) make a term common: 117
	// terms of the 50,000-document benchmark. A phrase of rarer terms reads
	// at most 64 KB of positions per term.
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

// pairs returns the pair entries of the state's common terms, sorted by key.
// They are made from the terms' positions on every export (they are a
// function of the state, so an incremental export makes the same ones).
func (e *exporter) pairs(st *state) ([]termState, error) {
	if e.pairMin <= 0 {
		return nil, nil
	}
	var common []*termState
	for i := range st.terms {
		if t := &st.terms[i]; t.key[0] == 'a' && len(t.pos) >= e.pairMin {
			common = append(common, t)
		}
	}
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
	// the documents of each pair (a, b, gap): delta-varint ordinals,
	// by index a*nc*maxPairGap + b*maxPairGap + gap-1
	nc := len(common)
	type list struct {
		last int32
		df   int
		buf  []byte
	}
	lists := make([]list, nc*nc*maxPairGap)
	// a document's occurrences of common terms: position*F + field in the
	// high half, the term in the low one, so that they sort by position
	var doc []uint64
	for o := int32(0); o < int32(len(st.docs)); o++ {
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
		for i, x := range doc {
			v, t := uint32(x>>32), int(uint32(x))
			for j := i + 1; j < len(doc) && uint32(doc[j]>>32) <= v+maxPairGap*F; j++ {
				d := uint32(doc[j]>>32) - v
				if d%F != 0 {
					continue // another field
				}
				l := &lists[(t*nc+int(uint32(doc[j])))*maxPairGap+int(d/F)-1]
				if l.df > 0 && l.last == o {
					continue
				}
				gap := o
				if l.df > 0 {
					gap = o - l.last
				}
				l.buf = binary.AppendUvarint(l.buf, uint64(gap))
				l.last = o
				l.df++
			}
		}
	}
	var out []termState
	var ps []posting
	for a := range nc {
		for b := range nc {
			for g := 1; g <= maxPairGap; g++ {
				l := &lists[(a*nc+b)*maxPairGap+g-1]
				if l.df == 0 {
					continue
				}
				ps = ps[:0]
				prev := int32(0)
				for r := l.buf; len(r) > 0; {
					d, n := binary.Uvarint(r)
					r = r[n:]
					prev += int32(d)
					ps = append(ps, posting{ord: prev, freq: 1})
				}
				out = append(out, termState{key: pairKey(common[a].key[1:], common[b].key[1:], g), df: l.df, post: encodePostings(ps)})
				l.buf = nil
			}
		}
	}
	slices.SortFunc(out, func(x, y termState) int { return strings.Compare(x.key, y.key) })
	return out, nil
}
