package websearch

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"casefile/index"
)

// Doc is the page metadata the site gives for one indexed document.
type Doc struct {
	ID      string // bleve document id
	URL     string // page URL relative to the site root, e.g. docs/<id>.html
	Title   string // display title
	Date    string // YYYY-MM-DD or empty
	Source  string // display source (outlet, court)
	DocType string // article, filing, ...
	// Key changes whenever what the index holds for the document changes
	// (index.DocKeys gives the index's own hashes). With Options.CacheDir,
	// a document whose Key is unchanged is not read from the index again;
	// an empty Key means unknown: the document is always read.
	Key string
}

// Entity is one row of the entity table: id as indexed in the "entity" field.
type Entity struct {
	ID   string
	Name string
	Type string // PER, ORG, LOC, MISC, HANDLE, ...
}

// Sink receives the exported files. Names are relative to the site root and
// all start with "search/". Every name except search/manifest.js carries a
// content hash, so a sink may skip names it has already written. Export
// writes from several goroutines at once: WriteFile must be safe for
// concurrent use.
type Sink interface {
	WriteFile(name string, data []byte) error
}

// KeyedSink is a Sink that can keep a file it already has (site.Output is
// one): WriteKeyed calls render only when it has no file name written from
// key. Export passes the name as the key of every file named by its content.
type KeyedSink interface {
	Sink
	WriteKeyed(name, key string, render func() ([]byte, error)) error
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
	// PairMinPositions: "_all" terms whose positions take at least this
	// many bytes get pair lists for two-word phrases (pairs.go; default 32
	// KB, negative: none).
	PairMinPositions int
	// ShardBytes: past this many bytes of entries, a dictionary shard ends
	// at the next key whose hash allows it (dictWriter.shardEnds; default
	// 24 KB).
	ShardBytes int
	// CacheDir, if set, is a folder where Export keeps what it read from the
	// index, so that the next export reads only the documents whose Key
	// changed (and new and deleted ones). The files are the same either way.
	CacheDir string
}

// Stats describes what Export wrote.
type Stats struct {
	Docs  int
	Terms int
	Pairs int // pair lists of common terms (pairs.go)
	// PairsPatched: the pairs were the cached ones, patched for the
	// changed documents, not made again from the positions
	PairsPatched bool
	Files        int
	Bytes        int64
	// Preload: the files every search needs first (the engine, the list
	// of common terms), relative to the site root, for a search page to
	// request beside manifest.js instead of after it has run
	Preload []string
	// Kinds maps a file kind (manifest, dict, post, pos, dl, fc, en, dt, text,
	// ent, dates, asset) to its file count and byte total.
	Kinds map[string][2]int64
	// Incremental: the export started from the cache; Read documents were
	// read from the index (all of them when not incremental).
	Incremental bool
	Read        int
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
var compositeFields = [...]string{index.FieldTitle, index.FieldText}

const (
	chunkDocs       = 65536    // documents per column chunk (one request up to 64k documents)
	textGroup       = 128      // documents per text group, on average (one hash names the group)
	entChunk        = 256      // entities per name chunk
	shardSpread     = 512      // dictionary terms per shard, on average
	pairShardSpread = 64       // pairs per shard, on average
	maxShardTerms   = 8192     // a shard ends here whatever the terms
	shardSoftBytes  = 24 << 10 // default Options.ShardBytes
	shardSoftSpread = 32
	packBytes       = 16 << 10
	ownPackBytes    = 8 << 10
	posPackBytes    = 32 << 10
	inlineBytes     = 96 // postings this small live in the dictionary: one round trip less
	writeAtOnce     = 16 // files written at the same time (file systems answer faster in parallel)
	maxCacheChange  = 20 // an export reads at most 1/maxCacheChange of the documents again, or all of them
)

// Export writes the browser search files for the open index through sink.
// docs gives page metadata (documents in the index but not in docs get a
// title from the index and the URL docs/<id>.html); entities gives display
// names of entity ids. The output depends only on the indexed documents and
// the metadata, never on bleve's segment layout, the order of indexing or
// the cache.
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
	e := &exporter{r: r, stats: &Stats{Kinds: map[string][2]int64{}}, snip: snip}
	e.w = newFileWriter(sink, e.stats)
	e.dict.own = ownPackBytes
	if opt.OwnFileBytes > 0 {
		e.dict.own = opt.OwnFileBytes
	}
	e.dict.soft = shardSoftBytes
	if opt.ShardBytes > 0 {
		e.dict.soft = opt.ShardBytes
	}
	e.pairMin = defaultPairMin
	if opt.PairMinPositions != 0 {
		e.pairMin = opt.PairMinPositions
	}
	meta := make(map[string]*Doc, len(docs))
	for i := range docs {
		meta[docs[i].ID] = &docs[i]
	}
	var st *state
	if opt.CacheDir != "" {
		if old := loadState(opt.CacheDir, snip); old != nil {
			st, e.stats.Read, err = e.update(old, meta)
			if err != nil && !errors.Is(err, errTooManyChanges) {
				return nil, fmt.Errorf("websearch: %w", err)
			}
			e.stats.Incremental = st != nil
		}
	}
	if st == nil {
		if st, err = e.fullState(); err != nil {
			return nil, fmt.Errorf("websearch: %w", err)
		}
		e.stats.Read = len(st.docs)
		for i := range st.docs {
			if m := meta[st.docs[i].id]; m != nil {
				st.docs[i].key = m.Key
			}
		}
	}
	err = e.run(st, meta, entities)
	if werr := e.w.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, fmt.Errorf("websearch: %w", err)
	}
	waitPersisted(adv)
	if opt.CacheDir != "" && (!e.stats.Incremental || st.dirty) {
		if err := saveState(opt.CacheDir, snip, st); err != nil {
			return nil, fmt.Errorf("websearch: cache: %w", err)
		}
	}
	return e.stats, nil
}

// waitPersisted waits (10 s at most) until a scorch index has written its
// in-memory segments to disk. index.Update indexes with unsafe_batch, which
// returns before a batch is on disk, and scorch's Close does not write what
// is still in memory: a build that closes the index right after a quick
// export could lose its last batches while the update manifest lists them.
// (index.Update should wait for its last batch itself; this keeps the
// export from being the step that makes the race likely.)
func waitPersisted(adv any) {
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return
	}
	epoch := func(k string) uint64 { v, _ := s.StatsMap()[k].(uint64); return v }
	if epoch("TotPersistLoopBeg") == 0 {
		return // in memory or read-only: nothing persists
	}
	target := epoch("CurRootEpoch")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && epoch("LastPersistedEpoch") < target; {
		time.Sleep(5 * time.Millisecond)
	}
}

type posting struct {
	ord  int32
	freq uint32
	pos  []uint32
}

type exporter struct {
	r     bleveindex.IndexReader
	w     *fileWriter
	stats *Stats
	snip  int
	st    *state

	ids  []string            // ordinal -> external id (sorted)
	lens map[string][]uint32 // field -> per-doc length
	card map[string]int      // field -> distinct terms

	// facet columns
	source, doctype, year []int32 // value index + 1
	etype                 []uint32
	entities              [][]int32 // per doc, entity term index (dictionary order)
	entTerms              []string
	facetVals             map[string][]string
	dateIdx               []int32 // per doc: index into dates + 1
	dates                 []int64
	dateCounts            []int

	pairMin  int       // positions this long make a term common (pairs.go); <= 0: no pairs
	pairBase *pairBase // what an incremental export patches the cached pairs with
	dict     dictWriter
	allTerms int                 // terms in "_all" (for the prefetch hints)
	tkBuf    []byte              // textKey's buffer
	entFP    map[string][16]byte // entity id -> entityFingerprint
	textDir  map[string]any      // text groups: files, sizes
	textName []string            // per doc: the key of its text record

	// hints' buffers: it runs for every common term whose postings changed
	hintOrds   []int32
	hintTfs    []uint32
	hintScores []float64
}

// ---- writing -------------------------------------------------------------------

// fileWriter writes files through the sink from several goroutines (on
// some file systems creating a file takes half a millisecond, most of it
// waiting) and keeps the first error.
type fileWriter struct {
	sink  Sink
	keyed KeyedSink
	stats *Stats
	jobs  chan func() error
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
}

func newFileWriter(sink Sink, stats *Stats) *fileWriter {
	w := &fileWriter{sink: sink, stats: stats, jobs: make(chan func() error, 64)}
	w.keyed, _ = sink.(KeyedSink)
	for i := 0; i < writeAtOnce; i++ {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for job := range w.jobs {
				if err := job(); err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = err
					}
					w.mu.Unlock()
				}
			}
		}()
	}
	return w
}

func (w *fileWriter) count(kind string, size int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stats.Files++
	w.stats.Bytes += int64(size)
	k := w.stats.Kinds[kind]
	k[0]++
	k[1] += int64(size)
	w.stats.Kinds[kind] = k
}

// put writes name, whose content (size bytes) render makes. A name that
// carries its content's hash is written keyed by itself, so a KeyedSink that
// already has it does not call render.
func (w *fileWriter) put(kind, name string, size int, hashed bool, render func() ([]byte, error)) {
	w.count(kind, size)
	w.jobs <- func() error {
		if hashed && w.keyed != nil {
			return w.keyed.WriteKeyed(name, name, render)
		}
		data, err := render()
		if err != nil {
			return err
		}
		return w.sink.WriteFile(name, data)
	}
}

func (w *fileWriter) wait() error {
	close(w.jobs)
	w.wg.Wait()
	return w.err
}

func hashKey(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:8])
}

func registration(key string, payload []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(payload) + len(key) + 24)
	b.WriteString(`casefileSearch.d("`)
	b.WriteString(key)
	b.WriteString(`",`)
	b.Write(payload)
	b.WriteString(");\n")
	return b.Bytes()
}

func registrationLen(key string, payloadLen int) int {
	return len(`casefileSearch.d("",);`) + 1 + len(key) + payloadLen
}

func b64(data []byte) []byte {
	out := make([]byte, 0, base64.StdEncoding.EncodedLen(len(data))+2)
	out = append(out, '"')
	out = base64.StdEncoding.AppendEncode(out, data)
	return append(out, '"')
}

// writeBin writes a binary payload (as a base64 string) named by the hash
// of its bytes, and returns that key.
func (e *exporter) writeBin(kind string, data []byte) (string, error) {
	key := hashKey(data)
	size := registrationLen(key, base64.StdEncoding.EncodedLen(len(data))+2)
	e.w.put(kind, "search/"+kind+"-"+key+".js", size, true, func() ([]byte, error) { return registration(key, b64(data)), nil })
	return key, nil
}

func (e *exporter) writeJSON(kind string, v any) (string, error) {
	p, err := marshal(v)
	if err != nil {
		return "", err
	}
	key := hashKey(p)
	data := registration(key, p)
	e.w.put(kind, "search/"+kind+"-"+key+".js", len(data), true, func() ([]byte, error) { return data, nil })
	return key, nil
}

// facetCols is a chunk of the facet columns (source, doctype, year, entity
// types), each as text: W[i] characters of base64's alphabet per value,
// six bits each, most significant first. Facet values are small (a
// column under 64 values takes one character each), and a column of its
// own lets gzip find its runs: at 50,000 documents the chunk gzips to
// 66 KB where the four as interleaved varints in base64 took 93 KB, and a
// host compressing it on the fly spends a third of the time.
type facetCols struct {
	W []int    `json:"w"`
	C []string `json:"c"`
}

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func facetChunk(source, doctype, year []int32, etype []uint32) facetCols {
	var fc facetCols
	add := func(w int, c string) { fc.W, fc.C = append(fc.W, w), append(fc.C, c) }
	add(charColumn(source))
	add(charColumn(doctype))
	add(charColumn(year))
	add(charColumn(etype))
	return fc
}

// charColumn writes a column of facet values (never negative: 0 is "none")
// as facetCols does, and returns the characters per value.
func charColumn[T int32 | uint32](col []T) (int, string) {
	w := 1
	for _, v := range col {
		for uint32(v)>>(6*w) != 0 {
			w++
		}
	}
	b := make([]byte, 0, w*len(col))
	for _, v := range col {
		for j := w - 1; j >= 0; j-- {
			b = append(b, b64Alphabet[uint32(v)>>(6*j)&63])
		}
	}
	return w, string(b)
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

// fromState fills the exporter's per-document columns from the state.
func (e *exporter) fromState(st *state) {
	e.st = st
	n := len(st.docs)
	e.ids = make([]string, n)
	e.lens = map[string][]uint32{}
	e.card = map[string]int{}
	e.facetVals = map[string][]string{}
	e.source = make([]int32, n)
	e.doctype = make([]int32, n)
	e.year = make([]int32, n)
	e.etype = make([]uint32, n)
	e.entities = make([][]int32, n)
	e.dateIdx = make([]int32, n)
	for _, f := range lenFields {
		e.card[f.name] = 0
	}
	vals := map[byte][]string{}
	for _, t := range st.terms {
		e.card[lenFields[lenField(t.key[0])].name]++
		if c := t.key[0]; c == 'd' || c == 'e' || c == 'k' || c == 's' || c == 'y' {
			vals[c] = append(vals[c], t.key[1:])
		}
	}
	e.allTerms = e.card["_all"]
	index := func(c byte) map[string]int32 {
		m := map[string]int32{}
		for i, v := range vals[c] {
			m[v] = int32(i)
		}
		return m
	}
	src, dt, yr, et, en := index('s'), index('d'), index('y'), index('k'), index('e')
	lensSeen := make([]bool, len(lenFields))
	for o := range st.docs {
		d := &st.docs[o]
		e.ids[o] = d.id
		for fi, l := range d.lens {
			if l != 0 {
				lensSeen[fi] = true
			}
		}
		if d.source != "" {
			e.source[o] = src[d.source[1:]] + 1
		}
		if d.doctype != "" {
			e.doctype[o] = dt[d.doctype[1:]] + 1
		}
		if d.year != "" {
			e.year[o] = yr[d.year[1:]] + 1
		}
		for _, v := range d.etype {
			if vi := et[v]; vi < 32 {
				e.etype[o] |= 1 << vi
			}
		}
		for _, v := range d.ents {
			e.entities[o] = append(e.entities[o], en[v])
		}
	}
	for fi, f := range lenFields {
		if !lensSeen[fi] {
			continue
		}
		l := make([]uint32, n)
		for o := range st.docs {
			l[o] = st.docs[o].lens[fi]
		}
		e.lens[f.name] = l
	}
	for _, c := range []byte{'d', 'k', 's', 'y'} {
		if v := vals[c]; v != nil {
			e.facetVals[lenFields[lenField(c)].name] = v
		}
	}
	e.entTerms = vals['e']
	// distinct dates
	byValue := map[int64]int{}
	for o := range st.docs {
		if d := &st.docs[o]; d.hasDate {
			byValue[d.date]++
		}
	}
	for v := range byValue {
		e.dates = append(e.dates, v)
	}
	slices.Sort(e.dates)
	pos := make(map[int64]int32, len(e.dates))
	for i, v := range e.dates {
		e.dateCounts = append(e.dateCounts, byValue[v])
		pos[v] = int32(i + 1)
	}
	for o := range st.docs {
		if d := &st.docs[o]; d.hasDate {
			e.dateIdx[o] = pos[d.date]
		}
	}
}

func (e *exporter) run(st *state, meta map[string]*Doc, entities []Entity) error {
	e.fromState(st)
	n := len(e.ids)
	e.stats.Docs = n
	e.dict.e = e
	pairs, err := e.pairs(st)
	if err != nil {
		return err
	}
	e.stats.Pairs = len(pairs)
	// terms and pairs, merged in key order
	for i, j := 0, 0; i < len(st.terms) || j < len(pairs); {
		var t *termState
		if j == len(pairs) || i < len(st.terms) && st.terms[i].key < pairs[j].key {
			t = &st.terms[i]
			i++
			if t.key[0] == dateCode {
				continue
			}
			e.stats.Terms++
		} else {
			t = &pairs[j]
			j++
		}
		if err := e.dict.add(t); err != nil {
			return err
		}
	}
	if err := e.dict.flushShard(); err != nil {
		return err
	}
	st.hintAvg = e.hintAvg()
	man, err := e.columns()
	if err != nil {
		return err
	}
	byID := make(map[string]Entity, len(entities))
	e.entFP = make(map[string][16]byte, len(entities))
	for _, en := range entities {
		byID[en.ID] = en
		e.entFP[en.ID] = entityFingerprint(en)
	}
	if err := e.texts(meta, byID, man); err != nil {
		return err
	}
	if err := e.textPacks(meta, byID); err != nil {
		return err
	}
	if err := e.entityNames(byID, man); err != nil {
		return err
	}
	boot, err := e.assets()
	if err != nil {
		return err
	}
	man["boot"] = boot
	man["v"] = 1
	man["n"] = n
	// the directory of shards and text groups (it grows with the corpus) goes
	// with the common terms, in the file the page requests at start-up,
	// which keeps manifest.js small
	hot := e.dict.hot
	if hot == nil {
		hot = [][]any{}
	}
	shards := e.dict.shards
	if shards == nil {
		shards = [][2]string{}
	}
	k, err := e.writeJSON("hot", map[string]any{"rows": hot, "dict": shards, "text": e.textDir})
	if err != nil {
		return err
	}
	man["hot"] = k
	for _, b := range boot {
		e.stats.Preload = append(e.stats.Preload, "search/"+b)
	}
	e.stats.Preload = append(e.stats.Preload, "search/hot-"+k+".js")
	man["fields"] = fieldCodes()
	man["pos"] = compositeFields[:]
	if e.pairMin > 0 {
		man["pairs"] = map[string]int{"min": e.pairMin, "gap": maxPairGap}
	}
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
	data := manifestJS(p)
	e.w.put("manifest", "search/manifest.js", len(data), false, func() ([]byte, error) { return data, nil })
	return nil
}

func fieldCodes() map[string]string {
	m := map[string]string{}
	for _, f := range exportFields {
		m[f.name] = string(f.code)
	}
	return m
}

// ---- varints ---------------------------------------------------------------

func uv(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// fixedWidth encodes a column chunk (field lengths, date ranks) as
// little-endian integers of the smallest width that holds them all (1, 2 or
// 4 bytes), after a 4-byte header whose first byte is that width. The
// browser reads the values through a typed array instead of decoding
// varints one by one: decoding the 50,000 "_all" lengths took a cold page
// 30 ms. Most lengths need two bytes either way, so the files stay the
// size the varints made them.
func fixedWidth[T int32 | uint32](vals []T) []byte {
	var top uint32
	for _, v := range vals {
		top = max(top, uint32(v))
	}
	w := 4
	switch {
	case top < 1<<8:
		w = 1
	case top < 1<<16:
		w = 2
	}
	b := make([]byte, 4+w*len(vals))
	b[0] = byte(w)
	for i, v := range vals {
		switch w {
		case 1:
			b[4+i] = byte(v)
		case 2:
			binary.LittleEndian.PutUint16(b[4+2*i:], uint16(v))
		default:
			binary.LittleEndian.PutUint32(b[4+4*i:], uint32(v))
		}
	}
	return b
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

// ---- dictionary ------------------------------------------------------------

// dictWriter streams dictionary shards. Postings and positions go to packs
// that belong to the shard being written, so a shard names its own packs and
// the manifest lists only shards.
type dictWriter struct {
	e        *exporter
	soft     int         // Options.ShardBytes
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

// fnv32 is FNV-1a, the hash that places content-defined boundaries.
func fnv32(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// shardBoundary: a dictionary shard starts at this key. Boundaries depend on
// the key alone, so a changed term changes its own shard only.
// Pairs take shards of their own, smaller ones: a phrase reads one pair
// from its shard, and pair entries are long (two terms, and postings inline
// up to inlineBytes), so a shard of 512 took 70 KB gzipped at 50k.
func shardBoundary(key string) bool {
	if key[0] == pairCode {
		return fnv32(key)%pairShardSpread == 0
	}
	return fnv32(key)%shardSpread == 0
}

// shardEnds: the shard of w ends before key. Boundaries by key alone leave
// shard sizes to chance: at 50,000 documents one shard in a hundred held
// over 1,700 terms (80 KB, where the median "_all" shard took 23 KB), and a
// query for a term in one fetched all of it ("Kapraqui Holdings": 67 KB
// gzipped, in 15-31 ms, where a 4 KB shard came in 6 ms). Past w.soft bytes a
// shard also ends at a key whose hash is a multiple of shardSoftSpread. Such
// an end depends on the shard's bytes, but the next boundary by key alone
// comes back in step: a change still rewrites only the shards between two
// of those.
func (w *dictWriter) shardEnds(key string) bool {
	if w.n == 0 {
		return false
	}
	if shardBoundary(key) || w.n >= maxShardTerms || (key[0] == pairCode) != (w.first[0] == pairCode) {
		return true
	}
	return len(w.buf) >= w.soft && fnv32(key)%shardSoftSpread == 0
}

// textBoundary: a text group starts at this document.
func textBoundary(id string) bool { return fnv32(id)%textGroup == 0 }

type hotRef struct {
	key          string
	df           int
	pack, ppack  int // indexes into the shard's pack lists; ppack -1: none
	pofff, pleng int
	rel, date    []int32 // prefetch hints: likely first page of a one-word query
}

// hintSize is how many documents a common term's prefetch hints name.
const hintSize = 10

// hints returns the first documents of a query for the term alone (an
// "_all" term), by BM25 and by date, ties by ordinal, as the engine ranks
// them: the search page shows them as the query's first page while the
// postings load (engine.js first), and the engine requests them early for
// queries of two or three words. The scores leave out the factors common
// to every document (idf, query norm), which do not change the order; the
// conversions keep the compiler from fusing a multiply and an add, which
// rounds differently on some machines (arm64) than JavaScript does.
func (e *exporter) hints(t *termState) (rel, date []int32) {
	e.hintOrds, e.hintTfs = decodePostingsGo(t.post, t.df, e.hintOrds[:0], e.hintTfs[:0])
	ords, tfs := e.hintOrds, e.hintTfs
	lens, avg := e.lens["_all"], e.hintAvg()
	if cap(e.hintScores) < len(ords) {
		e.hintScores = make([]float64, len(ords))
	}
	scores := e.hintScores[:len(ords)]
	for i, o := range ords {
		tf := math.Sqrt(float64(tfs[i]))
		l := uint32(0)
		if lens != nil {
			l = lens[o]
		}
		norm := float64(float32(1 / math.Sqrt(float64(max(1, l)))))
		fl := 1 / (norm * norm)
		scores[i] = tf * 1.2 / (tf + float64(1.2*(1-0.75+float64(0.75*fl)/max(1, avg))))
	}
	for _, i := range topK(len(ords), hintSize, func(a, b int) bool { return scores[a] > scores[b] }) {
		rel = append(rel, ords[i])
	}
	for _, i := range topK(len(ords), hintSize, func(a, b int) bool {
		da, db := e.dateIdx[ords[a]], e.dateIdx[ords[b]]
		if (da == 0) != (db == 0) {
			return db == 0
		}
		return da > db
	}) {
		date = append(date, ords[i])
	}
	return rel, date
}

// hintAvg is the average "_all" length the hints take.
func (e *exporter) hintAvg() float64 {
	return math.Ceil(float64(e.allTerms) / float64(max(1, len(e.ids))))
}

// topK returns the indexes of the k best of 0..n-1 by better, ties in index
// order (as a stable sort would).
func topK(n, k int, better func(a, b int) bool) []int {
	top := make([]int, 0, k+1)
	for i := 0; i < n; i++ {
		if len(top) == k && !better(i, top[k-1]) {
			continue
		}
		j := len(top)
		top = append(top, i)
		for j > 0 && better(i, top[j-1]) {
			top[j] = top[j-1]
			j--
		}
		top[j] = i
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

func (w *dictWriter) add(t *termState) error {
	if w.shardEnds(t.key) {
		if err := w.flushShard(); err != nil {
			return err
		}
	}
	key, withPos := []byte(t.key), t.key[0] == 'a'
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
	w.buf = uv(w.buf, uint64(t.df))
	enc := t.post
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
		if len(enc) >= w.own && key[0] != pairCode { // pairs are many: the hot file would grow with them
			h := hotRef{key: hex.EncodeToString(key), df: t.df, pack: pi, ppack: -1}
			if key[0] == 'a' {
				if !t.clean || t.rel == nil || w.e.st.hintAvg != w.e.hintAvg() {
					t.rel, t.date = w.e.hints(t)
					w.e.st.dirty = true
				}
				h.rel, h.date = t.rel, t.date
			}
			w.hotOpen = append(w.hotOpen, h)
		}
	}
	if withPos {
		pos := t.pos
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
	key, err := w.e.writeBin(kind, slices.Clone(*open)) // the pack's buffer is reused; files are written later
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
		row := []any{h.key, h.df, w.packs[h.pack], nil, 0, 0, h.rel, h.date}
		if h.ppack >= 0 {
			row[3], row[4], row[5] = w.posPacks[h.ppack], h.pofff, h.pleng
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
	// field lengths: a file per field and chunk, so a query loads the
	// lengths of its own fields only
	dl, fc, dt := map[string][]string{}, []string{}, []string{}
	for _, f := range dlFields {
		dl[f] = []string{}
	}
	for c := 0; c*chunkDocs < n || (c == 0 && n == 0); c++ {
		lo, hi := c*chunkDocs, min((c+1)*chunkDocs, n)
		if lo >= hi {
			break
		}
		var b []byte
		for _, f := range dlFields {
			b = fixedWidth(e.lens[f][lo:hi])
			k, err := e.writeBin("dl", b)
			if err != nil {
				return nil, err
			}
			dl[f] = append(dl[f], k)
		}
		k, err := e.writeJSON("fc", facetChunk(e.source[lo:hi], e.doctype[lo:hi], e.year[lo:hi], e.etype[lo:hi]))
		if err != nil {
			return nil, err
		}
		fc = append(fc, k)
		if k, err = e.writeBin("dt", fixedWidth(e.dateIdx[lo:hi])); err != nil {
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
			b = uv(b, uint64(len(e.entTerms[r])))
			b = append(b, e.entTerms[r]...)
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
	T string      `json:"t"`
	U string      `json:"u"`
	D string      `json:"d,omitempty"`
	S string      `json:"s,omitempty"`
	Y string      `json:"y,omitempty"`
	I string      `json:"i"`
	E [][3]string `json:"e,omitempty"` // entities: id, name, type
	X string      `json:"x"`
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

// entityRows: the entities of document o as the text record lists them.
func (e *exporter) entityRows(o int, byID map[string]Entity) [][3]string {
	var rows [][3]string
	for _, id := range e.st.docs[o].ents {
		en, ok := byID[id]
		if !ok || en.Name == "" {
			en.Name = id
		}
		rows = append(rows, [3]string{id, en.Name, en.Type})
	}
	return rows
}

// entityFingerprint stands for an entity's id, name and type in text
// record keys.
func entityFingerprint(en Entity) (fp [16]byte) {
	var b []byte
	for _, s := range [3]string{en.ID, en.Name, en.Type} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	sum := sha256.Sum256(b)
	copy(fp[:], sum[:])
	return fp
}

// textKey hashes what document o's text record is made of besides what the
// index holds (which its Key covers): the page metadata, the entities (by
// their fingerprints: copying their names into the key took most of its
// 0.6 s over 50,000 documents), the snippet length.
func (e *exporter) textKey(o int, m *Doc) [16]byte {
	d := &e.st.docs[o]
	b := e.tkBuf[:0]
	part := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	part(d.key)
	b = binary.AppendUvarint(b, uint64(e.snip))
	if m != nil {
		part(m.Title)
		part(m.URL)
		part(m.Date)
		part(m.Source)
		part(m.DocType)
	} else {
		part("-")
	}
	for _, id := range d.ents {
		fp, ok := e.entFP[id]
		if !ok {
			fp = entityFingerprint(Entity{ID: id})
		}
		b = append(b, fp[:]...)
	}
	e.tkBuf = b
	sum := sha256.Sum256(b)
	var k [16]byte
	copy(k[:], sum[:])
	return k
}

// textPayload makes document o's text record (reading its stored text).
func (e *exporter) textPayload(o int, m *Doc, byID map[string]Entity) ([]byte, error) {
	id := e.ids[o]
	stored, err := e.storedText(id)
	if err != nil {
		return nil, err
	}
	rec := textRec{T: stored[index.FieldTitle], U: "docs/" + id + ".html", I: id,
		E: e.entityRows(o, byID), X: cutRunes(stored[index.FieldText], e.snip)}
	if m != nil {
		if m.Title != "" {
			rec.T = m.Title
		}
		if m.URL != "" {
			rec.U = m.URL
		}
		rec.D, rec.S, rec.Y = m.Date, m.Source, m.DocType
	}
	return marshal(rec)
}

// texts writes one file per document, in groups that start where a
// document's id hashes to a boundary (so a change touches its own group
// only); a group's files are named by the hash of the group's records.
func (e *exporter) texts(meta map[string]*Doc, byID map[string]Entity, man map[string]any) error {
	files, sizes := []string{}, []int{}
	n := len(e.ids)
	e.textName = make([]string, n)
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && !textBoundary(e.ids[hi]) {
			hi++
		}
		payloads := make([][]byte, hi-lo)
		h := sha256.New()
		for o := lo; o < hi; o++ {
			d := &e.st.docs[o]
			tk := e.textKey(o, meta[d.id])
			if d.key == "" || tk != d.tkey || d.tlen == 0 {
				p, err := e.textPayload(o, meta[d.id], byID)
				if err != nil {
					return err
				}
				sum := sha256.Sum256(p)
				copy(d.thash[:], sum[:])
				d.tkey, d.tlen, payloads[o-lo] = tk, len(p), p
				e.st.dirty = true
			}
			h.Write(d.thash[:])
		}
		gk := hex.EncodeToString(h.Sum(nil)[:8])
		for o := lo; o < hi; o++ {
			key := gk + "-" + strconv.Itoa(o-lo)
			e.textName[o] = key
			p := payloads[o-lo]
			e.w.put("text", "search/t-"+key+".js", registrationLen(key, e.st.docs[o].tlen), true, func() ([]byte, error) {
				if p == nil {
					var err error
					if p, err = e.textPayload(o, meta[e.ids[o]], byID); err != nil {
						return nil, err
					}
				}
				return registration(key, p), nil
			})
		}
		files, sizes = append(files, gk), append(sizes, hi-lo)
		lo = hi
	}
	e.textDir = map[string]any{"files": files, "sizes": sizes}
	return nil
}

// textPacks writes, for each list of prefetch hints in the hot file, one
// file holding the text records it names: a one-word query for a common
// term then loads its likely first page in one request instead of ten.
// Over HTTP/1.1 a browser opens six connections to a host, so ten record
// files and the postings took two waves of requests. A pack is named by the
// hash of its records' keys and contents; the hot row of the term gets the
// names of its two packs (by relevance and by date) after its hints.
func (e *exporter) textPacks(meta map[string]*Doc, byID map[string]Entity) error {
	seen := map[string]bool{}
	for ri, row := range e.dict.hot {
		var names [2]any
		for j, col := range []int{6, 7} {
			ords, _ := row[col].([]int32)
			if len(ords) == 0 {
				continue
			}
			h := sha256.New()
			size := 2 + len(ords) - 1 // {} and the commas
			for _, o := range ords {
				h.Write([]byte(e.textName[o]))
				h.Write(e.st.docs[o].thash[:])
				size += len(e.textName[o]) + 3 + e.st.docs[o].tlen // "key":
			}
			pk := hex.EncodeToString(h.Sum(nil)[:8])
			names[j] = pk
			if seen[pk] {
				continue
			}
			seen[pk] = true
			e.w.put("textpack", "search/tp-"+pk+".js", registrationLen(pk, size), true, func() ([]byte, error) {
				b := []byte{'{'}
				for i, o := range ords {
					p, err := e.textPayload(int(o), meta[e.ids[o]], byID)
					if err != nil {
						return nil, err
					}
					if i > 0 {
						b = append(b, ',')
					}
					b = append(append(append(b, '"'), e.textName[o]...), '"', ':')
					b = append(b, p...)
				}
				return registration(pk, append(b, '}')), nil
			})
		}
		if names[0] != nil || names[1] != nil {
			e.dict.hot[ri] = append(row, names[0], names[1])
		}
	}
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

func (e *exporter) entityNames(byID map[string]Entity, man map[string]any) error {
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
// (one request at start-up), without comments and spare whitespace, named
// by its hash.
func (e *exporter) assets() ([]string, error) {
	var all []byte
	for _, name := range []string{"tables.js", "engine.js", "ui.js"} {
		b, err := Assets.ReadFile("assets/" + name)
		if err != nil {
			return nil, err
		}
		all = append(append(all, b...), '\n')
	}
	all = minifyJS(all)
	base := "engine-" + hashKey(all) + ".js"
	e.w.put("asset", "search/"+base, len(all), true, func() ([]byte, error) { return all, nil })
	return []string{base}, nil
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
	b.WriteString("pre('hot',c.m.hot);if(/[?&]q=[^&]/.test(location.search))((c.m.dl||{})._all||[]).forEach(function(k){pre('dl',k)});")
	// A link to one plain word, page 1, no dates: if the word is a common
	// term as it stands (court, not courts), request its text pack as soon
	// as the hot file registers, rather than once the engine has booted and
	// analysed the query (engine.js first shows that pack's records).
	b.WriteString("var u=location.search,qm=/[?&]q=([^&]*)/.exec(u),w='';")
	b.WriteString("try{w=qm&&!/[?&](page=(?!1(&|$))|from=[^&]|to=[^&])/.test(u)?decodeURIComponent(qm[1].replace(/\\+/g,' ')).trim().toLowerCase():''}catch(x){}")
	b.WriteString("if(/^[a-z0-9]+$/.test(w)&&c.m.fields&&c.m.fields._all){var hk=c.m.fields._all.charCodeAt(0).toString(16),sd=/[?&]sort=date(&|$)/.test(u);")
	b.WriteString("for(var i=0;i<w.length;i++)hk+=w.charCodeAt(i).toString(16);")
	b.WriteString("var tp=function(v){(v&&v.rows||[]).forEach(function(r){if(r[0]===hk)pre('tp',sd?r[9]:r[8])})},d0=c.d;")
	b.WriteString("c.d=function(k,v){if(k===c.m.hot)tp(v);return d0(k,v)};if(c.p[c.m.hot])tp(c.p[c.m.hot])}")
	b.WriteString("})(self);\n")
	return b.Bytes()
}
