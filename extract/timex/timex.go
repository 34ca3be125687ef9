package timex

import (
	"strings"
	"sync"
	"time"
)

// Timex is one temporal expression: text[Start:End] (byte offsets).
type Timex struct {
	Start, End int
	Type       string // DATE, TIME, DURATION or SET
	Value      string // TimeML value: 2017-03-14, 2017-03, 2017-W11, P2M, PRESENT_REF, XXXX-03-14, ...
	Mod        string // TimeML mod: START, MID, END, APPROX, BEFORE, AFTER, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE, ON_OR_AFTER, ON_OR_BEFORE; "" if none
}

// Granularity is the timeline granularity of t: Granularity(t.Value), or
// "set" for a SET.
func (t Timex) Granularity() string {
	if t.Type == "SET" {
		return "set"
	}
	return Granularity(t.Value)
}

// chunk bounds the text tagged at once, so that memory stays flat on huge
// inputs. Chunks end at a paragraph break, line break or space when one is
// near; the reference time carries over from one chunk to the next.
const chunk = 32 << 10

type state struct {
	toks []token
	ms   []match
}

type match struct {
	s, e int // token indices
	f    frame
}

var pool = sync.Pool{New: func() any { return &state{toks: make([]token, 0, 1024)} }}

// Tag returns the temporal expressions in text, resolved against dct where
// relative. A zero dct leaves relative expressions unresolved: underspecified
// dates get X placeholders (XXXX-03-14), shifts such as "last week" get
// PAST_REF or FUTURE_REF. The result is sorted by Start, non-overlapping.
// Tag is pure and safe for concurrent use.
func Tag(text string, dct time.Time) []Timex {
	st := pool.Get().(*state)
	defer pool.Put(st)
	r := newResolver(dct)
	var out []Timex
	for off := 0; off < len(text); {
		end := cutPoint(text, off)
		out = tagChunk(st, text[off:end], off, &r, out)
		off = end
	}
	return out
}

// cutPoint returns the end of the chunk starting at off.
func cutPoint(text string, off int) int {
	if len(text)-off <= chunk {
		return len(text)
	}
	lo, hi := off+chunk/2, off+chunk
	if k := strings.LastIndex(text[lo:hi], "\n\n"); k >= 0 {
		return lo + k + 1
	}
	if k := strings.LastIndexByte(text[lo:hi], '\n'); k >= 0 {
		return lo + k + 1
	}
	if k := strings.LastIndexByte(text[lo:hi], ' '); k >= 0 {
		return lo + k + 1
	}
	// no space at all: cut at a rune boundary
	for hi > lo && text[hi]&0xC0 == 0x80 {
		hi--
	}
	return hi
}

func tagChunk(st *state, text string, off int, r *resolver, out []Timex) []Timex {
	st.toks = scan(text, st.toks[:0])
	p := parser{toks: st.toks, text: text}
	st.ms = st.ms[:0]
	toks := st.toks
	for i := 0; i < len(toks); {
		t := &toks[i]
		if t.kind == kWord && t.lx.cls&cStart == 0 || t.kind == kPunct && t.ch != '\'' {
			i++
			continue
		}
		// most articles and determiners precede no time at all: look at the
		// next token before trying the grammar ("the company")
		if t.lx.cls&cWeak != 0 && i+1 < len(toks) {
			n := &toks[i+1]
			if !(n.kind == kNum || n.kind == kWord && n.lx.cls&(cStart|cCont) != 0 || n.kind == kPunct && (n.ch == '\'' || n.ch == '-')) {
				i++
				continue
			}
		}
		f, j := p.expr(i)
		if j > i {
			st.ms = append(st.ms, match{i, j, f})
			// "April 24 and 25", "March 3-5": the second day is an expression of its own
			for f.d != 0 && f.m != 0 && !f.clock && f.pod == 0 {
				g, s, e := p.nextDay(f, j)
				if e <= s {
					break
				}
				st.ms = append(st.ms, match{s, e, g})
				f, j = g, e
			}
			i = j
			continue
		}
		i++
	}
	for _, m := range st.ms {
		for k := m.s; k < m.e; k++ {
			toks[k].inTimex = true
		}
	}
	for k := range st.ms {
		m := &st.ms[k]
		var tense int8
		if m.f.anchor == aNear || m.f.dir == 2 || m.f.quarterRef || m.f.weekend {
			tense = p.tense(m.s, m.e)
		}
		switch p.w(m.s - 1) {
		case wEnded, wEnding:
			// "the quarter ended Sept. 30": the end of a period is not the
			// time the narrative is about
			m.f.noRef = true
		case wSince:
			// "since March", "since year-end": always one in the past
			if m.f.dir == 2 {
				m.f.dir = dirSince
			}
		}
		// "9:30 a.m. on May 5": the clock time falls on the date after it
		if f := &m.f; f.clock && f.anchor == aDCT && f.shiftN == 0 && f.d == 0 && f.wd == 0 && k+1 < len(st.ms) &&
			st.ms[k+1].s == m.e+1 && (p.w(m.e) == wOn || p.punct(m.e, ',')) {
			ahead := *r // resolve the date on a copy: it must not move the reference yet
			if d, ok := ahead.point(&st.ms[k+1].f, p.tense(st.ms[k+1].s, st.ms[k+1].e)); ok && d.g >= gDay && !d.yx && !d.mx && !d.dx {
				f.anchor, f.y, f.ySet, f.m, f.d = aAbs, d.y, true, d.m, d.d
			}
		}
		v := r.resolve(&m.f, tense)
		if v == "" {
			continue
		}
		out = append(out, Timex{
			Start: off + int(toks[m.s].start),
			End:   off + int(toks[m.e-1].end),
			Type:  typeName[m.f.typ],
			Value: v,
			Mod:   m.f.mod,
		})
	}
	return out
}

// tense looks for the nearest tense cue around tokens s..e in the same
// sentence: -1 past, +1 future, 0 none found. Reporting verbs (said, told)
// count only when nothing else does: in "the summit in April, an official
// said", the saying is past but the summit is not.
func (p *parser) tense(s, e int) int8 {
	p.cueFrom, p.cueTo = s, e-1
	// The verb that governs a time adverbial usually comes before it in the
	// clause, so the words before are searched first, back to the start of
	// the sentence; then the words after, to its end. A strong cue ends the
	// search; weak ones (reporting verbs, "by", "would") count when nothing
	// strong is found.
	var weak int8
	for k := s - 1; k >= 0 && k >= s-20 && !p.sentenceEnd(k); k-- {
		if c, strong := p.cue(k, true); c != 0 {
			if strong {
				return result(c)
			}
			if weak == 0 {
				weak = c
			}
		}
	}
	for k := e; k < len(p.toks) && k < e+20; k++ {
		if k > e && p.sentenceEnd(k-1) {
			break
		}
		if c, strong := p.cue(k, false); c != 0 {
			if strong {
				return result(c)
			}
			if weak == 0 {
				weak = c
			}
		}
	}
	return result(weak)
}

func result(c int8) int8 {
	if c == present {
		return 0
	}
	return c
}

// present is the cue of a present-tense auxiliary: it ends the search
// for a tense, and leaves the date at its nearest reading.
const present int8 = 2

// cue returns the tense token k signals and whether it is a strong cue.
func (p *parser) cue(k int, before bool) (int8, bool) {
	t := p.tok(k)
	if t.kind != kWord || t.inTimex {
		return 0, false
	}
	// "had been scheduled", "was expected": a plan that lies in the past
	pastPlan := func() bool {
		for b := k - 1; b >= k-2 && b >= 0; b-- {
			if w := p.tok(b); w.kind == kWord && (p.lit(b, "had") || p.lit(b, "was") || p.lit(b, "were")) {
				return true
			}
		}
		return false
	}
	switch {
	case t.lx.cls&cFuture != 0:
		if t.lx.w == wNext && p.w(k+1) == wTo {
			return 0, false // "next to the embassy"
		}
		if pastPlan() {
			return -1, true
		}
		return 1, true
	case t.lx.w == wAs && before && p.w(k+1) == wEarly && p.w(k+2) == wAs:
		return 1, true // as early as Tuesday
	case p.lit(k, "effective") && before && k == p.cueFrom-1:
		return 1, true // effective June 1
	case (t.lx.w == wBy || t.lx.w == wUntil || p.lit(k, "through")) && before && k == p.cueFrom-1:
		return 1, false // a deadline: by February, until Tuesday
	case p.lit(k, "would"):
		return 1, false // the future of a past narrative: "would be traveling Thursday"
	case false && (p.lit(k, "is") || p.lit(k, "are") || p.lit(k, "am")):
		if n := p.tok(k + 1); n.kind == kWord && (n.lx.cls&(cPast|cFuture|cReport) != 0 || p.text[n.end-1] == 'd' && p.text[n.end-2] == 'e') {
			return 0, false // "is expected", "are scheduled": the participle decides
		}
		return present, true
	case t.lx.cls&cReport != 0:
		// "said Friday": the saying is what the date is about
		return -1, k >= p.cueFrom-2 && k < p.cueFrom || k <= p.cueTo+1 && k >= p.cueTo
	case t.lx.cls&cPast != 0:
		if p.lit(k-1, "be") || p.lit(k-1, "been") || p.lit(k-1, "being") {
			return 0, false // a passive: "will be held"
		}
		return -1, true
	}
	// "set to", "due to", "planned to", "is to": an arrangement for the future
	if p.w(k+1) == wTo && (p.lit(k, "is") || p.lit(k, "are") || p.lit(k, "set") || p.lit(k, "due") || p.lit(k, "poised") || p.lit(k, "likely") || p.lit(k, "planned") || p.lit(k, "scheduled") || p.lit(k, "expected") || p.lit(k, "planning") || p.lit(k, "preparing") || p.lit(k, "supposed")) {
		if pastPlan() {
			return -1, true
		}
		return 1, true
	}
	// a regular past tense or participle: "-ed" on a lower-case word, but
	// not an adjective ("the reduced dividend") or a passive or infinitive
	// ("will be paid", "to be completed")
	if n := t.end - t.start; n >= 5 && !t.has(fCap) && p.text[t.end-2] == 'e' && p.text[t.end-1] == 'd' && p.text[t.end-3] != 'e' {
		det := func(b int) bool {
			w := p.w(b)
			return w == wThe || w == wA || w == wAn || w == wIts || w == wHis || w == wTheir
		}
		switch {
		case det(k-1) || det(k-2) && p.endsWith(k-1, "ly") || p.w(k-2) == wA && p.lit(k-1, "still"):
			return 0, false
		case p.text[t.start]|0x20 == 'u' && p.text[t.start+1] == 'n':
			return 0, false // "unspecified", "unexpected": adjectives
		case p.lit(k-1, "be") || p.lit(k-1, "been") || p.lit(k-1, "being") || p.lit(k-1, "is") || p.lit(k-1, "are") || p.lit(k-1, "am"):
			return 0, false
		}
		return -1, true
	}
	return 0, false
}

// sentenceEnd reports whether token k ends a sentence.
func (p *parser) sentenceEnd(k int) bool {
	t := p.tok(k)
	if t.kind != kPunct {
		return p.tok(k + 1).has(fPara)
	}
	switch t.ch {
	case '!', '?', ';':
		return true
	case '.':
		n := p.tok(k + 1)
		if n.kind == 0 || n.has(fNL) {
			return true
		}
		if !n.has(fSpace) || n.kind == kWord && !n.has(fCap) {
			return false
		}
		// a period after an abbreviation or an initial does not end the sentence
		b := p.tok(k - 1)
		return b.kind != kWord || b.end-b.start > 1 && !abbrevs.has(p.text[b.start:b.end])
	}
	return false
}

// abbrevs end with a period that does not end a sentence.
var abbrevs = setOf("mr", "mrs", "ms", "dr", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "gen", "sen", "rep",
	"gov", "lt", "col", "capt", "sgt", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "vs", "ft", "mt",
	"ave", "blvd", "calif", "mass", "conn", "wash", "penn", "tenn", "ariz", "colo", "fla", "ill", "mich", "minn", "okla", "wis",
	"pp", "vol", "fig", "est", "approx", "dept", "univ", "assn", "bros")

// Granularity returns the timeline granularity of a TimeML value: century,
// decade, year, season, quarter, month, week, day, time, duration, set, ref
// or unknown. Half years (1990-H1) count as seasons. Values of SET
// expressions mostly look like durations (P1W) or undated points
// (XXXX-WXX-2); use Timex.Granularity to get "set" for them.
func Granularity(value string) string {
	v := value
	switch {
	case v == "":
		return "unknown"
	case strings.HasSuffix(v, "_REF"):
		return "ref"
	case v[0] == 'P':
		return "duration"
	}
	if strings.HasPrefix(v, "XXXX-WXX-") || strings.HasPrefix(v, "XXXX-XX-XXT") {
		return "set"
	}
	digits := 0
	for digits < len(v) && (isDigitX(v[digits])) {
		digits++
	}
	if digits == len(v) {
		switch {
		case digits <= 2:
			return "century"
		case digits == 3:
			return "decade"
		case digits == 4 && strings.HasSuffix(v, "XX"):
			return "century"
		case digits == 4 && v[3] == 'X':
			return "decade"
		case digits == 4:
			return "year"
		}
		return "unknown"
	}
	if digits != 4 || v[4] != '-' {
		return "unknown"
	}
	rest := v[5:]
	switch {
	case strings.HasPrefix(rest, "SP"), strings.HasPrefix(rest, "SU"), strings.HasPrefix(rest, "FA"), strings.HasPrefix(rest, "WI"), strings.HasPrefix(rest, "H"):
		return "season"
	case strings.HasPrefix(rest, "Q"):
		return "quarter"
	case strings.HasPrefix(rest, "W"):
		return "week"
	}
	if len(rest) == 2 {
		return "month"
	}
	if len(rest) == 5 && rest[2] == '-' {
		return "day"
	}
	if len(rest) > 5 && rest[5] == 'T' {
		return "time"
	}
	return "unknown"
}

func isDigitX(c byte) bool { return c >= '0' && c <= '9' || c == 'X' }

// InferDCT guesses a document's own date from its text when no metadata
// gives it: the first fully specified calendar date (day, month and year
// written out, as in a dateline "Apr 6, 2017 22:15 GMT" or "date 2017-04-06").
func InferDCT(text string) (time.Time, bool) {
	for _, t := range Tag(text, time.Time{}) {
		if t.Type != "DATE" && t.Type != "TIME" {
			continue
		}
		v := t.Value
		if len(v) < 10 || v[4] != '-' || v[7] != '-' {
			continue
		}
		d, err := time.Parse("2006-01-02", v[:10])
		if err != nil {
			continue
		}
		if len(v) >= 16 && v[10] == 'T' {
			if tt, err := time.Parse("2006-01-02T15:04", v[:16]); err == nil {
				return tt, true
			}
		}
		return d, true
	}
	return time.Time{}, false
}
