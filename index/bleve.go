package index

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"sort"
	"time"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
)

// MappingVersion changes whenever NewMapping, IndexDoc or docHash changes in
// a way that needs a full reindex.
const MappingVersion = "mapping-3"

// manifest records what the index holds, so an update touches only the
// documents that changed. While an update runs, Dirty is true on disk: a
// build killed in the middle leaves Dirty set and the next build starts the
// index afresh rather than trust it.
type manifest struct {
	Version string            `json:"version"`
	Dirty   bool              `json:"dirty"`
	Docs    map[string]string `json:"docs"` // id -> hash of the IndexDoc
}

const manifestName = "casefile-manifest.json"

// UpdateStats says what an index update did.
type UpdateStats struct {
	Added, Updated, Deleted, Unchanged int
	Rebuilt                            bool
}

// BatchSize is the number of documents per bleve batch. Each batch becomes
// an in-memory segment before it is persisted and merged: at 10,000
// documents, batches of 2,000 peaked at 1.5 GB RSS and batches of 500 at
// 0.93 GB, indexing as fast.
const BatchSize = 500

// writeConfig lets bleve return from a batch before it is synced to disk.
// The index is derived data: the manifest is marked dirty for the whole
// update, and an index whose update did not finish is rebuilt from scratch,
// so per-batch durability would only cost time (most of the indexing wall
// time on a slow disk).
var writeConfig = map[string]interface{}{"unsafe_batch": true}

// Update brings the bleve index in dir up to date with docs (id -> document):
// new and changed documents are indexed, documents no longer present are
// deleted, unchanged ones are left alone. The caller must close the index.
func Update(dir string, docs map[string]*IndexDoc) (bleve.Index, UpdateStats, error) {
	var st UpdateStats
	man, idx, err := openForUpdate(dir)
	if err != nil {
		return nil, st, err
	}
	st.Rebuilt = len(man.Docs) == 0
	man.Dirty = true
	if err := writeManifest(dir, man); err != nil {
		idx.Close()
		return nil, st, err
	}

	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	batch := idx.NewBatch()
	flush := func() error {
		if batch.Size() == 0 {
			return nil
		}
		if err := idx.Batch(batch); err != nil {
			return fmt.Errorf("index: %w", err)
		}
		batch.Reset()
		return nil
	}
	next := make(map[string]string, len(docs))
	for _, id := range ids {
		h := docHash(docs[id])
		next[id] = h
		old, had := man.Docs[id]
		switch {
		case had && old == h:
			st.Unchanged++
			continue
		case had:
			st.Updated++
		default:
			st.Added++
		}
		if err := batch.Index(id, docs[id]); err != nil {
			idx.Close()
			return nil, st, fmt.Errorf("index %s: %w", id, err)
		}
		if batch.Size() >= BatchSize {
			if err := flush(); err != nil {
				idx.Close()
				return nil, st, err
			}
		}
	}
	var gone []string
	for id := range man.Docs {
		if _, ok := docs[id]; !ok {
			gone = append(gone, id)
		}
	}
	sort.Strings(gone)
	for _, id := range gone {
		batch.Delete(id)
		st.Deleted++
	}
	if err := flush(); err != nil {
		idx.Close()
		return nil, st, err
	}
	// Unsynced batches return before they are on disk, and closing the
	// index does not write what is still in memory: wait until the last
	// batch is persisted before the manifest says the index holds it.
	if err := waitPersisted(idx); err != nil {
		idx.Close()
		return nil, st, err
	}
	man.Docs, man.Dirty = next, false
	if err := writeManifest(dir, man); err != nil {
		idx.Close()
		return nil, st, err
	}
	return idx, st, nil
}

// openForUpdate opens the index in dir if its manifest says it is complete
// and current; otherwise it starts a new, empty index there.
func openForUpdate(dir string) (*manifest, bleve.Index, error) {
	var man manifest
	if b, err := os.ReadFile(filepath.Join(dir, manifestName)); err == nil && json.Unmarshal(b, &man) == nil &&
		man.Version == MappingVersion && !man.Dirty {
		if idx, err := bleve.OpenUsing(filepath.Join(dir, "bleve"), writeConfig); err == nil {
			if man.Docs == nil {
				man.Docs = map[string]string{}
			}
			return &man, idx, nil
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, nil, fmt.Errorf("index: %w", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, fmt.Errorf("index: %w", err)
	}
	idx, err := bleve.NewUsing(filepath.Join(dir, "bleve"), NewMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, writeConfig)
	if err != nil {
		return nil, nil, fmt.Errorf("index: %w", err)
	}
	return &manifest{Version: MappingVersion, Docs: map[string]string{}}, idx, nil
}

func writeManifest(dir string, man *manifest) error {
	b, err := json.Marshal(man)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, manifestName+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return os.Rename(tmp, filepath.Join(dir, manifestName))
}

// docHash identifies what the index holds of a document: every field of
// the IndexDoc, each with its length (TestDocHashFields changes each field
// in turn). It hashes the fields as they are: encoding them as JSON first
// took 0.94 of its 1.03 s of CPU in a one-file rebuild at 50,000 documents.
func docHash(d *IndexDoc) string {
	h := docHasher{h: sha256.New(), buf: make([]byte, 0, 8)}
	h.str(d.Title)
	h.str(d.Text)
	h.str(d.Source)
	h.str(d.DocType)
	h.str(d.Date)
	h.str(d.Year)
	h.list(d.Entity)
	h.list(d.EType)
	h.str(d.Path)
	return hex.EncodeToString(h.h.Sum(nil)[:16])
}

type docHasher struct {
	h   hash.Hash
	buf []byte
}

func (d *docHasher) u64(n int) {
	d.buf = binary.LittleEndian.AppendUint64(d.buf[:0], uint64(n))
	d.h.Write(d.buf)
}

func (d *docHasher) str(s string) {
	d.u64(len(s))
	// the bytes of s, not a copy: a hash.Hash neither keeps nor changes
	// what it is given
	d.h.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
}

// list hashes a nil list as an empty one: JSON omits both alike.
func (d *docHasher) list(l []string) {
	d.u64(len(l))
	for _, s := range l {
		d.str(s)
	}
}

// ErrNoIndex means there is no index to search yet.
var ErrNoIndex = errors.New("no index: run 'make' (casefile build) first")

// Open opens the index in dir (as written by Update) for searching.
func Open(dir string) (bleve.Index, error) {
	p := filepath.Join(dir, "bleve")
	if _, err := os.Stat(p); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoIndex)
	}
	idx, err := bleve.OpenUsing(p, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return idx, nil
}

// Hit is one search result.
type Hit struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
	Title string  `json:"title"`
	Date  string  `json:"date,omitempty"`
	Path  string  `json:"path,omitempty"`
}

// Results are one page of hits and the total.
type Results struct {
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
}

// Search runs a query in bleve's query-string syntax. Results are ordered by
// score, ties by document id, so the order is stable; byDate orders newest
// first instead. Scores use corpus-wide statistics that do not depend on how
// bleve cut the index into segments (see LiveReader), the same as the
// browser search export, so no forced merge is needed after an update.
func Search(idx bleve.Index, q string, size, from int, byDate bool) (*Results, error) {
	qq := query.NewQueryStringQuery(q)
	if _, err := qq.Parse(); err != nil {
		return nil, fmt.Errorf("query %q: %w", q, err)
	}
	order := []string{"-_score", "_id"}
	if byDate {
		order = []string{"-" + FieldDate, "_id"}
	}
	total, hits, err := searchLive(idx, qq, size, from, order, []string{FieldTitle, FieldDate, FieldPath})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &Results{Total: total, Hits: make([]Hit, 0, len(hits))}
	for _, h := range hits {
		hit := Hit{ID: h.ID, Score: h.Score, Title: h.Fields[FieldTitle], Path: h.Fields[FieldPath]}
		if d := h.Fields[FieldDate]; len(d) >= 10 {
			hit.Date = d[:10]
		}
		out.Hits = append(out.Hits, hit)
	}
	return out, nil
}

// waitPersisted waits until a scorch index has written every batch applied
// so far to disk.
func waitPersisted(idx bleve.Index) error {
	adv, err := idx.Advanced()
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	stat := func(k string) uint64 { v, _ := s.StatsMap()[k].(uint64); return v }
	target := stat("CurRootEpoch")
	for stat("LastPersistedEpoch") < target {
		if stat("TotPersistLoopErr") > 0 && stat("LastPersistedEpoch") == 0 {
			return fmt.Errorf("index: bleve could not write the index to disk")
		}
		time.Sleep(2 * time.Millisecond)
	}
	return nil
}
