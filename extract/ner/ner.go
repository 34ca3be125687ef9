// Package ner is casefile's statistical named-entity tagger for PER, ORG, LOC and MISC.
//
// CONTRACT (owned by the NER work; the rest of casefile depends only on this):
//
//	tagger := ner.Default()          // embedded model, loaded once, safe for concurrent use
//	spans := tagger.Tag(text)        // byte offsets into text, sorted, non-overlapping
//
// Placeholder body until the trained tagger lands.
package ner

// Span is one entity mention: text[Start:End] (byte offsets), of Type PER, ORG, LOC or MISC.
type Span struct {
	Start, End int
	Type       string
}

// Tagger tags entity mentions in text.
type Tagger struct{}

// Default returns the tagger built from the embedded model.
func Default() *Tagger { return &Tagger{} }

// Tag returns the entity mentions in text.
func (t *Tagger) Tag(text string) []Span { return nil }
