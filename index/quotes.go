package index

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"casefile/extract"
)

// Quote is something a speaker said, as the corpus reports it: the words,
// who said them, and every document that carries them, even in part or in
// slightly different wording.
//
// Quotes are merged sentence by sentence: when one outlet prints a whole
// statement and another only its last sentence, the statement is split
// where the coverage changes, so that every Quote's documents carry all of
// its text (or, marked Partial, a fragment of it) and no document is cited
// for words it does not print.
type Quote struct {
	ID        string     `json:"id"`
	Speaker   string     `json:"speaker"`   // entity id
	Text      string     `json:"text"`      // the fullest wording
	Docs      []string   `json:"documents"` // ids, sorted
	Citations []Citation `json:"citations"` // one per document, sorted by document
}

// Citation is one document's version of a Quote.
type Citation struct {
	Doc     string `json:"document"`
	Text    string `json:"text"`  // the words as this document prints them
	Start   int    `json:"start"` // byte offsets in the document's text of the first and last word
	End     int    `json:"end"`
	As      string `json:"as"`      // how the document names the speaker: "Twitter's lawyers"
	Partial bool   `json:"partial"` // prints only part of the Quote's text
}

// quoteUnit is one sentence of one quotation in one document.
type quoteUnit struct {
	doc, quote int // document and its quote (the first of a continued chain)
	start, end int // byte offsets in the document's text
	speaker    string
	as         string
	words      int
	shingles   []uint64 // sorted, distinct
}

// quoteMatch thresholds: two sentences are the same quote when this share of
// the shorter one's word triples is in the longer one.
const (
	quoteContainment = 0.5
	partialBelow     = 0.85 // a version with fewer words than this share of the fullest is partial
	maxQuotePosting  = 2000 // word triples in more quote sentences than this are not used to find matches
)

// buildQuotes merges the quotes of all documents.
func buildQuotes(c *Corpus) []*Quote {
	units, seqs := quoteUnits(c)
	if len(units) == 0 {
		return nil
	}
	sets := newUnionFind(len(units))
	// Candidates share a word triple; the shared count comes from the
	// postings. Near-linear: each unit meets only units sharing its rarer
	// triples.
	postings := map[uint64][]int32{}
	for i, u := range units {
		for _, s := range u.shingles {
			postings[s] = append(postings[s], int32(i))
		}
	}
	shared := map[int32]int{}
	for i, u := range units {
		clear(shared)
		for _, s := range u.shingles {
			p := postings[s]
			if len(p) > maxQuotePosting {
				continue
			}
			for _, j := range p {
				if int(j) < i {
					shared[j]++
				}
			}
		}
		js := make([]int, 0, len(shared))
		for j := range shared {
			js = append(js, int(j))
		}
		sort.Ints(js)
		for _, j := range js {
			v := units[j]
			small := min(len(u.shingles), len(v.shingles))
			if float64(shared[int32(j)]) < quoteContainment*float64(small) {
				continue
			}
			if u.speaker != "" && v.speaker != "" && u.speaker != v.speaker {
				continue
			}
			sets.union(i, j)
		}
	}
	// Each sentence cluster's fullest version gives the quote its words.
	clusterOf := make([]int, len(units))
	rep := map[int]int{}
	for i := range units {
		k := sets.find(i)
		clusterOf[i] = k
		if r, ok := rep[k]; !ok || units[i].words > units[r].words ||
			units[i].words == units[r].words && units[i].end-units[i].start > units[r].end-units[r].start {
			rep[k] = i
		}
	}

	// Records: runs of consecutive sentences of one quotation whose
	// sentences every document prints alike. Quotations are taken longest
	// first, so a statement is cut where its coverage changes.
	docsOf := map[int]map[int]bool{}
	for i, u := range units {
		k := clusterOf[i]
		if docsOf[k] == nil {
			docsOf[k] = map[int]bool{}
		}
		docsOf[k][u.doc] = true
	}
	sort.SliceStable(seqs, func(a, b int) bool {
		if len(seqs[a]) != len(seqs[b]) {
			return len(seqs[a]) > len(seqs[b])
		}
		return seqs[a][0] < seqs[b][0]
	})
	done := map[int]bool{}
	var out []*Quote
	for _, seq := range seqs {
		for k := 0; k < len(seq); {
			if done[clusterOf[seq[k]]] {
				k++
				continue
			}
			run := []int{seq[k]}
			for k+1 < len(seq) && !done[clusterOf[seq[k+1]]] && clusterOf[seq[k+1]] != clusterOf[seq[k]] &&
				sameDocs(docsOf[clusterOf[seq[k]]], docsOf[clusterOf[seq[k+1]]]) {
				k++
				run = append(run, seq[k])
			}
			k++
			for _, u := range run {
				done[clusterOf[u]] = true
			}
			for i, u := range run {
				run[i] = rep[clusterOf[u]]
			}
			if q := makeQuote(c, units, clusterOf, run); q != nil {
				out = append(out, q)
			}
		}
	}
	assignQuoteIDs(c, out)
	return out
}

func sameDocs(a, b map[int]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for d := range a {
		if !b[d] {
			return false
		}
	}
	return true
}

// quoteUnits splits every document's quotes into sentences. It returns the
// units and, per quotation (a quote and its continuations), its units in
// order.
func quoteUnits(c *Corpus) ([]quoteUnit, [][]int) {
	var units []quoteUnit
	var seqs [][]int
	for di, a := range c.Docs {
		root := make([]int, len(a.Quotes))
		seqOf := map[int]int{}
		for qi, q := range a.Quotes {
			root[qi] = qi
			if q.Continues >= 0 && q.Continues < qi {
				root[qi] = root[q.Continues]
			}
			r := a.Quotes[root[qi]]
			speaker := ""
			if r.Speaker >= 0 && r.Speaker < len(c.Links[di]) {
				speaker = c.Links[di][r.Speaker]
			}
			si, ok := seqOf[root[qi]]
			if !ok {
				si = len(seqs)
				seqOf[root[qi]] = si
				seqs = append(seqs, nil)
			}
			for _, s := range extract.Sentences(q.Text) {
				words := quoteWords(q.Text[s.Start:s.End])
				if len(words) == 0 {
					continue
				}
				seqs[si] = append(seqs[si], len(units))
				units = append(units, quoteUnit{doc: di, quote: root[qi], start: q.Start + s.Start, end: q.Start + s.End,
					speaker: speaker, as: r.As, words: len(words), shingles: wordShingles(words, 3)})
			}
		}
	}
	var kept [][]int
	for _, s := range seqs {
		if len(s) > 0 {
			kept = append(kept, s)
		}
	}
	return units, kept
}

// quoteWords lower-cases a quotation and splits it into words, dropping
// punctuation and apostrophes, so typography and contractions do not
// matter ("we’re" and "we're" are "were").
func quoteWords(s string) []string {
	var out []string
	forWords(s, func(w []byte) { out = append(out, string(w)) })
	return out
}

// wordShingles hashes the word n-grams of words (the whole run when shorter),
// sorted and distinct.
func wordShingles(words []string, n int) []uint64 {
	if len(words) < n {
		n = len(words)
	}
	var out []uint64
	for i := 0; i+n <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+n] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		out = append(out, h.Sum64())
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	k := 0
	for i, s := range out {
		if i == 0 || s != out[k-1] {
			out[k] = s
			k++
		}
	}
	return out[:k]
}

// makeQuote turns a run of sentence clusters, given by their fullest
// versions, into a Quote; every document's units in those clusters are its
// citations.
func makeQuote(c *Corpus, units []quoteUnit, clusterOf []int, run []int) *Quote {
	inRun := map[int]int{} // cluster -> position in the run
	for k, u := range run {
		inRun[clusterOf[u]] = k
	}
	// every unit of the run's clusters, by document
	byDoc := map[int][]int{}
	votes := map[string]int{}
	for i := range units {
		if _, ok := inRun[clusterOf[i]]; ok {
			byDoc[units[i].doc] = append(byDoc[units[i].doc], i)
			if units[i].speaker != "" {
				votes[units[i].speaker]++
			}
		}
	}
	speaker, best := "", 0
	for s, n := range votes {
		if n > best || n == best && s < speaker {
			speaker, best = s, n
		}
	}
	if speaker == "" {
		return nil // nobody the corpus knows said it
	}
	texts := make([]string, len(run))
	for k, u := range run {
		x := units[u]
		texts[k] = c.Docs[x.doc].Doc.Text[x.start:x.end]
	}
	q := &Quote{Speaker: speaker, Text: joinQuote(texts)}
	docs := make([]int, 0, len(byDoc))
	for d := range byDoc {
		docs = append(docs, d)
	}
	sort.Slice(docs, func(i, j int) bool { return c.Docs[docs[i]].Doc.ID < c.Docs[docs[j]].Doc.ID })
	for _, d := range docs {
		us := byDoc[d]
		sort.Slice(us, func(i, j int) bool { return units[us[i]].start < units[us[j]].start })
		text := c.Docs[d].Doc.Text
		cit := Citation{Doc: c.Docs[d].Doc.ID, Start: units[us[0]].start, End: units[us[len(us)-1]].end, As: units[us[0]].as}
		covered := map[int]bool{}
		var parts []string
		for _, u := range us {
			parts = append(parts, text[units[u].start:units[u].end])
			k := inRun[clusterOf[u]]
			if float64(units[u].words) >= partialBelow*float64(units[run[k]].words) {
				covered[k] = true
			}
		}
		cit.Text = joinQuote(parts)
		cit.Partial = len(covered) < len(run)
		q.Docs = append(q.Docs, cit.Doc)
		q.Citations = append(q.Citations, cit)
	}
	return q
}

// joinQuote joins the parts of a quotation that an attribution interrupts
// ("...criticism," he said. "In this case..."): the comma that led into
// the attribution becomes a full stop before a capital.
func joinQuote(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev := parts[i-1]
			r, _ := utf8.DecodeLastRuneInString(prev)
			if !strings.ContainsRune(".!?…:;—", r) {
				if n, _ := utf8.DecodeRuneInString(p); unicode.IsUpper(n) {
					b.WriteByte('.')
				} else {
					b.WriteByte(',')
				}
			}
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// assignQuoteIDs names quotes by speaker and opening words, which do not
// change when unrelated documents are added; clashes get a number in the
// order of the first citing document.
func assignQuoteIDs(c *Corpus, qs []*Quote) {
	sort.SliceStable(qs, func(i, j int) bool {
		if qs[i].Speaker != qs[j].Speaker {
			return qs[i].Speaker < qs[j].Speaker
		}
		if qs[i].Citations[0].Doc != qs[j].Citations[0].Doc {
			return qs[i].Citations[0].Doc < qs[j].Citations[0].Doc
		}
		return qs[i].Citations[0].Start < qs[j].Citations[0].Start
	})
	used := map[string]bool{}
	for _, q := range qs {
		words := quoteWords(q.Text)
		if len(words) > 6 {
			words = words[:6]
		}
		id := extract.Slug(q.Speaker + " " + strings.Join(words, " "))
		for n, base := 2, id; used[id]; n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		used[id] = true
		q.ID = id
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].ID < qs[j].ID })
}
