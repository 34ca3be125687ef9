package websearch

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
)

// The export cache (Options.CacheDir) keeps the state of the last export in
// one file: a header, the documents, the terms. Terms' postings and
// positions are kept as encoded in the files and sliced straight out of the
// file when it is read back.

const cacheName = "websearch-state.bin"

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// cacheVersion changes whenever the state's meaning or encoding changes.
const cacheVersion = "websearch-state-6"

func cacheHeader(snip int) []byte {
	return []byte(fmt.Sprintf("%s snippet=%d\n", cacheVersion, snip))
}

// cacheWriter streams the cache file through a buffer of 1 MB, keeping its
// checksum.
type cacheWriter struct {
	b   []byte
	f   *os.File
	crc uint32
	err error
}

func (w *cacheWriter) flush(force bool) {
	if w.err != nil || len(w.b) < 1<<20 && !force {
		return
	}
	w.crc = crc32.Update(w.crc, crcTable, w.b)
	_, w.err = w.f.Write(w.b)
	w.b = w.b[:0]
}

func (w *cacheWriter) raw(p []byte)   { w.b = append(w.b, p...); w.flush(false) }
func (w *cacheWriter) uv(v uint64)    { w.b = uv(w.b, v) }
func (w *cacheWriter) bytes(p []byte) { w.uv(uint64(len(p))); w.raw(p) }
func (w *cacheWriter) str(s string)   { w.uv(uint64(len(s))); w.b = append(w.b, s...); w.flush(false) }
func (w *cacheWriter) ords(v []int32) {
	w.uv(uint64(len(v)))
	for _, x := range v {
		w.uv(uint64(x))
	}
}

func (r *cacheReader) ords() []int32 {
	n := int(r.num())
	if n == 0 || !r.ok(n) {
		return nil
	}
	out := make([]int32, n)
	for i := range out {
		out[i] = int32(r.num())
	}
	return out
}

func (w *cacheWriter) strs(ss []string) {
	w.uv(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

type cacheReader struct {
	reader
	err error
}

func (r *cacheReader) ok(n int) bool {
	if r.err != nil || n < 0 || r.i+n > len(r.b) {
		if r.err == nil {
			r.err = errors.New("websearch: cache file is cut short")
		}
		return false
	}
	return true
}

func (r *cacheReader) num() uint64 {
	if r.err != nil {
		return 0
	}
	// a varint is at most 10 bytes
	end := min(len(r.b), r.i+10)
	for j := r.i; j < end; j++ {
		if r.b[j] < 0x80 {
			return r.uv()
		}
	}
	r.err = errors.New("websearch: bad cache file")
	return 0
}

func (r *cacheReader) bytes() []byte {
	n := int(r.num())
	if !r.ok(n) {
		return nil
	}
	p := r.b[r.i : r.i+n : r.i+n]
	r.i += n
	return p
}

func (r *cacheReader) str() string { return string(r.bytes()) }

func (r *cacheReader) strs() []string {
	n := int(r.num())
	if n == 0 || !r.ok(n) {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}

// terms writes dictionary entries (terms or pairs) as loadState reads them.
func (w *cacheWriter) terms(ts []termState) {
	w.uv(uint64(len(ts)))
	for i := range ts {
		t := &ts[i]
		w.str(t.key)
		w.uv(uint64(t.df))
		w.bytes(t.post)
		w.bytes(t.pos)
		w.ords(t.rel)
		w.ords(t.date)
	}
}

func (r *cacheReader) terms() []termState {
	n := int(r.num())
	if !r.ok(n) {
		return nil
	}
	ts := make([]termState, n)
	for i := range ts {
		t := &ts[i]
		t.key = r.str()
		t.df = int(r.num())
		t.post = r.bytes()
		if t.pos = r.bytes(); len(t.pos) == 0 {
			t.pos = nil
		}
		t.rel = r.ords()
		t.date = r.ords()
	}
	return ts
}

func saveState(dir string, snip int, st *state) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp := filepath.Join(dir, cacheName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	w := &cacheWriter{b: make([]byte, 0, 1<<20+4096), f: f}
	w.raw(cacheHeader(snip))
	w.uv(math.Float64bits(st.hintAvg))
	w.uv(uint64(len(st.docs)))
	for i := range st.docs {
		d := &st.docs[i]
		w.str(d.id)
		w.str(d.key)
		for _, l := range d.lens {
			w.uv(uint64(l))
		}
		w.str(d.source)
		w.str(d.doctype)
		w.str(d.year)
		w.strs(d.etype)
		w.strs(d.ents)
		if d.hasDate {
			w.uv(1)
			w.uv(uint64(d.date))
		} else {
			w.uv(0)
		}
		w.raw(d.tkey[:])
		w.raw(d.thash[:])
		w.uv(uint64(d.tlen))
	}
	w.terms(st.terms)
	w.uv(uint64(st.pairMin))
	w.terms(st.pairs)
	w.flush(true)
	if w.err == nil {
		_, w.err = f.Write(binary.BigEndian.AppendUint32(nil, w.crc))
	}
	if w.err == nil {
		w.err = f.Close()
	}
	if w.err != nil {
		return w.err
	}
	return os.Rename(tmp, filepath.Join(dir, cacheName))
}

// loadState reads the cached state, or returns nil if there is none that
// this version can use.
func loadState(dir string, snip int) *state {
	b, err := os.ReadFile(filepath.Join(dir, cacheName))
	if err != nil {
		return nil
	}
	h := cacheHeader(snip)
	if len(b) < len(h)+4 || !bytes.HasPrefix(b, h) {
		return nil
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, crcTable) != binary.BigEndian.Uint32(b[len(body):]) {
		return nil
	}
	r := &cacheReader{reader: reader{b: body, i: len(h)}}
	st := &state{hintAvg: math.Float64frombits(r.num())}
	n := int(r.num())
	if !r.ok(n) {
		return nil
	}
	st.docs = make([]docState, n)
	for i := range st.docs {
		d := &st.docs[i]
		d.id = r.str()
		d.key = r.str()
		for j := range d.lens {
			d.lens[j] = uint32(r.num())
		}
		d.source = r.str()
		d.doctype = r.str()
		d.year = r.str()
		d.etype = r.strs()
		d.ents = r.strs()
		if r.num() == 1 {
			d.date, d.hasDate = int64(r.num()), true
		}
		if !r.ok(32) {
			return nil
		}
		copy(d.tkey[:], r.b[r.i:])
		copy(d.thash[:], r.b[r.i+16:])
		r.i += 32
		d.tlen = int(r.num())
	}
	st.terms = r.terms()
	st.pairMin = int(r.num())
	st.pairs = r.terms()
	if r.err != nil || r.i != len(body) {
		return nil
	}
	return st
}
