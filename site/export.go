package site

import (
	"bytes"
	"cmp"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"casefile/index"
)

// The exports under data/ are casefile's stable interface for researchers
// and tools. Offsets in them count Unicode code points (as Python and most
// tools do), end exclusive; lists inside CSV cells are joined with "|".

type docExport struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Source    string   `json:"source"`
	URL       string   `json:"url"`
	Published string   `json:"published"`
	DateFrom  string   `json:"date_from"`
	Added     string   `json:"added,omitempty"`
	Authors   []string `json:"authors"`
	DocType   string   `json:"doctype"`
	Path      string   `json:"path"`
	Page      string   `json:"page"`
	Hash      string   `json:"sha256"`
	Entities  []string `json:"entities"`
	Story     *string  `json:"story"`             // id of its story, null if none
	SameAs    string   `json:"same_as,omitempty"` // the document this one copies
}

// quoteExport is a quote in quotes.json: offsets in code points.
type quoteExport struct {
	ID          string           `json:"id"`
	Speaker     string           `json:"speaker"`
	SpeakerName string           `json:"speaker_name"`
	Text        string           `json:"text"`
	Docs        []string         `json:"documents"`
	Citations   []citationExport `json:"citations"`
}

type citationExport struct {
	Doc     string `json:"document"`
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	As      string `json:"speaker_as"`
	Partial bool   `json:"partial"`
}

type storyExport struct {
	ID       string           `json:"id"`
	Title    string           `json:"title"`
	Date     string           `json:"date"`
	Last     string           `json:"last"`
	Count    int              `json:"count"`
	Sources  []string         `json:"sources"`
	Entities []string         `json:"entities"`
	Page     string           `json:"page"`
	Docs     []index.StoryDoc `json:"documents"`
}

func (r *renderer) exports() error {
	l, keys := r.lk(), r.exportKeys()
	var jerr error
	docsOpen, docsClose := jsonOpen, jsonClose
	if len(r.c.Docs) == 0 {
		docsOpen, docsClose = jsonEmpty, ""
	}
	if err := r.exportBlocks("data/documents.json", keys.docs, []byte(docsOpen), []byte(jsonSep), []byte(docsClose), len(r.c.Docs), keys.docBlocks, func(i int, b []byte) []byte {
		d := r.c.Docs[i].Doc
		// its distinct entities, sorted by index and so by id
		ents := make([]string, len(l.docEntIx[i]))
		for k, x := range l.docEntIx[i] {
			ents[k] = r.c.Entities[x].ID
		}
		authors := d.Authors
		if authors == nil {
			authors = []string{}
		}
		var story *string
		if s := l.storyAt[i]; s != nil {
			story = &s.ID
		}
		b, err := appendJSONElem(b, docExport{d.ID, d.Title, d.Source, d.URL, d.Published, d.DateFrom, d.Added, authors, d.DocType,
			d.Path, "docs/" + d.ID + ".html", d.Hash, ents, story, r.c.SameAs[d.ID]})
		if err != nil && jerr == nil {
			jerr = err
		}
		return b
	}); err != nil || jerr != nil {
		return cmp.Or(err, jerr)
	}
	if err := r.export("data/entities.json", keys.entities, func(w io.Writer) error {
		return writeJSON(w, r.c.Entities)
	}); err != nil {
		return err
	}
	if err := r.exportCSV("data/entities.csv", keys.entities, func(c *csvFile) {
		c.row("id", "name", "type", "aliases", "documents", "mentions")
		for _, e := range r.c.Entities {
			c.row(e.ID, e.Name, e.Type, strings.Join(e.Aliases, "|"), strings.Join(e.Docs, "|"), strconv.Itoa(e.Mentions))
		}
	}); err != nil {
		return err
	}
	if err := r.exportBlocks("data/mentions.csv", keys.mentions, appendCSVRow(nil, []string{"document", "entity", "start", "end", "text", "type"}), nil, nil, len(r.c.Docs), keys.mentionBlocks, func(i int, b []byte) []byte {
		a := r.c.Docs[i]
		conv := newOffsets(a.Doc.Text)
		for j, m := range a.Mentions {
			id := r.c.Links[i][j]
			if id == "" {
				continue
			}
			b = appendCSVRow(b, []string{a.Doc.ID, id, strconv.Itoa(conv.at(m.Start)), strconv.Itoa(conv.at(m.End)), m.Text, m.Type})
		}
		return b
	}); err != nil {
		return err
	}
	if err := r.export("data/timeline.json", keys.timeline, func(w io.Writer) error {
		return writeJSON(w, r.c.Timeline)
	}); err != nil {
		return err
	}
	if err := r.exportCSV("data/timeline.csv", keys.timeline, func(c *csvFile) {
		c.row("id", "date", "granularity", "summary", "documents", "entities")
		for _, ev := range r.c.Timeline {
			c.row(ev.ID, ev.Date, ev.Granularity, ev.Summary, strings.Join(ev.Docs, "|"), strings.Join(ev.Entities, "|"))
		}
	}); err != nil {
		return err
	}
	// quotes and stories are few next to the rest: made every time
	if err := r.export("data/quotes.json", "", func(w io.Writer) error {
		return writeJSON(w, r.quoteExports())
	}); err != nil {
		return err
	}
	return r.export("data/stories.json", "", func(w io.Writer) error {
		stories := []storyExport{}
		for _, s := range r.c.Stories {
			stories = append(stories, storyExport{s.ID, s.Title, s.Date, s.Last, s.Count, s.Sources, s.Entities, "stories/" + s.ID + ".html", s.Docs})
		}
		return writeJSON(w, stories)
	})
}

func (r *renderer) quoteExports() []quoteExport {
	out := []quoteExport{}
	for _, q := range r.c.Quotes {
		e := quoteExport{ID: q.ID, Speaker: q.Speaker, Text: q.Text, Docs: q.Docs}
		if s := r.c.Entity(q.Speaker); s != nil {
			e.SpeakerName = s.Name
		}
		for _, c := range q.Citations {
			conv := newOffsets(r.docs[c.Doc].Text)
			e.Citations = append(e.Citations, citationExport{c.Doc, c.Text, conv.at(c.Start), conv.at(c.End), c.As, c.Partial})
		}
		out = append(out, e)
	}
	return out
}

// export makes one export through write, streamed when the Writer can
// stream and buffered otherwise. With a key (exportKeys) and an Output, a
// file the previous build made from the same key is kept as it is, and
// write does not run.
func (r *renderer) export(name, key string, write func(io.Writer) error) error {
	w, err := r.create(name, key)
	if w == nil || err != nil {
		return err
	}
	if err := write(w); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// keyedCreator is an Output that can keep a streamed file for its key.
type keyedCreator interface {
	CreateKeyed(name, key string) (io.WriteCloser, error)
}

// create opens an export: nil if the Output kept the previous build's file
// for key.
func (r *renderer) create(name, key string) (io.WriteCloser, error) {
	if out, ok := r.out.(keyedCreator); ok && key != "" {
		return out.CreateKeyed(name, key)
	}
	if out, ok := r.out.(interface {
		Create(name string) (io.WriteCloser, error)
	}); ok {
		return out.Create(name)
	}
	return &bufferedFile{name: name, out: r.out}, nil
}

// exportCSV is export for a CSV file written row by row.
func (r *renderer) exportCSV(name, key string, rows func(*csvFile)) error {
	return r.export(name, key, func(w io.Writer) error {
		c := &csvFile{w: w, buf: make([]byte, 0, 64<<10)}
		rows(c)
		c.flush()
		return c.err
	})
}

type bufferedFile struct {
	bytes.Buffer
	name string
	out  Writer
}

func (b *bufferedFile) Close() error { return b.out.WriteFile(b.name, b.Bytes()) }

// A slice's layout in the JSON exports, encoding/json's indented one: the
// elements (appendJSONElem) between jsonOpen and jsonClose, separated by
// jsonSep; an empty slice is jsonEmpty.
const jsonOpen, jsonSep, jsonClose, jsonEmpty = "[\n", ",\n", "\n]\n", "[]\n"

// appendJSONElem appends v as an element of a slice in that layout.
func appendJSONElem(b []byte, v any) ([]byte, error) { return appendJSON(append(b, ' '), v, " ") }

// writeJSON writes an indented JSON value (appendJSON, encoding/json's
// layout); a slice is streamed element by element, so exports of large
// corpora never sit whole in memory.
func writeJSON(w io.Writer, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice || rv.Len() == 0 {
		b, err := appendJSON(nil, v, "")
		if err != nil {
			return err
		}
		_, err = w.Write(append(b, '\n'))
		return err
	}
	if _, err := io.WriteString(w, jsonOpen); err != nil {
		return err
	}
	var buf []byte
	var err error
	for i := 0; i < rv.Len(); i++ {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, jsonSep...)
		}
		if buf, err = appendJSONElem(buf, rv.Index(i).Interface()); err != nil {
			return err
		}
		if _, err = w.Write(buf); err != nil {
			return err
		}
	}
	_, err = io.WriteString(w, jsonClose)
	return err
}

// csvFile streams CSV rows into an export, byte for byte as encoding/csv
// writes them (comma, "\n" line ends): a field is quoted when it holds a
// comma, a quote, a CR or LF, starts with a Unicode space or is \.; inside
// quotes a quote is doubled and nothing else changes. encoding/csv tested
// each field a byte at a time, and the documents lists of entities.csv
// run to hundreds of kilobytes: 1.02 s of CPU for the three CSV exports of
// a 50,000-document site. A long field is scanned with IndexByte, in
// vector steps; a short one, as most are, in one pass over a table.
type csvFile struct {
	w   io.Writer
	buf []byte
	err error
}

func (f *csvFile) row(fields ...string) {
	f.buf = appendCSVRow(f.buf, fields)
	if len(f.buf) >= 64<<10 {
		f.flush()
	}
}

func (f *csvFile) flush() {
	if f.err == nil && len(f.buf) > 0 {
		_, f.err = f.w.Write(f.buf)
	}
	f.buf = f.buf[:0]
}

// appendCSVRow appends one record, as csv.Writer.Write writes it.
func appendCSVRow(b []byte, fields []string) []byte {
	for i, field := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		if !csvNeedsQuotes(field) {
			b = append(b, field...)
			continue
		}
		b = append(b, '"')
		for {
			j := strings.IndexByte(field, '"')
			if j < 0 {
				break
			}
			b = append(append(b, field[:j+1]...), '"')
			field = field[j+1:]
		}
		b = append(append(b, field...), '"')
	}
	return append(b, '\n')
}

var csvSpecial = [256]bool{',': true, '"': true, '\n': true, '\r': true}

func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if len(field) < 64 { // most are short (mentions.csv: 14 million): one pass, no calls
		for i := 0; i < len(field); i++ {
			if csvSpecial[field[i]] {
				return true
			}
		}
	} else if strings.IndexByte(field, ',') >= 0 || strings.IndexByte(field, '"') >= 0 ||
		strings.IndexByte(field, '\n') >= 0 || strings.IndexByte(field, '\r') >= 0 {
		return true
	}
	if c := field[0]; c < utf8.RuneSelf { // unicode.IsSpace, for ASCII
		return c == ' ' || '\t' <= c && c <= '\r' || field == `\.`
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

// offsets converts increasing byte offsets into code-point offsets in one
// pass over the text.
type offsets struct {
	text        string
	byteOff, cp int
}

func newOffsets(text string) *offsets { return &offsets{text: text} }

func (o *offsets) at(b int) int {
	if b < o.byteOff { // not increasing: start again
		o.byteOff, o.cp = 0, 0
	}
	o.cp += utf8.RuneCountInString(o.text[o.byteOff:b])
	o.byteOff = b
	return o.cp
}
