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
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Type        string `json:"type"`
	Value       string `json:"value"`
	Mod         string `json:"mod,omitempty"` // TimeML mod: START, MID, END, APPROX, BEFORE, AFTER, ...
	Granularity string `json:"granularity"`   // day, month, year, week, quarter, season, decade, century, time, duration, set, ref, unknown
	Text        string `json:"text"`
}

// Annotations are what annotation finds in one text.
type Annotations struct {
	Mentions []Mention `json:"mentions"`
	Timexes  []Timex   `json:"timexes"`
	Quotes   []Quote   `json:"quotes"`
}

// Annotate finds entity mentions and temporal expressions in text. Relative
// dates are resolved against dct (the document creation date); a zero dct
// leaves them unresolved. Annotate is pure and safe for concurrent use.
func Annotate(text string, dct time.Time) Annotations {
	var a Annotations
	// Pattern mentions are precise and specific ("U.S. District Court in San
	// Francisco", not "San Francisco"): where a tagger span overlaps one, the
	// pattern wins.
	pats := Patterns(text)
	a.Mentions = append(a.Mentions, pats...)
	k := 0
	for _, s := range ner.Default().Tag(text) {
		for k < len(pats) && pats[k].End <= s.Start {
			k++
		}
		if k < len(pats) && pats[k].Start < s.End {
			continue
		}
		a.Mentions = append(a.Mentions, Mention{s.Start, s.End, s.Type, text[s.Start:s.End]})
	}
	sortMentions(a.Mentions)
	for _, t := range timex.Tag(text, dct) {
		a.Timexes = append(a.Timexes, Timex{Start: t.Start, End: t.End, Type: t.Type, Value: t.Value, Mod: t.Mod,
			Granularity: t.Granularity(), Text: text[t.Start:t.End]})
	}
	a.Quotes = Quotes(text, a.Mentions)
	return a
}

func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Start != ms[j].Start {
			return ms[i].Start < ms[j].Start
		}
		return ms[i].End > ms[j].End
	})
}
