package index

import (
	"slices"
)

// Documents returns what the bleve index stores for each document of the
// corpus, by document id.
func Documents(c *Corpus) map[string]*IndexDoc {
	out := make(map[string]*IndexDoc, len(c.Docs))
	for i, a := range c.Docs {
		d := a.Doc
		// Its entities and their types, sorted and distinct: sorting a
		// document's few dozen links costs less than a map per document.
		ents := make([]string, 0, len(c.Links[i]))
		for _, id := range c.Links[i] {
			if id != "" {
				ents = append(ents, id)
			}
		}
		slices.Sort(ents)
		ents = slices.Clip(slices.Compact(ents))
		types := make([]string, len(ents))
		for k, id := range ents {
			types[k] = c.Entity(id).Type
		}
		slices.Sort(types)
		types = slices.Clip(slices.Compact(types))
		doc := &IndexDoc{Title: d.Title, Text: d.Text, Source: d.Source, DocType: d.DocType, Path: d.Path,
			Entity: ents, EType: types}
		if d.Published != "" {
			doc.Date = d.Published + "T00:00:00Z"
			doc.Year = d.Published[:4]
		}
		out[d.ID] = doc
	}
	return out
}
