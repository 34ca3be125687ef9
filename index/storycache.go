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
// one document's words again. A pass that missed appends the entries it
// made (a one-file rebuild at 50,000 documents wrote 114 MB again, 0.3-0.5 s
// on the critical path, to change one entry); the file is written whole
// when it has no more room for stale entries than live ones, or when it is
// missing, cut short (a build killed while appending) or of another format,
// and then ignored until rewritten: it is never the only copy of anything.

const storyCacheHeader = "casefile story cache 1\n"

// storyCacheMin: a cache file is written whole once it holds more than
// twice this many entries or twice the corpus's documents, whichever is more.
var storyCacheMin = 1000

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

// storyCache is a read cache file: where each document's entry starts.
// Entries are decoded when used, each into slices of its own (the story
// pass reweights them in place), so the file's bytes are the only other
// copy.
type storyCache struct {
	b       []byte
	at      map[[16]byte]int
	entries int // in the file, stale ones too
}

// readStoryCache indexes the cache file at path; nil if it is missing, cut
// short or of another format.
func readStoryCache(path string) *storyCache {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return parseStoryCache(b)
}

// parseStoryCache indexes the entries of a story cache file's bytes; nil if
// they are not one, whole.
func parseStoryCache(b []byte) *storyCache {
	if !bytes.HasPrefix(b, []byte(storyCacheHeader)) {
		return nil
	}
	c := &storyCache{b: b, at: map[[16]byte]int{}}
	for i := len(storyCacheHeader); i < len(b); {
		if len(b)-i < 16 {
			return nil
		}
		k := [16]byte(b[i : i+16])
		end, ok := c.skip(i + 16)
		if !ok {
			return nil
		}
		c.at[k] = i + 16 // a later entry of the same key wins (they are equal)
		c.entries++
		i = end
	}
	return c
}

// uvarint reads a varint at i; ok is false past the end.
func (c *storyCache) uvarint(i int) (v uint64, next int, ok bool) {
	v, n := binary.Uvarint(c.b[i:])
	return v, i + n, n > 0
}

// skip returns where the entry whose body starts at i ends.
func (c *storyCache) skip(i int) (int, bool) {
	nt, i, ok := c.uvarint(i)
	if !ok || nt > uint64(len(c.b)-i) {
		return 0, false
	}
	for range nt {
		if len(c.b)-i < 9 {
			return 0, false
		}
		if _, i, ok = c.uvarint(i + 8); !ok {
			return 0, false
		}
	}
	ns, i, ok := c.uvarint(i)
	if !ok || ns > uint64(len(c.b)-i)/8 {
		return 0, false
	}
	return i + int(ns)*8, true
}

// get decodes the entry of key k, if the cache holds one. Safe for
// concurrent use.
func (c *storyCache) get(k [16]byte) (counts []termWeight, sig []uint64, ok bool) {
	i, ok := c.at[k]
	if !ok {
		return nil, nil, false
	}
	nt, i, _ := c.uvarint(i) // skip checked the entry
	counts = make([]termWeight, nt)
	for j := range counts {
		counts[j].t = binary.LittleEndian.Uint64(c.b[i:])
		var w2 uint64
		w2, i, _ = c.uvarint(i + 8)
		counts[j].w = float64(w2) / 2
	}
	ns, i, _ := c.uvarint(i)
	if ns > 0 {
		sig = make([]uint64, ns)
		for j := range sig {
			sig[j] = binary.LittleEndian.Uint64(c.b[i+8*j:])
		}
	}
	return counts, sig, true
}

// len is how many documents the cache holds.
func (c *storyCache) len() int {
	if c == nil {
		return 0
	}
	return len(c.at)
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
	writeStoryEntries(b, keys, counts, sigs, nil)
	if err := b.Flush(); err != nil { // a bufio.Writer keeps its first error
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(t, path)
}

// appendStoryCache adds the entries of the documents in which to the cache
// file at path, which readStoryCache read whole.
func appendStoryCache(path string, keys [][16]byte, counts [][]termWeight, sigs [][]uint64, which []int) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	writeStoryEntries(b, keys, counts, sigs, which)
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeStoryEntries writes the entries of the documents in which, or of
// every document if which is nil. A document without an analysis key, or
// whose counts the format cannot hold exactly, has none.
func writeStoryEntries(b *bufio.Writer, keys [][16]byte, counts [][]termWeight, sigs [][]uint64, which []int) {
	var tmp [binary.MaxVarintLen64]byte
	uv := func(v uint64) { b.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	var u8 [8]byte
	entry := func(i int) {
		k := keys[i]
		if k == ([16]byte{}) {
			return // no analysis key
		}
		for _, x := range counts[i] {
			if x.w < 0 || x.w*2 != float64(uint64(x.w*2)) {
				return // not exact
			}
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
	if which == nil {
		for i := range keys {
			entry(i)
		}
		return
	}
	for _, i := range which {
		entry(i)
	}
}
