package index

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// DocKeys returns, for the index that Update keeps in dir, each document's
// key: the hash of what was indexed for it, which changes whenever the
// document's indexed content does. The browser search export
// (websearch.Doc.Key) uses it to read again only the documents that changed.
// It fails if the index is missing or an update did not finish.
func DocKeys(dir string) (map[string]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	var man manifest
	if err := json.Unmarshal(b, &man); err != nil {
		return nil, fmt.Errorf("index: %s: %w", manifestName, err)
	}
	if man.Dirty || man.Version != MappingVersion {
		return nil, fmt.Errorf("index: %s: the index is not complete", dir)
	}
	return man.Docs, nil
}
