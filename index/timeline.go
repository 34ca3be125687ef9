package index

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"casefile/extract"
	"casefile/extract/timex"
)

// Event is something the corpus anchors to a date: one or more sentences, in
// one or more documents, that report the same thing on the same date.
type Event struct {
	ID          string        `json:"id"`
	Date        string        `json:"date"`        // TimeML value: 2017-03-14, 2017-03, 2017
	Granularity string        `json:"granularity"` // day, month, year, ...
	Summary     string        `json:"summary"`     // the sentence that best reports it
	Docs        []string      `json:"documents"`   // sorted
	Entities    []string      `json:"entities"`    // sorted entity ids
	Reports     []EventReport `json:"reports"`     // every sentence, by document
}

// EventReport is one document's sentence about an event.
type EventReport struct {
	Doc      string `json:"document"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"` // byte offsets of the sentence in the document's text
	End      int    `json:"end"`
	Timex    string `json:"timex"` // the expression that dates it, as written
}

// eventStop are words too common to say two sentences report the same event.
var eventStop = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the and or but of to in on at by for with from as is was were be been are it its this that
	these those he she they we you i his her their our them him who whom which what when where why how not no
	said says say told would will could should may might has have had do does did than then there here also
	about after before over under into onto out up down more most some any all each other such only just one two
	last next first mr mrs ms
	january february march april may june july august september october november december jan feb mar apr jun jul
	aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow day
	days week weeks month months year years mid late early ago later earlier`) {
		eventStop[w] = true
	}
}

type candidate struct {
	doc      int
	sent     extract.Span
	timex    string
	words    []uint64 // content words, hashed, sorted
	entities map[string]bool
}

// datable reports whether a TIMEX3 value names a point or period on the
// calendar that a timeline can place.
func datable(t extract.Timex) bool {
	if t.Type != "DATE" && t.Type != "TIME" {
		return false
	}
	v := t.Value
	if len(v) < 4 || strings.ContainsAny(v, "X") || strings.HasSuffix(v, "_REF") {
		return false
	}
	for _, c := range v[:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// eventDate is the value the timeline files an expression under: times are
// filed under their day.
func eventDate(v string) string {
	if i := strings.IndexByte(v, 'T'); i > 0 {
		return v[:i]
	}
	return v
}

func buildTimeline(c *Corpus) []*Event {
	// Candidates are found per document, in parallel; then grouped by date
	// in document order, so the result does not depend on scheduling.
	type dated struct {
		date string
		cand *candidate
	}
	perDoc := make([][]dated, len(c.Docs))
	Parallel(len(c.Docs), func(di int) {
		a := c.Docs[di]
		text := a.Doc.Text
		type key struct {
			date string
			sent extract.Span
		}
		seen := map[key]bool{}
		for _, t := range a.Timexes {
			if !datable(t) {
				continue
			}
			s := extract.Span{Start: t.SentStart, End: t.SentEnd}
			d := eventDate(t.Value)
			// one candidate per sentence and date
			if seen[key{d, s}] {
				continue
			}
			seen[key{d, s}] = true
			cand := &candidate{doc: di, sent: s, timex: t.Text, words: contentWords(text[s.Start:s.End]), entities: map[string]bool{}}
			for mi, m := range a.Mentions {
				if m.Start >= s.Start && m.End <= s.End && c.Links[di][mi] != "" {
					cand.entities[c.Links[di][mi]] = true
				}
			}
			perDoc[di] = append(perDoc[di], dated{d, cand})
		}
	})
	byDate := map[string][]*candidate{}
	for _, cs := range perDoc {
		for _, x := range cs {
			byDate[x.date] = append(byDate[x.date], x.cand)
		}
	}
	dates := make([]string, 0, len(byDate))
	for d := range byDate {
		dates = append(dates, d)
	}
	sort.Strings(dates)

	// Each date's candidates cluster on their own, in parallel.
	perDate := make([][]*Event, len(dates))
	Parallel(len(dates), func(k int) {
		d := dates[k]
		cands := byDate[d]
		parent := make([]int, len(cands))
		for i := range parent {
			parent[i] = i
		}
		find := func(i int) int {
			for parent[i] != i {
				i = parent[i]
			}
			return i
		}
		// the words every two candidates share: clustering needs them,
		// and so does each cluster's choice of summary
		sh := newSharedCounts(cands)
		for i := range cands {
			for j := i + 1; j < len(cands); j++ {
				if sameEvent(cands[i], cands[j], sh.of(i, j)) {
					a, b := find(i), find(j)
					if a != b {
						parent[max(a, b)] = min(a, b)
					}
				}
			}
		}
		clusters := map[int][]int{}
		var roots []int
		for i := range cands {
			r := find(i)
			if clusters[r] == nil {
				roots = append(roots, r)
			}
			clusters[r] = append(clusters[r], i)
		}
		sort.Ints(roots)
		for n, r := range roots {
			perDate[k] = append(perDate[k], makeEvent(c, d, n+1, cands, clusters[r], sh))
		}
	})
	var events []*Event
	for _, es := range perDate {
		events = append(events, es...)
	}
	return events
}

// sameEvent decides whether two sentences on the same date report the same
// thing: they share at least three content words (calendar words do not
// count: the date is shared by construction), a fair part of the shorter.
// shared is the number of words they share (sortedShared).
func sameEvent(a, b *candidate, shared int) bool {
	small := min(len(a.words), len(b.words))
	return shared >= 3 && float64(shared) >= 0.15*float64(small)
}

// sortedShared counts the values two sorted sets have in common.
func sortedShared(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// sharedCounts holds sortedShared of every two candidates of one date,
// computed once in a triangular matrix. A date with more candidates than
// maxSharedMatrix has no matrix: of counts each pair when asked.
type sharedCounts struct {
	cands []*candidate
	m     []int32
}

// maxSharedMatrix bounds a date's matrix: 4,096 candidates, 32 MB.
const maxSharedMatrix = 4096

func newSharedCounts(cands []*candidate) *sharedCounts {
	s := &sharedCounts{cands: cands}
	n := len(cands)
	if n > maxSharedMatrix {
		return s
	}
	s.m = make([]int32, n*(n-1)/2)
	for i := range cands {
		for j := i + 1; j < n; j++ {
			s.m[s.at(i, j)] = int32(sortedShared(cands[i].words, cands[j].words))
		}
	}
	return s
}

// at is the index of the pair i < j: rows of j > i, row i after the
// rows before it.
func (s *sharedCounts) at(i, j int) int {
	n := len(s.cands)
	return i*(2*n-i-1)/2 + (j - i - 1)
}

func (s *sharedCounts) of(i, j int) int {
	if i > j {
		i, j = j, i
	}
	if s.m == nil {
		return sortedShared(s.cands[i].words, s.cands[j].words)
	}
	return int(s.m[s.at(i, j)])
}

// makeEvent makes the event of one cluster: the candidates of cands at
// the indexes in cl.
func makeEvent(c *Corpus, date string, n int, cands []*candidate, cl []int, sh *sharedCounts) *Event {
	e := &Event{ID: fmt.Sprintf("%s-%d", date, n), Date: date, Granularity: timex.Granularity(date)}
	var docs, ents []string // sorted and deduplicated below
	// The summary is the sentence that shares most with the others, shorter
	// first on ties: the one that best stands for the cluster.
	best, bestScore := -1, -1
	for i, xi := range cl {
		x := cands[xi]
		a := c.Docs[x.doc]
		docs = append(docs, a.Doc.ID)
		for id := range x.entities {
			ents = append(ents, id)
		}
		e.Reports = append(e.Reports, EventReport{Doc: a.Doc.ID, Sentence: a.Doc.Text[x.sent.Start:x.sent.End], Start: x.sent.Start, End: x.sent.End, Timex: x.timex})
		score := 0
		for j, yi := range cl {
			if i != j {
				score += sh.of(xi, yi)
			}
		}
		if score > bestScore || score == bestScore && len(e.Reports[i].Sentence) < len(e.Reports[best].Sentence) {
			best, bestScore = i, score
		}
	}
	e.Summary = e.Reports[best].Sentence
	slices.Sort(docs)
	e.Docs = slices.Compact(docs)
	if len(ents) > 0 { // none: nil, as ever (null in the JSON export)
		slices.Sort(ents)
		e.Entities = slices.Compact(ents)
	}
	slices.SortStableFunc(e.Reports, func(a, b EventReport) int {
		return cmp.Or(strings.Compare(a.Doc, b.Doc), cmp.Compare(a.Start, b.Start))
	})
	return e
}

// contentWords returns the lower-cased words of a sentence that carry
// meaning, with a crude plural fold so "summons" and "summon" meet, as a
// sorted set of hashes: candidates compare them pairwise, by merging.
// Words are the runs of letters and digits of the lower-cased text; one
// pass lowers each rune into a buffer, where strings.ToLower and
// strings.FieldsFunc allocated a copy and a slice per sentence (in CPU
// profiles of a one-file rebuild at 50,000 documents, 0.85 s before, 0.41 s
// after). TestContentWords holds it to the former code.
func contentWords(s string) []uint64 {
	out := make([]uint64, 0, len(s)/8+1) // room for most sentences' words (a guess: append grows it)
	var arr [64]byte
	w := arr[:0]
	word := func() {
		if len(w) < 3 || eventStop[string(w)] {
			return
		}
		if len(w) > 4 && w[len(w)-1] == 's' && w[len(w)-2] != 's' {
			w = w[:len(w)-1]
		}
		out = append(out, hashBytes('w', w))
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else {
			r = unicode.ToLower(r)
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			w = utf8.AppendRune(w, r)
			continue
		}
		word()
		w = w[:0]
	}
	word()
	slices.Sort(out)
	return slices.Compact(out)
}
