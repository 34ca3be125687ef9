package index

import (
	"slices"
	"strings"
	"testing"

	"casefile/extract"
)

func findQuote(c *Corpus, text string) *Quote {
	for _, q := range c.Quotes {
		if strings.Contains(q.Text, text) {
			return q
		}
	}
	return nil
}

// TestSeedQuotes: the same quote across outlets is one Quote citing every
// document that carries it, a fragment included, and only those.
func TestSeedQuotes(t *testing.T) {
	c := Resolve(seeds(t), nil)
	for _, q := range c.Quotes {
		t.Logf("%s [%s] %v %q", q.ID, q.Speaker, q.Docs, q.Text)
	}
	for _, want := range []struct {
		text, speaker string
		docs          []string
		partial       []string
	}{
		{"would have a grave chilling effect on the speech", "twitter",
			[]string{"001-b789e277a2dbde8d", "002-82a1d53433710624", "003-769502ac06647d7f"}, []string{"003-769502ac06647d7f"}},
		{"the government must have a strong justification", "nathan-freed-wessler",
			[]string{"000-448d55b14e4fb1fa", "001-b789e277a2dbde8d"}, nil},
		{"has given no reason at all", "nathan-freed-wessler",
			[]string{"000-448d55b14e4fb1fa", "001-b789e277a2dbde8d", "002-82a1d53433710624"}, nil},
		{"would chill the expression of particularly valuable political speech", "twitter",
			[]string{"004-f94bbdb401a6c542"}, nil},
		{"Defendants have not come close", "twitter", []string{"004-f94bbdb401a6c542"}, nil},
	} {
		q := findQuote(c, want.text)
		if q == nil {
			t.Errorf("no quote with %q", want.text)
			continue
		}
		if q.Speaker != want.speaker || !slices.Equal(q.Docs, want.docs) {
			t.Errorf("%q: said by %s in %v, want %s in %v", want.text, q.Speaker, q.Docs, want.speaker, want.docs)
		}
		var partial []string
		for _, cit := range q.Citations {
			if cit.Partial {
				partial = append(partial, cit.Doc)
			}
			if !strings.Contains(c.Docs[docIndex(c, cit.Doc)].Doc.Text[cit.Start:cit.End], cit.Text[:len(cit.Text)/2]) {
				t.Errorf("%s: citation offsets miss its text", q.ID)
			}
		}
		if !slices.Equal(partial, want.partial) {
			t.Errorf("%q: partial in %v, want %v", want.text, partial, want.partial)
		}
	}
	// "the strong justification" sentence and the one after it are cited by
	// different documents, so the statement is cut between them.
	if a, b := findQuote(c, "strong justification"), findQuote(c, "no reason at all"); a == b {
		t.Error("a statement was not cut where its coverage changes")
	}
}

func docIndex(c *Corpus, id string) int {
	for i, a := range c.Docs {
		if a.Doc.ID == id {
			return i
		}
	}
	return -1
}

// TestQuoteVariants: slightly different wording still merges; the same
// words from different speakers do not; an unattributed version joins the
// attributed one.
func TestQuoteVariants(t *testing.T) {
	doc := func(id, text string) *extract.Analysis {
		return extract.Analyze(&extract.Document{ID: id, Title: id, Published: "2020-01-02", Text: text,
			Blocks: []extract.Block{{Kind: "p", Start: 0, End: len(text)}}})
	}
	docs := []*extract.Analysis{
		doc("a", `"We will fight this order in every court in the land, because it is wrong," Maria Lopez said on Monday.`),
		doc("b", `"We'll fight this order in every court in the land because it's wrong," said Maria Lopez, the group's lawyer.`),
		doc("c", `"We will fight this order in every court in the land, because it is wrong," John Smith said mockingly.`),
	}
	c := Resolve(docs, nil)
	var lopez, smith *Quote
	for _, q := range c.Quotes {
		switch q.Speaker {
		case "maria-lopez":
			lopez = q
		case "john-smith":
			smith = q
		}
	}
	if lopez == nil || smith == nil {
		t.Fatalf("quotes %s", dump(c.Quotes))
	}
	if !slices.Equal(lopez.Docs, []string{"a", "b"}) || !slices.Equal(smith.Docs, []string{"c"}) {
		t.Errorf("Lopez in %v, Smith in %v", lopez.Docs, smith.Docs)
	}
}
