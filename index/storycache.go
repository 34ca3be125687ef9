package index

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"

	"casefile/extract"
)

// The story pass reads every document's words (docPass), which at 50,000
// documents is the largest part of resolution. What it makes of a document
// depends only on the document (its analysis key, which covers its bytes,
// its catalog row and the code) and on the entity ids of its mentions; a
// cache file keeps it between builds, so a rebuild after one change reads
// one document's words again. A cache that is missing, cut short or of
// another format is ignored, and rewritten whole after every pass that
// missed: it is never the only copy of anything.

const storyCacheHeader = "casefile story cache 1\n"

type storyEntry struct {
	counts []termWeight
	sig    []uint64
}

// storyKey identifies what docPass makes of document i.
func storyKey(a *extract.Analysis, links []string) [16]byte {
	h := sha256.New()
	h.Write([]byte(a.Doc.Key))
	for _, l := range links {
		h.Write([]byte{0})
		h.Write([]byte(l))
	}
	var k [16]byte
	copy(k[:], h.Sum(nil))
	return k
}

func readStoryCache(path string) map[[16]byte]storyEntry {
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte(storyCacheHeader)) {
		return nil
	}
	b = b[len(storyCacheHeader):]
	out := map[[16]byte]storyEntry{}
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	for len(b) > 0 {
		if len(b) < 16 {
			return nil
		}
		var k [16]byte
		copy(k[:], b)
		b = b[16:]
		nt, ok := next()
		if !ok || nt > uint64(len(b)) {
			return nil
		}
		e := storyEntry{counts: make([]termWeight, nt)}
		for i := range e.counts {
			if len(b) < 8 {
				return nil
			}
			e.counts[i].t = binary.LittleEndian.Uint64(b)
			b = b[8:]
			w2, ok := next()
			if !ok {
				return nil
			}
			e.counts[i].w = float64(w2) / 2
		}
		ns, ok := next()
		if !ok || ns*8 > uint64(len(b)) {
			return nil
		}
		if ns > 0 {
			e.sig = make([]uint64, ns)
			for i := range e.sig {
				e.sig[i] = binary.LittleEndian.Uint64(b)
				b = b[8:]
			}
		}
		out[k] = e
	}
	return out
}

// writeStoryCache replaces the cache with the entries of this pass. A
// document whose weights are not whole halves (which today's weights always
// are) is left out rather than stored inexactly. The file (114 MB at 50,000
// documents) streams out through a small buffer: assembled in memory, its
// growing buffer cost more CPU than the encoding.
func writeStoryCache(path string, keys [][16]byte, counts [][]termWeight, sigs [][]uint64) (err error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	t := path + ".tmp"
	f, err := os.Create(t)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(t)
		}
	}()
	b := bufio.NewWriterSize(f, 1<<20)
	b.WriteString(storyCacheHeader)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(v uint64) { b.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	var u8 [8]byte
	for i, k := range keys {
		if k == ([16]byte{}) {
			continue // no analysis key
		}
		exact := true
		for _, x := range counts[i] {
			if x.w < 0 || x.w*2 != float64(uint64(x.w*2)) {
				exact = false
				break
			}
		}
		if !exact {
			continue
		}
		b.Write(k[:])
		uv(uint64(len(counts[i])))
		for _, x := range counts[i] {
			binary.LittleEndian.PutUint64(u8[:], x.t)
			b.Write(u8[:])
			uv(uint64(x.w * 2))
		}
		uv(uint64(len(sigs[i])))
		for _, s := range sigs[i] {
			binary.LittleEndian.PutUint64(u8[:], s)
			b.Write(u8[:])
		}
	}
	if err := b.Flush(); err != nil { // a bufio.Writer keeps its first error
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(t, path)
}
