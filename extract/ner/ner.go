// Package ner is casefile's statistical named-entity tagger for PER, ORG, LOC
// and MISC: a two-pass greedy averaged-perceptron tagger with BILOU labels,
// hashed word-form features precomputed per word form, gazetteer and
// document-level consistency features. See README.md for the features, the
// model format and how to retrain.
//
//	tagger := ner.Default()          // embedded model, loaded once, safe for concurrent use
//	spans := tagger.Tag(text)        // byte offsets into text, sorted, non-overlapping
package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Span is one entity mention: text[Start:End] (byte offsets), of Type PER, ORG, LOC or MISC.
type Span struct {
	Start, End int
	Type       string
}

// ModelVersion names the embedded model.
var ModelVersion string

//go:embed model/ner.bin
var embedded []byte

// Tagger tags entity mentions in text. It is safe for concurrent use.
type Tagger struct {
	m        *Model
	w        []float32          // feature row × pass × label
	words    map[uint64]int32   // index in entries of the model's vocabulary, by keyHash
	entries  []wordEntry        // precomputed; pointer-free, so the collector skips them
	lowerIDs map[uint64]int32   // ids of the vocabulary's lower-cased forms, by keyHash
	lex      map[uint64]lexInfo // the model's lexicon, by keyHash of the lower-cased form
	phrases  map[uint64]uint8
	padL     *wordEntry
	padR     *wordEntry
	hist1    [2][nLabels + 1][nLabels]float32
	hist2    [2][(nLabels + 1) * (nLabels + 1)][nLabels]float32
	histS    [2][nLabels + 1]uint64 // template hash for history × shape
	histL    [2][nLabels + 1]uint64
	pool     sync.Pool
}

// wordEntry is everything the tagger needs about one word form: its hashes
// and the summed weights of its word-form features in each feature group, for
// both passes.
type wordEntry struct {
	lowerID int32 // shared by the forms with the same lower case (per scratch for unknown forms)
	lowerH  uint64
	shapeH  uint64
	shortH  uint64
	cc      uint8
	vec     [2][nGroups][nLabels]float32
}

var (
	defaultMu     sync.Mutex
	defaultTagger *Tagger
)

// Default returns the tagger built from the embedded model, loading it on
// first use (or after ReleaseDefault). It panics if the embedded model is
// corrupt (a build error, caught by the package tests).
func Default() *Tagger {
	defaultMu.Lock()
	defer defaultMu.Unlock()
	if defaultTagger == nil {
		t, err := Load(bytes.NewReader(embedded))
		if err != nil {
			panic(fmt.Sprintf("ner: embedded model: %v", err))
		}
		defaultTagger, ModelVersion = t, t.m.Version
	}
	return defaultTagger
}

// ReleaseDefault lets the collector have the default tagger (72 MB of heap)
// once a program is done tagging; the next Default loads it again. A build
// holds its Go heap near a soft limit while it resolves and renders, where
// every megabyte of headroom means fewer collections.
func ReleaseDefault() {
	defaultMu.Lock()
	defaultTagger = nil
	defaultMu.Unlock()
}

// Load reads a model file (as written by cmd/nertrain) and prepares a tagger.
func Load(r io.Reader) (*Tagger, error) {
	m, err := ReadModel(r)
	if err != nil {
		return nil, err
	}
	return newTagger(m), nil
}

// Version is the model's version string.
func (t *Tagger) Version() string { return t.m.Version }

func newTagger(m *Model) *Tagger {
	t := &Tagger{m: m}
	// the two passes' weights interleaved, so that one lookup finds both rows
	t.w = m.wi
	if t.w == nil {
		t.w = make([]float32, 2*nLabels*m.nFeat)
		for r := 0; r < m.nFeat; r++ {
			for s := 0; s < 2; s++ {
				copy(t.w[(2*r+s)*nLabels:(2*r+s+1)*nLabels], m.w[s][r*nLabels:(r+1)*nLabels])
			}
		}
	}
	// Maps keyed by string hashes instead of strings keep the heap free of
	// pointers, so garbage collection does not rescan the lexicon.
	t.phrases, t.lex = m.phraseH, m.lexH
	if t.phrases == nil {
		t.phrases = phraseHashes(m.phrases)
	}
	if t.lex == nil {
		t.lex = make(map[uint64]lexInfo, len(m.lex))
		for k, li := range m.lex {
			t.lex[keyHash(k)] = li
		}
	}
	t.words = make(map[uint64]int32, len(m.vocab))
	t.lowerIDs = make(map[uint64]int32, len(m.vocab))
	t.entries = make([]wordEntry, len(m.vocab))
	sc := new(scratch) // buffers for fillEntry
	for i, w := range m.vocab {
		e := &t.entries[i]
		lk := keyHash(t.fillEntry(e, w, sc))
		id, ok := t.lowerIDs[lk]
		if !ok {
			id = int32(len(t.lowerIDs))
			t.lowerIDs[lk] = id
		}
		e.lowerID = id
		t.words[keyHash(w)] = int32(i)
	}
	m.vocab = nil
	t.padL, t.padR = new(wordEntry), new(wordEntry)
	t.fillEntry(t.padL, padLeft, sc)
	t.fillEntry(t.padR, padRight, sc)
	for s := 0; s < 2; s++ {
		for l1 := 0; l1 <= nLabels; l1++ {
			t.addRow(&t.hist1[s][l1], s, hi(tHist1, l1))
			for l2 := 0; l2 <= nLabels; l2++ {
				t.addRow(&t.hist2[s][l2*(nLabels+1)+l1], s, hi(tHist2, l2, l1))
			}
			t.histS[s][l1] = hi(tHistShape, l1)
			t.histL[s][l1] = hi(tHistLower, l1)
		}
	}
	t.pool.New = func() any { return &scratch{} }
	return t
}

// row returns the weights of feature row r in pass stage.
func (t *Tagger) row(stage int, r int32) *[nLabels]float32 {
	o := (2*int(r) + stage) * nLabels
	return (*[nLabels]float32)(t.w[o : o+nLabels])
}

// rows returns the weights of feature row r for both passes.
func (t *Tagger) rows(r int32) *[2 * nLabels]float32 {
	o := 2 * int(r) * nLabels
	return (*[2 * nLabels]float32)(t.w[o : o+2*nLabels])
}

func (t *Tagger) addRow(dst *[nLabels]float32, stage int, h uint64) {
	if r := t.m.lookup(h); r >= 0 {
		add(dst, t.row(stage, r))
	}
}

// lookupAll looks the feature hashes hs up into sc.rows and returns them.
// The lookups do not depend on each other, so their cache misses overlap,
// which they do not when each row is added as soon as it is found: the
// callers gather a token's features first, then add the rows in order.
func (t *Tagger) lookupAll(sc *scratch, hs []uint64) []int32 {
	rs := grow(sc.rows, len(hs))
	for k, h := range hs {
		rs[k] = t.m.lookup(h)
	}
	sc.rows = rs
	return rs
}

func add(dst, src *[nLabels]float32) {
	for l := range dst {
		dst[l] += src[l]
	}
}

// lexInfo looks a lower-cased form up in the model's lexicon.
func (t *Tagger) lexInfo(lower string) lexInfo { return t.lex[keyHash(lower)] }

// fillEntry computes the entry of a word form and returns its lower case.
func (t *Tagger) fillEntry(e *wordEntry, form string, sc *scratch) string {
	lower := strings.ToLower(form)
	e.cc = uint8(capClass(form))
	e.lowerH = hs(tLower, lower)
	e.shapeH = hs(tShape, wordShape(form, 3))
	e.shortH = hs(tShort, wordShape(form, 1))
	// gather, look up, add (lookupAll)
	hs, gs := sc.feats[:0], sc.groups[:0]
	wordFeatures(form, t.lexInfo, func(h uint64, groups uint8) {
		for g := 0; g < nGroups; g++ {
			if groups&(1<<g) != 0 {
				hs = append(hs, hc(h, uint64(g)+1))
				gs = append(gs, uint8(g))
			}
		}
	})
	for k, r := range t.lookupAll(sc, hs) {
		if r < 0 {
			continue
		}
		both, g := t.rows(r), gs[k]
		for s := 0; s < 2; s++ {
			v := &e.vec[s][g]
			for l := range v {
				v[l] += both[s*nLabels+l]
			}
		}
	}
	sc.feats, sc.groups = hs, gs
	return lower
}

// scratch is per-call working memory, pooled.
type scratch struct {
	d          docState
	ents       []*wordEntry
	local      map[uint64]*wordEntry // entries of forms outside the vocabulary, by keyHash
	localLower map[uint64]int32      // lower-case ids of those outside the vocabulary
	gen        uint32                // call counter: lidOf[id] is valid if stamp[id] == gen
	stamp      []uint32
	lidOf      []int32
	static     [][nLabels]float32 // first pass
	static1    [][nLabels]float32 // second pass
	ctx        [][2 * nLabels]float32
	ctxDone    []bool
	labels     []uint8
	feats      []uint64 // one token's or word form's feature hashes
	groups     []uint8  // a word form's features' groups
	rows       []int32  // the features' rows
}

// Tag returns the entity mentions in text, sorted by Start and non-overlapping.
func (t *Tagger) Tag(text string) []Span {
	if len(text) == 0 {
		return nil
	}
	sc := t.pool.Get().(*scratch)
	defer t.pool.Put(sc)
	toks := tokenizeInto(sc.d.toks[:0], text)
	if len(toks) == 0 {
		sc.d.toks = toks
		return nil
	}
	labels := t.tagTokens(sc, toks)
	return spansFromLabels(toks, labels)
}

// tagTokens runs both passes and returns the final labels (valid only until
// the scratch is reused).
func (t *Tagger) tagTokens(sc *scratch, toks []Token) []uint8 {
	d := &sc.d
	d.reset(toks)
	n := len(toks)
	sc.ents = grow(sc.ents, n)
	if sc.local == nil || len(sc.local) > 4096 {
		sc.local = make(map[uint64]*wordEntry)
		sc.localLower = make(map[uint64]int32)
	}
	sc.gen++
	if sc.gen == 0 {
		clear(sc.stamp)
		sc.gen = 1
	}
	nLid := int32(0)
	for i := range toks {
		wk := keyHash(toks[i].Norm)
		var e *wordEntry
		if k, ok := t.words[wk]; ok {
			e = &t.entries[k]
		} else if e = sc.local[wk]; e == nil {
			e = new(wordEntry)
			lk := keyHash(t.fillEntry(e, toks[i].Norm, sc))
			id, ok := t.lowerIDs[lk]
			if !ok {
				if id, ok = sc.localLower[lk]; !ok {
					id = int32(len(t.lowerIDs) + len(sc.localLower))
					sc.localLower[lk] = id
				}
			}
			e.lowerID = id
			sc.local[wk] = e
		}
		sc.ents[i] = e
		d.lowerH[i] = e.lowerH
		d.shapeH[i] = e.shapeH
		d.shortH[i] = e.shortH
		d.cc[i] = e.cc
		id := e.lowerID
		if int(id) >= len(sc.stamp) {
			n := int(id) + 1 + len(t.lowerIDs)/4
			sc.stamp = append(sc.stamp, make([]uint32, n-len(sc.stamp))...)
			sc.lidOf = append(sc.lidOf, make([]int32, n-len(sc.lidOf))...)
		}
		if sc.stamp[id] != sc.gen {
			sc.stamp[id] = sc.gen
			sc.lidOf[id] = nLid
			nLid++
		}
		d.lid[i] = sc.lidOf[id]
	}
	d.nLid = int(nLid)
	d.computeDocCap()
	d.setTopic()
	d.matchPhrases(t.phrases, t.m.maxPhrase)
	sc.static = grow(sc.static, n)
	sc.static1 = grow(sc.static1, n)
	sc.labels = grow(sc.labels, n)
	t.staticScores(sc)
	t.decode(sc, 0, sc.static)
	copy(d.p1, sc.labels)
	d.computeTypeCounts()
	for i := range toks {
		v := &sc.static1[i]
		hs := sc.feats[:0]
		d.stage2Features(i, func(h uint64) { hs = append(hs, h) })
		for _, r := range t.lookupAll(sc, hs) {
			if r >= 0 {
				add(v, t.row(1, r))
			}
		}
		sc.feats = hs
	}
	t.decode(sc, 1, sc.static1)
	return sc.labels
}

// staticScores computes the label-independent scores of both passes, except
// the second pass's features on first-pass predictions.
func (t *Tagger) staticScores(sc *scratch) {
	d := &sc.d
	sc.ctx = grow(sc.ctx, d.nLid)
	sc.ctxDone = grow(sc.ctxDone, d.nLid)
	clear(sc.ctxDone)
	for si, s := range d.sents {
		a, b := int(s[0]), int(s[1])
		caps := d.capsSent[si]
		for i := a; i < b; i++ {
			v0, v1 := &sc.static[i], &sc.static1[i]
			e := sc.ents[i]
			*v0 = e.vec[0][g0]
			*v1 = e.vec[1][g0]
			for k := -2; k <= 2; k++ {
				if k == 0 {
					continue
				}
				j := i + k
				var o *wordEntry
				switch {
				case j < a:
					o = t.padL
				case j >= b:
					o = t.padR
				default:
					o = sc.ents[j]
				}
				add(v0, &o.vec[0][g0+k])
				add(v1, &o.vec[1][g0+k])
			}
			if i == a && d.toks[i].SentStart {
				add(v0, &e.vec[0][gSent])
				add(v1, &e.vec[1][gSent])
			}
			if caps {
				add(v0, &e.vec[0][gCaps])
				add(v1, &e.vec[1][gCaps])
			}
			hs := sc.feats[:0]
			d.sharedFeatures(i, func(h uint64) { hs = append(hs, h) })
			for _, r := range t.lookupAll(sc, hs) {
				if r >= 0 {
					both := t.rows(r)
					for l := range v0 {
						v0[l] += both[l]
						v1[l] += both[nLabels+l]
					}
				}
			}
			sc.feats = hs
			if d.cc[i] >= 2 {
				t.addContext(sc, i, v0, v1)
			}
		}
	}
}

// addContext adds the context-aggregation features of token i: the
// neighbours of the first maxAggregate occurrences of its form, except itself.
// Their sum is computed once per form.
func (t *Tagger) addContext(sc *scratch, i int, v0, v1 *[nLabels]float32) {
	d := &sc.d
	id := d.lid[i]
	first := int(d.first[id])
	if first == i && d.next[i] < 0 {
		return // the only occurrence
	}
	sum := &sc.ctx[id]
	if !sc.ctxDone[id] {
		sc.ctxDone[id] = true
		*sum = [2 * nLabels]float32{}
		for j := first; j >= 0 && d.occ[j] < maxAggregate; j = int(d.next[j]) {
			l, r := d.ctxHashes(j)
			t.addBoth(sum, l, 1)
			t.addBoth(sum, r, 1)
		}
	}
	for l := range v0 {
		v0[l] += sum[l]
		v1[l] += sum[nLabels+l]
	}
	if d.occ[i] < maxAggregate {
		l, r := d.ctxHashes(i)
		var own [2 * nLabels]float32
		t.addBoth(&own, l, 1)
		t.addBoth(&own, r, 1)
		for l := range v0 {
			v0[l] -= own[l]
			v1[l] -= own[nLabels+l]
		}
	}
}

func (t *Tagger) addBoth(dst *[2 * nLabels]float32, h uint64, sign float32) {
	if r := t.m.lookup(h); r >= 0 {
		both := t.rows(r)
		for l := range dst {
			dst[l] += sign * both[l]
		}
	}
}

func (t *Tagger) decode(sc *scratch, stage int, static [][nLabels]float32) {
	d := &sc.d
	for _, s := range d.sents {
		a, b := int(s[0]), int(s[1])
		l1, l2 := nLabels, nLabels
		for i := a; i < b; i++ {
			v := static[i]
			add(&v, &t.hist1[stage][l1])
			add(&v, &t.hist2[stage][l2*(nLabels+1)+l1])
			if r := t.m.lookup(hc(t.histS[stage][l1], d.shapeH[i])); r >= 0 {
				add(&v, t.row(stage, r))
			}
			if r := t.m.lookup(hc(t.histL[stage][l1], d.lowerH[i])); r >= 0 {
				add(&v, t.row(stage, r))
			}
			best := bestAllowed(&v, l1, i == b-1)
			sc.labels[i] = uint8(best)
			l2, l1 = l1, best
		}
	}
}

// bestAllowed picks the highest-scoring label permitted after prev; at the
// end of a sentence no entity may stay open.
func bestAllowed(v *[nLabels]float32, prev int, last bool) int {
	best, bs := -1, float32(0)
	al := &allowed[prev]
	for l := 0; l < nLabels; l++ {
		if !al[l] {
			continue
		}
		if last && l > 0 && (labelPos(l) == posB || labelPos(l) == posI) {
			continue
		}
		if best < 0 || v[l] > bs {
			best, bs = l, v[l]
		}
	}
	return best
}

// spansFromLabels converts BILOU labels to byte spans.
func spansFromLabels(toks []Token, labels []uint8) []Span {
	var out []Span
	start := -1
	for i, l := range labels {
		if l == 0 {
			start = -1
			continue
		}
		typ, pos := labelType(int(l)), labelPos(int(l))
		switch pos {
		case posU:
			out = append(out, Span{toks[i].Start, toks[i].End, Types[typ]})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, Span{toks[start].Start, toks[i].End, Types[typ]})
			}
			start = -1
		}
	}
	return out
}
