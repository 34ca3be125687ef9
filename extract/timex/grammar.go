package timex

// The grammar is a set of hand-written recognisers over the token slice. Each
// takes a token index and returns a frame and the index just past the
// expression (end <= i means no match). The driver tries them where a token
// can start an expression and keeps the longest match, so every recogniser
// only has to be right about its own shape.

type parser struct {
	toks []token
	text string

	cueFrom, cueTo int // the expression whose tense is being looked for
	depth          int // nesting of core calls
}

const maxDepth = 6

var noTok token

func (p *parser) tok(i int) *token {
	if uint(i) >= uint(len(p.toks)) {
		return &noTok
	}
	return &p.toks[i]
}

func (p *parser) w(i int) wid               { return p.tok(i).lx.w }
func (p *parser) is(i int, c uint32) bool   { return p.tok(i).lx.cls&c != 0 }
func (p *parser) punct(i int, ch byte) bool { t := p.tok(i); return t.kind == kPunct && t.ch == ch }
func (p *parser) kindAt(i int) uint8        { return p.tok(i).kind }

// glued reports whether token i directly follows token i-1 (no space).
func (p *parser) glued(i int) bool { t := p.tok(i); return t.kind != 0 && !t.has(fSpace) }

// hyphen reports whether token i is a '-' joining the tokens on both sides: "third-quarter".
func (p *parser) hyphen(i int) bool { return p.punct(i, '-') && p.glued(i) && p.glued(i+1) }

// lit reports whether token i is the word s (lower case), ignoring case.
func (p *parser) lit(i int, s string) bool {
	t := p.tok(i)
	return t.kind == kWord && eqFold(p.text[t.start:t.end], s)
}

// titled reports whether word i is capitalised where a common word would
// not be: not all capitals, and not at the start of a sentence or line.
// Temporal words written so are names or titles ("USA Today", "60 Minutes").
func (p *parser) titled(i int) bool {
	t := p.tok(i)
	if t.kind != kWord || !t.has(fCap) || t.has(fUpper) || t.has(fNL) || i == 0 {
		return false
	}
	k := i - 1
	for k >= 0 && p.kindAt(k) == kPunct && (p.tok(k).ch == '"' || p.tok(k).ch == '\'' || p.tok(k).ch == '(' || p.tok(k).ch == '[' || p.tok(k).ch == '_' || p.tok(k).ch == '-') {
		if p.tok(k).has(fNL) {
			return false
		}
		k--
	}
	if k < 0 {
		return false
	}
	b := p.tok(k)
	if b.kind == kPunct && (b.ch == '.' || b.ch == '!' || b.ch == '?' || b.ch == ':' || b.ch == ';') {
		return false
	}
	// Title Case runs ("Twitter Sues Feds Last Week") are headlines, not names
	return !(b.kind == kWord && b.has(fCap) && p.tok(k-1).kind == kWord && p.tok(k-1).has(fCap) && p.tok(k-2).kind == kWord && p.tok(k-2).has(fCap))
}

// endsWith reports whether word token i ends with the lower-case s.
func (p *parser) endsWith(i int, s string) bool {
	t := p.tok(i)
	n := int(t.end - t.start)
	return t.kind == kWord && n > len(s) && eqFold(p.text[int(t.end)-len(s):t.end], s)
}

// plain reports whether token i is a number without suffix and returns it.
func (p *parser) plain(i int) (int, int, bool) {
	t := p.tok(i)
	if t.kind != kNum || t.flags&(fOrd|fPlural|fAMPM) != 0 {
		return 0, 0, false
	}
	return int(t.num), int(t.ndig), true
}

// numberGlued reports whether token i continues a number-like run: "1,000",
// "3.5", "555-1234", "3:17-cv". Years and days next to such a run are not dates.
func (p *parser) numGluedAfter(i int) bool {
	// token i is the one after a number
	t := p.tok(i)
	if t.kind != kPunct || !p.glued(i) {
		return false
	}
	switch t.ch {
	case ',', '.', ':', '/', '-':
		n := p.tok(i + 1)
		return p.glued(i+1) && (n.kind == kNum || t.ch == '-' && n.kind == kWord && !n.lx.is(cUnit|cMonth) && n.lx.w != wOld && n.lx.w != wLong && n.lx.w != wEarlier && n.lx.w != wEnd)
	case '%', '$':
		return true
	}
	return false
}

func (p *parser) numGluedBefore(i int) bool {
	// token i is the number; look at i-1 and i-2
	if !p.glued(i) {
		return false
	}
	t := p.tok(i - 1)
	if t.kind == kNum {
		return true
	}
	if t.kind != kPunct {
		return t.kind == kWord // "A1990", "cv-01916" handled by kind
	}
	switch t.ch {
	case '$', '#', '%', '.', ',', ':', '/':
		return true
	case '-':
		return p.glued(i-1) && p.tok(i-2).kind == kNum
	}
	// currency and section signs are non-ASCII punctuation: ch == 0
	return t.ch == 0
}

// ---- building blocks ----

// month parses a month name: value and the index after it (and after the
// period of an abbreviation).
func (p *parser) month(i int) (int, int) {
	t := p.tok(i)
	if t.kind != kWord || t.lx.cls&cMonth == 0 {
		return 0, i
	}
	j := i + 1
	if t.lx.cls&cAbbr != 0 {
		if !t.has(fCap) {
			return 0, i
		}
		if p.punct(j, '.') && p.glued(j) {
			j++
		} else if p.kindAt(j) != kNum || p.tok(j).has(fPlural) {
			return 0, i
		}
		return int(t.lx.val), j
	}
	if t.lx.cls&cNeedCap != 0 {
		if !t.has(fCap) {
			return 0, i
		}
		if t.lx.val == 5 && !p.mayIsMonth(i) || t.lx.val == 3 && p.marchIsNoun(i) {
			return 0, i
		}
	}
	return int(t.lx.val), j
}

// mayIsMonth tells the month May from the verb: a number follows, or a word
// that introduces dates precedes.
func (p *parser) mayIsMonth(i int) bool {
	if n := p.tok(i + 1); n.kind == kNum {
		return true
	}
	switch p.w(i - 1) {
	case wIn, wSince, wUntil, wBy, wDuring, wOf, wEarly, wLate, wMid, wLast, wNext, wThis, wFrom, wBefore, wAfter, wEnd, wThe, wAnd, wOr, wOn:
		return true
	}
	if p.punct(i-1, '-') && p.w(i-2) == wMid {
		return true
	}
	return p.lit(i-1, "through") || p.lit(i-1, "between") || p.lit(i-1, "to")
}

// marchIsNoun tells a march (the March for Life, a March on Washington)
// from the month.
func (p *parser) marchIsNoun(i int) bool {
	if w := p.w(i + 1); w != wFor && w != wOf && w != wOn && !p.lit(i+1, "against") {
		return false
	}
	k := i + 2
	if p.w(k) == wThe {
		k++
	}
	n := p.tok(k)
	return n.kind == kWord && n.has(fCap) && n.lx.cls&(cMonth|cWeekday) == 0
}

// dayNum parses a day of the month: 13, 13th, thirteenth, twenty-first.
func (p *parser) dayNum(i int) (int, int) {
	t := p.tok(i)
	switch t.kind {
	case kNum:
		if t.ndig > 2 || t.num < 1 || t.num > 31 || t.flags&(fPlural|fAMPM) != 0 {
			return 0, i
		}
		if t.flags&fOrd == 0 && p.numGluedAfter(i+1) && !p.dayRange(i) {
			return 0, i
		}
		return int(t.num), i + 1
	case kWord:
		if t.lx.cls&cOrd != 0 && t.lx.ord <= 31 {
			return int(t.lx.ord), i + 1
		}
		if t.lx.cls&cTens != 0 && t.lx.val <= 30 && p.hyphen(i+1) && p.is(i+2, cOrd) && p.tok(i+2).lx.ord < 10 {
			return int(t.lx.val) + int(p.tok(i+2).lx.ord), i + 3
		}
	}
	return 0, i
}

// dayRange reports whether the day number at i starts a range "3-5" of
// two days of the month (and not a score, a phone number or a date).
func (p *parser) dayRange(i int) bool {
	n := p.tok(i + 2)
	return p.hyphen(i+1) && n.kind == kNum && n.ndig <= 2 && n.flags&(fPlural|fAMPM|fOrd) == 0 &&
		n.num > p.tok(i).num && n.num <= 31 && !p.numGluedAfter(i+3)
}

// yearNum parses a written year: 1998, '98, 1990s, '80s. g is gYear or
// gDecade. It does not check the context; callers do.
func (p *parser) yearNum(i int) (y int, g gran, j int) {
	t := p.tok(i)
	if t.kind == kNum && t.ndig == 4 && t.flags&(fOrd|fAMPM) == 0 && t.num >= 1000 && t.num <= 2199 {
		if t.flags&fPlural != 0 {
			if t.num%10 != 0 {
				return 0, 0, i
			}
			return int(t.num), gDecade, i + 1
		}
		return int(t.num), gYear, i + 1
	}
	if p.punct(i, '\'') && !p.glued(i+1) {
		return 0, 0, i
	}
	if p.punct(i, '\'') {
		n := p.tok(i + 1)
		if n.kind == kNum && n.ndig == 2 && n.flags&(fOrd|fAMPM) == 0 && !p.numGluedAfter(i+2) {
			y := int(n.num)
			if y < 30 {
				y += 2000
			} else {
				y += 1900
			}
			if n.flags&fPlural != 0 {
				if y%10 != 0 {
					return 0, 0, i
				}
				return y, gDecade, i + 2
			}
			return y, gYear, i + 2
		}
	}
	return 0, 0, i
}

// spokenYear parses "nineteen ninety-six", "nineteen eighty", "two thousand
// (and) one", "twenty ten".
func (p *parser) spokenYear(i int) (int, int) {
	t := p.tok(i)
	if t.lx.w == wNineteen || t.lx.w == wTwenty {
		base := int(t.lx.val) * 100
		if n, j := p.tensOnes(i + 1); j > i+1 && n >= 10 {
			return base + n, j
		}
		if p.lit(i+1, "oh") || p.lit(i+1, "o") {
			if n := p.tok(i + 2); n.lx.cls&cNum != 0 && n.lx.val > 0 && n.lx.val < 10 {
				return base + int(n.lx.val), i + 3
			}
		}
		return 0, i
	}
	if t.lx.cls&cNum != 0 && t.lx.val == 2 && p.w(i+1) == wThousand {
		j := i + 2
		k := j
		if p.w(k) == wAnd {
			k++
		}
		if n, e := p.tensOnes(k); e > k && n < 100 {
			return 2000 + n, e
		}
		return 2000, j
	}
	return 0, i
}

// tensOnes parses a number word below 100: "ninety-six", "ninety six", "eighty", "twelve".
func (p *parser) tensOnes(i int) (int, int) {
	t := p.tok(i)
	if t.kind != kWord || t.lx.cls&cNum == 0 {
		return 0, i
	}
	v := int(t.lx.val)
	if t.lx.cls&cTens != 0 {
		k := i + 1
		if p.hyphen(k) {
			k++
		}
		if n := p.tok(k); n.kind == kWord && n.lx.cls&cNum != 0 && n.lx.cls&cTens == 0 && n.lx.val > 0 && n.lx.val < 10 {
			return v + int(n.lx.val), k + 1
		}
	}
	return v, i + 1
}

// quantity is a parsed amount: n < 0 for an unknown amount (several, a few).
type quantity struct {
	n    int
	half bool // and a half
	a    bool // the article "a"/"an" stood for one
	word bool // spelt out
}

// number parses an amount: 3, 2 1/2, twenty-four, a hundred, a few, several,
// a couple of. The article a/an counts as one only when allowA is set.
func (p *parser) number(i int, allowA bool) (quantity, int) {
	t := p.tok(i)
	switch t.kind {
	case kNum:
		if t.flags&(fOrd|fPlural|fAMPM) != 0 || p.numGluedBefore(i) {
			return quantity{}, i
		}
		// 1,000 and 3.5 are numbers, but rarely amounts of time units; 2 1/2 is
		if p.glued(i+1) && (p.punct(i+1, ',') || p.punct(i+1, '.') || p.punct(i+1, ':') || p.punct(i+1, '/')) && p.kindAt(i+2) == kNum && p.glued(i+2) {
			return quantity{}, i
		}
		q := quantity{n: int(t.num)}
		j := i + 1
		// 2 1/2
		if p.tok(j).kind == kNum && p.tok(j).num == 1 && p.punct(j+1, '/') && p.glued(j+1) && p.tok(j+2).kind == kNum && p.tok(j+2).num == 2 && p.glued(j+2) {
			q.half = true
			j += 3
		}
		return q, j
	case kWord:
	default:
		return quantity{}, i
	}
	switch t.lx.w {
	case wA, wAn:
		// a few, a couple (of), a dozen, a hundred, a half
		switch p.w(i + 1) {
		case wFew:
			return quantity{n: -1}, i + 2
		case wCouple:
			j := i + 2
			if p.w(j) == wOf {
				j++
			}
			return quantity{n: 2, word: true}, j
		case wDozen:
			return quantity{n: 12, word: true}, i + 2
		case wHundred:
			return quantity{n: 100, word: true}, i + 2
		case wThousand:
			return quantity{n: 1000, word: true}, i + 2
		}
		if allowA {
			return quantity{n: 1, a: true, word: true}, i + 1
		}
		return quantity{}, i
	case wFew, wSeveral, wMany:
		return quantity{n: -1, word: true}, i + 1
	case wDozens, wHundreds, wThousands:
		if p.w(i+1) == wOf {
			return quantity{n: -1, word: true}, i + 2
		}
		return quantity{}, i
	case wDozen:
		return quantity{n: 12, word: true}, i + 1
	case wCouple:
		return quantity{}, i
	}
	if t.lx.cls&cNum == 0 {
		return quantity{}, i
	}
	v, j := p.tensOnes(i)
	if p.w(j) == wHundred {
		v *= 100
		j++
		if p.w(j) == wAnd {
			if n, k := p.tensOnes(j + 1); k > j+1 {
				v += n
				j = k
			}
		} else if n, k := p.tensOnes(j); k > j {
			v += n
			j = k
		}
	} else if p.w(j) == wThousand {
		v *= 1000
		j++
	}
	q := quantity{n: v, word: true}
	// one and a half
	if p.w(j) == wAnd && (p.w(j+1) == wA || p.w(j+1) == wAn) && p.w(j+2) == wHalf {
		q.half = true
		j += 3
	}
	return q, j
}

// unit parses a unit noun: value, plural, index after.
func (p *parser) unit(i int) (gran, bool, int) {
	t := p.tok(i)
	if t.kind != kWord || t.lx.cls&cUnit == 0 {
		return 0, false, i
	}
	return gran(t.lx.val), t.lx.cls&cPlural != 0, i + 1
}

// tz skips a time zone after a clock time: "GMT", "PT", "(0735 GMT)" is left alone.
func (p *parser) tz(i int) int {
	t := p.tok(i)
	if t.kind == kWord && t.lx.cls&cTZ != 0 && t.has(fCap) && (t.has(fUpper) || t.end-t.start <= 1) {
		return i + 1
	}
	// "local time"
	if p.lit(i, "local") && p.w(i+1) == wTime {
		return i + 2
	}
	return i
}

// ordinal parses an ordinal 1..n: "third", "3rd".
func (p *parser) ordinal(i int) (int, int) {
	t := p.tok(i)
	if t.kind == kNum && t.flags&fOrd != 0 && t.ndig <= 2 {
		return int(t.num), i + 1
	}
	if t.kind == kWord && t.lx.cls&cOrd != 0 {
		return int(t.lx.ord), i + 1
	}
	return 0, i
}
