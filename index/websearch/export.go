package websearch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"casefile/index"
)

// Doc is the page metadata the site gives for one indexed document.
type Doc struct {
	ID       string   // bleve document id
	URL      string   // page URL relative to the site root, e.g. docs/<id>.html
	Title    string   // display title
	Date     string   // YYYY-MM-DD or empty
	Source   string   // display source (outlet, court)
	DocType  string   // article, filing, ...
	Entities []string // canonical entity ids (display only; facets come from the index)
}

// Entity is one row of the entity table: id as indexed in the "entity" field.
type Entity struct {
	ID   string
	Name string
	Type string // PER, ORG, LOC, MISC, HANDLE, ...
}

// Sink receives the exported files. Names are relative to the site root and
// all start with "search/". Every name except search/manifest.js carries a
// content hash, so a sink may skip names it has already written.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// Options tunes the export; the zero value gives the defaults.
type Options struct {
	// SnippetBytes caps the document text kept for result snippets
	// (default 12000 bytes, cut at a rune boundary).
	SnippetBytes int
	// OwnFileBytes: postings at least this long (encoded) get a file of
	// their own and a place in the list of common terms, which the engine
	// reads without a dictionary shard (default 8 KB).
	OwnFileBytes int
}

// Stats describes what Export wrote.
type Stats struct {
	Docs  int
	Terms int
	Files int
	Bytes int64
	// Kinds maps a file kind (manifest, dict, post, pos, dl, fc, en, dt, text,
	// ent, dates, asset) to its file count and byte total.
	Kinds map[string][2]int64
}

// Field codes: the first byte of every dictionary key. Sorted by code, so a
// field's terms are contiguous in the global key order.
var exportFields = []struct {
	code  byte
	name  string
	pos   bool // positions kept (phrase queries)
	facet bool // keyword facet field
}{
	{'a', "_all", true, false},
	{'d', index.FieldDocType, false, true},
	{'e', index.FieldEntity, false, true},
	{'k', index.FieldEType, false, true},
	{'s', index.FieldSource, false, true},
	{'t', index.FieldTitle, false, false},
	{'y', index.FieldYear, false, true},
}

// compositeFields are the fields whose positions make up "_all" (in the
// order of their index in a packed position value pos*len+i).
var compositeFields = []string{index.FieldTitle, index.FieldText}

const (
	chunkDocs        = 65536 // documents per column chunk (one request up to 64k documents)
	textGroup        = 128   // documents per text group (one hash names the group)
	entChunk         = 256   // entities per name chunk
	dictShardEntries = 1024
	dictShardBytes   = 16 << 10
	packBytes        = 16 << 10
	ownPackBytes     = 8 << 10
	posPackBytes     = 32 << 10
	inlineBytes      = 96 // postings this small live in the dictionary: one round trip less
)

// Export writes the browser search files for the open index through sink.
// docs gives page metadata (documents in the index but not in docs get a
// title from the index and the URL docs/<id>.html); entities gives display
// names of entity ids. The output depends only on the indexed documents and
// the metadata, never on bleve's segment layout or the order of indexing.
func Export(idx bleve.Index, docs []Doc, entities []Entity, sink Sink, opt *Options) (*Stats, error) {
	if opt == nil {
		opt = &Options{}
	}
	snip := opt.SnippetBytes
	if snip <= 0 {
		snip = 12000
	}
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("websearch: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("websearch: %w", err)
	}
	defer r.Close()
	e := &exporter{r: r, sink: sink, stats: &Stats{Kinds: map[string][2]int64{}}}
	e.dict.own = ownPackBytes
	if opt.OwnFileBytes > 0 {
		e.dict.own = opt.OwnFileBytes
	}
	if err := e.run(docs, entities, snip); err != nil {
		return nil, fmt.Errorf("websearch: %w", err)
	}
	return e.stats, nil
}

type posting struct {
	ord  int32
	freq uint32
	pos  []uint32
}

type exporter struct {
	r     bleveindex.IndexReader
	sink  Sink
	stats *Stats

	ids   []string            // ordinal -> external id (sorted)
	ordOf map[string]int32    // internal id -> ordinal
	lens  map[string][]uint32 // field -> per-doc length
	card  map[string]int      // field -> distinct terms

	// facet columns
	source, doctype, year []int32 // value index + 1
	etype                 []uint32
	entities              [][]int32 // per doc, entity term index (dictionary order)
	entTerms              []string
	facetVals             map[string][]string
	dateIdx               []int32 // per doc: index into dates + 1
	dates                 []int64
	dateCounts            []int

	dict dictWriter
}

func (e *exporter) write(kind, name string, data []byte) error {
	if err := e.sink.WriteFile(name, data); err != nil {
		return err
	}
	e.stats.Files++
	e.stats.Bytes += int64(len(data))
	k := e.stats.Kinds[kind]
	k[0]++
	k[1] += int64(len(data))
	e.stats.Kinds[kind] = k
	return nil
}

// jsFile wraps a payload (a JS literal) as a registration call and names the
// file by the payload's hash, which is also the registration key.
func jsFile(payload []byte) (name string, data []byte) {
	h := sha256.Sum256(payload)
	key := hex.EncodeToString(h[:8])
	return key, registration(key, payload)
}

func registration(key string, payload []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`casefileSearch.d("`)
	b.WriteString(key)
	b.WriteString(`",`)
	b.Write(payload)
	b.WriteString(");\n")
	return b.Bytes()
}

func b64(data []byte) []byte {
	out := make([]byte, 0, base64.StdEncoding.EncodedLen(len(data))+2)
	out = append(out, '"')
	out = base64.StdEncoding.AppendEncode(out, data)
	return append(out, '"')
}

// writeBin writes a binary payload and returns its key.
func (e *exporter) writeBin(kind string, data []byte) (string, error) {
	key, file := jsFile(b64(data))
	return key, e.write(kind, "search/"+kind+"-"+key+".js", file)
}

func (e *exporter) writeJSON(kind string, v any) (string, error) {
	p, err := marshal(v)
	if err != nil {
		return "", err
	}
	key, file := jsFile(p)
	return key, e.write(kind, "search/"+kind+"-"+key+".js", file)
}

// marshal is json.Marshal without HTML escaping (the payload is a script, not HTML).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func (e *exporter) run(docs []Doc, entities []Entity, snip int) error {
	if err := e.loadIDs(); err != nil {
		return err
	}
	n := len(e.ids)
	e.stats.Docs = n
	e.lens = map[string][]uint32{}
	e.card = map[string]int{}
	e.facetVals = map[string][]string{}
	e.source = make([]int32, n)
	e.doctype = make([]int32, n)
	e.year = make([]int32, n)
	e.etype = make([]uint32, n)
	e.entities = make([][]int32, n)
	e.dict.e = e

	for _, f := range exportFields {
		if err := e.field(f.code, f.name, f.pos, f.facet); err != nil {
			return fmt.Errorf("field %s: %w", f.name, err)
		}
	}
	if err := e.dict.flushShard(); err != nil {
		return err
	}
	if err := e.loadDates(); err != nil {
		return fmt.Errorf("field date: %w", err)
	}
	man, err := e.columns()
	if err != nil {
		return err
	}
	if err := e.texts(docs, snip, man); err != nil {
		return err
	}
	if err := e.entityNames(entities, man); err != nil {
		return err
	}
	boot, err := e.assets()
	if err != nil {
		return err
	}
	man["boot"] = boot
	man["v"] = 1
	man["n"] = n
	if len(e.dict.hot) > 0 {
		k, err := e.writeJSON("hot", e.dict.hot)
		if err != nil {
			return err
		}
		man["hot"] = k
	}
	man["dict"] = e.dict.shards
	if e.dict.shards == nil {
		man["dict"] = [][2]string{}
	}
	man["fields"] = fieldCodes()
	man["pos"] = compositeFields
	avg := map[string]float64{}
	for f, c := range e.card {
		if n > 0 {
			avg[f] = math.Ceil(float64(c) / float64(n))
		}
	}
	man["avg"] = avg
	man["facets"] = e.facetVals
	p, err := marshal(man)
	if err != nil {
		return err
	}
	return e.write("manifest", "search/manifest.js", manifestJS(p))
}

func fieldCodes() map[string]string {
	m := map[string]string{}
	for _, f := range exportFields {
		m[f.name] = string(f.code)
	}
	return m
}

func (e *exporter) loadIDs() error {
	dr, err := e.r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer dr.Close()
	type pair struct {
		internal string
		ext      string
	}
	var all []pair
	for {
		id, err := dr.Next()
		if err != nil {
			return err
		}
		if id == nil {
			break
		}
		ext, err := e.r.ExternalID(id)
		if err != nil {
			return err
		}
		all = append(all, pair{string(id), ext})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ext < all[j].ext })
	e.ids = make([]string, len(all))
	e.ordOf = make(map[string]int32, len(all))
	for i, p := range all {
		e.ids[i] = p.ext
		e.ordOf[p.internal] = int32(i)
	}
	return nil
}

// readPostings returns the live postings of term in field, by ordinal.
func (e *exporter) readPostings(field string, term []byte, vectors bool) ([]posting, error) {
	tfr, err := e.r.TermFieldReader(context.Background(), term, field, true, true, vectors)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var ps []posting
	lens := e.lens[field]
	if lens == nil {
		lens = make([]uint32, len(e.ids))
		e.lens[field] = lens
	}
	var tfd bleveindex.TermFieldDoc
	var arena []uint32 // positions of all postings of this term, one allocation
	for {
		d, err := tfr.Next(&tfd)
		if err != nil {
			return nil, err
		}
		if d == nil {
			break
		}
		ord, ok := e.ordOf[string(d.ID)]
		if !ok {
			return nil, fmt.Errorf("posting for unknown document")
		}
		p := posting{ord: ord, freq: uint32(d.Freq)}
		if d.Norm > 0 {
			l := uint32(math.Round(1 / (d.Norm * d.Norm)))
			if float32(1/math.Sqrt(float64(l))) != float32(d.Norm) {
				return nil, fmt.Errorf("unexpected norm %v", d.Norm)
			}
			if lens[ord] != 0 && lens[ord] != l {
				return nil, fmt.Errorf("inconsistent field length")
			}
			lens[ord] = l
		}
		if vectors {
			start := len(arena)
			for _, v := range d.Vectors {
				fi := -1
				for i, f := range compositeFields {
					if f == v.Field {
						fi = i
					}
				}
				if fi < 0 {
					return nil, fmt.Errorf("term vector of unexpected field %q", v.Field)
				}
				arena = append(arena, uint32(v.Pos)*uint32(len(compositeFields))+uint32(fi))
			}
			p.pos = arena[start:len(arena):len(arena)]
			slices.Sort(p.pos)
		}
		ps = append(ps, p)
	}
	if vectors {
		// the arena may have moved while growing: slice the postings from its
		// final copy so the earlier copies can be collected
		off := 0
		for i := range ps {
			n := len(ps[i].pos)
			ps[i].pos = arena[off : off+n : off+n]
			off += n
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].ord < ps[j].ord })
	return ps, nil
}

// dictTerms lists the terms of a field, sorted bytewise (bleve's order
// across all segments).
func (e *exporter) dictTerms(field string) ([]string, error) {
	fd, err := e.r.FieldDict(field)
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

func (e *exporter) field(code byte, name string, withPos, facet bool) error {
	terms, err := e.dictTerms(name)
	if err != nil {
		return err
	}
	card := 0
	var vals []string
	for _, term := range terms {
		ps, err := e.readPostings(name, []byte(term), withPos)
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			continue
		}
		card++
		e.stats.Terms++
		if facet {
			vi := int32(len(vals))
			vals = append(vals, term)
			for _, p := range ps {
				switch name {
				case index.FieldSource:
					e.source[p.ord] = vi + 1
				case index.FieldDocType:
					e.doctype[p.ord] = vi + 1
				case index.FieldYear:
					e.year[p.ord] = vi + 1
				case index.FieldEType:
					if vi < 32 {
						e.etype[p.ord] |= 1 << vi
					}
				case index.FieldEntity:
					e.entities[p.ord] = append(e.entities[p.ord], vi)
				}
			}
		}
		if err := e.dict.add(append([]byte{code}, term...), ps, withPos); err != nil {
			return err
		}
	}
	e.card[name] = card
	if facet {
		if name == index.FieldEntity {
			e.entTerms = vals
		} else {
			e.facetVals[name] = vals
		}
	}
	return nil
}

// ---- varints ---------------------------------------------------------------

func uv(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// encodePostings: varint flags (bit0: all tf 1, bit1: bitmap), docs, tfs.
func encodePostings(ps []posting) []byte {
	allOne := true
	for _, p := range ps {
		if p.freq != 1 {
			allOne = false
			break
		}
	}
	first, last := int(ps[0].ord), int(ps[len(ps)-1].ord)
	var docs []byte
	prev := 0
	for i, p := range ps {
		d := int(p.ord)
		if i > 0 {
			d -= prev
		}
		docs = uv(docs, uint64(d))
		prev = int(p.ord)
	}
	flags := uint64(0)
	if allOne {
		flags |= 1
	}
	span := last - first + 1
	if (span+7)/8+4 < len(docs) {
		flags |= 2
		bm := make([]byte, (span+7)/8)
		for _, p := range ps {
			o := int(p.ord) - first
			bm[o>>3] |= 1 << (o & 7)
		}
		docs = uv(uv(nil, uint64(first)), uint64(len(bm)))
		docs = append(docs, bm...)
	}
	out := uv(nil, flags)
	out = append(out, docs...)
	if !allOne {
		for _, p := range ps {
			out = uv(out, uint64(p.freq))
		}
	}
	return out
}

func encodePositions(ps []posting) []byte {
	var out []byte
	for _, p := range ps {
		out = uv(out, uint64(len(p.pos)))
		prev := uint32(0)
		for _, v := range p.pos {
			out = uv(out, uint64(v-prev))
			prev = v
		}
	}
	return out
}

// ---- dictionary ------------------------------------------------------------

// dictWriter streams dictionary shards. Postings and positions go to packs
// that belong to the shard being written, so a shard names its own packs and
// the manifest lists only shards.
type dictWriter struct {
	e        *exporter
	shards   [][2]string // first key (hex), file key
	buf      []byte
	n        int
	first    []byte
	prev     []byte
	packs    []string
	pack     []byte
	posPacks []string
	posPack  []byte
	// common terms (postings in a file of their own), listed in the "hot"
	// file so the engine can fetch their postings without the dictionary
	hot     [][]any
	hotOpen []hotRef
	own     int // postings this long get their own file
}

type hotRef struct {
	key          string
	df           int
	pack, ppack  int // indexes into the shard's pack lists; ppack -1: none
	pofff, pleng int
}

func (w *dictWriter) add(key []byte, ps []posting, withPos bool) error {
	if w.n == 0 {
		w.first = append([]byte(nil), key...)
	}
	common := 0
	for common < len(key) && common < len(w.prev) && key[common] == w.prev[common] {
		common++
	}
	w.buf = uv(w.buf, uint64(common))
	w.buf = uv(w.buf, uint64(len(key)-common))
	w.buf = append(w.buf, key[common:]...)
	w.prev = append(w.prev[:0], key...)
	w.buf = uv(w.buf, uint64(len(ps)))
	enc := encodePostings(ps)
	if len(enc) <= inlineBytes {
		w.buf = uv(w.buf, 0)
		w.buf = uv(w.buf, uint64(len(enc)))
		w.buf = append(w.buf, enc...)
	} else {
		pi, off, err := w.place(&w.pack, &w.packs, "post", enc, packBytes, w.own)
		if err != nil {
			return err
		}
		w.buf = uv(w.buf, 1)
		w.buf = uv(uv(uv(w.buf, uint64(pi)), uint64(off)), uint64(len(enc)))
		if len(enc) >= w.own {
			w.hotOpen = append(w.hotOpen, hotRef{key: hex.EncodeToString(key), df: len(ps), pack: pi, ppack: -1})
		}
	}
	if withPos {
		pos := encodePositions(ps)
		pi, off, err := w.place(&w.posPack, &w.posPacks, "pos", pos, posPackBytes, posPackBytes/2)
		if err != nil {
			return err
		}
		w.buf = uv(uv(uv(w.buf, uint64(pi)), uint64(off)), uint64(len(pos)))
		if h := len(w.hotOpen) - 1; h >= 0 && w.hotOpen[h].key == hex.EncodeToString(key) {
			w.hotOpen[h].ppack, w.hotOpen[h].pofff, w.hotOpen[h].pleng = pi, off, len(pos)
		}
	}
	w.n++
	if w.n >= dictShardEntries || len(w.buf) >= dictShardBytes {
		return w.flushShard()
	}
	return nil
}

// place appends data to the open pack (or its own pack when large) and
// returns the pack's index within the shard and the offset.
func (w *dictWriter) place(open *[]byte, names *[]string, kind string, data []byte, limit, own int) (int, int, error) {
	if len(data) >= own {
		key, err := w.e.writeBin(kind, data)
		if err != nil {
			return 0, 0, err
		}
		*names = append(*names, key)
		return len(*names) - 1, 0, nil
	}
	if len(*open)+len(data) > limit {
		if err := w.closePack(open, names, kind); err != nil {
			return 0, 0, err
		}
	}
	if len(*open) == 0 {
		*names = append(*names, "") // named when closed
	}
	off := len(*open)
	*open = append(*open, data...)
	// the open pack is always the last placeholder
	for i := len(*names) - 1; i >= 0; i-- {
		if (*names)[i] == "" {
			return i, off, nil
		}
	}
	return 0, 0, errors.New("internal: no open pack")
}

func (w *dictWriter) closePack(open *[]byte, names *[]string, kind string) error {
	if len(*open) == 0 {
		return nil
	}
	key, err := w.e.writeBin(kind, *open)
	if err != nil {
		return err
	}
	for i := len(*names) - 1; i >= 0; i-- {
		if (*names)[i] == "" {
			(*names)[i] = key
			break
		}
	}
	*open = (*open)[:0]
	return nil
}

func (w *dictWriter) flushShard() error {
	if w.n == 0 {
		return nil
	}
	if err := w.closePack(&w.pack, &w.packs, "post"); err != nil {
		return err
	}
	if err := w.closePack(&w.posPack, &w.posPacks, "pos"); err != nil {
		return err
	}
	var out []byte
	out = uv(out, uint64(len(w.packs)))
	for _, p := range w.packs {
		out = uv(out, uint64(len(p)))
		out = append(out, p...)
	}
	out = uv(out, uint64(len(w.posPacks)))
	for _, p := range w.posPacks {
		out = uv(out, uint64(len(p)))
		out = append(out, p...)
	}
	out = uv(out, uint64(w.n))
	out = append(out, w.buf...)
	key, err := w.e.writeBin("dict", out)
	if err != nil {
		return err
	}
	w.shards = append(w.shards, [2]string{hex.EncodeToString(w.first), key})
	for _, h := range w.hotOpen {
		row := []any{h.key, h.df, w.packs[h.pack]}
		if h.ppack >= 0 {
			row = append(row, w.posPacks[h.ppack], h.pofff, h.pleng)
		}
		w.hot = append(w.hot, row)
	}
	w.hotOpen = w.hotOpen[:0]
	w.buf, w.n, w.prev, w.packs, w.posPacks = w.buf[:0], 0, w.prev[:0], nil, nil
	return nil
}

// ---- dates -----------------------------------------------------------------

const shiftStartInt64 = 0x20

func decodePrefixCoded(t []byte) (int64, bool) {
	if len(t) == 0 || t[0] != shiftStartInt64 {
		return 0, false
	}
	var v uint64
	for _, c := range t[1:] {
		v = v<<7 | uint64(c&0x7f)
	}
	return int64(v ^ 0x8000000000000000), true
}

func (e *exporter) loadDates() error {
	terms, err := e.dictTerms(index.FieldDate)
	if err != nil {
		return err
	}
	e.dateIdx = make([]int32, len(e.ids))
	byValue := map[int64][]int32{}
	card := 0
	for _, t := range terms {
		v, ok := decodePrefixCoded([]byte(t))
		ps, err := e.readPostings(index.FieldDate, []byte(t), false)
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			continue
		}
		card++
		if !ok {
			continue
		}
		for _, p := range ps {
			byValue[v] = append(byValue[v], p.ord)
		}
	}
	e.card[index.FieldDate] = card
	for v := range byValue {
		e.dates = append(e.dates, v)
	}
	sort.Slice(e.dates, func(i, j int) bool { return e.dates[i] < e.dates[j] })
	for i, v := range e.dates {
		e.dateCounts = append(e.dateCounts, len(byValue[v]))
		for _, o := range byValue[v] {
			e.dateIdx[o] = int32(i + 1)
		}
	}
	return nil
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// ---- columns ---------------------------------------------------------------

func (e *exporter) columns() (map[string]any, error) {
	n := len(e.ids)
	man := map[string]any{"chunk": chunkDocs}
	// field lengths: constant fields are stated once
	dlFields := []string{}
	consts := map[string]uint32{}
	names := []string{}
	for _, f := range exportFields {
		names = append(names, f.name)
	}
	for _, name := range append(names, index.FieldDate) {
		lens := e.lens[name]
		if lens == nil {
			continue
		}
		c, constant := uint32(0), true
		for _, l := range lens {
			if l == 0 {
				continue
			}
			if c == 0 {
				c = l
			} else if l != c {
				constant = false
				break
			}
		}
		if constant {
			consts[name] = c
		} else {
			dlFields = append(dlFields, name)
		}
	}
	man["dlFields"] = dlFields
	man["dlConst"] = consts
	// entity order: by document frequency, then id, so frequent entities get
	// small numbers and the facet's top entities share the first name chunk.
	df := make([]int, len(e.entTerms))
	for _, l := range e.entities {
		for _, x := range l {
			df[x]++
		}
	}
	order := make([]int, len(e.entTerms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		if df[order[i]] != df[order[j]] {
			return df[order[i]] > df[order[j]]
		}
		return e.entTerms[order[i]] < e.entTerms[order[j]]
	})
	rank := make([]int32, len(order))
	for r, i := range order {
		rank[i] = int32(r)
	}
	sorted := make([]string, len(order))
	for r, i := range order {
		sorted[r] = e.entTerms[i]
	}
	e.entTerms = sorted
	dl, fc, dt := []string{}, []string{}, []string{}
	for c := 0; c*chunkDocs < n || (c == 0 && n == 0); c++ {
		lo, hi := c*chunkDocs, min((c+1)*chunkDocs, n)
		if lo >= hi {
			break
		}
		var b []byte
		for _, f := range dlFields {
			for o := lo; o < hi; o++ {
				b = uv(b, uint64(e.lens[f][o]))
			}
		}
		k, err := e.writeBin("dl", b)
		if err != nil {
			return nil, err
		}
		dl = append(dl, k)
		b = nil
		for o := lo; o < hi; o++ {
			b = uv(b, uint64(e.source[o]))
			b = uv(b, uint64(e.doctype[o]))
			b = uv(b, uint64(e.year[o]))
			b = uv(b, uint64(e.etype[o]))
		}
		if k, err = e.writeBin("fc", b); err != nil {
			return nil, err
		}
		fc = append(fc, k)
		b = nil
		for o := lo; o < hi; o++ {
			b = uv(b, uint64(e.dateIdx[o]))
		}
		if k, err = e.writeBin("dt", b); err != nil {
			return nil, err
		}
		dt = append(dt, k)
	}
	man["dl"], man["fc"], man["dt"] = dl, fc, dt
	// entity lists by entity rank, per document
	for o := range e.entities {
		for i, x := range e.entities[o] {
			e.entities[o][i] = rank[x]
		}
		slices.Sort(e.entities[o])
	}
	if err := e.entityColumns(man, df, order); err != nil {
		return nil, err
	}
	// distinct dates: first value, unit, deltas in units, document counts
	if len(e.dates) > 0 {
		var g uint64
		for _, v := range e.dates[1:] {
			g = gcd(g, uint64(v-e.dates[0]))
		}
		if g == 0 {
			g = 1
		}
		deltas := make([]uint64, len(e.dates))
		for i := 1; i < len(e.dates); i++ {
			deltas[i] = uint64(e.dates[i]-e.dates[i-1]) / g
		}
		k, err := e.writeJSON("dates", map[string]any{
			"first": fmt.Sprint(e.dates[0]), "unit": fmt.Sprint(g), "deltas": deltas, "counts": e.dateCounts})
		if err != nil {
			return nil, err
		}
		man["dates"] = k
	}
	return man, nil
}

// entityColumns writes what the entity facet needs besides the entity lists
// in the text records: the entities' document lists in blocks of growing
// size by rank ("eb"), so that a large result set counts only the frequent
// entities until no rarer one can reach the top ten.
func (e *exporter) entityColumns(man map[string]any, df []int, order []int) error {
	// postings by entity rank
	docs := make([][]int32, len(order))
	for o, l := range e.entities {
		for _, r := range l {
			docs[r] = append(docs[r], int32(o))
		}
	}
	type block struct {
		N     int    `json:"n"`
		MaxDF int    `json:"maxdf"`
		File  string `json:"f"`
	}
	blocks := []block{}
	for lo, size := 0, 16; lo < len(order); lo, size = lo+size, size*2 {
		hi := min(lo+size, len(order))
		var b []byte
		for r := lo; r < hi; r++ {
			ps := make([]posting, len(docs[r]))
			for i, o := range docs[r] {
				ps[i] = posting{ord: o, freq: 1}
			}
			enc := encodePostings(ps)
			b = uv(b, uint64(len(ps)))
			b = uv(b, uint64(len(enc)))
			b = append(b, enc...)
		}
		k, err := e.writeBin("eb", b)
		if err != nil {
			return err
		}
		blocks = append(blocks, block{N: hi - lo, MaxDF: df[order[lo]], File: k})
	}
	man["entityBlocks"] = blocks
	return nil
}

// ---- texts -----------------------------------------------------------------

type textRec struct {
	T string  `json:"t"`
	U string  `json:"u"`
	D string  `json:"d,omitempty"`
	S string  `json:"s,omitempty"`
	Y string  `json:"y,omitempty"`
	I string  `json:"i"`
	E []int32 `json:"e,omitempty"` // entity ranks
	X string  `json:"x"`
}

func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

func (e *exporter) texts(docs []Doc, snip int, man map[string]any) error {
	meta := make(map[string]*Doc, len(docs))
	for i := range docs {
		meta[docs[i].ID] = &docs[i]
	}
	groups := []string{}
	n := len(e.ids)
	for g := 0; g*textGroup < n; g++ {
		lo, hi := g*textGroup, min((g+1)*textGroup, n)
		payloads := make([][]byte, 0, hi-lo)
		h := sha256.New()
		for o := lo; o < hi; o++ {
			id := e.ids[o]
			stored, err := e.storedText(id)
			if err != nil {
				return err
			}
			rec := textRec{T: stored[index.FieldTitle], U: "docs/" + id + ".html", I: id,
				E: e.entities[o], X: cutRunes(stored[index.FieldText], snip)}
			if m := meta[id]; m != nil {
				if m.Title != "" {
					rec.T = m.Title
				}
				if m.URL != "" {
					rec.U = m.URL
				}
				rec.D, rec.S, rec.Y = m.Date, m.Source, m.DocType
			}
			p, err := marshal(rec)
			if err != nil {
				return err
			}
			payloads = append(payloads, p)
			h.Write(p)
			h.Write([]byte{0})
		}
		gk := hex.EncodeToString(h.Sum(nil)[:8])
		for i, p := range payloads {
			key := fmt.Sprintf("%s-%d", gk, i)
			if err := e.write("text", "search/t-"+key+".js", registration(key, p)); err != nil {
				return err
			}
		}
		groups = append(groups, gk)
	}
	man["text"] = map[string]any{"group": textGroup, "files": groups}
	return nil
}

func (e *exporter) storedText(id string) (map[string]string, error) {
	d, err := e.r.Document(id)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	if d == nil {
		return out, nil
	}
	d.VisitFields(func(f bleveindex.Field) {
		switch f.Name() {
		case index.FieldTitle, index.FieldText:
			out[f.Name()] += string(f.Value())
		}
	})
	return out, nil
}

// ---- entity names ------------------------------------------------------------

func (e *exporter) entityNames(entities []Entity, man map[string]any) error {
	byID := make(map[string]Entity, len(entities))
	for _, en := range entities {
		byID[en.ID] = en
	}
	files := []string{}
	for c := 0; c*entChunk < len(e.entTerms); c++ {
		lo, hi := c*entChunk, min((c+1)*entChunk, len(e.entTerms))
		rows := make([][3]string, 0, hi-lo)
		for _, id := range e.entTerms[lo:hi] {
			en, ok := byID[id]
			if !ok || en.Name == "" {
				en.Name = id
			}
			rows = append(rows, [3]string{id, en.Name, en.Type})
		}
		k, err := e.writeJSON("ent", rows)
		if err != nil {
			return err
		}
		files = append(files, k)
	}
	man["entities"] = map[string]any{"n": len(e.entTerms), "chunk": entChunk, "files": files}
	return nil
}

// ---- assets and manifest -------------------------------------------------------

// assets writes the analyser tables, the engine and the UI as one script
// (one request at start-up) named by its hash.
func (e *exporter) assets() ([]string, error) {
	var all []byte
	for _, name := range []string{"tables.js", "engine.js", "ui.js"} {
		b, err := Assets.ReadFile("assets/" + name)
		if err != nil {
			return nil, err
		}
		all = append(append(all, b...), '\n')
	}
	h := sha256.Sum256(all)
	base := "engine-" + hex.EncodeToString(h[:8]) + ".js"
	return []string{base}, e.write("asset", "search/"+base, all)
}

// manifestJS is the fixed-name entry file: it records the manifest and loads
// the engine and UI scripts (named by content hash) from its own directory.
func manifestJS(p []byte) []byte {
	var b bytes.Buffer
	b.WriteString("/* casefile search manifest: generated, do not edit */\n")
	b.WriteString("(function(g){var c=g.casefileSearch=g.casefileSearch||{};c.m=")
	b.Write(p)
	b.WriteString(";\nc.p=c.p||{};c.w=c.w||{};c.we=c.we||{};c.pre=c.pre||{};")
	b.WriteString("c.d=c.d||function(k,v){c.p[k]=v;var f=c.w[k];if(f){delete c.w[k];f(v)}};")
	b.WriteString("if(typeof document==='undefined'||c.noBoot)return;")
	b.WriteString("var s=document.currentScript;c.base=c.base||(s&&s.src?s.src.replace(/[^\\/]*$/,''):'search/');")
	b.WriteString("function add(n,a){var e=document.createElement('script');e.src=c.base+n;e.async=a;document.head.appendChild(e);return e}")
	b.WriteString("c.m.boot.forEach(function(n){add(n,false)});")
	// what every first query needs, fetched alongside the engine
	b.WriteString("function pre(kind,k){if(!k||c.p[k]!==undefined||c.pre[k])return;c.pre[k]=1;")
	b.WriteString("add(kind+'-'+k+'.js',true).onerror=function(){delete c.pre[k];var f=c.we[k];if(f)f()}}")
	b.WriteString("pre('hot',c.m.hot);if(/[?&]q=[^&]/.test(location.search))(c.m.dl||[]).forEach(function(k){pre('dl',k)});")
	b.WriteString("})(self);\n")
	return b.Bytes()
}
