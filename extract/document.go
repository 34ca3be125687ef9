package extract

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
)

// Version changes whenever reading or annotation would give different results
// for the same input, so caches keyed by content hash are invalidated.
const Version = "extract-3"

// Document is one corpus file after reading: its metadata and clean text.
type Document struct {
	ID        string   `json:"id"`               // stable slug of the corpus-relative path
	Path      string   `json:"path"`             // corpus-relative, slash-separated
	Format    string   `json:"format"`           // txt, md or html
	Title     string   `json:"title"`            // never empty: falls back to the file name
	Source    string   `json:"source,omitempty"` // outlet or publisher
	URL       string   `json:"url,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	DocType   string   `json:"doctype,omitempty"`   // article, filing, ...
	Published string   `json:"published,omitempty"` // YYYY-MM-DD: the date the document carries
	DateFrom  string   `json:"date_from,omitempty"` // where Published came from: catalog, front-matter, header, meta, json-ld, time, dateline, inferred
	Added     string   `json:"added,omitempty"`     // YYYY-MM-DD the archivist added it (catalog)
	Summary   string   `json:"summary,omitempty"`
	Text      string   `json:"text"`   // clean text: blocks separated by a blank line
	Blocks    []Block  `json:"blocks"` // paragraphs and headings of Text, in order
	Hash      string   `json:"hash"`   // SHA-256 of the raw file, hex
	// Key identifies the analysis: the file's content, id and catalog row and
	// the code that read it (see Cache). Equal keys mean equal analyses, so
	// the site reuses pages built from them. Empty when not known.
	Key      string   `json:"key,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

// Block is a paragraph or heading: Text[Start:End].
type Block struct {
	Kind  string `json:"kind"` // "p" or "h"
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Errors that make a file unusable. Read wraps them in a *FileError.
var (
	ErrUnsupported = errors.New("unsupported file type")
	ErrBinary      = errors.New("binary content, not text")
	ErrEmpty       = errors.New("no text")
)

// FileError is a problem with one corpus file: what the build report shows.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// FormatOf returns the reader format for a file name, or "" if casefile
// cannot read it.
func FormatOf(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return "txt"
	case ".md", ".markdown", ".mdown", ".mkd":
		return "md"
	case ".html", ".htm", ".xhtml":
		return "html"
	}
	return ""
}

// Slug lowercases s and replaces every run of characters other than letters
// and digits with a single '-'. It is used for document and entity ids, so it
// must stay stable.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		if b.Len() >= 100 { // keep file names short
			break
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(unicode.ToLower(foldAccent(r)))
	}
	return b.String()
}

// foldAccent maps common Latin letters with diacritics to their base letter,
// so ids stay ASCII for most Western names.
func foldAccent(r rune) rune {
	if r < 0xC0 || r > 0x17F {
		return r
	}
	const from = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿ"
	const to = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyy"
	fr := []rune(from)
	for i, f := range fr {
		if f == r {
			return rune(to[i])
		}
	}
	return r
}

// DocID returns the document id for a corpus-relative path: the slug of the
// path without its extension. AssignIDs resolves collisions.
func DocID(rel string) string {
	id := Slug(strings.TrimSuffix(rel, path.Ext(rel)))
	if id == "" {
		id = "doc"
	}
	return id
}

// AssignIDs gives every path a unique document id. Paths are taken in sorted
// order; a path whose slug is already taken gets its extension appended, then
// a number, so ids do not depend on the order files were found in.
func AssignIDs(paths []string) map[string]string {
	sorted := append([]string(nil), paths...)
	sort.Strings(sorted)
	ids := make(map[string]string, len(paths))
	used := make(map[string]bool, len(paths))
	for _, p := range sorted {
		id := DocID(p)
		if used[id] {
			if ext := Slug(path.Ext(p)); ext != "" {
				id += "-" + ext
			}
			for n, base := 2, id; used[id]; n++ {
				id = fmt.Sprintf("%s-%d", base, n)
			}
		}
		used[id] = true
		ids[p] = id
	}
	return ids
}
