package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
)

// Cache keeps analyses between builds, keyed by everything that determines
// them: the file's bytes, its id, its catalog row and the extractor Version.
// A cache entry is a JSON file named by that key; entries are written to a
// temporary name and renamed, so a build killed mid-write leaves no torn
// entry. A missing or unreadable entry is simply recomputed.
type Cache struct {
	Dir string
}

func cacheKey(raw []byte, id string, e *Entry) string {
	h := sha256.New()
	h.Write([]byte(Version + "\x00" + id + "\x00"))
	if e != nil {
		b, _ := json.Marshal(e)
		h.Write(b)
	}
	h.Write([]byte{0})
	h.Write(raw)
	return hex.EncodeToString(h.Sum(nil))
}

func (c *Cache) path(key string) string {
	return filepath.Join(c.Dir, key[:2], key+".json")
}

func (c *Cache) get(key string) *Analysis {
	if c == nil {
		return nil
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return nil
	}
	var a Analysis
	if json.Unmarshal(b, &a) != nil {
		return nil
	}
	return &a
}

func (c *Cache) put(key string, a *Analysis) {
	if c == nil {
		return
	}
	b, err := json.Marshal(a)
	if err != nil {
		return
	}
	p := c.path(key)
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	tmp := p + ".tmp"
	if os.WriteFile(tmp, b, 0o644) == nil {
		os.Rename(tmp, p)
	}
}
