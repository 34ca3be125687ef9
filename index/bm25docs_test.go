package index

import (
	"path/filepath"
	"testing"
)

func TestDocKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := map[string]*IndexDoc{"a": {Title: "A", Text: "one"}, "b": {Title: "B", Text: "two"}}
	idx, _, err := Update(dir, docs)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	k1, err := DocKeys(dir)
	if err != nil || len(k1) != 2 || k1["a"] == "" {
		t.Fatalf("%v %v", k1, err)
	}
	docs["a"] = &IndexDoc{Title: "A", Text: "changed"}
	if idx, _, err = Update(dir, docs); err != nil {
		t.Fatal(err)
	}
	idx.Close()
	k2, _ := DocKeys(dir)
	if k2["a"] == k1["a"] || k2["b"] != k1["b"] {
		t.Errorf("keys before %v, after %v", k1, k2)
	}
	if _, err := DocKeys(t.TempDir()); err == nil {
		t.Error("no error without an index")
	}
}
