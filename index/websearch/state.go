package websearch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	bleveindex "github.com/blevesearch/bleve_index_api"

	"casefile/index"
)

// The export state: everything the files are made from that has to be read
// from the index, in a form that an export can keep (Options.CacheDir) and
// bring up to date for a few changed documents by reading only those
// documents. The files are always made from the state in the same way, so
// an incremental export writes what a full one would, byte for byte.

// termState is one dictionary term: its key (field code + term), document
// frequency, postings and (for "_all") positions, encoded as in the files.
type termState struct {
	key  string
	df   int
	post []byte
	pos  []byte
	// prefetch hints of a common "_all" term, kept while the term's
	// postings and the average length they were computed with stay
	rel, date []int32
	clean     bool // unchanged since the cached state
}

// Field codes of the state. dateCode marks the date field's (prefix-coded)
// terms: they are not written to the dictionary but count for BM25's average
// and tell each document's date.
const dateCode = 'D'

// lenFields are the fields whose per-document lengths (BM25 norms) the state
// keeps, in docState.lens order.
var lenFields = []struct {
	code byte
	name string
}{
	{'a', "_all"}, {'d', index.FieldDocType}, {'e', index.FieldEntity}, {'k', index.FieldEType},
	{'s', index.FieldSource}, {'t', index.FieldTitle}, {'y', index.FieldYear}, {dateCode, index.FieldDate},
}

func lenField(code byte) int {
	for i, f := range lenFields {
		if f.code == code {
			return i
		}
	}
	return -1
}

// docState is what the files need of one document besides its postings.
type docState struct {
	id                    string
	key                   string // Doc.Key when it was read ("" = unknown)
	lens                  [8]uint32
	source, doctype, year string // "\x01"+value, "" if none (a value may be "")
	etype, ents           []string
	date                  int64
	hasDate               bool
	tkey                  [16]byte // inputs of the text record (see textKey)
	thash                 [16]byte // hash of the text record
	tlen                  int      // length of the text record
}

type state struct {
	docs    []docState  // by ordinal (sorted ids)
	terms   []termState // by key
	hintAvg float64     // the "_all" average the terms' hints were computed with
	pairMin int         // the PairMinPositions the pairs were made with
	pairs   []termState // pairs of common terms, by key (pairs.go)
	dirty   bool        // differs from the cached state
}

// ---- full read ---------------------------------------------------------------

// fullState reads the whole index.
func (e *exporter) fullState() (*state, error) {
	ids, ordOf, err := readIDs(e.r)
	if err != nil {
		return nil, err
	}
	st := &state{docs: make([]docState, len(ids))}
	for i, id := range ids {
		st.docs[i].id = id
	}
	for fi, f := range lenFields {
		terms, err := dictTerms(e.r, f.name)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.name, err)
		}
		withPos := f.code == 'a'
		for _, term := range terms {
			ps, err := readPostings(e.r, f.name, []byte(term), withPos, ordOf, st.docs, fi)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", f.name, err)
			}
			if len(ps) == 0 {
				continue
			}
			for _, p := range ps {
				st.docs[p.ord].addTerm(f.code, term)
			}
			ts := termState{key: string(f.code) + term, df: len(ps), post: encodePostings(ps)}
			if withPos {
				ts.pos = encodePositions(ps)
			}
			st.terms = append(st.terms, ts)
		}
	}
	sort.Slice(st.terms, func(i, j int) bool { return st.terms[i].key < st.terms[j].key })
	return st, nil
}

// addTerm records what a term of a field says about the document. Terms
// come in sorted order within a field, so a single-valued field keeps its
// greatest value, as the facet columns always did.
func (d *docState) addTerm(code byte, term string) {
	switch code {
	case 's':
		d.source = "\x01" + term
	case 'd':
		d.doctype = "\x01" + term
	case 'y':
		d.year = "\x01" + term
	case 'k':
		d.etype = append(d.etype, term)
	case 'e':
		d.ents = append(d.ents, term)
	case dateCode:
		if v, ok := decodePrefixCoded([]byte(term)); ok {
			d.date, d.hasDate = v, true
		}
	}
}

func readIDs(r bleveindex.IndexReader) ([]string, map[string]int32, error) {
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, nil, err
	}
	defer dr.Close()
	type pair struct{ internal, ext string }
	var all []pair
	for {
		id, err := dr.Next()
		if err != nil {
			return nil, nil, err
		}
		if id == nil {
			break
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, pair{string(id), ext})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ext < all[j].ext })
	ids := make([]string, len(all))
	ordOf := make(map[string]int32, len(all))
	for i, p := range all {
		ids[i] = p.ext
		ordOf[p.internal] = int32(i)
	}
	return ids, ordOf, nil
}

// dictTerms lists the terms of a field, sorted bytewise.
func dictTerms(r bleveindex.IndexReader, field string) ([]string, error) {
	fd, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	var terms []string
	for {
		de, err := fd.Next()
		if err != nil {
			fd.Close()
			return nil, err
		}
		if de == nil {
			break
		}
		terms = append(terms, de.Term)
	}
	if err := fd.Close(); err != nil {
		return nil, err
	}
	sort.Strings(terms)
	return terms, nil
}

// fieldLen turns a bleve norm into the field length it was made from.
func fieldLen(norm float64) (uint32, error) {
	l := uint32(math.Round(1 / (norm * norm)))
	if float32(1/math.Sqrt(float64(l))) != float32(norm) {
		return 0, fmt.Errorf("unexpected norm %v", norm)
	}
	return l, nil
}

// setLen records a document's field length, which every term of the field
// must agree on.
func (d *docState) setLen(fi int, norm float64) error {
	if norm <= 0 {
		return nil
	}
	l, err := fieldLen(norm)
	if err != nil {
		return err
	}
	if d.lens[fi] != 0 && d.lens[fi] != l {
		return errors.New("inconsistent field length")
	}
	d.lens[fi] = l
	return nil
}

// vectorPositions packs a posting's term vectors as pos*len(compositeFields)+field.
func vectorPositions(vs []*bleveindex.TermFieldVector, arena []uint32) ([]uint32, error) {
	start := len(arena)
	for _, v := range vs {
		fi := slices.Index(compositeFields[:], v.Field)
		if fi < 0 {
			return nil, fmt.Errorf("term vector of unexpected field %q", v.Field)
		}
		arena = append(arena, uint32(v.Pos)*uint32(len(compositeFields))+uint32(fi))
	}
	slices.Sort(arena[start:])
	return arena, nil
}

// readPostings returns the live postings of term in field, by ordinal, and
// records the documents' lengths of the field.
func readPostings(r bleveindex.IndexReader, field string, term []byte, vectors bool, ordOf map[string]int32, docs []docState, fi int) ([]posting, error) {
	tfr, err := r.TermFieldReader(context.Background(), term, field, true, true, vectors)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var ps []posting
	var tfd bleveindex.TermFieldDoc
	var arena []uint32 // positions of all postings of this term, one allocation
	var starts []int
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		ord, ok := ordOf[string(d.ID)]
		if !ok {
			return nil, fmt.Errorf("posting for unknown document")
		}
		if err := docs[ord].setLen(fi, d.Norm); err != nil {
			return nil, err
		}
		if vectors {
			starts = append(starts, len(arena))
			if arena, err = vectorPositions(d.Vectors, arena); err != nil {
				return nil, err
			}
			if uint64(len(arena)-starts[len(starts)-1]) != d.Freq {
				return nil, errPositions
			}
		}
		ps = append(ps, posting{ord: ord, freq: uint32(d.Freq)})
	}
	if vectors {
		starts = append(starts, len(arena))
		for i := range ps {
			ps[i].pos = arena[starts[i]:starts[i+1]:starts[i+1]]
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].ord < ps[j].ord })
	return ps, nil
}

// errPositions: the files give a posting as many positions as its term
// frequency, so the two must agree.
var errPositions = errors.New("a posting's positions and term frequency disagree")

// ---- incremental update ----------------------------------------------------------

// errTooManyChanges: an incremental update would cost more than a full read.
var errTooManyChanges = errors.New("too many changes for an incremental export")

// update brings a cached state up to date with the index: documents whose
// Key changed (or is unknown), new documents and deleted ones are read
// again; every other document keeps what the cache knows of it. It returns
// the number of documents read.
func (e *exporter) update(old *state, meta map[string]*Doc) (*state, int, error) {
	ids, _, err := readIDs(e.r)
	if err != nil {
		return nil, 0, err
	}
	oldOrd := make(map[string]int32, len(old.docs))
	for i := range old.docs {
		oldOrd[old.docs[i].id] = int32(i)
	}
	n := len(ids)
	st := &state{docs: make([]docState, n), hintAvg: old.hintAvg}
	oldToNew := make([]int32, len(old.docs))
	for i := range oldToNew {
		oldToNew[i] = -1 // deleted or changed
	}
	var changed []int32
	for o, id := range ids {
		key := ""
		if m := meta[id]; m != nil {
			key = m.Key
		}
		if oo, ok := oldOrd[id]; ok && key != "" && old.docs[oo].key == key {
			oldToNew[oo] = int32(o)
			st.docs[o] = old.docs[oo]
			continue
		}
		changed = append(changed, int32(o))
		st.docs[o] = docState{id: id, key: key}
	}
	gone := 0
	for _, x := range oldToNew {
		if x < 0 {
			gone++
		}
	}
	if len(changed)+gone > max(64, n/maxCacheChange) {
		return nil, 0, errTooManyChanges
	}
	st.dirty = len(changed)+gone > 0
	// the changed documents' postings, from their doc values (every
	// exported field keeps them) and one term reader each
	add := map[string][]posting{}
	fields := make([]string, len(lenFields))
	for i, f := range lenFields {
		fields[i] = f.name
	}
	dvr, err := e.r.DocValueReader(fields)
	if err != nil {
		return nil, 0, err
	}
	var arena []uint32
	for _, o := range changed {
		d := &st.docs[o]
		iid, err := e.r.InternalID(d.id)
		if err != nil {
			return nil, 0, err
		}
		terms := map[string]bool{}
		var keys []string
		err = dvr.VisitDocValues(iid, func(field string, term []byte) {
			fi := slices.IndexFunc(lenFields, func(f struct {
				code byte
				name string
			}) bool {
				return f.name == field
			})
			if fi < 0 {
				return
			}
			k := string(lenFields[fi].code) + string(term)
			if !terms[k] {
				terms[k] = true
				keys = append(keys, k)
			}
		})
		if err != nil {
			return nil, 0, err
		}
		sort.Strings(keys)
		for _, k := range keys {
			fi := lenField(k[0])
			field, term := lenFields[fi].name, k[1:]
			vectors := k[0] == 'a'
			tfr, err := e.r.TermFieldReader(context.Background(), []byte(term), field, true, true, vectors)
			if err != nil {
				return nil, 0, err
			}
			var tfd bleveindex.TermFieldDoc
			m, err := tfr.Advance(iid, &tfd)
			tfr.Close()
			if err != nil {
				return nil, 0, err
			}
			if m == nil || !bytes.Equal(m.ID, iid) {
				continue // not indexed (doc values of an unindexed value)
			}
			if err := d.setLen(fi, m.Norm); err != nil {
				return nil, 0, err
			}
			p := posting{ord: o, freq: uint32(m.Freq)}
			if vectors {
				arena = arena[:0]
				if arena, err = vectorPositions(m.Vectors, arena); err != nil {
					return nil, 0, err
				}
				p.pos = slices.Clone(arena)
				if len(p.pos) != int(p.freq) {
					return nil, 0, errPositions
				}
			}
			d.addTerm(k[0], term)
			add[k] = append(add[k], p)
		}
	}
	// merge the old terms with the new postings
	newKeys := make([]string, 0, len(add))
	for k := range add {
		newKeys = append(newKeys, k)
	}
	sort.Strings(newKeys)
	st.terms = make([]termState, 0, len(old.terms)+len(newKeys))
	ni := 0
	emitNew := func(k string) {
		ps := add[k]
		ts := termState{key: k, df: len(ps), post: encodePostings(ps)}
		if k[0] == 'a' {
			ts.pos = encodePositions(ps)
		}
		st.terms = append(st.terms, ts)
	}
	// which old ordinals a list must reach to change: with no document
	// moved, a list changes only if it holds a gone one
	firstAffected, shifted := int32(len(old.docs)), false
	var goneOrds []int32
	for o, no := range oldToNew {
		if no != int32(o) && int32(o) < firstAffected {
			firstAffected = int32(o)
		}
		if no < 0 {
			goneOrds = append(goneOrds, int32(o))
		} else if no != int32(o) {
			shifted = true
		}
	}
	var ords []int32
	var tfs []uint32
	var posBuf []uint32
	var psBuf []posting // one term's merged postings, encoded at once
	for _, ts := range old.terms {
		for ni < len(newKeys) && newKeys[ni] < ts.key {
			emitNew(newKeys[ni])
			ni++
		}
		adds := add[ts.key]
		if len(adds) > 0 {
			ni++
		}
		if len(adds) == 0 && !touches(ts.post, ts.df, firstAffected, shifted, goneOrds) {
			ts.clean = true
			st.terms = append(st.terms, ts)
			continue
		}
		ords, tfs = decodePostingsGo(ts.post, ts.df, ords[:0], tfs[:0])
		removed, moved := false, false
		for _, o := range ords {
			if no := oldToNew[o]; no < 0 {
				removed = true
			} else if no != o {
				moved = true
			}
		}
		if !removed && !moved && len(adds) == 0 {
			ts.clean = true
			st.terms = append(st.terms, ts)
			continue
		}
		// the old postings' positions, when the list loses or gains one
		var posVals []uint32
		var posAt []int
		if ts.pos != nil && (removed || len(adds) > 0) {
			var err error
			if posVals, posAt, err = decodePositions(ts.pos, tfs, posBuf[:0]); err != nil {
				return nil, 0, fmt.Errorf("cached positions of %q: %w", ts.key, err)
			}
			posBuf = posVals
		}
		ps := psBuf[:0]
		ai := 0
		for i, o := range ords {
			no := oldToNew[o]
			if no < 0 {
				continue
			}
			for ai < len(adds) && adds[ai].ord < no {
				ps = append(ps, adds[ai])
				ai++
			}
			p := posting{ord: no, freq: tfs[i]}
			if posAt != nil {
				p.pos = posVals[posAt[i]:posAt[i+1]]
			}
			ps = append(ps, p)
		}
		ps = append(ps, adds[ai:]...)
		psBuf = ps
		if len(ps) == 0 {
			continue // the term is gone
		}
		nt := termState{key: ts.key, df: len(ps), post: encodePostings(ps), pos: ts.pos}
		if posAt != nil {
			nt.pos = encodePositions(ps)
		}
		st.terms = append(st.terms, nt)
	}
	for ; ni < len(newKeys); ni++ {
		emitNew(newKeys[ni])
	}
	e.pairBase = &pairBase{pairMin: old.pairMin, pairs: old.pairs, oldToNew: oldToNew, changed: changed, add: add,
		first: firstAffected, shifted: shifted, gone: goneOrds}
	for _, t := range commonTerms(old.terms, old.pairMin) {
		e.pairBase.common = append(e.pairBase.common, t.key)
	}
	return st, len(changed), nil
}

// touches tells whether an encoded postings list holds one of the gone
// ordinals (sorted) or, when documents shifted, any ordinal from first on;
// it stops reading as soon as it knows.
func touches(b []byte, df int, first int32, shifted bool, gone []int32) bool {
	r := reader{b: b}
	flags := r.uv()
	if flags&2 != 0 {
		lo, nb := int32(r.uv()), int32(r.uv())
		bm := b[r.i : r.i+int(nb)]
		hi := lo + (nb-1)*8 + 7
		for bm[nb-1]&(1<<(hi-lo-(nb-1)*8)) == 0 {
			hi--
		}
		if shifted {
			return hi >= first
		}
		for _, g := range gone {
			if g >= lo && g <= hi && bm[(g-lo)>>3]&(1<<((g-lo)&7)) != 0 {
				return true
			}
		}
		return false
	}
	gi, prev := 0, int32(0)
	for i := 0; i < df; i++ {
		d := int32(r.uv())
		if i > 0 {
			d += prev
		}
		prev = d
		if d < first {
			continue
		}
		if shifted {
			return true
		}
		for gi < len(gone) && gone[gi] < d {
			gi++
		}
		if gi == len(gone) {
			return false
		}
		if gone[gi] == d {
			return true
		}
	}
	return false
}

// decodePostingsGo decodes encodePostings' format (appending to ords and
// tfs; a term frequency of 1 when all are 1).
func decodePostingsGo(b []byte, df int, ords []int32, tfs []uint32) ([]int32, []uint32) {
	r := reader{b: b}
	flags := r.uv()
	if flags&2 != 0 {
		first, nb := int(r.uv()), int(r.uv())
		for i := 0; i < nb; i++ {
			x := b[r.i+i]
			for bit := 0; x != 0; bit++ {
				if x&1 != 0 {
					ords = append(ords, int32(first+i*8+bit))
				}
				x >>= 1
			}
		}
		r.i += nb
	} else {
		prev := 0
		for i := 0; i < df; i++ {
			d := int(r.uv())
			if i > 0 {
				d += prev
			}
			ords = append(ords, int32(d))
			prev = d
		}
	}
	for i := 0; i < df; i++ {
		if flags&1 != 0 {
			tfs = append(tfs, 1)
		} else {
			tfs = append(tfs, uint32(r.uv()))
		}
	}
	return ords, tfs
}

type reader struct {
	b []byte
	i int
}

func (r *reader) uv() uint64 {
	var x uint64
	var s uint
	for {
		c := r.b[r.i]
		r.i++
		x |= uint64(c&0x7f) << s
		if c < 0x80 {
			return x
		}
		s += 7
	}
}
