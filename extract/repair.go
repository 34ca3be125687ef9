package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"casefile/extract/words"
)

// Repairs applied to the statistical tagger's mentions, per document. They
// are general rules about English news text, not lists of names: the tagger
// learnt from Reuters wire copy of 1996 and errs in predictable ways on web
// news of today.

// commonAcronyms are all-capital words that name things, not entities.
var commonAcronyms = map[string]bool{
	"IP": true, "PDF": true, "GIF": true, "JPEG": true, "JPG": true, "PNG": true, "URL": true, "HTML": true, "HTTP": true,
	"HTTPS": true, "API": true, "SMS": true, "GPS": true, "USB": true, "DVD": true, "CD": true, "TV": true, "PC": true,
	"CEO": true, "CFO": true, "CTO": true, "COO": true, "VP": true, "PR": true, "HR": true, "ID": true, "PIN": true,
	"ATM": true, "VPN": true, "FAQ": true, "AM": true, "PM": true, "GMT": true, "UTC": true, "ET": true, "PT": true,
	"EST": true, "PST": true, "EDT": true, "PDT": true, "OK": true, "DNA": true, "AI": true, "IT": true, "Q&A": true,
	"LLC": true, "INC": true, "CORP": true, "LTD": true, "PLC": true, "GDP": true, "CPI": true, "IPO": true, "MP3": true,
}

// spanTitles are job titles that sit between an organisation and a person:
// "DHS Secretary John Kelly", "Twitter spokesman Nick Pacilio".
var spanTitles = map[string]bool{
	"secretary": true, "commissioner": true, "director": true, "chairman": true, "chairwoman": true, "chair": true,
	"spokesman": true, "spokeswoman": true, "spokesperson": true, "agent": true, "attorney": true, "lawyer": true,
	"president": true, "senator": true, "sen.": true, "rep.": true, "judge": true, "justice": true, "chief": true,
	"minister": true, "ambassador": true, "governor": true, "mayor": true, "ceo": true, "officer": true, "founder": true,
	"press": true, "general": true, "deputy": true, "acting": true, "executive": true, "head": true, "leader": true,
	"analyst": true, "editor": true, "reporter": true, "correspondent": true, "professor": true, "expert": true,
}

// repairMentions fixes the tagger's mentions of one text: titles inside a
// span are split off, common-noun acronyms and ordinary words that are
// capitalised only because they start a sentence are dropped.
func repairMentions(text string, ms []Mention) []Mention {
	if len(ms) == 0 {
		return ms
	}
	starts, midCaps := sentenceWordInfo(text)
	ms = joinCoordinated(text, ms)
	surnames := map[string]bool{}
	for _, m := range ms {
		if m.Type == "PER" && strings.Contains(m.Text, " ") {
			surnames[m.Text[strings.LastIndexByte(m.Text, ' ')+1:]] = true
		}
	}
	out := ms[:0:0]
	for i, m := range ms {
		m = trimTail(text, m)
		if starts[m.Start] {
			m = trimLead(text, m, midCaps)
		}
		if m.End <= m.Start {
			continue
		}
		next := len(text)
		if i+1 < len(ms) {
			next = ms[i+1].Start
		}
		if m.Type == "PER" {
			m = extendName(text, m, next)
		}
		if parts, ok := splitTitle(text, m); ok {
			// the name after the title may have been cut short too
			parts[1] = extendName(text, parts[1], next)
			out = append(out, parts...)
			continue
		}
		if commonAcronyms[strings.ToUpper(m.Text)] && strings.ToUpper(m.Text) == m.Text {
			continue
		}
		if !strings.ContainsAny(m.Text, " -.'’") {
			if starts[m.Start] && ordinaryWord(m.Text, midCaps) {
				continue
			}
			// "the new Administration": a capitalised common noun, which the
			// document also writes in lower case, is not a name of its own kind
			if m.Type == "MISC" && words.IsEnglish(strings.ToLower(m.Text)) && !surnames[m.Text] && containsWord(text, strings.ToLower(m.Text)) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// ordinaryWord reports a capitalised word that is an ordinary English word
// the document never capitalises in the middle of a sentence.
func ordinaryWord(w string, midCaps map[string]bool) bool {
	lower := strings.ToLower(w)
	return lower != w && words.IsEnglish(lower) && !midCaps[w]
}

// sentenceWordInfo returns the offsets where sentences start (after opening
// quotes and brackets) and the capitalised words that occur elsewhere.
func sentenceWordInfo(text string) (map[int]bool, map[string]bool) {
	starts := map[int]bool{}
	for _, s := range Sentences(text) {
		i := s.Start
		for i < s.End {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == '"' || r == '“' || r == '‘' || r == '\'' || r == '(' || r == '[' {
				i += size
				continue
			}
			break
		}
		starts[i] = true
	}
	// A quotation starts a sentence of its own: `said, "Permitting CBP...`
	for i := 0; i < len(text); i++ {
		if text[i] == '"' || strings.HasPrefix(text[i:], "“") {
			j := i + 1
			if text[i] != '"' {
				j = i + len("“")
			}
			if (i == 0 || text[i-1] == ' ') && j < len(text) {
				starts[j] = true
			}
		}
	}
	mid := map[string]bool{}
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			j += s2
		}
		if unicode.IsUpper(r) && !starts[i] {
			mid[text[i:j]] = true
		}
		i = j
	}
	return starts, mid
}

// splitTitle splits "DHS Secretary John Kelly" into ORG "DHS" and PER "John
// Kelly": a span whose words run organisation, title words, then a name of
// one to three capitalised words.
func splitTitle(text string, m Mention) ([]Mention, bool) {
	type word struct{ s, e int }
	var ws []word
	for i := m.Start; i < m.End; {
		for i < m.End && text[i] == ' ' {
			i++
		}
		j := i
		for j < m.End && text[j] != ' ' {
			j++
		}
		if j > i {
			ws = append(ws, word{i, j})
		}
		i = j
	}
	if len(ws) < 3 {
		return nil, false
	}
	// the first title word after at least one word of organisation
	t := -1
	for k := 1; k < len(ws)-1; k++ {
		if spanTitles[strings.ToLower(text[ws[k].s:ws[k].e])] {
			t = k
			break
		}
	}
	if t < 0 {
		return nil, false
	}
	n := t
	for n < len(ws) && spanTitles[strings.ToLower(text[ws[n].s:ws[n].e])] {
		n++
	}
	if n == len(ws) || len(ws)-n > 3 {
		return nil, false
	}
	for _, w := range ws[n:] {
		if r, _ := utf8.DecodeRuneInString(text[w.s:]); !unicode.IsUpper(r) {
			return nil, false
		}
	}
	// The part before the title keeps the tagger's type ("U.S." stays a
	// place) unless the tagger thought the whole span a person.
	typ := m.Type
	if typ == "PER" {
		typ = "ORG"
	}
	org := Mention{Start: m.Start, End: ws[t-1].e, Type: typ}
	per := Mention{Start: ws[n].s, End: m.End, Type: "PER"}
	org.Text, per.Text = text[org.Start:org.End], text[per.Start:per.End]
	return []Mention{org, per}, true
}

// tailWords are lower-case words a name never ends with.
var tailWords = map[string]bool{"under": true, "of": true, "and": true, "the": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "with": true, "by": true, "from": true, "as": true, "or": true, "said": true, "says": true,
	"is": true, "was": true, "has": true, "had": true, "who": true, "which": true, "that": true, "a": true, "an": true}

// nameParticles are lower-case words inside names: "Ludwig van Beethoven".
var nameParticles = map[string]bool{"de": true, "da": true, "di": true, "del": true, "der": true, "van": true, "von": true,
	"la": true, "le": true, "bin": true, "al": true, "el": true, "du": true, "dos": true, "das": true, "y": true}

// trimTail drops the words a name never ends with, that the tagger ran on
// into: function words ("Donald trump under") and other lower-case words
// ("the Department and the current").
func trimTail(text string, m Mention) Mention {
	for {
		i := strings.LastIndexByte(text[m.Start:m.End], ' ')
		if i < 0 {
			return m
		}
		w := text[m.Start+i+1 : m.End]
		r, _ := utf8.DecodeRuneInString(w)
		if !tailWords[w] && !(unicode.IsLower(r) && !nameParticles[w] && followsFunctionWord(text[m.Start:m.Start+i])) {
			return m
		}
		m.End = m.Start + i
		m.Text = text[m.Start:m.End]
	}
}

// followsFunctionWord reports whether s ends with a function word: a
// lower-case word is trimmed only after one ("and the current"), so that a
// name written in lower case by mistake ("Donald trump") stays whole.
func followsFunctionWord(s string) bool {
	return tailWords[s[strings.LastIndexByte(s, ' ')+1:]]
}

// leadWords are ordinary words that start a sentence and that the tagger
// takes for the start of a name.
var leadWords = map[string]bool{"according": true, "after": true, "although": true, "as": true, "before": true,
	"despite": true, "following": true, "however": true, "if": true, "meanwhile": true, "since": true, "then": true,
	"though": true, "under": true, "unlike": true, "when": true, "while": true, "with": true, "without": true}

// trimLead drops an ordinary word at the start of a sentence from a longer
// name: "Permitting CBP" is CBP. Only verb forms and sentence adverbs: "New
// York" keeps its "New".
func trimLead(text string, m Mention, midCaps map[string]bool) Mention {
	i := strings.IndexByte(text[m.Start:m.End], ' ')
	if i <= 0 {
		return m
	}
	w := text[m.Start : m.Start+i]
	lower := strings.ToLower(w)
	if !ordinaryWord(w, midCaps) || !(leadWords[lower] || strings.HasSuffix(lower, "ing") || strings.HasSuffix(lower, "ed")) {
		return m
	}
	m.Start += i + 1
	m.Text = text[m.Start:m.End]
	return m
}

// joinCoordinated joins a name the tagger split at "and": "US Customs" and
// "Border Protection" are "US Customs and Border Protection" when the
// document uses the acronym of the whole (CBP, with or without the
// country). Either half may be untagged ("U.S. Customs and [Border
// Protection]"); a country just before the first half joins too. Without
// the acronym, a name ending in an organisation's head word joins when it
// starts with a country or is a list (startsQualified, listStart).
func joinCoordinated(text string, ms []Mention) []Mention {
	out := make([]Mention, 0, len(ms))
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if !nameType(m.Type) {
			out = append(out, m)
			continue
		}
		// the half after " and ": the next mention, or capitalised words
		end, nextUsed, listed := -1, false, false
		if strings.HasPrefix(text[m.End:], " and ") {
			after := m.End + len(" and ")
			if i+1 < len(ms) && ms[i+1].Start == after && nameType(ms[i+1].Type) {
				end, nextUsed = ms[i+1].End, true
			} else if e := capitalRun(text, after); e > after && (i+1 >= len(ms) || ms[i+1].Start >= e) {
				end = e
			}
		}
		// the half before " and ": capitalised words the tagger left out
		start := m.Start
		if end < 0 && strings.HasSuffix(text[:m.Start], " and ") {
			before := m.Start - len(" and ")
			// (a tagged "U.S." inside that run is absorbed)
			if s := capitalRunBack(text, before); s < before && (len(out) == 0 || out[len(out)-1].End <= s || out[len(out)-1].Start >= s && out[len(out)-1].End <= before) {
				start, end = s, m.End
				// "Speech, Privacy and Technology Project": earlier items
				// of a list, one capitalised word each
				if l := listStart(text, s); l < s && (len(out) == 0 || out[len(out)-1].End <= l || out[len(out)-1].Start >= l) {
					start, listed = l, true
				}
			}
		}
		if end < 0 {
			out = append(out, m)
			continue
		}
		if start == m.Start && len(out) > 0 && out[len(out)-1].End+1 == m.Start && isQualifier(out[len(out)-1].Text) {
			start = out[len(out)-1].Start
		}
		joined := text[start:end]
		if !acronymUsed(text, joined) && !(endsWithOrgHead(joined) && (listed || startsQualified(joined))) {
			out = append(out, m)
			continue
		}
		for len(out) > 0 && out[len(out)-1].End > start {
			out = out[:len(out)-1]
		}
		if len(out) > 0 && out[len(out)-1].End+1 == start && isQualifier(out[len(out)-1].Text) {
			start = out[len(out)-1].Start
			out = out[:len(out)-1]
			joined = text[start:end]
		}
		out = append(out, Mention{Start: start, End: end, Type: "ORG", Text: joined})
		if nextUsed {
			i++
		}
	}
	return out
}

// A coordinated name is joined without its acronym in sight when its last
// word is an organisation's head ("Services", "Project") and it either
// starts with a country ("U.S. Citizenship and Immigration Services") or
// is a list of capitalised words ("Speech, Privacy and Technology Project").
func startsQualified(name string) bool {
	first, _, _ := strings.Cut(name, " ")
	return isQualifier(first) || strings.HasPrefix(name, "United States ")
}

func endsWithOrgHead(name string) bool {
	w := strings.Fields(name)
	return len(w) > 2 && IsOrgHead(strings.ToLower(w[len(w)-1]))
}

// listStart extends a capitalised run starting at s back over the earlier
// items of a comma list, each a single capitalised word: "Speech, Privacy".
func listStart(text string, s int) int {
	for n := 0; n < 4 && s >= 2 && text[s-2:s] == ", "; n++ {
		j := s - 2
		for j > 0 && text[j-1] != ' ' {
			j--
		}
		w := text[j : s-2]
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			break
		}
		s = j
	}
	return s
}

// IsOrgHead reports whether a lower-case word ends organisations' names:
// "department", "services", "project", "university"...
func IsOrgHead(w string) bool { return orgHeads[w] }

var orgHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`department agency administration service services union university college school institute
	commission committee council bureau office ministry party project association foundation corporation corp inc
	company co group bank board authority police army navy senate congress parliament network protection security
	enforcement patrol guard club airlines systems technologies laboratories labs press news times post journal
	federation league church hospital court`) {
		m[w] = true
	}
	return m
}()

// capitalRun returns the end of the run of capitalised words (at most four)
// starting at i, or i if there is none.
func capitalRun(text string, i int) int {
	end := i
	for n := 0; n < 4 && i < len(text); n++ {
		r, _ := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsUpper(r) {
			break
		}
		j := i
		for j < len(text) && (isWordByte(text[j]) || text[j] == '.' && j+1 < len(text) && text[j+1] != ' ') {
			j++
		}
		end = j
		if j >= len(text) || text[j] != ' ' {
			break
		}
		i = j + 1
	}
	return end
}

// capitalRunBack returns the start of the run of capitalised words (at most
// four, "U.S." included) ending at i, or i if there is none.
func capitalRunBack(text string, i int) int {
	start := i
	for n := 0; n < 4 && i > 0; n++ {
		j := i
		for j > 0 && text[j-1] != ' ' {
			j--
		}
		r, _ := utf8.DecodeRuneInString(text[j:i])
		if j == i || !unicode.IsUpper(r) || strings.ContainsAny(text[i-1:i], ",;:") {
			break
		}
		start = j
		if j == 0 {
			break
		}
		i = j - 1
	}
	return start
}

func nameType(t string) bool { return t == "ORG" || t == "MISC" || t == "LOC" || t == "PER" }

func isQualifier(s string) bool {
	switch s {
	case "U.S.", "US", "United States", "U.S", "American", "Federal":
		return true
	}
	return false
}

// acronymUsed reports whether the document writes the acronym of name (its
// initials, with or without a leading country) as a word of its own.
func acronymUsed(text, name string) bool {
	var all, rest strings.Builder
	for k, w := range strings.Fields(name) {
		if w == "and" || w == "of" || w == "for" || w == "the" || w == "&" {
			continue
		}
		for _, part := range strings.Split(strings.TrimSuffix(w, "."), ".") {
			r, _ := utf8.DecodeRuneInString(part)
			if r == utf8.RuneError || !unicode.IsUpper(r) {
				continue
			}
			letters := string(r)
			if strings.ToUpper(part) == part {
				letters = part // an acronym inside the name: "US"
			}
			all.WriteString(letters)
			if k > 0 || !isQualifier(w) {
				rest.WriteString(letters)
			}
		}
	}
	for _, acr := range []string{all.String(), rest.String()} {
		if len(acr) >= 2 && containsWord(text, acr) {
			return true
		}
	}
	return false
}

// containsWord reports whether w occurs in text as a whole word.
func containsWord(text, w string) bool {
	for off := 0; ; {
		i := strings.Index(text[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(w):])
		if (i == 0 || !unicode.IsLetter(before) && !unicode.IsDigit(before)) && (i+len(w) == len(text) || !unicode.IsLetter(after) && !unicode.IsDigit(after)) {
			return true
		}
		off = i + len(w)
	}
}

// extendName completes a person's name the tagger cut short: "Kevin" before
// "McAleenan", when the next word is capitalised, is no ordinary English
// word nor a title, and does not start the next mention (at limit).
func extendName(text string, m Mention, limit int) Mention {
	for n := 0; n < 1; n++ {
		if m.End+1 >= len(text) || text[m.End] != ' ' || m.End+1 >= limit {
			return m
		}
		j := m.End + 1
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) {
			return m
		}
		e := j
		for e < len(text) {
			r2, size := utf8.DecodeRuneInString(text[e:])
			if !(unicode.IsLetter(r2) || r2 == '-' || r2 == '\'') {
				break
			}
			e += size
		}
		w := text[j:e]
		if e > limit || utf8.RuneCountInString(w) < 2 || words.IsEnglish(strings.ToLower(w)) || spanTitles[strings.ToLower(w)] || calendarWords[strings.ToLower(w)] {
			return m
		}
		m.End = e
		m.Text = text[m.Start:m.End]
	}
	return m
}

var calendarWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}
