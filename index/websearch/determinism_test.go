package websearch_test

import (
	"bytes"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"casefile/index/websearch/internal/testcorpus"
)

func readTree(t *testing.T, dir string) map[string][]byte {
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDeterministic exports the same documents indexed in a different
// order, in many small batches (many segments) and with another GOMAXPROCS,
// and wants byte-identical files.
func TestDeterministic(t *testing.T) {
	items := loadItems(t, 150)
	a := buildSite(t, items, 0)
	shuffled := append([]testcorpus.Item(nil), items...)
	rand.New(rand.NewSource(7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	old := runtime.GOMAXPROCS(1)
	b := buildSite(t, shuffled, 7)
	runtime.GOMAXPROCS(old)
	ta, tb := readTree(t, a.dir), readTree(t, b.dir)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for name, x := range ta {
		if !bytes.Equal(x, tb[name]) {
			t.Errorf("%s differs", name)
		}
	}
}

// TestEmptyIndex: an index without documents exports a site whose search
// answers nothing, without errors.
func TestEmptyIndex(t *testing.T) {
	s := buildSite(t, nil, 0)
	var resp struct {
		Search []jsResult `json:"search"`
	}
	runNode(t, s.dir, map[string]any{"search": []conformanceQuery{{Q: "court"}, {Q: `date:>="2017-01-01"`}, {Q: "-court"}}}, &resp)
	for i, r := range resp.Search {
		if r.Err != "" || r.Total != 0 {
			t.Errorf("query %d: %+v", i, r)
		}
	}
}
