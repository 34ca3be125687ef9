package extract

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Cache keeps analyses between builds, in one bbolt file, so that a rebuild
// redoes only the files that changed. Two buckets:
//
//   - analyses: cache key -> encoded Analysis. The key covers everything an
//     analysis depends on: the file's bytes (by hash), its document id, its
//     catalog row, the codec's schema, and the code that analysed it (the
//     hash of the running executable: Go builds are reproducible, so the same
//     sources give the same binary and the cache survives 'make'; any change
//     to the code re-analyses, which is slower but never stale).
//   - files: path -> size, modification time, inode and content hash, as git's
//     index does, so an unchanged file is not even read.
//
// Entries not used by a build are deleted when it closes the cache. A
// missing, corrupt or unreadable cache is simply rebuilt: the cache is never
// the only copy of anything.
type Cache struct {
	db      *bolt.DB
	mu      sync.Mutex
	pending map[string][]byte // analyses to write
	files   map[string][]byte // stat entries to write
	used    map[string]bool   // analysis keys used by this build
	seen    map[string]bool   // paths seen by this build
	Hits    int
	Misses  int
}

var (
	bucketAnalyses = []byte("analyses")
	bucketFiles    = []byte("files")
)

// OpenCache opens (or creates) the cache file. A cache that cannot be opened
// is deleted and created afresh.
func OpenCache(path string) (*Cache, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	open := func() (*bolt.DB, error) {
		// The free list is written with each commit: without it, every
		// open rebuilt it by scanning the whole file (50,000 documents:
		// 0.3-0.6 s an open, on every build, against 9 ms), and the commits
		// of a full build take as long either way.
		db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: 2 * time.Second, NoSync: true})
		if err != nil {
			return nil, err
		}
		err = db.Update(func(tx *bolt.Tx) error {
			for _, b := range [][]byte{bucketAnalyses, bucketFiles} {
				if _, err := tx.CreateBucketIfNotExists(b); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	db, err := open()
	if err != nil {
		os.Remove(path)
		if db, err = open(); err != nil {
			return nil, fmt.Errorf("cache %s: %w", path, err)
		}
	}
	// A rebuild reads nearly every analysis: have the file read ahead of it,
	// in order, while the first analyses are decoded.
	go prefetch(path)
	return &Cache{db: db, pending: map[string][]byte{}, files: map[string][]byte{}, used: map[string]bool{}, seen: map[string]bool{}}, nil
}

// CodeHash identifies the running code: the version and the executable's
// bytes (see Cache).
func CodeHash() string { return codeHash() }

// codeHash identifies the running code (see Cache).
var codeHash = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte(Version))
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
})

func cacheKey(rawHash, id string, e *Entry) string {
	h := sha256.New()
	h.Write([]byte(codeHash() + "\x00" + codecSchema + "\x00" + id + "\x00" + rawHash + "\x00"))
	if e != nil {
		b, _ := json.Marshal(e)
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// rawHash returns the content hash recorded for a file whose size,
// modification time and inode are unchanged since the last build, or "".
func (c *Cache) rawHash(f File) string {
	if c == nil {
		return ""
	}
	var v []byte
	c.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketFiles).Get([]byte(f.Path)); len(b) == 24+32 {
			v = append([]byte(nil), b...)
		}
		return nil
	})
	if v == nil || int64(binary.LittleEndian.Uint64(v)) != f.Size || int64(binary.LittleEndian.Uint64(v[8:])) != f.ModTime ||
		binary.LittleEndian.Uint64(v[16:]) != f.Inode || f.ModTime == 0 {
		return ""
	}
	return hex.EncodeToString(v[24:])
}

func (c *Cache) setRawHash(f File, hash string) {
	if c == nil || f.ModTime == 0 {
		return
	}
	sum, err := hex.DecodeString(hash)
	if err != nil || len(sum) != 32 {
		return
	}
	v := make([]byte, 24, 24+32)
	binary.LittleEndian.PutUint64(v, uint64(f.Size))
	binary.LittleEndian.PutUint64(v[8:], uint64(f.ModTime))
	binary.LittleEndian.PutUint64(v[16:], f.Inode)
	v = append(v, sum...)
	c.mu.Lock()
	c.files[f.Path] = v
	c.mu.Unlock()
}

func (c *Cache) get(key string) *Analysis {
	if c == nil {
		return nil
	}
	var a *Analysis
	c.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketAnalyses).Get([]byte(key)); b != nil {
			a, _ = decodeAnalysis(b) // corrupt: recompute
		}
		return nil
	})
	c.mu.Lock()
	c.used[key] = true
	if a != nil {
		c.Hits++
	} else {
		c.Misses++
	}
	c.mu.Unlock()
	return a
}

func (c *Cache) put(key string, a *Analysis) {
	if c == nil {
		return
	}
	b := encodeAnalysis(a)
	c.mu.Lock()
	c.pending[key] = b
	c.used[key] = true
	flush := len(c.pending) >= 256
	c.mu.Unlock()
	if flush {
		c.flush()
	}
}

func (c *Cache) markSeen(path string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.seen[path] = true
	c.mu.Unlock()
}

// flush writes pending entries in one transaction.
func (c *Cache) flush() error {
	c.mu.Lock()
	pending, files := c.pending, c.files
	c.pending, c.files = map[string][]byte{}, map[string][]byte{}
	c.mu.Unlock()
	if len(pending) == 0 && len(files) == 0 {
		return nil
	}
	return c.db.Update(func(tx *bolt.Tx) error {
		ab, fb := tx.Bucket(bucketAnalyses), tx.Bucket(bucketFiles)
		for k, v := range pending {
			if err := ab.Put([]byte(k), v); err != nil {
				return err
			}
		}
		for k, v := range files {
			if err := fb.Put([]byte(k), v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Close writes what is pending, deletes the entries this build did not use,
// and closes the file. Call it only after a complete read of the corpus:
// pruning after a partial one would throw away good entries.
func (c *Cache) Close(prune bool) error {
	if c == nil {
		return nil
	}
	err := c.flush()
	if err == nil && prune {
		err = c.db.Update(func(tx *bolt.Tx) error {
			for _, bk := range []struct {
				name []byte
				keep map[string]bool
			}{{bucketAnalyses, c.used}, {bucketFiles, c.seen}} {
				b := tx.Bucket(bk.name)
				var drop [][]byte
				b.ForEach(func(k, _ []byte) error {
					if !bk.keep[string(k)] {
						drop = append(drop, append([]byte(nil), k...))
					}
					return nil
				})
				for _, k := range drop {
					if err := b.Delete(k); err != nil {
						return err
					}
				}
			}
			return nil
		})
	}
	if cerr := c.db.Close(); err == nil {
		err = cerr
	}
	return err
}
