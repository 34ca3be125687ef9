package index

import (
	"fmt"
	"testing"
)

// TestUpdatePersists: what Update reports as indexed is on disk when it
// returns, even though batches are not synced one by one: an index closed
// at once and opened again holds every document.
func TestUpdatePersists(t *testing.T) {
	dir := t.TempDir()
	docs := map[string]*IndexDoc{}
	for i := 0; i < 3*BatchSize+7; i++ {
		docs[fmt.Sprintf("d%05d", i)] = &IndexDoc{Title: "title", Text: fmt.Sprintf("text number %d about the summons", i), Path: "p"}
	}
	idx, st, err := Update(dir, docs)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	if st.Added != len(docs) {
		t.Fatalf("added %d of %d", st.Added, len(docs))
	}
	ro, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if n, _ := ro.DocCount(); n != uint64(len(docs)) {
		t.Fatalf("the index holds %d documents after reopening, want %d", n, len(docs))
	}
}
