package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Labels: O, then B, I, L, U for each of PER, ORG, LOC, MISC (BILOU encoding).
const (
	nTypes  = 4
	nLabels = 1 + 4*nTypes
)

// Types are the entity types in label order.
var Types = [nTypes]string{"PER", "ORG", "LOC", "MISC"}

const (
	posB = iota
	posI
	posL
	posU
)

func label(typ, pos int) int { return 1 + 4*typ + pos }
func labelType(l int) int    { return (l - 1) / 4 }
func labelPos(l int) int     { return (l - 1) % 4 }

// allowed[prev][cur]: BILOU transition constraints.
var allowed = func() (a [nLabels + 1][nLabels]bool) {
	for prev := 0; prev <= nLabels; prev++ { // nLabels = sentence start
		for cur := 0; cur < nLabels; cur++ {
			open := prev > 0 && prev < nLabels && (labelPos(prev) == posB || labelPos(prev) == posI)
			if open {
				a[prev][cur] = cur > 0 && labelType(cur) == labelType(prev) && (labelPos(cur) == posI || labelPos(cur) == posL)
			} else {
				a[prev][cur] = cur == 0 || labelPos(cur) == posB || labelPos(cur) == posU
			}
		}
	}
	return
}()

// Feature groups: word-form features apply at a context offset (-2..+2) or
// conditionally at offset 0 (sentence-initial, all-caps sentence).
const (
	gM2 = iota
	gM1
	g0
	gP1
	gP2
	gSent // token is sentence-initial
	gCaps // token is in an all-caps sentence
	nGroups
)

const (
	mM2   = 1 << gM2
	mM1   = 1 << gM1
	m0    = 1 << g0
	mP1   = 1 << gP1
	mP2   = 1 << gP2
	mSent = 1 << gSent
	mCaps = 1 << gCaps
	mNear = mM1 | m0 | mP1
	mAll  = mM2 | mM1 | m0 | mP1 | mP2
)

// featureSetVersion changes whenever feature extraction changes; a model
// trained with another feature set is refused.
const featureSetVersion = 10

// hashing -------------------------------------------------------------------

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// hs hashes a template number and a string.
func hs(tmpl uint64, s string) uint64 {
	h := uint64(fnvOffset) ^ (tmpl * 0x9e3779b97f4a7c15)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return mix(h)
}

// hc combines two hashes.
func hc(a, b uint64) uint64 { return mix(a*0x9e3779b97f4a7c15 ^ b + 0x632be59bd9b4e019) }

// keyHash is the hash by which the tagger's maps know a string.
func keyHash(s string) uint64 { return hs(63, s) }

// hi hashes a template number and small integers.
func hi(tmpl uint64, xs ...int) uint64 {
	var h uint64
	if tmpl < uint64(len(tmplHash)) {
		h = tmplHash[tmpl]
	} else {
		h = mix(tmpl*0x9e3779b97f4a7c15 + 0x1234567)
	}
	for _, x := range xs {
		h = hc(h, uint64(x)+1)
	}
	return h
}

// tmplHash caches the hash of each bare template number.
var tmplHash = func() (t [64]uint64) {
	for i := range t {
		t[i] = mix(uint64(i)*0x9e3779b97f4a7c15 + 0x1234567)
	}
	return
}()

// template numbers
const (
	tWord = iota + 1
	tLower
	tShape
	tShort
	tPre
	tSuf
	tCapStat
	tBigramL
	tBigramR
	tHist1
	tHist2
	tHistShape
	tHistLower
	tBias
	tDocCap
	tDocType
	tDocMaj
	tStack
	tStackL
	tStackR
	tGaz
	tGazCtx
	tLen
	tDict
	tClass
	tHistLen
	tShortBi
	tSentNum
	tTopic
	tCtxL
	tCtxR
	tRun
	tCtxCC
)

// word-form features ----------------------------------------------------------

// wordShape maps letters to X/x, digits to d and caps runs at 3 (long) or 1 (short).
func wordShape(w string, maxRun int) string {
	var b strings.Builder
	var last rune = -1
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= '0' && r <= '9':
			c = 'd'
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r) || unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = r
		}
		if c == last {
			run++
			if run >= maxRun {
				continue
			}
		} else {
			run = 0
		}
		last = c
		b.WriteRune(c)
	}
	return b.String()
}

// capClass describes capitalisation: 0 other, 1 lower, 2 Initcap, 3 ALLCAPS, 4 mixed (iPhone, McDonald)
func capClass(w string) int {
	upper, lower, first := 0, 0, rune(0)
	for i, r := range w {
		if i == 0 {
			first = r
		}
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	switch {
	case upper == 0 && lower == 0:
		return 0
	case upper == 0:
		return 1
	case lower == 0:
		return 3
	case unicode.IsUpper(first) && upper == 1:
		return 2
	default:
		return 4
	}
}

// lexInfo is what the model's lexicon knows about a lower-cased word form.
type lexInfo struct {
	capBin  uint8  // how often the form is capitalised in running text (not sentence-initial)
	dict    bool   // listed as an ordinary lower-case word
	cluster uint32 // word cluster id + 1 (0: none)
	gaz     uint8  // single-word gazetteer membership bits (type)
}

// wordFeatures emits the hashed word-form features of w with the groups they
// apply to. It is used both at training and at tagging time.
func wordFeatures(w string, lex func(lower string) lexInfo, emit func(h uint64, groups uint8)) {
	lw := strings.ToLower(w)
	emit(hs(tWord, w), mAll|mSent)
	emit(hs(tLower, lw), mAll|mSent|mCaps)
	shape := wordShape(w, 3)
	short := wordShape(w, 1)
	emit(hs(tShape, shape), mAll|mSent|mCaps)
	emit(hs(tShort, short), mNear|mSent)
	n := utf8.RuneCountInString(w)
	if n > 2 {
		// prefixes and suffixes of up to 4 characters
		var idx [6]int
		k := 0
		for i := range lw {
			if k < len(idx) {
				idx[k] = i
			}
			k++
		}
		for p := 1; p <= 4 && p < n; p++ {
			end := len(lw)
			if p < len(idx) && p < k {
				end = idx[p]
			}
			emit(hs(tPre*16+uint64(p), lw[:end]), m0)
		}
		rs := []rune(lw)
		for p := 1; p <= 4 && p < len(rs); p++ {
			g := uint8(m0)
			if p == 3 {
				g |= mM1 | mP1
			}
			emit(hs(tSuf*16+uint64(p), string(rs[len(rs)-p:])), g)
		}
	}
	ln := n
	if ln > 10 {
		ln = 10
	}
	emit(hi(tLen, ln, capClass(w)), m0)
	li := lex(lw)
	cc := capClass(w)
	emit(hi(tCapStat, int(li.capBin), cc), mNear|mSent|mCaps)
	if li.dict {
		emit(hi(tDict, cc), mNear|mSent|mCaps)
	}
	if li.cluster != 0 {
		emit(hi(tClass, int(li.cluster)), mAll|mSent|mCaps)
	}
	for t := 0; t < 8; t++ {
		if li.gaz&(1<<t) != 0 {
			emit(hi(tGaz, t, cc), mNear|mSent|mCaps)
		}
	}
}

// sentence-level helpers ---------------------------------------------------------

// allCapsSentence reports whether a sentence is a headline in capitals: at
// least 3 letters-bearing tokens and no lower-case letters.
func allCapsSentence(toks []Token) bool {
	words, lower := 0, 0
	for _, t := range toks {
		has := false
		for _, r := range t.Norm {
			if unicode.IsLower(r) {
				lower++
				break
			}
			if unicode.IsUpper(r) {
				has = true
			}
		}
		if has {
			words++
		}
	}
	return lower == 0 && words >= 2
}
