package extract

import (
	"sort"
	"time"

	"casefile/extract/ner"
	"casefile/extract/timex"
)

// Mention is one entity mention in a document's clean text: Text[Start:End],
// byte offsets. Type is PER, ORG, LOC or MISC from the statistical tagger, or
// the kind of a pattern extractor (HANDLE, HASHTAG, EMAIL, URL, PHONE, MONEY,
// CASE, STATUTE, COURT, LAW).
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

// Timex is one temporal expression in a document's clean text: Text[Start:End],
// byte offsets, with its TIMEX3 type and normalised TimeML value.
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Text  string `json:"text"`
}

// Annotations are what annotation finds in one text.
type Annotations struct {
	Mentions []Mention `json:"mentions"`
	Timexes  []Timex   `json:"timexes"`
}

// Annotate finds entity mentions and temporal expressions in text. Relative
// dates are resolved against dct (the document creation date); a zero dct
// leaves them unresolved. Annotate is pure and safe for concurrent use.
func Annotate(text string, dct time.Time) Annotations {
	var a Annotations
	for _, s := range ner.Default().Tag(text) {
		a.Mentions = append(a.Mentions, Mention{s.Start, s.End, s.Type, text[s.Start:s.End]})
	}
	for _, t := range timex.Tag(text, dct) {
		a.Timexes = append(a.Timexes, Timex{t.Start, t.End, t.Type, t.Value, text[t.Start:t.End]})
	}
	sort.SliceStable(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
	return a
}
