package index

import (
	"sort"
)

// Documents returns what the bleve index stores for each document of the
// corpus, by document id.
func Documents(c *Corpus) map[string]*IndexDoc {
	out := make(map[string]*IndexDoc, len(c.Docs))
	for i, a := range c.Docs {
		d := a.Doc
		ents, types := map[string]bool{}, map[string]bool{}
		for _, id := range c.Links[i] {
			if id == "" {
				continue
			}
			ents[id] = true
			types[c.Entity(id).Type] = true
		}
		doc := &IndexDoc{Title: d.Title, Text: d.Text, Source: d.Source, DocType: d.DocType, Path: d.Path,
			Entity: sortedKeys(ents), EType: sortedKeys(types)}
		if d.Published != "" {
			doc.Date = d.Published + "T00:00:00Z"
			doc.Year = d.Published[:4]
		}
		out[d.ID] = doc
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
