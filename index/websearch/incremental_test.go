package websearch_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"casefile/index/websearch"
	"casefile/index/websearch/internal/testcorpus"
)

// keyedSink is a dirSink that keeps files of the previous export as
// site.Output does: WriteKeyed copies a file it already has without
// rendering it.
type keyedSink struct {
	dirSink
	prev     map[string][]byte
	mu       sync.Mutex
	rendered []string
}

func (s *keyedSink) WriteKeyed(name, key string, render func() ([]byte, error)) error {
	if b, ok := s.prev[name]; ok {
		return s.WriteFile(name, b)
	}
	s.mu.Lock()
	s.rendered = append(s.rendered, name)
	s.mu.Unlock()
	b, err := render()
	if err != nil {
		return err
	}
	return s.WriteFile(name, b)
}

func exportTo(t *testing.T, idx bleve.Index, items []testcorpus.Item, dir, cache string, prev map[string][]byte) (*websearch.Stats, *keyedSink) {
	t.Helper()
	docs, ents := testcorpus.Meta(items)
	s := &keyedSink{dirSink: dirSink{dir: dir}, prev: prev}
	st, err := websearch.Export(idx, docs, ents, s, &websearch.Options{CacheDir: cache, OwnFileBytes: 300, PairMinPositions: 256, ShardBytes: 1024})
	if err != nil {
		t.Fatal(err)
	}
	return st, s
}

func sameTrees(t *testing.T, a, b string) {
	t.Helper()
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Errorf("%d files vs %d", len(ta), len(tb))
	}
	n := 0
	for name, x := range ta {
		if y, ok := tb[name]; !ok || !bytes.Equal(x, y) {
			if n++; n <= 10 {
				t.Errorf("%s differs or is missing", name)
			}
		}
	}
}

// TestIncremental changes the index (new, changed and deleted documents,
// an entity renamed) and wants the export from the cache to equal a full
// export byte for byte, reading only the changed documents and rendering
// few files.
func TestIncremental(t *testing.T) {
	all := loadItems(t, 300)
	items := append([]testcorpus.Item(nil), all[:280]...)
	dir := t.TempDir()
	idx, err := testcorpus.BuildIndex(filepath.Join(dir, "index"), items, 50)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	cache := filepath.Join(dir, "cache")
	st, _ := exportTo(t, idx, items, filepath.Join(dir, "0"), cache, nil)
	if st.Incremental || st.Read != len(items) {
		t.Fatalf("first export: incremental %v, read %d", st.Incremental, st.Read)
	}
	steps := []struct {
		name string
		do   func() []testcorpus.Item // the documents, after the change
		read int
	}{
		{"nothing", func() []testcorpus.Item { return items }, 0},
		{"add", func() []testcorpus.Item {
			for _, it := range all[280:283] {
				if err := idx.Index(it.ID, it.Doc); err != nil {
					t.Fatal(err)
				}
			}
			return append(append([]testcorpus.Item(nil), items...), all[280:283]...)
		}, 3},
		{"change", func() []testcorpus.Item {
			out := append([]testcorpus.Item(nil), items...)
			it := out[17]
			it.Doc.Text += " A brand new paragraph about zyxwvut and the court."
			it.Doc.Title = "Changed " + it.Doc.Title
			out[17] = it
			if err := idx.Index(it.ID, it.Doc); err != nil {
				t.Fatal(err)
			}
			return out
		}, 1},
		{"delete", func() []testcorpus.Item {
			out := append(append([]testcorpus.Item(nil), items[:5]...), items[6:]...)
			if err := idx.Delete(items[5].ID); err != nil {
				t.Fatal(err)
			}
			return out
		}, 0},
		{"rename entity", func() []testcorpus.Item {
			out := append([]testcorpus.Item(nil), items...)
			for i := range out {
				if len(out[i].EntityNames) > 0 && out[i].Doc.Entity[0] == items[40].Doc.Entity[0] {
					names := append([]string(nil), out[i].EntityNames...)
					names[0] = "Renamed Entity"
					out[i].EntityNames = names
				}
			}
			return out
		}, 0},
	}
	prev := readTree(t, filepath.Join(dir, "0"))
	stateFile := filepath.Join(cache, "websearch-state.bin")
	for i, s := range steps {
		items = s.do()
		out := filepath.Join(dir, "inc", s.name)
		before, _ := os.Stat(stateFile)
		st, sink := exportTo(t, idx, items, out, cache, prev)
		// an export that changed nothing leaves the cached state as it is
		if after, err := os.Stat(stateFile); s.name == "nothing" && (err != nil || before == nil || !after.ModTime().Equal(before.ModTime())) {
			t.Errorf("nothing changed, but the cached state was written again (%v)", err)
		}
		if !st.Incremental || st.Read != s.read {
			t.Errorf("%s: incremental %v, read %d documents, want %d", s.name, st.Incremental, st.Read, s.read)
		}
		full, _ := exportTo(t, idx, items, filepath.Join(dir, "full", s.name), "", nil)
		if full.Incremental {
			t.Fatal("export without a cache says it is incremental")
		}
		sameTrees(t, out, filepath.Join(dir, "full", s.name))
		t.Logf("%d: %s: %d of %d files rendered, pairs patched %v", i, s.name, len(sink.rendered), st.Files, st.PairsPatched)
		// the pairs are patched, not made again, unless the common terms
		// changed (three new documents make some terms common here)
		if !st.PairsPatched && s.name != "add" {
			t.Errorf("%s: the pairs were made again, not patched", s.name)
		}
		if s.name == "nothing" && len(sink.rendered) != 0 {
			t.Errorf("nothing changed, but %d files were rendered: %v", len(sink.rendered), sink.rendered)
		}
		prev = readTree(t, out)
	}
	// a cache from another version is ignored
	if err := os.WriteFile(filepath.Join(cache, "websearch-state.bin"), []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := exportTo(t, idx, items, filepath.Join(dir, "junk"), cache, nil); st.Incremental {
		t.Error("a bad cache was used")
	}
}
