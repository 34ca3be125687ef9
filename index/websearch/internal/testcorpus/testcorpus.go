// Package testcorpus loads the synthetic benchmark corpus written by
// shared/bench/gen-corpus.mjs (Markdown with YAML front matter) and the seed
// articles, and indexes them with casefile's bleve mapping. It stands in for
// the build pipeline in the websearch tests and benchmark, so that both can
// exercise the exporter on a realistic index without depending on cmd/.
package testcorpus

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"casefile/index"
	"casefile/index/websearch"

	"github.com/blevesearch/bleve/v2"
)

// Item is one corpus document: what the pipeline would give bleve plus the
// page metadata the site would give the exporter.
type Item struct {
	ID  string
	Doc index.IndexDoc
	// Names of the entities, parallel to Doc.Entity.
	EntityNames []string
}

var orgSuffixes = map[string]bool{"Holdings": true, "Group": true, "Corp": true, "Bank": true,
	"Partners": true, "Industries": true, "Media": true, "Energy": true, "Labs": true, "Trust": true}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes an entity id from a display name.
func Slug(s string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// LoadGen reads OUTDIR/content/{news,filings}/*.md written by gen-corpus.mjs.
func LoadGen(dir string) ([]Item, error) {
	var items []Item
	for _, sub := range []string{"news", "filings"} {
		files, err := filepath.Glob(filepath.Join(dir, "content", sub, "*.md"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			it, err := parseMarkdown(string(b))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			base := strings.TrimSuffix(filepath.Base(f), ".md")
			it.ID = base
			it.Doc.Path = sub + "/" + filepath.Base(f)
			items = append(items, it)
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].ID < items[j].ID })
	return items, nil
}

func parseMarkdown(s string) (Item, error) {
	var it Item
	if !strings.HasPrefix(s, "---\n") {
		return it, fmt.Errorf("no front matter")
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		return it, fmt.Errorf("unterminated front matter")
	}
	fm, body := s[4:4+end], s[4+end+5:]
	sc := bufio.NewScanner(strings.NewReader(fm))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			continue
		}
		unq := func() string {
			var x string
			if json.Unmarshal([]byte(v), &x) == nil {
				return x
			}
			return v
		}
		switch k {
		case "title":
			it.Doc.Title = unq()
		case "date":
			it.Doc.Date = v
			if len(v) >= 4 {
				it.Doc.Year = v[:4]
			}
		case "doctype":
			it.Doc.DocType = unq()
		case "source":
			it.Doc.Source = unq()
		case "entities":
			var names []string
			if err := json.Unmarshal([]byte(v), &names); err != nil {
				return it, err
			}
			seen := map[string]bool{}
			types := map[string]bool{}
			for _, n := range names {
				id := Slug(n)
				if seen[id] {
					continue
				}
				seen[id] = true
				it.Doc.Entity = append(it.Doc.Entity, id)
				it.EntityNames = append(it.EntityNames, n)
				types[entityType(n)] = true
			}
			for t := range types {
				it.Doc.EType = append(it.Doc.EType, t)
			}
			sort.Strings(it.Doc.EType)
		}
	}
	it.Doc.Text = strings.TrimSpace(body)
	return it, nil
}

func entityType(name string) string {
	f := strings.Fields(name)
	if len(f) > 0 && orgSuffixes[f[len(f)-1]] {
		return "ORG"
	}
	return "PER"
}

// LoadSeeds reads the seed articles (plain text; first non-empty line is the
// title, a "date YYYY-MM-DD" header line gives the date).
func LoadSeeds(dir string) ([]Item, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	dateRe := regexp.MustCompile(`\b(20\d\d)-(\d\d)-(\d\d)\b`)
	var items []Item
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		text := string(b)
		var it Item
		it.ID = strings.ReplaceAll(strings.TrimSuffix(filepath.Base(f), ".txt"), "_", "-")
		for _, line := range strings.Split(text, "\n") {
			if t := strings.TrimSpace(line); t != "" {
				it.Doc.Title = t
				if len(it.Doc.Title) > 120 {
					it.Doc.Title = it.Doc.Title[:strings.LastIndex(it.Doc.Title[:120], " ")]
				}
				break
			}
		}
		if m := dateRe.FindStringSubmatch(text); m != nil {
			it.Doc.Date = m[0]
			it.Doc.Year = m[1]
		}
		it.Doc.Text = text
		it.Doc.Source = "seed"
		it.Doc.DocType = "news"
		it.Doc.Path = "seeds/" + filepath.Base(f)
		for _, e := range []string{"Twitter", "ALT_USCIS", "Department of Homeland Security"} {
			if strings.Contains(text, e) {
				it.Doc.Entity = append(it.Doc.Entity, Slug(e))
				it.EntityNames = append(it.EntityNames, e)
			}
		}
		if len(it.Doc.Entity) > 0 {
			it.Doc.EType = []string{"ORG"}
		}
		items = append(items, it)
	}
	return items, nil
}

// BuildIndex indexes items into a new bleve index at path, batchSize
// documents per batch (0: one batch).
func BuildIndex(path string, items []Item, batchSize int) (bleve.Index, error) {
	idx, err := bleve.New(path, index.NewMapping())
	if err != nil {
		return nil, err
	}
	if batchSize <= 0 {
		batchSize = len(items) + 1
	}
	b := idx.NewBatch()
	for i, it := range items {
		if err := b.Index(it.ID, it.Doc); err != nil {
			idx.Close()
			return nil, err
		}
		if b.Size() >= batchSize || i == len(items)-1 {
			if err := idx.Batch(b); err != nil {
				idx.Close()
				return nil, err
			}
			b = idx.NewBatch()
		}
	}
	return idx, nil
}

// Key is a document's Key for websearch.Doc: a hash of what is indexed.
func Key(d index.IndexDoc) string {
	b, _ := json.Marshal(d)
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:16])
}

// Meta returns the page metadata and entity table the site would pass to
// websearch.Export.
func Meta(items []Item) ([]websearch.Doc, []websearch.Entity) {
	docs := make([]websearch.Doc, 0, len(items))
	ents := map[string]websearch.Entity{}
	for _, it := range items {
		docs = append(docs, websearch.Doc{ID: it.ID, URL: "docs/" + it.ID + ".html", Title: it.Doc.Title,
			Date: it.Doc.Date, Source: it.Doc.Source, DocType: it.Doc.DocType, Key: Key(it.Doc)})
		for i, id := range it.Doc.Entity {
			ents[id] = websearch.Entity{ID: id, Name: it.EntityNames[i], Type: entityType(it.EntityNames[i])}
		}
	}
	out := make([]websearch.Entity, 0, len(ents))
	for _, e := range ents {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return docs, out
}
