// Package extracttest reads corpus folders for other packages' tests, as
// casefile build does: every document under a folder, with the folder's
// catalog.csv applied.
package extracttest

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"casefile/extract"
)

// ReadCorpus reads and annotates every document under dirs (a catalog.csv
// in a folder applies to it), sorted by document id. Any error fails t.
func ReadCorpus(t testing.TB, dirs ...string) []*extract.Analysis {
	t.Helper()
	var out []*extract.Analysis
	for _, dir := range dirs {
		files, err := extract.Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		var cat extract.Catalog
		if fh, err := os.Open(filepath.Join(dir, extract.CatalogFile)); err == nil {
			cat, _, err = extract.ParseCatalog(fh)
			fh.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range extract.ReadAll(context.Background(), files, extract.Options{Dir: dir, Catalog: cat}) {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			out = append(out, r.Analysis)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Doc.ID < out[j].Doc.ID })
	return out
}
