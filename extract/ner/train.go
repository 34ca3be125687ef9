package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand"
	"sort"
	"strings"
)

// TrainDoc is one annotated training document; Spans use byte offsets.
type TrainDoc struct {
	Text  string
	Spans []Span
}

// TrainConfig controls training.
type TrainConfig struct {
	Version  string
	Epochs   int   // perceptron passes over the data (per stage)
	Seed     int64 // shuffling seed
	Folds    int   // jackknife folds for the first-pass predictions stage 2 is trained on
	MinCount int   // features seen fewer times are dropped
	Bags     int   // final models are the mean of this many runs with different shuffles
	FoldBags int   // the same for the jackknife models
	// Dict holds ordinary lower-case words (an external word list).
	Dict map[string]bool
	// Phrases is the gazetteer: PhraseKey(name) -> type bits (1<<index in Types).
	Phrases map[string]uint8
	// Clusters maps lower-cased words to a cluster id (>0).
	Clusters map[string]uint32
	Log      io.Writer
}

// PhraseKey is the gazetteer key of a name: its tokens, lower-cased, joined by spaces.
func PhraseKey(name string) string {
	toks := Tokenize(name)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = strings.ToLower(t.Norm)
	}
	return strings.Join(parts, " ")
}

type featG struct {
	h      uint64
	groups uint8
}

type trainDoc struct {
	d      docState
	gold   []uint8
	forms  [][]featG // per token word features
	static [2][]int32
	offs   [2][]int32 // per token offset into static (len n+1)
	p1     []uint8
}

type capCount struct{ low, cap int32 }

func capBin(c capCount) uint8 {
	switch {
	case c.low == 0 && c.cap == 0:
		return 0
	case c.cap == 0:
		return 1
	case c.low > c.cap:
		return 2
	case c.low == 0:
		return 4
	default:
		return 3
	}
}

// countCaps counts, per lower-cased form, lower-case and capitalised uses at
// non-initial positions of mixed-case sentences.
func countCaps(d *docState, into map[string]capCount) {
	for i, t := range d.toks {
		if t.SentStart || d.capsSent[d.sentOf[i]] || d.cc[i] == 0 {
			continue
		}
		k := strings.ToLower(t.Norm)
		c := into[k]
		if d.cc[i] == 1 {
			c.low++
		} else {
			c.cap++
		}
		into[k] = c
	}
}

func goldLabels(toks []Token, spans []Span) ([]uint8, int) {
	gold := make([]uint8, len(toks))
	bad := 0
	for _, s := range spans {
		typ := -1
		for t, name := range Types {
			if name == s.Type {
				typ = t
			}
		}
		if typ < 0 {
			continue
		}
		a, b := -1, -1
		for i, t := range toks {
			if t.Start == s.Start {
				a = i
			}
			if t.End == s.End {
				b = i
			}
		}
		if a < 0 || b < 0 || b < a {
			bad++
			continue
		}
		if a == b {
			gold[a] = uint8(label(typ, posU))
			continue
		}
		gold[a] = uint8(label(typ, posB))
		for i := a + 1; i < b; i++ {
			gold[i] = uint8(label(typ, posI))
		}
		gold[b] = uint8(label(typ, posL))
	}
	return gold, bad
}

// Train trains a two-stage model.
func Train(docs []TrainDoc, cfg TrainConfig) (*Model, []uint64, error) {
	if cfg.Epochs <= 0 {
		cfg.Epochs = 10
	}
	if cfg.Folds < 2 {
		cfg.Folds = 5
	}
	if cfg.Bags < 1 {
		cfg.Bags = 1
	}
	if cfg.FoldBags < 1 {
		cfg.FoldBags = 1
	}
	if cfg.MinCount <= 0 {
		cfg.MinCount = 1
	}
	logf := func(f string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, f+"\n", a...)
		}
	}
	phr := phraseHashes(cfg.Phrases)
	maxPhrase := 1
	for k := range cfg.Phrases {
		if n := strings.Count(k, " ") + 1; n > maxPhrase {
			maxPhrase = n
		}
	}
	if maxPhrase > 8 {
		maxPhrase = 8
	}
	// tokenise, gold labels, per-document capitalisation counts
	tds := make([]*trainDoc, len(docs))
	docCaps := make([]map[string]capCount, len(docs))
	global := map[string]capCount{}
	formCount := map[string]int{}
	nBad, nTok := 0, 0
	for di, doc := range docs {
		td := &trainDoc{}
		toks := Tokenize(doc.Text)
		var bad int
		td.gold, bad = goldLabels(toks, doc.Spans)
		nBad += bad
		nTok += len(toks)
		td.d.reset(toks)
		for i, t := range toks {
			td.d.cc[i] = uint8(capClass(t.Norm))
			formCount[t.Norm]++
		}
		dc := map[string]capCount{}
		countCaps(&td.d, dc)
		for k, c := range dc {
			g := global[k]
			g.low += c.low
			g.cap += c.cap
			global[k] = g
		}
		docCaps[di] = dc
		tds[di] = td
	}
	logf("train: %d docs, %d tokens, %d spans not on token boundaries", len(docs), nTok, nBad)
	lexFor := func(own map[string]capCount) func(string) lexInfo {
		return func(lw string) lexInfo {
			c := global[lw]
			if o, ok := own[lw]; ok {
				c.low -= o.low
				c.cap -= o.cap
			}
			return lexInfo{capBin: capBin(c), dict: cfg.Dict[lw], cluster: cfg.Clusters[lw]}
		}
	}
	// word features and document state
	padFeats := func(form string, lex func(string) lexInfo) []featG {
		var fs []featG
		wordFeatures(form, lex, func(h uint64, g uint8) { fs = append(fs, featG{h, g}) })
		return fs
	}
	for di, td := range tds {
		lex := lexFor(docCaps[di])
		cache := map[string][]featG{}
		lids := map[string]int32{}
		d := &td.d
		td.forms = make([][]featG, len(d.toks))
		for i, t := range d.toks {
			fs, ok := cache[t.Norm]
			if !ok {
				fs = padFeats(t.Norm, lex)
				cache[t.Norm] = fs
			}
			td.forms[i] = fs
			lw := strings.ToLower(t.Norm)
			d.lowerH[i] = hs(tLower, lw)
			d.shapeH[i] = hs(tShape, wordShape(t.Norm, 3))
			d.shortH[i] = hs(tShort, wordShape(t.Norm, 1))
			id, ok := lids[lw]
			if !ok {
				id = int32(len(lids))
				lids[lw] = id
			}
			d.lid[i] = id
		}
		d.nLid = len(lids)
		d.computeDocCap()
		d.setTopic()
		d.matchPhrases(phr, maxPhrase)
	}
	globalLex := lexFor(nil)
	padL := padFeats(padLeft, globalLex)
	padR := padFeats(padRight, globalLex)

	dict := &featDict{ids: map[uint64]int32{}}
	// stage-0 static features; count, then prune rare ones
	counts := map[uint64]int32{}
	collect := func(td *trainDoc, stage int, fn func(i int, hs []uint64)) {
		var buf []uint64
		for i := range td.d.toks {
			buf = buf[:0]
			td.staticHashes(i, stage, padL, padR, func(h uint64) { buf = append(buf, h) })
			fn(i, buf)
		}
	}
	for _, td := range tds {
		collect(td, 0, func(i int, hs []uint64) {
			for _, h := range hs {
				counts[h]++
			}
		})
	}
	index := func(td *trainDoc, stage int) {
		td.static[stage] = td.static[stage][:0]
		td.offs[stage] = td.offs[stage][:0]
		collect(td, stage, func(i int, hs []uint64) {
			td.offs[stage] = append(td.offs[stage], int32(len(td.static[stage])))
			for _, h := range hs {
				if counts[h] >= int32(cfg.MinCount) {
					td.static[stage] = append(td.static[stage], dict.id(h))
				}
			}
		})
		td.offs[stage] = append(td.offs[stage], int32(len(td.static[stage])))
	}
	for _, td := range tds {
		index(td, 0)
	}
	logf("train: %d stage-1 features (min count %d, %d distinct)", len(dict.keys), cfg.MinCount, len(counts))

	// jackknife first-pass predictions for stage 2
	order := make([]int, len(tds))
	for i := range order {
		order[i] = i
	}
	for k := 0; k < cfg.Folds; k++ {
		var tr, te []*trainDoc
		for i, td := range tds {
			if i%cfg.Folds == k {
				te = append(te, td)
			} else {
				tr = append(tr, td)
			}
		}
		var w []float32
		for b := 0; b < cfg.FoldBags; b++ {
			wb := trainPerceptron(tr, 0, dict, cfg.Epochs, cfg.Seed+int64(k)+int64(1000*b), nil)
			if len(wb) > len(w) {
				w = append(w, make([]float32, len(wb)-len(w))...)
			}
			for i, x := range wb {
				w[i] += x / float32(cfg.FoldBags)
			}
		}
		for _, td := range te {
			td.p1 = td.decodeWith(0, w, dict)
		}
		logf("train: fold %d/%d done", k+1, cfg.Folds)
	}
	// stage-2 features from the jackknifed predictions
	for _, td := range tds {
		copy(td.d.p1, td.p1)
		td.d.computeTypeCounts()
	}
	counts2 := map[uint64]int32{}
	for _, td := range tds {
		collect(td, 1, func(i int, hs []uint64) {
			for _, h := range hs {
				counts2[h]++
			}
		})
	}
	counts = counts2
	for _, td := range tds {
		index(td, 1)
	}
	logf("train: %d features with stage-2", len(dict.keys))
	bagged := func(stage int) []float32 {
		var sum []float32
		for b := 0; b < cfg.Bags; b++ {
			w := trainPerceptron(tds, stage, dict, cfg.Epochs, cfg.Seed+int64(100*(stage+1)+b), cfg.Log)
			if len(w) > len(sum) {
				sum = append(sum, make([]float32, len(w)-len(sum))...)
			}
			for i, x := range w {
				sum[i] += x / float32(cfg.Bags)
			}
		}
		return sum
	}
	w1 := bagged(0)
	w2 := bagged(1)

	// model: keep features with a non-negligible weight
	m := &Model{Version: cfg.Version, phrases: cfg.Phrases}
	if m.phrases == nil {
		m.phrases = map[string]uint8{}
	}
	m.lex = map[string]lexInfo{}
	for k, c := range global {
		m.lex[k] = lexInfo{capBin: capBin(c), dict: cfg.Dict[k], cluster: cfg.Clusters[k]}
	}
	for k := range cfg.Dict {
		li := m.lex[k]
		li.dict = true
		li.cluster = cfg.Clusters[k]
		m.lex[k] = li
	}
	for k, c := range cfg.Clusters {
		li := m.lex[k]
		li.cluster = c
		li.dict = cfg.Dict[k]
		m.lex[k] = li
	}
	for f, c := range formCount {
		if c >= 2 || strings.ToLower(f) != f {
			m.vocab = append(m.vocab, f)
		}
	}
	sort.Strings(m.vocab)
	var maxAbs float64
	for _, w := range [][]float32{w1, w2} {
		for _, x := range w {
			maxAbs = math.Max(maxAbs, math.Abs(float64(x)))
		}
	}
	eps := float32(maxAbs / 32767 * 2)
	var hashes []uint64
	var k1, k2 []float32
	for id, h := range dict.keys {
		keep := false
		for l := 0; l < nLabels; l++ {
			if abs32(at(w1, id*nLabels+l)) > eps || abs32(at(w2, id*nLabels+l)) > eps {
				keep = true
				break
			}
		}
		if !keep {
			continue
		}
		hashes = append(hashes, h)
		for l := 0; l < nLabels; l++ {
			k1 = append(k1, at(w1, id*nLabels+l))
			k2 = append(k2, at(w2, id*nLabels+l))
		}
	}
	m.w = [2][]float32{k1, k2}
	m.buildTable(hashes)
	m.finish()
	logf("train: model keeps %d of %d features", len(hashes), len(dict.keys))
	return m, hashes, nil
}

func at(w []float32, i int) float32 {
	if i < len(w) {
		return w[i]
	}
	return 0
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// staticHashes emits the label-independent features of token i.
func (td *trainDoc) staticHashes(i, stage int, padL, padR []featG, emit func(uint64)) {
	d := &td.d
	s := d.sents[d.sentOf[i]]
	a, b := int(s[0]), int(s[1])
	for k := -2; k <= 2; k++ {
		j := i + k
		var fs []featG
		switch {
		case j < a:
			fs = padL
		case j >= b:
			fs = padR
		default:
			fs = td.forms[j]
		}
		g := g0 + k
		for _, f := range fs {
			if f.groups&(1<<g) != 0 {
				emit(hc(f.h, uint64(g)+1))
			}
		}
	}
	if i == a && d.toks[i].SentStart {
		for _, f := range td.forms[i] {
			if f.groups&mSent != 0 {
				emit(hc(f.h, gSent+1))
			}
		}
	}
	if d.capsSent[d.sentOf[i]] {
		for _, f := range td.forms[i] {
			if f.groups&mCaps != 0 {
				emit(hc(f.h, gCaps+1))
			}
		}
	}
	d.extraFeatures(i, stage, emit)
}

// featDict maps feature hashes to dense ids.
type featDict struct {
	ids  map[uint64]int32
	keys []uint64
}

func (fd *featDict) id(h uint64) int32 {
	if id, ok := fd.ids[h]; ok {
		return id
	}
	id := int32(len(fd.keys))
	fd.ids[h] = id
	fd.keys = append(fd.keys, h)
	return id
}

func (fd *featDict) get(h uint64) int32 {
	if id, ok := fd.ids[h]; ok {
		return id
	}
	return -1
}

// perceptron holds weights and the sums needed for averaging.
type perceptron struct {
	w, u []float32
	c    float32
}

func (p *perceptron) ensure(n int) {
	if need := n * nLabels; need > len(p.w) {
		p.w = append(p.w, make([]float32, need-len(p.w))...)
		p.u = append(p.u, make([]float32, need-len(p.u))...)
	}
}

func (p *perceptron) update(ids []int32, gold, pred int) {
	for _, id := range ids {
		o := int(id) * nLabels
		p.w[o+gold]++
		p.u[o+gold] += p.c
		p.w[o+pred]--
		p.u[o+pred] -= p.c
	}
}

func (p *perceptron) averaged() []float32 {
	out := make([]float32, len(p.w))
	for i := range out {
		out[i] = p.w[i] - p.u[i]/p.c
	}
	return out
}

func histIDs(dst []int32, l1, l2 int, shapeH, lowerH uint64, dict *featDict, add bool) []int32 {
	dst = dst[:0]
	histFeatures(l1, l2, shapeH, lowerH, func(h uint64) {
		var id int32
		if add {
			id = dict.id(h)
		} else {
			id = dict.get(h)
		}
		if id >= 0 {
			dst = append(dst, id)
		}
	})
	return dst
}

// trainPerceptron trains one stage with greedy decoding on predicted history.
func trainPerceptron(docs []*trainDoc, stage int, dict *featDict, epochs int, seed int64, log io.Writer) []float32 {
	p := &perceptron{c: 1}
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	var hist []int32
	var sc [nLabels]float32
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, di := range order {
			td := docs[di]
			d := &td.d
			for _, s := range d.sents {
				a, b := int(s[0]), int(s[1])
				l1, l2 := nLabels, nLabels
				for i := a; i < b; i++ {
					ids := td.static[stage][td.offs[stage][i]:td.offs[stage][i+1]]
					hist = histIDs(hist, l1, l2, d.shapeH[i], d.lowerH[i], dict, true)
					p.ensure(len(dict.keys))
					scoreInto(&sc, p.w, ids, hist)
					pred := bestAllowed(&sc, l1, i == b-1)
					gold := int(td.gold[i])
					if pred != gold {
						p.update(ids, gold, pred)
						p.update(hist, gold, pred)
						errs++
					}
					total++
					p.c++
					l2, l1 = l1, pred
				}
			}
		}
		if log != nil {
			fmt.Fprintf(log, "  stage %d epoch %d: %.2f%% token errors\n", stage+1, ep+1, 100*float64(errs)/float64(total))
		}
	}
	return p.averaged()
}

func scoreInto(sc *[nLabels]float32, w []float32, ids, hist []int32) {
	*sc = [nLabels]float32{}
	for _, id := range ids {
		row := w[int(id)*nLabels : int(id)*nLabels+nLabels]
		for l := range sc {
			sc[l] += row[l]
		}
	}
	for _, id := range hist {
		if int(id)*nLabels >= len(w) {
			continue
		}
		row := w[int(id)*nLabels : int(id)*nLabels+nLabels]
		for l := range sc {
			sc[l] += row[l]
		}
	}
}

// decodeWith tags a training document with fixed weights.
func (td *trainDoc) decodeWith(stage int, w []float32, dict *featDict) []uint8 {
	d := &td.d
	out := make([]uint8, len(d.toks))
	var hist []int32
	var sc [nLabels]float32
	for _, s := range d.sents {
		a, b := int(s[0]), int(s[1])
		l1, l2 := nLabels, nLabels
		for i := a; i < b; i++ {
			ids := td.static[stage][td.offs[stage][i]:td.offs[stage][i+1]]
			hist = histIDs(hist, l1, l2, d.shapeH[i], d.lowerH[i], dict, false)
			scoreInto(&sc, w, ids, hist)
			pred := bestAllowed(&sc, l1, i == b-1)
			out[i] = uint8(pred)
			l2, l1 = l1, pred
		}
	}
	return out
}
