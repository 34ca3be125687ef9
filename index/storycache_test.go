package index

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestStoryCache: a resolution with the story cache gives what one without
// gives, whether the cache is empty, full, stale (one document changed) or
// damaged; a full cache holds every document, and a document without an
// analysis key is never cached.
func TestStoryCache(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a synthetic corpus")
	}
	docs := append(seeds(t), generated(t, 200, "20240611")...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })
	for i, a := range docs {
		if a.Doc.Key == "" {
			a.Doc.Key = "test-key-" + a.Doc.ID
		}
		if i == 0 {
			a.Doc.Key = "" // not cacheable
		}
	}
	want := dump(Resolve(docs, nil))
	path := filepath.Join(t.TempDir(), "stories.cache")
	check := func(stage string) {
		t.Helper()
		if got := dump(ResolveWith(docs, nil, ResolveOptions{StoryCache: path})); got != want {
			t.Fatalf("%s: resolution with the story cache differs from one without", stage)
		}
		// and the pass itself, exactly
		c := Resolve(docs, nil)
		counts, sigs := docPass(c, "")
		ccounts, csigs := docPass(c, path)
		if !reflect.DeepEqual(counts, ccounts) || !reflect.DeepEqual(sigs, csigs) {
			t.Fatalf("%s: the story pass with the cache differs from one without", stage)
		}
	}
	check("empty cache")
	if n := readStoryCache(path).len(); n != len(docs)-1 {
		t.Fatalf("the cache holds %d documents, want %d", n, len(docs)-1)
	}
	check("full cache")
	// One document changes: its entry is stale, and the new one is
	// appended to the file rather than the file written again.
	before, _ := os.ReadFile(path)
	docs[1].Doc.Key += "-changed"
	docs[1].Doc.Text += " An added sentence about the appeal court."
	want = dump(Resolve(docs, nil))
	check("stale entry")
	after, _ := os.ReadFile(path)
	if !bytes.HasPrefix(after, before) || len(after) == len(before) {
		t.Fatalf("the changed document's entry was not appended: %d bytes, then %d", len(before), len(after))
	}
	if c := readStoryCache(path); c.entries != len(docs) || c.len() != len(docs) {
		t.Fatalf("after one change the cache holds %d entries for %d keys, want %d of each", c.entries, c.len(), len(docs))
	}
	// Changed again and again: stale entries never outnumber live ones
	// for long, as the file is then written whole.
	defer func(m int) { storyCacheMin = m }(storyCacheMin)
	storyCacheMin = 0
	c := Resolve(docs, nil)
	for k := range 300 {
		docs[1].Doc.Key += "+"
		docPass(c, path)
		if n := readStoryCache(path).entries; n > 2*len(docs) {
			t.Fatalf("after %d more changes the cache holds %d entries", k+1, n)
		}
	}
	if n := readStoryCache(path).entries; n >= 300 {
		t.Fatalf("the cache was never compacted: %d entries", n)
	}
	// The same documents, their links changed by an override: the entries
	// of the documents that mention Twitter are stale.
	ov, _, err := ParseOverrides(strings.NewReader("action,name,value\nexclude,Twitter,\n"))
	if err != nil {
		t.Fatal(err)
	}
	want = dump(Resolve(docs, ov))
	if got := dump(ResolveWith(docs, ov, ResolveOptions{StoryCache: path})); got != want {
		t.Fatal("links changed: resolution with the story cache differs from one without")
	}
	c = Resolve(docs, ov)
	counts, _ := docPass(c, "")
	if ccounts, _ := docPass(c, path); !reflect.DeepEqual(counts, ccounts) {
		t.Fatal("links changed: the story pass with the cache differs from one without")
	}
	want = dump(Resolve(docs, nil))
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)/2], 0o644)
	if readStoryCache(path) != nil {
		t.Error("a cache cut short was read")
	}
	check("damaged cache")
}

// FuzzStoryCache: whatever a cache file holds, reading it and decoding
// every entry it indexes never panics, and an entry written reads back.
func FuzzStoryCache(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "stories.cache")
	keys := [][16]byte{{1}, {2}}
	counts := [][]termWeight{{{t: 7, w: 1.5}, {t: 1 << 60, w: 20}}, nil}
	sigs := [][]uint64{{3, 4}, {5}}
	if err := writeStoryCache(path, keys, counts, sigs); err != nil {
		f.Fatal(err)
	}
	good, _ := os.ReadFile(path)
	f.Add(good)
	f.Add(good[:len(good)-3])
	// The bytes, not a file: a temporary folder per input made this target
	// slow enough (under 100 inputs a second on a loaded machine) to
	// overrun its -fuzztime.
	f.Fuzz(func(t *testing.T, data []byte) {
		c := parseStoryCache(data)
		if c == nil {
			return
		}
		for k := range c.at {
			c.get(k)
		}
		if bytes.Equal(data, good) {
			if got, sig, ok := c.get(keys[0]); !ok || !reflect.DeepEqual(got, counts[0]) || !reflect.DeepEqual(sig, sigs[0]) {
				t.Fatalf("entry 1 read back as %v %v %v", got, sig, ok)
			}
		}
	})
}
