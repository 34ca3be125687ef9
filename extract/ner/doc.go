package ner

// docState holds the per-document, label-independent information that both
// training and tagging derive from a token sequence.
type docState struct {
	toks     []Token
	sents    [][2]int32 // token ranges
	sentOf   []int32
	capsSent []bool
	lowerH   []uint64
	shapeH   []uint64
	shortH   []uint64
	runA     []int32 // first token of the run of capitalised tokens containing the token
	runB     []int32 // last token of that run
	cc       []uint8
	lid      []int32 // id of the lower-cased form within the document
	docCap   []uint8 // how the same form is capitalised elsewhere in the document
	gazTag   []uint8 // longest gazetteer match: 0 none, else 1+pos (BILU)
	gazBits  []uint8 // categories of that match
	p1       []uint8 // stage-1 labels (for stage 2)
	nLid     int
	first    []int32    // per lid: first token with that form
	next     []int32    // per token: next token with the same form, or -1
	occ      []int32    // per token: how many earlier tokens have the same form
	topicH   uint64     // first token of an all-caps first line (news headline), or 0
	numBin   []uint8    // per sentence: share of tokens that are numbers (results tables)
	typeCnt  [][5]int32 // per lid: stage-1 token types PER ORG LOC MISC O
}

var (
	padLeft  = "\x00<S>"
	padRight = "\x00</S>"
	hPadL    = hs(tLower, padLeft)
	hPadR    = hs(tLower, padRight)
)

// reset sizes the per-token slices for n tokens.
func (d *docState) reset(toks []Token) {
	n := len(toks)
	d.toks = toks
	d.sents = d.sents[:0]
	d.sentOf = grow(d.sentOf, n)
	d.lowerH = grow(d.lowerH, n)
	d.shapeH = grow(d.shapeH, n)
	d.shortH = grow(d.shortH, n)
	d.runA = grow(d.runA, n)
	d.runB = grow(d.runB, n)
	d.cc = grow(d.cc, n)
	d.lid = grow(d.lid, n)
	d.docCap = grow(d.docCap, n)
	d.gazTag = grow(d.gazTag, n)
	d.gazBits = grow(d.gazBits, n)
	d.p1 = grow(d.p1, n)
	d.capsSent = d.capsSent[:0]
	d.numBin = d.numBin[:0]
	d.topicH = 0
	for i := 0; i < n; {
		j := i + 1
		for j < n && !toks[j].SentStart {
			j++
		}
		si := int32(len(d.sents))
		d.sents = append(d.sents, [2]int32{int32(i), int32(j)})
		d.capsSent = append(d.capsSent, allCapsSentence(toks[i:j]))
		d.numBin = append(d.numBin, numberShare(toks[i:j]))
		for k := i; k < j; k++ {
			d.sentOf[k] = si
			d.gazTag[k] = 0
			d.gazBits[k] = 0
		}
		i = j
	}
}

// numberShare bins the share of number tokens in a sentence: 0 none, 1 some, 2 a third or more.
func numberShare(toks []Token) uint8 {
	num := 0
	for _, t := range toks {
		if t.Norm != "" && t.Norm[0] >= '0' && t.Norm[0] <= '9' {
			num++
		}
	}
	switch {
	case num == 0:
		return 0
	case 3*num >= len(toks):
		return 2
	}
	return 1
}

// setTopic records the first token of a document whose first line is in
// capitals (a news headline such as "SOCCER - ..."), a cue to the genre.
func (d *docState) setTopic() {
	if len(d.sents) > 0 && d.capsSent[0] && d.sents[0][1]-d.sents[0][0] >= 2 {
		d.topicH = d.lowerH[0]
	}
}

func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]T, n, n+n/4)
}

// computeRuns finds the runs of capitalised tokens in mixed-case sentences.
func (d *docState) computeRuns() {
	for si, s := range d.sents {
		for i := int(s[0]); i < int(s[1]); {
			if d.cc[i] < 2 || d.capsSent[si] {
				d.runA[i], d.runB[i] = -1, -1
				i++
				continue
			}
			j := i
			for j+1 < int(s[1]) && d.cc[j+1] >= 2 {
				j++
			}
			for k := i; k <= j; k++ {
				d.runA[k], d.runB[k] = int32(i), int32(j)
			}
			i = j + 1
		}
	}
}

// linkOccurrences chains the tokens of each lower-cased form.
func (d *docState) linkOccurrences() {
	n := len(d.toks)
	d.first = grow(d.first, d.nLid)
	d.next = grow(d.next, n)
	d.occ = grow(d.occ, n)
	for k := range d.first {
		d.first[k] = -1
	}
	for i := n - 1; i >= 0; i-- {
		d.next[i] = d.first[d.lid[i]]
		d.first[d.lid[i]] = int32(i)
	}
	for k := range d.first {
		c := int32(0)
		for j := d.first[k]; j >= 0; j = d.next[j] {
			d.occ[j] = c
			c++
		}
	}
}

// docCapBin summarises, for each token, how its lower-cased form is written
// elsewhere in the document at non-initial positions of mixed-case sentences:
// 0 not seen, 1 always lower case, 2 always capitalised, 3 both.
func (d *docState) computeDocCap() {
	d.linkOccurrences()
	d.computeRuns()
	n := len(d.toks)
	type cnt struct{ low, cap int32 }
	c := make([]cnt, d.nLid)
	counted := func(i int) bool {
		return !d.toks[i].SentStart && !d.capsSent[d.sentOf[i]] && d.cc[i] != 0
	}
	for i := 0; i < n; i++ {
		if !counted(i) {
			continue
		}
		if d.cc[i] == 1 {
			c[d.lid[i]].low++
		} else {
			c[d.lid[i]].cap++
		}
	}
	for i := 0; i < n; i++ {
		x := c[d.lid[i]]
		if counted(i) {
			if d.cc[i] == 1 {
				x.low--
			} else {
				x.cap--
			}
		}
		var b uint8
		switch {
		case x.low == 0 && x.cap == 0:
			b = 0
		case x.cap == 0:
			b = 1
		case x.low == 0:
			b = 2
		default:
			b = 3
		}
		d.docCap[i] = b
	}
}

// matchPhrases tags tokens covered by the longest gazetteer phrase starting at
// a capitalised token.
func (d *docState) matchPhrases(phr map[uint64]uint8, maxLen int) {
	if len(phr) == 0 {
		return
	}
	for _, s := range d.sents {
		for i := int(s[0]); i < int(s[1]); {
			if d.cc[i] < 2 {
				i++
				continue
			}
			h := uint64(0x51ed27)
			best, bestBits := 0, uint8(0)
			for k := 0; k < maxLen && i+k < int(s[1]); k++ {
				h = hc(h, d.lowerH[i+k])
				v, ok := phr[h]
				if !ok {
					break
				}
				if v&0x7f != 0 {
					best, bestBits = k+1, v&0x7f
				}
				if v&0x80 == 0 {
					break
				}
			}
			if best == 0 {
				i++
				continue
			}
			for k := 0; k < best; k++ {
				pos := posI
				switch {
				case best == 1:
					pos = posU
				case k == 0:
					pos = posB
				case k == best-1:
					pos = posL
				}
				d.gazTag[i+k] = uint8(1 + pos)
				d.gazBits[i+k] = bestBits
			}
			i += best
		}
	}
}

// phraseHashes turns the lower-cased, space-separated token sequences of a
// gazetteer into the hash set matchPhrases uses (bit 0x80: a longer phrase
// continues from here).
func phraseHashes(phrases map[string]uint8) map[uint64]uint8 {
	out := make(map[uint64]uint8, len(phrases)*2)
	for p, bits := range phrases {
		addPhrase(out, p, bits)
	}
	return out
}

// addPhrase adds one phrase to a phrase hash set and returns its length in tokens.
func addPhrase(out map[uint64]uint8, p string, bits uint8) int {
	h := uint64(0x51ed27)
	start, n := 0, 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == ' ' {
			h = hc(h, hs(tLower, p[start:i]))
			start = i + 1
			n++
			if i < len(p) {
				out[h] |= 0x80
			} else {
				out[h] |= bits
			}
		}
	}
	return n
}

// computeTypeCounts counts stage-1 types per lower-cased form.
func (d *docState) computeTypeCounts() {
	d.typeCnt = grow(d.typeCnt, d.nLid)
	clear(d.typeCnt)
	for i := range d.toks {
		d.typeCnt[d.lid[i]][typeOf(d.p1[i])]++
	}
}

func typeOf(l uint8) int {
	if l == 0 {
		return 4
	}
	return labelType(int(l))
}

// maxAggregate caps the occurrences (the first ones in the document) whose
// contexts are aggregated.
const maxAggregate = 8

// extraFeatures emits the features of token i that are not plain word-form
// features: bigrams, document-level and gazetteer features, and in stage 1
// (the second pass) features of the first pass's predictions.
func (d *docState) extraFeatures(i int, stage int, emit func(uint64)) {
	d.sharedFeatures(i, emit)
	if d.cc[i] >= 2 {
		for j := int(d.first[d.lid[i]]); j >= 0 && d.occ[j] < maxAggregate; j = int(d.next[j]) {
			if j != i {
				l, r := d.ctxHashes(j)
				emit(l)
				emit(r)
			}
		}
	}
	if stage == 1 {
		d.stage2Features(i, emit)
	}
}

// ctxHashes are the context-aggregation features token j lends to the other
// occurrences of its form: its left and right neighbours.
func (d *docState) ctxHashes(j int) (uint64, uint64) {
	sj := d.sents[d.sentOf[j]]
	l, r := hPadL, hPadR
	if j > int(sj[0]) {
		l = d.lowerH[j-1]
	}
	if j+1 < int(sj[1]) {
		r = d.lowerH[j+1]
	}
	return hc(hi(tCtxL), l), hc(hi(tCtxR), r)
}

// neighbours returns the previous and next token of i in its sentence, or -1.
func (d *docState) neighbours(i int) (prevT, nextT int) {
	s := d.sents[d.sentOf[i]]
	prevT, nextT = -1, -1
	if i > int(s[0]) {
		prevT = i - 1
	}
	if i+1 < int(s[1]) {
		nextT = i + 1
	}
	return
}

// tokenPos: 1 if sentence-initial, +2 if in an all-caps sentence.
func (d *docState) tokenPos(i int) int {
	pos := 0
	if d.toks[i].SentStart {
		pos = 1
	}
	if d.capsSent[d.sentOf[i]] {
		pos += 2
	}
	return pos
}

// sharedFeatures are the label-independent features both passes use,
// except context aggregation.
func (d *docState) sharedFeatures(i int, emit func(uint64)) {
	prevT, nextT := d.neighbours(i)
	prevH, nextH := hPadL, hPadR
	if prevT >= 0 {
		prevH = d.lowerH[prevT]
	}
	if nextT >= 0 {
		nextH = d.lowerH[nextT]
	}
	emit(hi(tBias))
	cc := int(d.cc[i])
	emit(hc(hi(tCtxCC, 0, cc), prevH))
	emit(hc(hi(tCtxCC, 1, cc), nextH))
	emit(hc(hi(tCtxCC, 6, cc), hc(prevH, nextH)))
	if g := d.gazBits[i]; g != 0 {
		emit(hc(hi(tCtxCC, 2, int(g), int(d.gazTag[i])), prevH))
		emit(hc(hi(tCtxCC, 3, int(g), int(d.gazTag[i])), nextH))
	}
	emit(hc(hi(tBigramL), hc(prevH, d.lowerH[i])))
	emit(hc(hi(tBigramR), hc(d.lowerH[i], nextH)))
	prevS, nextS := hPadL, hPadR
	if prevT >= 0 {
		prevS = d.shortH[prevT]
	}
	if nextT >= 0 {
		nextS = d.shortH[nextT]
	}
	emit(hc(hi(tShortBi), hc(hc(prevS, d.shortH[i]), nextS)))
	if a := d.runA[i]; a >= 0 {
		b := d.runB[i]
		n := int(b - a + 1)
		if n > 5 {
			n = 5
		}
		at := 0
		switch {
		case a == b:
			at = 3
		case int(a) == i:
			at = 1
		case int(b) == i:
			at = 2
		}
		emit(hc(hi(tRun, 0, n, at), d.lowerH[b]))
		emit(hc(hi(tRun, 1, n, at), d.lowerH[a]))
	}
	pos := d.tokenPos(i)
	emit(hi(tDocCap, int(d.docCap[i]), int(d.cc[i]), pos))
	emit(hi(tSentNum, int(d.numBin[d.sentOf[i]]), int(d.cc[i])))
	if d.topicH != 0 && d.cc[i] >= 2 {
		emit(hc(hi(tTopic, int(d.cc[i])), d.topicH))
		if g := d.gazBits[i]; g != 0 {
			emit(hc(hi(tTopic, 10+int(g)), d.topicH))
		}
	}
	if g := d.gazTag[i]; g != 0 {
		for b := 0; b < 7; b++ {
			if d.gazBits[i]&(1<<b) != 0 {
				emit(hi(tGazCtx, 0, b, int(g)))
				emit(hi(tGazCtx, 5, b, int(g), int(d.cc[i]), pos))
			}
		}
		emit(hi(tGazCtx, 6, int(d.gazBits[i]), int(g)))
	}
	if prevT >= 0 && d.gazTag[prevT] != 0 {
		emit(hi(tGazCtx, 1, int(d.gazBits[prevT]), int(d.gazTag[prevT])))
	}
	if nextT >= 0 && d.gazTag[nextT] != 0 {
		emit(hi(tGazCtx, 2, int(d.gazBits[nextT]), int(d.gazTag[nextT])))
	}
}

// stage2Features are the second pass's features on first-pass predictions.
func (d *docState) stage2Features(i int, emit func(uint64)) {
	s := d.sents[d.sentOf[i]]
	prevT, nextT := d.neighbours(i)
	pos := d.tokenPos(i)
	emit(hi(tStack, int(d.p1[i])))
	if d.cc[i] >= 2 {
		prevH, nextH := hPadL, hPadR
		if prevT >= 0 {
			prevH = d.lowerH[prevT]
		}
		if nextT >= 0 {
			nextH = d.lowerH[nextT]
		}
		emit(hc(hi(tStack, 200, typeOf(d.p1[i])), prevH))
		emit(hc(hi(tStack, 201, typeOf(d.p1[i])), nextH))
	}
	if prevT >= 0 {
		emit(hi(tStackL, typeOf(d.p1[prevT]), int(d.p1[i])))
	}
	if nextT >= 0 {
		emit(hi(tStackR, typeOf(d.p1[nextT]), int(d.p1[i])))
	}
	if prevT >= 0 && nextT >= 0 {
		emit(hi(tStack, 100+typeOf(d.p1[prevT]), typeOf(d.p1[i]), typeOf(d.p1[nextT])))
	}
	if i-2 >= int(s[0]) {
		emit(hi(tStackL, 100+typeOf(d.p1[i-2]), typeOf(d.p1[i])))
	}
	if i+2 < int(s[1]) {
		emit(hi(tStackR, 100+typeOf(d.p1[i+2]), typeOf(d.p1[i])))
	}
	c := d.typeCnt[d.lid[i]]
	c[typeOf(d.p1[i])]--
	total := c[0] + c[1] + c[2] + c[3] + c[4]
	if total <= 0 {
		emit(hi(tDocMaj, 9))
		return
	}
	maj, mx := 4, int32(-1)
	for t := 0; t < 5; t++ {
		if c[t] > mx {
			maj, mx = t, c[t]
		}
		if t < 4 && c[t] > 0 {
			bin := 1
			if c[t]*2 >= total {
				bin = 2
			}
			if c[t] == total {
				bin = 3
			}
			emit(hi(tDocType, t, bin))
			emit(hi(tDocType, t, bin, int(d.cc[i]), pos))
		}
	}
	emit(hi(tDocMaj, maj, int(d.cc[i])))
}

// histFeatures are the features on previously predicted labels.
func histFeatures(l1, l2 int, shapeH, lowerH uint64, emit func(uint64)) {
	emit(hi(tHist1, l1))
	emit(hi(tHist2, l2, l1))
	emit(hc(hi(tHistShape, l1), shapeH))
	emit(hc(hi(tHistLower, l1), lowerH))
}
