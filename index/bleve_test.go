package index

import (
	"fmt"
	"reflect"
	"slices"
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

// TestDocHashFields: a change to any field of an IndexDoc changes its hash,
// so that the index updates the document (a field added to IndexDoc and not
// to docHash fails here), and text moved from one field to the next does
// too.
func TestDocHashFields(t *testing.T) {
	base := IndexDoc{Title: "t", Text: "x", Source: "s", DocType: "d", Date: "2017-04-06", Year: "2017",
		Entity: []string{"a"}, EType: []string{"PER"}, Path: "p.txt"}
	h0 := docHash(&base)
	v := reflect.ValueOf(&base).Elem()
	for i := 0; i < v.NumField(); i++ {
		d := base
		f := reflect.ValueOf(&d).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "!")
		case reflect.Slice:
			f.Set(reflect.ValueOf(append(slices.Clone(f.Interface().([]string)), "b")))
		default:
			t.Fatalf("field %s: kind %s not covered by this test", v.Type().Field(i).Name, f.Kind())
		}
		if docHash(&d) == h0 {
			t.Errorf("changing %s does not change the hash", v.Type().Field(i).Name)
		}
	}
	moved := base
	moved.Title, moved.Text = "tx", ""
	if docHash(&moved) == h0 {
		t.Error("text moved from Text to Title does not change the hash")
	}
	again := base
	again.Entity = []string{"a"}
	if docHash(&again) != h0 {
		t.Error("the same document hashes differently")
	}
}
