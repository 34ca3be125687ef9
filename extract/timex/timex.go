// Package timex finds temporal expressions and normalises them to TimeML TIMEX3 values.
//
// CONTRACT (owned by the dates work; the rest of casefile depends only on this):
//
//	found := timex.Tag(text, dct)    // dct: document creation date; zero time if unknown
//
// Placeholder body until the tagger lands.
package timex

import "time"

// Timex is one temporal expression: text[Start:End] (byte offsets).
type Timex struct {
	Start, End int
	Type       string // DATE, TIME, DURATION or SET
	Value      string // TimeML value: 2017-03-14, 2017-03, 2017-W11, P2M, PRESENT_REF, XXXX-03-14, ...
}

// Tag returns the temporal expressions in text, resolved against dct where relative.
func Tag(text string, dct time.Time) []Timex { return nil }
