package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// quoteLine renders a quote for golden files: speaker mention (or -),
// attribution as written, cue, continuation, text.
func quoteLine(q Quote, ms []Mention) string {
	sp := "-"
	if q.Speaker >= 0 {
		sp = ms[q.Speaker].Text + " (" + ms[q.Speaker].Type + ")"
	}
	cont := ""
	if q.Continues >= 0 {
		cont = fmt.Sprintf(" continues #%d", q.Continues)
	}
	return fmt.Sprintf("%s | as %q | %s%s | %s", sp, q.As, q.Cue, cont, q.Text)
}

// markup is the hand-made mention syntax of testdata/quotes/cases.txt:
// [Nathan Freed Wessler]{PER}. It keeps these tests independent of the
// statistical tagger.
var markup = regexp.MustCompile(`\[([^\]]+)\]\{([A-Z]+)\}`)

func parseMarked(s string) (string, []Mention) {
	var b strings.Builder
	var ms []Mention
	last := 0
	for _, m := range markup.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(s[last:m[0]])
		start := b.Len()
		b.WriteString(s[m[2]:m[3]])
		ms = append(ms, Mention{Start: start, End: b.Len(), Type: s[m[4]:m[5]], Text: s[m[2]:m[3]]})
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String(), ms
}

// TestQuoteCases runs testdata/quotes/cases.txt: cases separated by lines
// "=== name", each a text with marked mentions, a line "---", and the
// expected quotes, one line each (none: no quote).
func TestQuoteCases(t *testing.T) {
	b, err := os.ReadFile("testdata/quotes/cases.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range strings.Split(string(b), "\n=== ")[1:] {
		name, rest, _ := strings.Cut(c, "\n")
		in, want, ok := strings.Cut(rest, "\n---\n")
		if !ok {
			t.Fatalf("%s: no --- line", name)
		}
		t.Run(name, func(t *testing.T) {
			text, ms := parseMarked(strings.TrimRight(in, "\n"))
			var got []string
			for _, q := range Quotes(text, ms) {
				got = append(got, quoteLine(q, ms))
				if text[q.Start:q.End] != q.Text || q.AsStart > q.AsEnd || q.As != text[q.AsStart:q.AsEnd] {
					t.Errorf("offsets do not match the text: %+v", q)
				}
			}
			w := strings.TrimSpace(want)
			if w == "none" {
				w = ""
			}
			if g := strings.Join(got, "\n"); g != w {
				t.Errorf("got\n%s\nwant\n%s", g, w)
			}
		})
	}
}

// TestQuoteSeeds checks the quotes of the seed articles, annotated with the
// real tagger: the ones the archive's stories rest on. (The full list is
// logged with -v; it is not a snapshot because the tagger keeps improving.)
func TestQuoteSeeds(t *testing.T) {
	as := readSeeds(t, "testdata/quotes/seeds")
	for _, a := range as {
		for i, q := range a.Quotes {
			t.Logf("%s %d. %s", a.Doc.ID, i, quoteLine(q, a.Mentions))
		}
	}
	// The targets hold whatever the snapshot says.
	find := func(doc, text string) *Quote {
		for _, a := range as {
			if a.Doc.ID == doc {
				for i := range a.Quotes {
					if strings.Contains(a.Quotes[i].Text, text) {
						return &a.Quotes[i]
					}
				}
			}
		}
		return nil
	}
	speaker := func(doc string, q *Quote) string {
		for _, a := range as {
			if a.Doc.ID == doc && q != nil && q.Speaker >= 0 {
				return a.Mentions[q.Speaker].Text
			}
		}
		return ""
	}
	for _, c := range []struct{ doc, text, speaker string }{
		{"001-b789e277a2dbde8d", "grave chilling effect", "Twitter"},
		{"002-82a1d53433710624", "grave chilling effect", "Twitter"},
		{"003-769502ac06647d7f", "grave chilling effect", "Twitter"},
		{"000-448d55b14e4fb1fa", "strong justification", "Nathan Freed Wessler"},
		{"001-b789e277a2dbde8d", "strong justification", "Nathan Freed Wessler"},
		{"001-b789e277a2dbde8d", "no reason at all", "Nathan Freed Wessler"}, // continues the quote before
		{"002-82a1d53433710624", "no reason at all", "Nathan Freed Wessler"},
		{"004-f94bbdb401a6c542", "have not come close", "Twitter"}, // "the company's lawyers"
	} {
		q := find(c.doc, c.text)
		if q == nil {
			t.Errorf("%s: no quote with %q", c.doc, c.text)
			continue
		}
		if s := speaker(c.doc, q); s != c.speaker {
			t.Errorf("%s: %q attributed to %q, want %q", c.doc, c.text, s, c.speaker)
		}
	}
}

func readSeeds(t testing.TB, dir string) []*Analysis {
	t.Helper()
	files, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	fh, err := os.Open(filepath.Join(dir, CatalogFile))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cat, _, err := ParseCatalog(fh)
	if err != nil {
		t.Fatal(err)
	}
	var out []*Analysis
	for _, r := range ReadAll(context.Background(), files, Options{Dir: dir, Catalog: cat}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		out = append(out, r.Analysis)
	}
	return out
}

// FuzzQuotes: any text and mentions give quotes whose offsets point into
// the text and whose speakers are mentions.
func FuzzQuotes(f *testing.F) {
	b, _ := os.ReadFile("testdata/quotes/cases.txt")
	for _, c := range strings.Split(string(b), "\n=== ")[1:] {
		in, _, _ := strings.Cut(c, "\n---\n")
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, ms := parseMarked(s)
		for i, q := range Quotes(text, ms) {
			if q.Start < 0 || q.End > len(text) || q.Start > q.End || text[q.Start:q.End] != q.Text {
				t.Fatalf("quote %d: bad offsets %+v", i, q)
			}
			if q.As != text[q.AsStart:q.AsEnd] || q.Speaker >= len(ms) || q.Continues >= i {
				t.Fatalf("quote %d: bad attribution %+v", i, q)
			}
		}
	})
}
