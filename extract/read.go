package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
)

// Read turns one corpus file into a Document. rel is the corpus-relative
// path, id the document id (see AssignIDs), entry the file's catalog row
// (nil if none). Catalog values win over the file's own metadata: they are an
// archivist's deliberate decision. Errors are *FileError values naming the
// file and the reason.
func Read(rel, id string, raw []byte, entry *Entry) (*Document, error) {
	format := FormatOf(rel)
	if format == "" {
		ext := path.Ext(rel)
		if ext == "" {
			ext = "(no extension)"
		}
		return nil, &FileError{rel, fmt.Errorf("%w %s (casefile reads .txt, .md and .html)", ErrUnsupported, ext)}
	}
	if len(raw) == 0 {
		return nil, &FileError{rel, fmt.Errorf("%w: the file is empty", ErrEmpty)}
	}
	src, warn, err := decode(raw)
	if err != nil {
		return nil, &FileError{rel, err}
	}
	sum := sha256.Sum256(raw)
	doc := &Document{ID: id, Path: rel, Format: format, Hash: hex.EncodeToString(sum[:]), Warnings: warn}

	var m meta
	var blocks []block
	var more []string
	switch format {
	case "txt":
		m, blocks = readTxt(src)
	case "md":
		m, blocks, more = readMarkdown(src)
	case "html":
		m, blocks, more = readHTML(src)
	}
	doc.Warnings = append(doc.Warnings, more...)
	if entry != nil {
		applyEntry(&m, entry)
		doc.Added = entry.Added
	}

	blocks, _ = stripBoilerplate(blocks, m.Source)
	// A byline near the top is metadata, not text.
	for i := 0; i < len(blocks) && i < 3; i++ {
		if names, ok := byline(blocks[i].text); ok {
			if len(m.Authors) == 0 {
				m.Authors = names
			}
			blocks = append(blocks[:i:i], blocks[i+1:]...)
			break
		}
	}
	if format == "txt" && m.Headline == "" && len(blocks) > 1 && blocks[0].kind == "h" {
		m.Headline = blocks[0].text
		blocks = blocks[1:]
	}
	switch {
	case m.Headline == "":
	case m.Title == "":
		m.Title = m.Headline
	case !sameTitle(m.Headline, m.Title) && m.Summary == "":
		m.Summary = m.Headline
	}
	// The headline often opens the text as well: keep it once, as the title.
	if len(blocks) > 0 && m.Title != "" && sameTitle(blocks[0].text, m.Title) {
		blocks = blocks[1:]
	}
	doc.Text, doc.Blocks = assemble(blocks)
	if strings.TrimSpace(doc.Text) == "" {
		return nil, &FileError{rel, fmt.Errorf("%w: nothing left after removing markup and boilerplate", ErrEmpty)}
	}

	doc.Title = m.Title
	if doc.Title == "" {
		doc.Title = titleFromPath(rel)
	}
	doc.Source, doc.URL, doc.Authors, doc.DocType = m.Source, m.URL, m.Authors, m.DocType
	doc.Published, doc.DateFrom, doc.Summary = m.Published, m.DateFrom, m.Summary
	if doc.Summary != "" && strings.HasPrefix(doc.Text, strings.TrimRight(doc.Summary, ". …")) {
		doc.Summary = "" // a truncated copy of the first paragraph says nothing new
	}
	return doc, nil
}

func applyEntry(m *meta, e *Entry) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&m.Title, e.Title)
	set(&m.Source, e.Source)
	set(&m.URL, e.URL)
	set(&m.DocType, e.DocType)
	if e.Published != "" {
		m.Published, m.DateFrom = e.Published, "catalog"
	}
	if len(e.Authors) > 0 {
		m.Authors = e.Authors
	}
}

// titleFromPath makes a readable title from a file name: "court-ruling_2017.txt"
// becomes "court ruling 2017".
func titleFromPath(rel string) string {
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	t := strings.Join(strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }), " ")
	if t == "" {
		return rel
	}
	return t
}
