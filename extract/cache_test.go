package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func readCorpus(t *testing.T, dir, cachePath string) ([]Result, *Cache) {
	t.Helper()
	c, err := OpenCache(cachePath)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	res := ReadAll(context.Background(), files, Options{Dir: dir, Cache: c})
	if err := c.Close(true); err != nil {
		t.Fatal(err)
	}
	return res, c
}

func TestCache(t *testing.T) {
	dir := t.TempDir()
	seeds, _ := filepath.Glob("testdata/read/seed-*.txt")
	for _, p := range seeds {
		b, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	}
	cachePath := filepath.Join(t.TempDir(), "cache.db")

	first, c := readCorpus(t, dir, cachePath)
	if c.Hits != 0 || c.Misses != len(seeds) {
		t.Fatalf("first read: %d hits, %d misses", c.Hits, c.Misses)
	}
	second, c := readCorpus(t, dir, cachePath)
	if c.Hits != len(seeds) || c.Misses != 0 {
		t.Fatalf("second read: %d hits, %d misses", c.Hits, c.Misses)
	}
	for i := range first {
		if first[i].Analysis.Doc.Text != second[i].Analysis.Doc.Text || len(first[i].Analysis.Mentions) != len(second[i].Analysis.Mentions) {
			t.Fatalf("%s: cached analysis differs", first[i].File.Path)
		}
	}

	// Change one file: one miss. Give it a new modification time for sure.
	p := filepath.Join(dir, "seed-002.txt")
	os.WriteFile(p, []byte("A changed article about the agency and the summons."), 0o644)
	os.Chtimes(p, time.Now().Add(time.Hour), time.Now().Add(time.Hour))
	_, c = readCorpus(t, dir, cachePath)
	if c.Misses != 1 || c.Hits != len(seeds)-1 {
		t.Fatalf("after a change: %d hits, %d misses", c.Hits, c.Misses)
	}

	// A corrupt cache file is replaced, not fatal.
	os.WriteFile(cachePath, []byte("not a database"), 0o644)
	if _, c = readCorpus(t, dir, cachePath); c.Misses != len(seeds) {
		t.Fatalf("corrupt cache: %d misses", c.Misses)
	}
}
