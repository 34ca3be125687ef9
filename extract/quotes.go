package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Quote is a direct quotation in a document's clean text and who said it.
//
// Quotes finds the quotation marks, then the attribution around them, the way
// news copy writes it:
//
//	"...," Twitter wrote in its suit.            speaker, cue after the quote
//	"...," said Nathan Freed Wessler, a lawyer.  cue, speaker after the quote
//	Twitter's lawyers wrote, "..."               speaker and cue before it
//	the company says that doing so "would..."    a fragment, cue a few words before
//	According to the filing, "..."
//	X said in a statement:  ⏎ "..."              a quoted paragraph after a colon
//	"...," Gutterman said. "..."                 the second part continues the first
//
// A quotation with no cue near it (scare quotes, titles, nicknames) is not a
// quote. The speaker is a mention: the one the attribution names ("ACLU
// attorney Nathan Freed Wessler" is Wessler; "Twitter's lawyers" is Twitter),
// or for a pronoun or a description ("she", "the company", "the agency") the
// mention it refers back to. Speaker is -1 when the attribution names no one
// casefile can find; corpus-level merging may still attribute the quote.
type Quote struct {
	Start int    `json:"start"` // the quoted words without the marks: Text[Start:End], byte offsets
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Speaker is the index in Annotations.Mentions of the speaker's mention, or -1.
	Speaker int `json:"speaker"`
	// As is the attribution as written: "Twitter's lawyers", "the company",
	// "he"; AsStart and AsEnd are its offsets.
	As      string `json:"as"`
	AsStart int    `json:"as_start"`
	AsEnd   int    `json:"as_end"`
	// Cue is the word that marks the attribution: "said", "according to",
	// or ":" for a quoted paragraph introduced by a colon.
	Cue string `json:"cue"`
	// Continues is the index of the quote this one carries on ("...," she
	// said. "..."), or -1.
	Continues int `json:"continues"`
}

// minQuoteWords keeps scare quotes and quoted terms ("alt", "limited-purpose
// investigatory tool") out: a quote has at least this many words.
const minQuoteWords = 4

// cueWords are the verbs that attribute speech, in their usual forms.
var cueWords = wordSet(`say says said tell tells told write writes wrote state states stated add adds added
	argue argues argued note notes noted explain explains explained claim claims claimed allege alleges alleged
	declare declares declared insist insists insisted testify testifies testified tweet tweets tweeted
	warn warns warned continue continues continued reply replies replied respond responds responded
	comment comments commented acknowledge acknowledges acknowledged admit admits admitted assert asserts asserted
	contend contends contended maintain maintains maintained remark remarks remarked announce announces announced
	post posts posted recall recalls recalled conclude concludes concluded complain complains complained
	emphasize emphasizes emphasized emphasise emphasises emphasised stress stresses stressed observe observes observed
	predict predicts predicted promise promises promised concede concedes conceded counter counters countered
	urge urges urged call calls called describe describes described`)

// adverbs may stand between a speaker and a cue: "likewise said", "has said".
var speechAdverbs = wordSet(`also likewise similarly later then previously earlier again recently further
	once repeatedly publicly privately separately simply only just still has have had was is would will
	had already firmly flatly bluntly quietly angrily`)

// roleNouns name what a speaker is, in a phrase that also names them ("ACLU
// attorney Nathan Freed Wessler") or in a possessive ("Twitter's lawyers").
var roleNouns = wordSet(`attorney attorneys lawyer lawyers counsel spokesman spokeswoman spokesperson spokespeople
	representative representatives rep official officials secretary director president chairman chairwoman chair
	ceo cfo coo founder cofounder executive executives chief officer officers commissioner senator sen congressman
	congresswoman governor gov mayor minister judge justice professor prof expert analyst analysts researcher
	economist agent agents inspector detective sheriff captain leader leaders manager head deputy assistant
	adviser advisor advisers advisors aide aides staff employee employees member members partner partners
	statement statements filing filings suit lawsuit complaint brief motion petition letter email memo blog
	website tweet press`)

// titleWords qualify a role in a title: "chief financial officer",
// "former deputy press secretary".
var titleWords = wordSet(`chief financial executive operating technology information general senior former acting
	deputy assistant associate vice legal top lead managing principal federal special media interim national
	regional global communications public policy`)

// orgNouns are descriptions that refer back to an organisation: "the company".
var orgNouns = wordSet(`company firm agency department group organization organisation network platform union
	government administration ministry bureau office commission court startup retailer bank airline automaker
	maker publisher giant service corporation business plaintiff plaintiffs defendant defendants site`)

// governmentWords mark an organisation's name as public: "the agency" refers
// back to one of those, "the company" to one that is not.
var governmentWords = wordSet(`department agency ministry bureau office commission administration service services
	protection security government council court authority police army navy force committee senate congress
	parliament house`)

// personNouns are descriptions that refer back to a person: "the lawyer".
var personNouns = wordSet(`lawyer attorney spokesman spokeswoman spokesperson official senator judge professor expert
	analyst researcher economist agent executive founder governor mayor minister secretary director commissioner
	president chairman chairwoman ceo man woman`)

var orgGovKinds = wordSet(`agency department ministry bureau office commission government administration court`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// qtok is a token of the text around quotes: a word or one punctuation mark.
type qtok struct {
	start, end int
	word       bool
	mention    int // index of the mention the token is part of, or -1
}

// quoteFinder holds one document's state while quotes are found.
type quoteFinder struct {
	text     string
	mentions []Mention
	toks     []qtok
	spans    [][2]int // top-level quotations, including the marks, in order
}

// Quotes finds the direct quotes in text, given its entity mentions sorted by
// start (as Annotate returns them).
func Quotes(text string, mentions []Mention) []Quote {
	f := &quoteFinder{text: text, mentions: mentions}
	f.tokenize()
	var out []Quote
	blocks := splitBlocks(text)
	for bi, b := range blocks {
		for _, q := range quoteMarks(text, b[0], b[1]) {
			f.spans = append(f.spans, [2]int{q.open, q.close})
			start, end := trimQuote(text, q.inner[0], q.inner[1])
			if countWords(text[start:end]) < minQuoteWords {
				continue
			}
			qt := Quote{Start: start, End: end, Text: text[start:end], Speaker: -1, Continues: -1}
			ok := f.attributeAfter(&qt, q, b) || f.attributeBefore(&qt, q, b)
			if !ok && q.open == b[0] && bi > 0 {
				ok = f.attributeIntro(&qt, q, b, blocks[bi-1])
			}
			if !ok {
				ok = f.continuation(&qt, q, b, out)
			}
			if ok {
				out = append(out, qt)
			}
		}
	}
	return out
}

// splitBlocks returns the [start, end) ranges of the blank-line separated
// blocks of text.
func splitBlocks(text string) [][2]int {
	var out [][2]int
	start := 0
	for {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
		if i < 0 {
			return out
		}
		start = end + 2
	}
}

type quoteSpan struct {
	open, close int    // the opening mark's offset; the offset after the closing mark
	inner       [2]int // the text between the marks
	closed      bool   // false when the block ended first
}

// quoteMarks pairs the double quotation marks of one block. Curly marks say
// which way they face; a straight mark opens after a space or bracket and
// closes otherwise. Nested quotations stay inside their outer quotation.
func quoteMarks(text string, from, to int) []quoteSpan {
	var out []quoteSpan
	depth, open := 0, 0
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(text[i:])
		var opens, closes bool
		switch r {
		case '“', '„', '«':
			opens = true
		case '”', '»':
			closes = true
		case '"':
			prev := ' '
			if i > from {
				prev, _ = utf8.DecodeLastRuneInString(text[:i])
			}
			next := ' '
			if i+1 < to {
				next, _ = utf8.DecodeRuneInString(text[i+1:])
			}
			if unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/:", prev) {
				opens = !unicode.IsSpace(next)
			} else {
				closes = true
			}
		}
		switch {
		case opens:
			if depth == 0 {
				open = i
			}
			depth++
		case closes && depth > 0:
			depth--
			if depth == 0 {
				out = append(out, quoteSpan{open: open, close: i + size, inner: [2]int{open + markLen(text, open), i}, closed: true})
			}
		}
		i += size
	}
	if depth > 0 {
		out = append(out, quoteSpan{open: open, close: to, inner: [2]int{open + markLen(text, open), to}})
	}
	return out
}

func markLen(text string, i int) int {
	_, size := utf8.DecodeRuneInString(text[i:])
	return size
}

// trimQuote trims spaces and the comma that news style puts before an
// attribution ("...justification," he said).
func trimQuote(text string, s, e int) (int, int) {
	for s < e && (text[s] == ' ' || text[s] == '\n') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\n' || text[e-1] == ',') {
		e--
	}
	return s, e
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// tokenize splits the text into words and punctuation marks and links each
// word to the mention it belongs to.
func (f *quoteFinder) tokenize() {
	text := f.text
	mi := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start, word := i, isQuoteWordRune(r)
		if word {
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if isQuoteWordRune(r) {
					i += size
					continue
				}
				// inner apostrophes, dots and hyphens: Twitter's, U.S., anti-Trump
				if (r == '\'' || r == '’' || r == '.' || r == '-') && i+size < len(text) {
					n, _ := utf8.DecodeRuneInString(text[i+size:])
					if isQuoteWordRune(n) {
						i += size
						continue
					}
				}
				break
			}
		} else {
			i += size
		}
		for mi < len(f.mentions) && f.mentions[mi].End <= start {
			mi++
		}
		m := -1
		if mi < len(f.mentions) && f.mentions[mi].Start <= start {
			m = mi
		}
		f.toks = append(f.toks, qtok{start: start, end: i, word: word, mention: m})
	}
}

func isQuoteWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@' || r == '#' || r == '_' || r == '&'
}

// tokAt returns the index of the first token starting at or after off.
func (f *quoteFinder) tokAt(off int) int {
	return sort.Search(len(f.toks), func(i int) bool { return f.toks[i].start >= off })
}

func (f *quoteFinder) lower(k int) string {
	t := f.toks[k]
	return strings.ToLower(f.text[t.start:t.end])
}

func (f *quoteFinder) is(k int, s string) bool {
	return k >= 0 && k < len(f.toks) && f.text[f.toks[k].start:f.toks[k].end] == s
}

// isCue reports whether token k is a speech verb (or starts "according to");
// it returns the number of tokens the cue takes.
func (f *quoteFinder) isCue(k int) int {
	if k < 0 || k >= len(f.toks) || !f.toks[k].word || f.toks[k].mention >= 0 {
		return 0
	}
	w := f.lower(k)
	if w == "according" && k+1 < len(f.toks) && f.lower(k+1) == "to" {
		return 2
	}
	if cueWords[w] {
		return 1
	}
	return 0
}

func (f *quoteFinder) cueText(k, n int) string {
	return strings.ToLower(f.text[f.toks[k].start:f.toks[k+n-1].end])
}

// attributeAfter looks right after the closing mark: `," Twitter wrote`,
// `," said Nathan Freed Wessler`, `," according to the suit`.
func (f *quoteFinder) attributeAfter(q *Quote, s quoteSpan, b [2]int) bool {
	k := f.tokAt(s.close)
	end := f.tokAt(b[1])
	if k < end && f.is(k, ",") {
		k++
	}
	if k >= end || !f.toks[k].word {
		return false
	}
	if n := f.isCue(k); n > 0 {
		// inverted: said NP
		a, z := f.npForward(k+n, end)
		return f.attribute(q, f.cueText(k, n), a, z)
	}
	a, z := f.npForward(k, end)
	if a == z {
		return false
	}
	c := z
	if f.is(c, ",") { // appositive: "Smith, a spokesman for X, said"
		if j := f.skipAppositive(c, end); j > c {
			c = j
		}
	}
	for c < end && f.toks[c].word && speechAdverbs[f.lower(c)] {
		c++
	}
	n := f.isCue(c)
	if n == 0 || f.cueText(c, n) == "according to" {
		return false
	}
	q.Cue = f.cueText(c, n)
	f.setSpeaker(q, a, z)
	return true
}

// attributeBefore looks back from the opening mark for a cue in the same
// sentence: `Twitter's lawyers wrote, "`, `told NBC News: "`, `the company
// says that doing so "`, `According to X, "`.
func (f *quoteFinder) attributeBefore(q *Quote, s quoteSpan, b [2]int) bool {
	open := f.tokAt(s.open)
	lo := f.tokAt(f.frameStart(s.open, b[0]))
	// the nearest cue, at most maxGap words before the quote
	const maxGap = 8
	words, named, other := 0, false, false
	for k := open - 1; k >= lo && words <= maxGap; k-- {
		t := f.toks[k]
		if t.word && !(named && other) {
			// words between the cue and the quote that name someone else
			// and say something of them ("Twitter said CBP demanded
			// "..."") leave the speaker in doubt; a bare object ("told
			// NBC News:") does not.
			if t.mention >= 0 {
				named = true
			} else if f.isCue(k) == 0 && f.lower(k) != "according" {
				other = true
			}
		}
		if !t.word {
			if f.is(k, ";") || f.is(k, "(") || f.is(k, ")") {
				return false
			}
			continue
		}
		if f.lower(k) == "according" && f.isCue(k) == 2 {
			// According to NP, "..."
			a, z := f.npForward(k+2, open)
			return f.attribute(q, "according to", a, z)
		}
		if n := f.isCue(k); n == 1 {
			if named && other {
				return false
			}
			a, z := f.npBackward(k, lo)
			return f.attribute(q, f.cueText(k, 1), a, z)
		}
		words++
	}
	return false
}

// attributeIntro handles a quoted paragraph introduced by the paragraph
// before it: `ACLU attorney Nathan Freed Wessler criticized the move by DHS
// in a statement to TechCrunch:`. The introduction must end with a colon and
// either contain a cue or speak of a statement, interview or the like.
func (f *quoteFinder) attributeIntro(q *Quote, s quoteSpan, b, prev [2]int) bool {
	if s.close < b[1]-2 {
		return false // the quote is not the whole paragraph
	}
	intro := strings.TrimRight(f.text[prev[0]:prev[1]], " ")
	if !strings.HasSuffix(intro, ":") {
		return false
	}
	sents := Sentences(intro)
	if len(sents) == 0 {
		return false
	}
	last := sents[len(sents)-1]
	lo, hi := f.tokAt(prev[0]+last.Start), f.tokAt(prev[0]+last.End)
	for k := hi - 1; k >= lo; k-- {
		if n := f.isCue(k); n == 1 {
			a, z := f.npBackward(k, lo)
			return f.attribute(q, f.cueText(k, 1), a, z)
		}
	}
	stmt := false
	for k := lo; k < hi; k++ {
		switch f.lower(k) {
		case "statement", "interview", "email", "letter", "post", "tweet", "filing", "complaint", "suit", "lawsuit", "blog", "memo", "testimony", "remarks", "speech":
			stmt = true
		}
	}
	if !stmt {
		return false
	}
	a, z := f.npForward(lo, hi)
	return f.attribute(q, ":", a, z)
}

// continuation attributes a quote that carries on the previous one after
// its attribution: `"...," Gutterman said. "..."`, or a quoted paragraph
// that continues a quote left open at the end of the paragraph before.
func (f *quoteFinder) continuation(q *Quote, s quoteSpan, b [2]int, done []Quote) bool {
	if len(done) == 0 {
		return false
	}
	p := len(done) - 1
	prev := done[p]
	var gap string
	switch {
	case prev.End >= b[0]: // same paragraph
		gap = f.text[prev.End:s.open]
	case s.open == b[0] && prev.End >= b[0]-2 && !closesQuote(f.text[:b[0]-2]):
		gap = "" // the previous paragraph's quote was left open
	default:
		return false
	}
	if strings.ContainsAny(gap, "\"“”") && strings.Count(gap, "\"")+strings.Count(gap, "”") > 1 {
		return false
	}
	if countWords(gap) > 15 || !(prev.AsStart >= prev.End && prev.AsEnd <= s.open || gap == "") {
		return false
	}
	q.Speaker, q.As, q.AsStart, q.AsEnd, q.Cue, q.Continues = prev.Speaker, prev.As, prev.AsStart, prev.AsEnd, prev.Cue, p
	return true
}

// closesQuote reports whether s ends with a closing quotation mark.
func closesQuote(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, " "))
	return r == '"' || r == '”' || r == '»'
}

// frameStart is where the sentence holding a quote opens: the last sentence
// end before it, the end of the quotation before it, or the block start.
func (f *quoteFinder) frameStart(open, blockStart int) int {
	lo := blockStart
	if n := len(f.spans); n > 1 && f.spans[n-2][1] > lo && f.spans[n-2][1] <= open {
		lo = f.spans[n-2][1]
	}
	for i := open - 1; i > lo; i-- {
		c := f.text[i]
		if (c == '.' || c == '!' || c == '?') && i+1 < len(f.text) && f.text[i+1] == ' ' && !(c == '.' && isAbbrevBefore(f.text, i)) {
			return i + 1
		}
	}
	return lo
}

// npForward reads a speaker phrase from token k: names, capitalised words,
// role nouns, determiners and possessives ("ACLU attorney Nathan Freed
// Wessler", "the company's lawyers"). It returns the token range.
func (f *quoteFinder) npForward(k, end int) (int, int) {
	a := k
	for k < end && f.npToken(k) {
		k++
	}
	// a phrase that is only determiners or possessive pronouns names no one
	for a < k && isDeterminer(f.lower(k-1)) {
		k--
	}
	return a, k
}

// npBackward reads the speaker phrase that ends before cue token k, skipping
// adverbs ("likewise said") and an appositive ("Nicholas Pacilio, a
// spokesman for Twitter, likewise said").
func (f *quoteFinder) npBackward(k, lo int) (int, int) {
	z := k
	for z > lo && f.toks[z-1].word && speechAdverbs[f.lower(z-1)] && f.toks[z-1].mention < 0 {
		z--
	}
	if z-1 > lo && f.is(z-1, ",") {
		// find the comma that opens the appositive
		for j := z - 2; j > lo && j >= z-16; j-- {
			if f.is(j, ",") {
				if first := strings.ToLower(f.text[f.toks[j+1].start:f.toks[j+1].end]); isDeterminer(first) || first == "who" || roleNouns[first] || first == "which" {
					z = j
				}
				break
			}
			if !f.toks[j].word && !f.is(j, "'") {
				break
			}
		}
	}
	a := z
	for a > lo && f.npToken(a-1) {
		a--
		if isDeterminer(f.lower(a)) {
			break // "the" opens the phrase
		}
	}
	// leading words of the sentence that are not part of the name
	for a < z && !f.toks[a].word {
		a++
	}
	return a, z
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those":
		return true
	}
	return false
}

// npToken reports whether token k can be part of a speaker phrase.
func (f *quoteFinder) npToken(k int) bool {
	t := f.toks[k]
	if t.mention >= 0 {
		return true
	}
	if !t.word {
		return false
	}
	w := f.lower(k)
	base := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if cueWords[w] {
		return false
	}
	if isDeterminer(w) || roleNouns[base] || titleWords[w] || orgNouns[base] || personNouns[base] || isPronoun(w) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f.text[t.start:])
	return unicode.IsUpper(r)
}

func isPronoun(w string) bool {
	switch w {
	case "he", "she", "it", "they", "we", "i":
		return true
	}
	return false
}

// attribute attributes q to the speaker phrase toks[a:z] with the given
// cue; an empty phrase attributes nothing.
func (f *quoteFinder) attribute(q *Quote, cue string, a, z int) bool {
	if a == z {
		return false
	}
	q.Cue = cue
	f.setSpeaker(q, a, z)
	return true
}

// setSpeaker records the attribution phrase toks[a:z] and resolves it to a
// mention.
func (f *quoteFinder) setSpeaker(q *Quote, a, z int) {
	q.AsStart, q.AsEnd = f.toks[a].start, f.toks[z-1].end
	q.As = f.text[q.AsStart:q.AsEnd]
	q.Speaker = f.resolve(a, z, q.Start)
}

// resolve finds the mention a speaker phrase stands for.
func (f *quoteFinder) resolve(a, z, before int) int {
	last := z - 1
	lw := f.lower(last)
	// "Twitter's lawyers", "the company's lawyers", "its spokesman"
	if roleNouns[lw] && last > a {
		p := last - 1
		for p > a && f.toks[p].mention < 0 && roleNouns[f.lower(p)] {
			p-- // "Twitter's press secretary"
		}
		pw := f.lower(p)
		if strings.HasSuffix(pw, "'s") || strings.HasSuffix(pw, "’s") || strings.HasSuffix(pw, "s'") || pw == "its" || pw == "their" {
			if m := f.toks[p].mention; m >= 0 {
				return m
			}
			if pw == "its" || pw == "their" {
				return f.antecedent("org", before)
			}
			base := strings.TrimSuffix(strings.TrimSuffix(pw, "'s"), "’s")
			return f.describe(base, before)
		}
	}
	// the last name in the phrase: "ACLU attorney Nathan Freed Wessler"
	for k := last; k >= a; k-- {
		if m := f.toks[k].mention; m >= 0 && speakerType(f.mentions[m].Type) {
			return m
		}
	}
	// a name the tagger missed here but found elsewhere in the text
	if m := f.namedElsewhere(a, z, before); m >= 0 {
		return m
	}
	if a == last {
		switch lw {
		case "he", "she":
			return f.antecedent("PER", before)
		case "it":
			return f.antecedent("org", before)
		}
	}
	if f.lower(a) == "the" {
		return f.describe(strings.TrimSuffix(strings.TrimSuffix(lw, "'s"), "’s"), before)
	}
	return -1
}

// namedElsewhere looks up the capitalised words that end a speaker phrase
// among the document's mentions: the closest one before the quote with
// the same text, or else the first after it.
func (f *quoteFinder) namedElsewhere(a, z, before int) int {
	k := z
	for k > a && f.toks[k-1].word && !isDeterminer(f.lower(k-1)) {
		r, _ := utf8.DecodeRuneInString(f.text[f.toks[k-1].start:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '@' {
			break
		}
		k--
	}
	if k == z {
		return -1
	}
	name := f.text[f.toks[k].start:f.toks[z-1].end]
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	found := -1
	for i, m := range f.mentions {
		if m.Text != name || !speakerType(m.Type) {
			continue
		}
		if m.Start < before || found < 0 {
			found = i
		}
		if m.Start >= before {
			break
		}
	}
	return found
}

func speakerType(t string) bool {
	switch t {
	case "PER", "ORG", "MISC", "LOC", KindHandle, KindCourt:
		return true
	}
	return false
}

// describe resolves "the company", "the agency", "the lawyer".
func (f *quoteFinder) describe(noun string, before int) int {
	switch {
	case orgGovKinds[noun]:
		return f.antecedent("gov", before)
	case orgNouns[noun]:
		return f.antecedent("company", before)
	case personNouns[noun]:
		return f.antecedent("PER", before)
	}
	return -1
}

// antecedent finds the mention a pronoun or description refers back to,
// among the mentions before offset before and outside quotations. A person
// is the most recent one named; an organisation is the one the text has
// named most so far (the subject of the story), then the most recent. kind
// "company" skips public bodies and "gov" prefers them.
func (f *quoteFinder) antecedent(kind string, before int) int {
	type cand struct{ count, last int }
	byKey := map[string]*cand{}
	best, bestKey := -1, ""
	for i, m := range f.mentions {
		if m.Start >= before {
			break
		}
		if f.inQuote(m.Start) {
			continue
		}
		if kind == "PER" {
			if m.Type == "PER" {
				best = i
			}
			continue
		}
		if m.Type != "ORG" {
			continue
		}
		gov := isGovernmentName(m.Text)
		if kind == "company" && gov || kind == "gov" && !gov {
			continue
		}
		key := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(m.Text, "'s"), "’s"))
		c := byKey[key]
		if c == nil {
			c = &cand{}
			byKey[key] = c
		}
		c.count++
		c.last = i
		if bestKey == "" || c.count > byKey[bestKey].count || c.count == byKey[bestKey].count && key != bestKey {
			bestKey = key
		}
	}
	if kind == "PER" {
		return best
	}
	if bestKey == "" {
		return -1
	}
	return byKey[bestKey].last
}

// isGovernmentName reports a public body's name: "Department of Homeland
// Security", "U.S. Customs and Border Protection".
func isGovernmentName(name string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if governmentWords[strings.Trim(w, ".,'’")] {
			return true
		}
	}
	return false
}

// inQuote reports whether offset off lies inside a quotation found so far.
func (f *quoteFinder) inQuote(off int) bool {
	i := sort.Search(len(f.spans), func(i int) bool { return f.spans[i][1] > off })
	return i < len(f.spans) && f.spans[i][0] <= off
}

// skipAppositive skips ", a spokesman for Twitter," from the comma at k and
// returns the token after the closing comma, or k.
func (f *quoteFinder) skipAppositive(k, end int) int {
	if k+1 >= end {
		return k
	}
	first := f.lower(k + 1)
	if !isDeterminer(first) && !roleNouns[first] && first != "who" {
		return k
	}
	for j := k + 1; j < end && j <= k+16; j++ {
		if f.is(j, ",") {
			return j + 1
		}
		if !f.toks[j].word && !f.is(j, "'") && !f.is(j, "’") {
			return k
		}
	}
	return k
}
