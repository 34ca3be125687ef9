package extract

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// CatalogFile is the archivist's spreadsheet of metadata, at the corpus root.
const CatalogFile = "catalog.csv"

// Entry is one catalog row: metadata an archivist supplies for a file whose
// text lacks it. Empty fields leave the file's own metadata alone.
type Entry struct {
	Path      string // corpus-relative
	Title     string
	Source    string
	Published string // YYYY-MM-DD
	URL       string
	Authors   []string
	DocType   string
	Added     string // YYYY-MM-DD
	Notes     string
}

// Catalog maps corpus-relative paths to their entries.
type Catalog map[string]Entry

var catalogColumns = map[string]string{
	"path": "path", "file": "path", "filename": "path",
	"title": "title", "headline": "title",
	"source": "source", "outlet": "source", "publisher": "source",
	"published": "published", "date": "published", "pubdate": "published",
	"url": "url", "link": "url",
	"authors": "authors", "author": "authors", "byline": "authors",
	"doctype": "doctype", "type": "doctype",
	"added": "added", "date_added": "added",
	"notes": "notes", "note": "notes",
}

// ParseCatalog reads catalog CSV. Column names are matched case-insensitively
// and may come in any order; "path" is required. Problems with single rows
// come back as warnings; an unreadable file is an error.
func ParseCatalog(r io.Reader) (Catalog, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Catalog{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("catalog: %w", err)
	}
	cols := make([]string, len(header))
	hasPath := false
	var warn []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		cols[i] = catalogColumns[h]
		if cols[i] == "" && h != "" {
			warn = append(warn, fmt.Sprintf("catalog: unknown column %q ignored", header[i]))
		}
		hasPath = hasPath || cols[i] == "path"
	}
	if !hasPath {
		return nil, warn, errors.New(`catalog: no "path" column in the header row`)
	}
	cat := Catalog{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			warn = append(warn, fmt.Sprintf("catalog: %v", err))
			continue
		}
		line, _ := cr.FieldPos(0)
		var e Entry
		for i, v := range rec {
			if i >= len(cols) {
				break
			}
			v = strings.TrimSpace(v)
			switch cols[i] {
			case "path":
				e.Path = path.Clean(strings.TrimPrefix(strings.ReplaceAll(v, "\\", "/"), "./"))
			case "title":
				e.Title = normalizeSpace(v)
			case "source":
				e.Source = normalizeSpace(v)
			case "url":
				e.URL = v
			case "authors":
				for _, a := range strings.Split(v, ";") {
					if a = normalizeSpace(a); a != "" {
						e.Authors = append(e.Authors, a)
					}
				}
			case "doctype":
				e.DocType = strings.ToLower(v)
			case "notes":
				e.Notes = v
			case "published", "added":
				if v == "" {
					continue
				}
				d, ok := parseDate(v)
				if !ok {
					warn = append(warn, fmt.Sprintf("catalog line %d: %s %q is not a date (use YYYY-MM-DD)", line, cols[i], v))
					continue
				}
				if cols[i] == "published" {
					e.Published = d
				} else {
					e.Added = d
				}
			}
		}
		if e.Path == "" || e.Path == "." {
			if strings.Join(rec, "") != "" {
				warn = append(warn, fmt.Sprintf("catalog line %d: no path", line))
			}
			continue
		}
		if _, dup := cat[e.Path]; dup {
			warn = append(warn, fmt.Sprintf("catalog line %d: %s is listed twice; the later row wins", line, e.Path))
		}
		cat[e.Path] = e
	}
	return cat, warn, nil
}
