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
	// The sentence the expression stands in: what the timeline quotes.
	SentStart int `json:"-"`
	SentEnd   int `json:"-"`
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
	var tagged []Mention
	k := 0
	for _, s := range ner.Default().Tag(text) {
		for k < len(pats) && pats[k].End <= s.Start {
			k++
		}
		if k < len(pats) && pats[k].Start < s.End {
			continue
		}
		tagged = append(tagged, Mention{s.Start, s.End, s.Type, text[s.Start:s.End]})
	}
	a.Mentions = append(a.Mentions, repairMentions(text, tagged)...)
	sortMentions(a.Mentions)
	tx := timex.Tag(text, dct)
	if len(tx) > 0 {
		sents := Sentences(text)
		k := 0
		for _, t := range tx {
			for k < len(sents)-1 && sents[k].End <= t.Start {
				k++
			}
			x := Timex{Start: t.Start, End: t.End, Type: t.Type, Value: t.Value, Mod: t.Mod,
				Granularity: t.Granularity(), Text: text[t.Start:t.End], SentStart: t.Start, SentEnd: t.End}
			if k < len(sents) && sents[k].Start <= t.Start && t.End <= sents[k].End {
				x.SentStart, x.SentEnd = sents[k].Start, sents[k].End
			}
			a.Timexes = append(a.Timexes, x)
		}
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
