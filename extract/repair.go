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
	var starts map[int]bool
	var midCaps map[string]bool
	out := ms[:0:0]
	for i, m := range ms {
		m = trimTail(text, m)
		if m.Type == "PER" {
			next := len(text)
			if i+1 < len(ms) {
				next = ms[i+1].Start
			}
			m = extendName(text, m, next)
		}
		if parts, ok := splitTitle(text, m); ok {
			out = append(out, parts...)
			continue
		}
		if commonAcronyms[strings.ToUpper(m.Text)] && strings.ToUpper(m.Text) == m.Text {
			continue
		}
		if !strings.ContainsAny(m.Text, " -.'’") {
			if starts == nil {
				starts, midCaps = sentenceWordInfo(text)
			}
			if starts[m.Start] && ordinaryWord(m.Text, midCaps) {
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

// trimTail drops function words the tagger ran on into: "Donald trump under".
func trimTail(text string, m Mention) Mention {
	for {
		i := strings.LastIndexByte(text[m.Start:m.End], ' ')
		if i < 0 || !tailWords[text[m.Start+i+1:m.End]] {
			return m
		}
		m.End = m.Start + i
		m.Text = text[m.Start:m.End]
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
