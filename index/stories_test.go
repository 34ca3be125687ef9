package index

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"casefile/extract"
	"casefile/extract/extracttest"
)

var seedIDs = []string{"000-448d55b14e4fb1fa", "001-b789e277a2dbde8d", "002-82a1d53433710624", "003-769502ac06647d7f", "004-f94bbdb401a6c542"}

var (
	seedOnce sync.Once
	seedDocs []*extract.Analysis
)

// seeds returns fresh copies of the annotated seed articles.
func seeds(t testing.TB) []*extract.Analysis {
	seedOnce.Do(func() { seedDocs = extracttest.ReadCorpus(t, "testdata/seeds") })
	out := make([]*extract.Analysis, len(seedDocs))
	for i, a := range seedDocs {
		c := *a
		out[i] = &c
	}
	return out
}

// generated writes n synthetic documents with the shared generator and
// reads them; it skips without Node.js.
func generated(t testing.TB, n int, seed string) []*extract.Analysis {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the synthetic corpus needs it")
	}
	dir := t.TempDir()
	// the shared generator, as the browser search tests keep it
	gen := "websearch/testdata/gen-corpus.mjs"
	if _, err := os.Stat(gen); err != nil {
		t.Skip("no synthetic corpus generator: ", err)
	}
	cmd := exec.Command(node, gen, itoa(n), dir, seed)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	return extracttest.ReadCorpus(t, filepath.Join(dir, "content"))
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func storyOf(c *Corpus, doc string) *Story {
	for _, s := range c.Stories {
		for _, d := range s.Docs {
			if d.ID == doc {
				return s
			}
		}
	}
	return nil
}

func storyDocIDs(s *Story) []string {
	var ids []string
	for _, d := range s.Docs {
		ids = append(ids, d.ID)
	}
	sort.Strings(ids)
	return ids
}

// TestSeedStory: the five seed articles report one event and form one
// story, none a copy of another.
func TestSeedStory(t *testing.T) {
	c := Resolve(seeds(t), nil)
	if len(c.Stories) != 1 {
		t.Fatalf("%d stories, want 1: %s", len(c.Stories), dump(c.Stories))
	}
	s := c.Stories[0]
	if got := storyDocIDs(s); !slices.Equal(got, seedIDs) {
		t.Fatalf("story documents %v, want %v", got, seedIDs)
	}
	if s.Count != 5 || len(c.SameAs) != 0 {
		t.Errorf("count %d, copies %v: want 5 documents and no copies", s.Count, c.SameAs)
	}
	if s.Date != "2017-04-06" || !strings.HasPrefix(s.ID, "2017-04-06-") {
		t.Errorf("story %q dated %q", s.ID, s.Date)
	}
	t.Logf("story %s %q, key entities %v", s.ID, s.Title, s.Entities)
	for _, d := range s.Docs {
		t.Logf("  %s adds %d entities %v, dates %v, quotes %v", d.ID, len(d.Entities), d.Entities, d.Dates, d.Quotes)
	}
	// what each adds is really its own
	for _, d := range s.Docs {
		for _, e := range d.Entities {
			for _, o := range s.Docs {
				if o.ID != d.ID && slices.Contains(c.Entity(e).Docs, o.ID) {
					t.Errorf("%s adds %s, but %s mentions it too", d.ID, e, o.ID)
				}
			}
		}
	}
}

// TestMixedCorpus: the seeds, mixed into a synthetic corpus of unrelated
// news and filings, still form one story of exactly themselves, and the
// synthetic documents (each about its own event) do not gather into stories.
func TestMixedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a synthetic corpus")
	}
	gen := generated(t, 600, "20240611")
	docs := append(seeds(t), gen...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })
	c := Resolve(docs, nil)
	s := storyOf(c, seedIDs[0])
	if s == nil {
		t.Fatal("the seeds form no story")
	}
	if got := storyDocIDs(s); !slices.Equal(got, seedIDs) {
		t.Errorf("the seed story holds %v, want exactly the seeds", got)
	}
	merged := 0
	for _, st := range c.Stories {
		if st != s {
			merged += len(st.Docs)
			t.Logf("synthetic story %s: %v", st.ID, storyDocIDs(st))
		}
	}
	// The generator's documents share popular names and words by design but
	// no events; a few chance pairs are tolerable, clusters are not.
	if merged > len(gen)/50 {
		t.Errorf("%d of %d unrelated synthetic documents were put into stories", merged, len(gen))
	}
	for _, st := range c.Stories {
		if len(st.Docs) > 5 && st != s {
			t.Errorf("story %s gathers %d unrelated documents", st.ID, len(st.Docs))
		}
	}

	// Adding unrelated documents does not rename the seed story.
	alone := Resolve(seeds(t), nil)
	if alone.Stories[0].ID != s.ID {
		t.Errorf("seed story is %q alone and %q in the mixed corpus", alone.Stories[0].ID, s.ID)
	}
}

// TestOtherEvents: articles about other events involving the same
// organisations (Twitter's earnings three weeks later; Homeland Security's
// travel guidance a month before) make their own story or none, and do not
// join the seed story.
func TestOtherEvents(t *testing.T) {
	docs := append(seeds(t), extracttest.ReadCorpus(t, "testdata/other")...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })
	c := Resolve(docs, nil)
	if s := storyOf(c, seedIDs[0]); s == nil || !slices.Equal(storyDocIDs(s), seedIDs) {
		t.Fatalf("seed story %s", dump(s))
	}
	earnings := storyOf(c, "earnings-wire")
	if earnings == nil || !slices.Equal(storyDocIDs(earnings), []string{"earnings-daily", "earnings-wire"}) {
		t.Errorf("the two earnings reports do not form their story: %s", dump(earnings))
	}
	if s := storyOf(c, "travel-guidance"); s != nil {
		t.Errorf("the travel guidance joined story %s", s.ID)
	}
	// Both outlets quote the finance chief the same way.
	if q := findQuote(c, "remain under pressure"); q == nil || !slices.Equal(q.Docs, []string{"earnings-daily", "earnings-wire"}) {
		t.Errorf("the shared quote: %s", dump(q))
	}
}

// TestNearDuplicates: a reprint with a changed word and a shortened copy are
// marked as copies of the original, join its story, and are not counted.
func TestNearDuplicates(t *testing.T) {
	docs := seeds(t)
	orig := docs[1].Doc // CNET
	reprint := orig
	reprint.ID, reprint.Path, reprint.Source, reprint.Published = "reprint", "reprint.txt", "Reprint Weekly", "2017-04-07"
	reprint.Text = strings.Replace(orig.Text, "Twitter is suing", "Twitter sued", 1)
	reprint.Title = "Twitter takes the government to court"
	docs = append(docs, extract.Analyze(&reprint))
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })
	c := Resolve(docs, nil)
	if got := c.SameAs["reprint"]; got != orig.ID {
		t.Fatalf("reprint is a copy of %q, want %q (copies %v)", got, orig.ID, c.SameAs)
	}
	s := storyOf(c, "reprint")
	if s == nil || storyOf(c, orig.ID) != s {
		t.Fatal("the reprint is not in its original's story")
	}
	if s.Count != 5 || len(s.Docs) != 6 {
		t.Errorf("story counts %d documents of %d, want 5 of 6", s.Count, len(s.Docs))
	}
	for _, d := range s.Docs {
		if d.ID == "reprint" && (d.SameAs != orig.ID || len(d.Entities)+len(d.Dates)+len(d.Quotes) > 0) {
			t.Errorf("the reprint adds %+v", d)
		}
	}
}

// TestStoriesDeterministic: the same corpus gives the same stories and
// quotes, whatever the number of CPUs.
func TestStoriesDeterministic(t *testing.T) {
	a := Resolve(seeds(t), nil)
	b := Resolve(seeds(t), nil)
	if dump(a.Stories) != dump(b.Stories) || dump(a.Quotes) != dump(b.Quotes) {
		t.Fatal("two resolutions of the same corpus differ")
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", " ")
	return string(b)
}

// FuzzForWordsOutside: the one-pass split gives every word of the text, and
// the words of the text with the skipped spans blanked, as forWords finds
// them in a blanked copy.
func FuzzForWordsOutside(f *testing.F) {
	f.Add("Twitter's lawyers said the U.S. Customs and Border Protection’s summons", 0, 9, 30, 60)
	f.Add("O'Brien met Zoë in Straße 5", 2, 5, 12, 15)
	f.Add("ab'cd ef", 2, 3, 4, 6)
	f.Fuzz(func(t *testing.T, s string, a, b, c, d int) {
		var spans []extract.Span
		for _, p := range [][2]int{{a, b}, {c, d}} {
			if p[0] >= 0 && p[0] < p[1] && p[1] <= len(s) && utf8.RuneStart(at(s, p[0])) && utf8.RuneStart(at(s, p[1])) {
				spans = append(spans, extract.Span{Start: p[0], End: p[1]})
			}
		}
		a1 := &extract.Analysis{Doc: extract.Document{Text: s}}
		var links []string
		for _, sp := range spans {
			a1.Mentions = append(a1.Mentions, extract.Mention{Start: sp.Start, End: sp.End})
			links = append(links, "x")
		}
		blanked := []byte(s)
		for _, sp := range spans {
			for k := sp.Start; k < sp.End; k++ {
				blanked[k] = ' '
			}
		}
		var wantAll, wantOut, gotAll, gotOut []string
		wantAll, wantOut = refWords(s), refWords(string(blanked))
		forWordsOutside(s, linkedSpans(a1, links),
			func(w []byte) { gotAll = append(gotAll, string(w)) },
			func(w []byte) { gotOut = append(gotOut, string(w)) })
		if !slices.Equal(gotAll, wantAll) || !slices.Equal(gotOut, wantOut) {
			t.Errorf("%q %v:\nall %q, want %q\noutside %q, want %q", s, spans, gotAll, wantAll, gotOut, wantOut)
		}
	})
}

// refWords is the plain statement of how forWords splits text.
func refWords(s string) []string {
	var out []string
	var w []rune
	for _, r := range s {
		switch {
		case r == '\'' || r == '’':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			w = append(w, unicode.ToLower(r))
		default:
			if len(w) > 0 {
				out = append(out, string(w))
				w = w[:0]
			}
		}
	}
	if len(w) > 0 {
		out = append(out, string(w))
	}
	return out
}

// at is s[i], or the start of a rune at the end of s.
func at(s string, i int) byte {
	if i == len(s) {
		return 'x'
	}
	return s[i]
}

// FuzzSelectFirst: the k first elements selectFirst leaves are those a sort
// puts first.
func FuzzSelectFirst(f *testing.F) {
	f.Add([]byte{5, 3, 9, 1, 1, 7, 3, 0, 2}, 4)
	f.Fuzz(func(t *testing.T, b []byte, k int) {
		if len(b) == 0 {
			return
		}
		k = 1 + (k%len(b)+len(b))%len(b)
		v := make([]termWeight, len(b))
		for i, x := range b {
			v[i] = termWeight{t: uint64(i), w: float64(x % 8)}
		}
		want := slices.Clone(v)
		slices.SortFunc(want, heaviestFirst)
		selectFirst(v, k, heaviestFirst)
		got := slices.Clone(v[:k])
		slices.SortFunc(got, heaviestFirst)
		if !slices.Equal(got, want[:k]) {
			t.Errorf("k=%d: %v, want %v", k, got, want[:k])
		}
	})
}
