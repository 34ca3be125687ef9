package site

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casefile/index"
)

// encodingJSON is what the exports were written with before appendJSON, the
// reference: encoding/json's Encoder, HTML escaping off, indented.
func encodingJSON(t testing.TB, v any, prefix string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, " ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// tricky is text that JSON must escape, or that looks as if it must.
const tricky = "a \"quote\", a \\ backslash, <html> & co, \x00\x01\x1f\x7f \b\f\n\r\t, caf\u00e9, \u2028\u2029, \xff\xfe bad UTF-8, \U0001F600"

// TestJSONWriter: appendJSON writes every kind of export record exactly as
// encoding/json does: nil and empty lists, omitted and present optional
// fields, null pointers, and strings with everything JSON escapes.
func TestJSONWriter(t *testing.T) {
	story := "2017-04-06-twitter"
	values := []any{
		docExport{ID: "a", Title: tricky, Authors: []string{}, Entities: nil},
		docExport{ID: "b", Added: "2017-05-01", Authors: []string{"x", tricky}, Entities: []string{"e1", "e2"}, Story: &story, SameAs: "a"},
		[]docExport{{ID: "c"}, {ID: "d", Story: &story}},
		&index.Entity{ID: "e", Name: tricky, Aliases: []string{}, Docs: []string{"a", "b"}, Mentions: 3},
		index.Entity{},
		&index.Event{ID: "v", Reports: []index.EventReport{{Doc: "a", Sentence: tricky, Start: 0, End: -1}, {}}},
		quoteExport{ID: "q", Citations: []citationExport{{Doc: "a", Partial: true}, {}}},
		storyExport{ID: "s", Docs: []index.StoryDoc{{ID: "a", SameAs: "b"}, {ID: "c", Entities: []string{}}}},
		[]quoteExport{},
		[]string(nil),
		(*index.Entity)(nil),
		struct{}{},
		struct {
			A int  `json:"a,omitempty"`
			B bool `json:"b,omitempty"`
			C uint `json:"c"`
			D any  `json:"d"`
		}{D: []int{1, -2}},
	}
	for _, v := range values {
		for _, prefix := range []string{"", " "} {
			got, err := appendJSON(nil, v, prefix)
			if err != nil {
				t.Fatalf("%T: %v", v, err)
			}
			if want := encodingJSON(t, v, prefix); !bytes.Equal(got, want) {
				t.Fatalf("%T, prefix %q:\n%s\nencoding/json:\n%s", v, prefix, got, want)
			}
		}
	}
	// What it does not know, it refuses rather than writes differently.
	for _, v := range []any{1.5, map[string]int{"a": 1}, []byte("x"), struct {
		N int `json:"n,string"`
	}{}, time.Time{}, struct {
		T *time.Time `json:"t"`
	}{}} {
		if _, err := appendJSON(nil, v, ""); err == nil {
			t.Errorf("%T: no error", v)
		}
	}
}

// TestSeedExportsLayout: the seed site's JSON exports are byte for byte
// what encoding/json writes of the same records.
func TestSeedExportsLayout(t *testing.T) {
	site := buildSite(t, "testdata/seeds")
	check := func(name string, v any) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(site, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var want []byte
		if n := len(b); n > 2 && b[0] == '[' && b[1] == '\n' {
			// a list: one element at a time, indented by a space
			var elems []json.RawMessage
			json.Unmarshal(b, &elems)
			want = append(want, "[\n"...)
			for i := range elems {
				if i > 0 {
					want = append(want, ",\n"...)
				}
				var e any
				switch name {
				case "documents.json":
					e = &(*v.(*[]docExport))[i]
				case "entities.json":
					e = (*v.(*[]*index.Entity))[i]
				case "timeline.json":
					e = (*v.(*[]*index.Event))[i]
				case "quotes.json":
					e = &(*v.(*[]quoteExport))[i]
				case "stories.json":
					e = &(*v.(*[]storyExport))[i]
				}
				want = append(append(want, ' '), encodingJSON(t, e, " ")...)
			}
			want = append(want, "\n]\n"...)
		} else {
			want = append(encodingJSON(t, v, ""), '\n')
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s differs from encoding/json's layout", name)
		}
	}
	check("documents.json", &[]docExport{})
	check("entities.json", &[]*index.Entity{})
	check("timeline.json", &[]*index.Event{})
	check("quotes.json", &[]quoteExport{})
	check("stories.json", &[]storyExport{})
}

// FuzzJSONString: any string is quoted as encoding/json quotes it.
func FuzzJSONString(f *testing.F) {
	f.Add(tricky)
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendJSONString(nil, s), encodingJSON(t, s, ""); !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, encoding/json %s", s, got, want)
		}
	})
}

// TestJSONStringRuns holds appendJSONString to encoding/json on strings
// where the bytes to escape fall at every offset of the eight-byte steps,
// between runs of plain ASCII.
func TestJSONStringRuns(t *testing.T) {
	parts := []string{"a", "plain words ", "0123456789abcdef", `"`, `\`, "\n", "\x00", "\x1f", " ", "~", "\x7f", "é", "\u2028", "\u2029", "\xff", "\xe2\x80", "<&>"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var sb strings.Builder
		for range rng.IntN(12) {
			sb.WriteString(parts[rng.IntN(len(parts))])
		}
		s := sb.String()
		if got, want := appendJSONString(nil, s), encodingJSON(t, s, ""); !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, encoding/json %s", s, got, want)
		}
	}
}

func BenchmarkJSONString(b *testing.B) {
	long := strings.Repeat("The court granted the motion to dismiss the complaint on April 7, 2017. ", 8)
	short := []string{"doc-000123", "acme-corp", "2017-04-07", "ORG", "Acme Corp", "news/doc-000123.md", "docs/doc-000123.html"}
	b.Run("long", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf = appendJSONString(buf[:0], long)
		}
		b.SetBytes(int64(len(long)))
	})
	b.Run("short", func(b *testing.B) { // seven, as in documents.json
		var buf []byte
		for b.Loop() {
			buf = buf[:0]
			for _, s := range short {
				buf = appendJSONString(buf, s)
			}
		}
	})
}
