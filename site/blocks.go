package site

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"casefile/extract"
)

// Block exports: an export made of one block per corpus object (mentions.csv
// holds a block of rows per document, documents.json a record per
// document), between a head and a tail, with a separator between blocks.
// Each block is a function of a digest of what it is made from. Beside the
// export, the render keeps (in Options.CacheDir) the block list of the file
// it wrote: the file's hash and each block's digest and size. The next build
// copies a block whose digest is unchanged from the previous build's file
// instead of making it again, so that a one-file change makes one block:
// making mentions.csv's 85 MB again took 0.6 s of CPU at 50,000 documents,
// chiefly counting code points for the offsets. The file's bytes are the
// same either way.

// blockList describes an export as blocks.
type blockList struct {
	hash   string // hex SHA-256 of the file
	code   string // extract.CodeHash of the build that made it
	total  int64  // the file's size
	head   int64  // bytes before the first block
	sep    int64  // bytes between two blocks
	digest []fingerprint
	size   []int64
}

const blockListMagic = "casefile-blocks-2\n"

func (b *blockList) encode() []byte {
	out := []byte(blockListMagic + b.hash + "\n" + b.code + "\n")
	out = binary.AppendUvarint(out, uint64(b.total))
	out = binary.AppendUvarint(out, uint64(b.head))
	out = binary.AppendUvarint(out, uint64(b.sep))
	out = binary.AppendUvarint(out, uint64(len(b.digest)))
	for i, d := range b.digest {
		out = append(out, d[:]...)
		out = binary.AppendUvarint(out, uint64(b.size[i]))
	}
	return out
}

var errBlockList = errors.New("damaged block list")

func decodeBlockList(data []byte) (*blockList, error) {
	rest, ok := bytes.CutPrefix(data, []byte(blockListMagic))
	var b blockList
	for _, f := range []*string{&b.hash, &b.code} {
		nl := bytes.IndexByte(rest, '\n')
		if !ok || nl < 0 {
			return nil, errBlockList
		}
		*f, rest = string(rest[:nl]), rest[nl+1:]
	}
	uv := func() int64 {
		v, n := binary.Uvarint(rest)
		if n <= 0 || v > 1<<50 {
			ok = false
			return 0
		}
		rest = rest[n:]
		return int64(v)
	}
	b.total, b.head, b.sep = uv(), uv(), uv()
	n := uv()
	if !ok || n > int64(len(rest))/17 {
		return nil, errBlockList
	}
	b.digest, b.size = make([]fingerprint, n), make([]int64, n)
	for i := range b.digest {
		if len(rest) < len(fingerprint{}) {
			return nil, errBlockList
		}
		copy(b.digest[i][:], rest)
		rest = rest[len(fingerprint{}):]
		b.size[i] = uv()
	}
	if !ok || len(rest) != 0 {
		return nil, errBlockList
	}
	return &b, nil
}

// blockOutput is what exportBlocks needs of the Writer beyond streaming: the
// previous build's copy of a file and the hash of the one it wrote.
type blockOutput interface {
	Prev(name string) (path, hash string, ok bool)
	Hash(name string) string
}

// blockListPath is where the block list of export name is kept.
func (r *renderer) blockListPath(name string) string {
	return filepath.Join(r.opt.CacheDir, "blocks", strings.ReplaceAll(name, "/", "_")+".blocks")
}

// oldBlocks opens the previous build's copy of name, if the block list kept
// for it describes it (its hash and size, made by this code with the
// separator sep), and maps the digests of its blocks to their places.
func (r *renderer) oldBlocks(name string, sep int64) (*os.File, map[fingerprint][2]int64) {
	bo, ok := r.out.(blockOutput)
	if !ok || r.opt.CacheDir == "" {
		return nil, nil
	}
	path, hash, ok := bo.Prev(name)
	if !ok {
		return nil, nil
	}
	data, err := os.ReadFile(r.blockListPath(name))
	if err != nil {
		return nil, nil
	}
	bl, err := decodeBlockList(data)
	if err != nil || bl.hash != hash || bl.code != extract.CodeHash() || bl.sep != sep {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil
	}
	if fi, err := f.Stat(); err != nil || fi.Size() != bl.total {
		f.Close()
		return nil, nil
	}
	at := make(map[fingerprint][2]int64, len(bl.digest))
	off := bl.head
	for i, d := range bl.digest {
		if i > 0 {
			off += bl.sep
		}
		at[d] = [2]int64{off, bl.size[i]}
		off += bl.size[i]
	}
	return f, at
}

// exportBlocks writes export name (exportKeys' key) as head, n blocks
// joined by sep, and tail: block i, whose digest is digests[i], is copied
// from the previous build's file when that holds a block of the same
// digest, and made by block otherwise (appended to the slice it is given).
// Without digests (no keyed Output) every block is made.
func (r *renderer) exportBlocks(name, key string, head, sep, tail []byte, n int, digests []fingerprint, block func(i int, b []byte) []byte) error {
	w, err := r.create(name, key)
	if w == nil || err != nil {
		return err // kept as it was (its block list too), or an error
	}
	var old *os.File
	var at map[fingerprint][2]int64 // nil when there is nothing to copy
	if digests != nil {
		if old, at = r.oldBlocks(name, int64(len(sep))); old != nil {
			defer old.Close()
		}
	}
	bl := &blockList{code: extract.CodeHash(), head: int64(len(head)), sep: int64(len(sep)), digest: digests, size: make([]int64, n)}
	var buf, cbuf []byte
	written := int64(0)
	write := func(b []byte) error {
		_, err := w.Write(b)
		written += int64(len(b))
		return err
	}
	// Copied blocks go in runs: blocks next to each other in the old file,
	// with its separators between them (the same bytes, as the same code
	// made them), in one read. A block of mentions.csv is 1.7 KB on average.
	runOff, runEnd := int64(-1), int64(0)
	copyRun := func() error {
		if cbuf == nil {
			cbuf = make([]byte, 1<<20)
		}
		for off := runOff; off < runEnd; {
			k := min(int64(len(cbuf)), runEnd-off)
			if m, err := old.ReadAt(cbuf[:k], off); int64(m) != k {
				return fmt.Errorf("%s: cannot read the previous build's copy: %v", name, err)
			}
			if err := write(cbuf[:k]); err != nil {
				return err
			}
			off += k
		}
		runOff = -1
		return nil
	}
	fail := func(err error) error {
		w.Close()
		return err
	}
	buf = append(buf, head...)
	for i := range n {
		var p [2]int64
		ok := false
		if at != nil {
			p, ok = at[digests[i]]
		}
		if ok && runOff >= 0 && p[0] == runEnd+bl.sep {
			runEnd = p[0] + p[1]
			bl.size[i] = p[1]
			continue
		}
		if runOff >= 0 {
			if err := copyRun(); err != nil {
				return fail(err)
			}
		}
		if i > 0 {
			buf = append(buf, sep...)
		}
		if ok {
			if err := write(buf); err != nil {
				return fail(err)
			}
			buf = buf[:0]
			runOff, runEnd = p[0], p[0]+p[1]
			bl.size[i] = p[1]
			continue
		}
		k := len(buf)
		buf = block(i, buf)
		bl.size[i] = int64(len(buf) - k)
		if len(buf) >= 64<<10 {
			if err := write(buf); err != nil {
				return fail(err)
			}
			buf = buf[:0]
		}
	}
	if runOff >= 0 {
		if err := copyRun(); err != nil {
			return fail(err)
		}
	}
	if err := write(append(buf, tail...)); err != nil {
		return fail(err)
	}
	bl.total = written
	if err := w.Close(); err != nil {
		return err
	}
	bo, ok := r.out.(blockOutput)
	if !ok || r.opt.CacheDir == "" || digests == nil {
		return nil
	}
	// The list is kept only for a file this build wrote and then made
	// live; a list that does not describe the live file is not used.
	bl.hash = bo.Hash(name)
	path := r.blockListPath(name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, bl.encode(), 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("output: %w", err)
	}
	return os.Rename(tmp, path)
}
