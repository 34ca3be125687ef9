package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pattern kinds: entity types found by rules rather than by the tagger.
const (
	KindHandle  = "HANDLE"
	KindHashtag = "HASHTAG"
	KindEmail   = "EMAIL"
	KindURL     = "URL"
	KindPhone   = "PHONE"
	KindMoney   = "MONEY"
	KindCase    = "CASE"    // docket numbers: 3:17-cv-01916
	KindStatute = "STATUTE" // 19 U.S.C. § 1509, 8 C.F.R. 103.2
	KindCourt   = "COURT"
	KindLaw     = "LAW" // First Amendment, Stored Communications Act
)

// Anchored matchers, tried only where a cheap trigger fires. Go's regexp is
// linear time, and anchoring keeps each attempt short.
var (
	reEmail   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}`)
	reURL     = regexp.MustCompile(`^(?:https?://|www\.)[^\s<>"“”‘’]+`)
	rePhone   = regexp.MustCompile(`^(?:\+1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}\b|^\+\d{1,3}(?:[ .-]\d{1,4}){2,5}\b`)
	reMoney   = regexp.MustCompile(`^(?:US|USD|C|A|NZ|HK)?[$€£¥]\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s?(?:million|billion|trillion|thousand|[mbkMBK]n?)\b)?|^\d{1,3}(?:,\d{3})*(?:\.\d+)?\s(?:million |billion |trillion |thousand )?(?:dollars|euros|pounds|yen|USD|EUR|GBP)\b`)
	reCase    = regexp.MustCompile(`^\d{1,2}:\d{2}-(?:cv|cr|mc|mj|md|bk|ap|po|sw|dp)-\d{2,6}(?:-[A-Z]{1,4})*\b`)
	reCaseNo  = regexp.MustCompile(`^(?:(?:Case|Docket|Civil Action|Criminal)\s)?No\.\s?(?:\d{1,2}:\d{2}-(?:cv|cr|mc|mj|md|bk|ap|po|sw|dp)-\d{2,6}(?:-[A-Z]{1,4})*|\d{2}-\d{2,6}(?:-[A-Za-z]{1,4})*)\b`)
	reStatute = regexp.MustCompile(`^\d{1,3}\s(?:U\.\s?S\.\s?C\.?|USC|C\.\s?F\.\s?R\.?|CFR|U\.S\.C\.A\.)\s?(?:§§?\s?|[Ss]ec(?:tion|\.)\s?|[Pp]art\s)?\d+[a-z]?(?:[-–.]\d+[a-z]?)*(?:\([A-Za-z0-9]{1,4}\))*`)
	reSection = regexp.MustCompile(`^§§?\s?\d+[a-z]?(?:[-–.]\d+[a-z]?)*(?:\([A-Za-z0-9]{1,4}\))*(?:\s(?:of\s(?:the\s)?)?(?:[A-Z][\w.]*\s){0,6}(?:Act|Code))?`)
	// Courts: federal and state, spelled out.
	reCourt = regexp.MustCompile(`^(?:(?:the\s)?(?:U\.S\.|US|United States|Federal|State|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s)?` +
		`(?:(?:District|Bankruptcy|Circuit|Superior|Supreme|Appellate|Tax|Claims|Family|Probate|County|Municipal|Magistrate|High|Crown)\s)?Court` +
		`(?:\sof\s(?:Appeals|Federal Claims|International Trade|Justice|Chancery|Criminal Appeals)(?:\sfor\sthe\s(?:[A-Z][a-z]+|D\.C\.|\d+(?:st|nd|rd|th))\sCircuit)?)?` +
		`(?:\s(?:for|of)\sthe\s(?:(?:Northern|Southern|Eastern|Western|Central|Middle)\s)?District\sof\s[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?`)
	reAmendment = regexp.MustCompile(`^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth|Nineteenth|Twentieth|Twenty-[a-z]+|\d{1,2}(?:st|nd|rd|th))\sAmendment\b`)
)

// Patterns finds pattern-kind mentions in text: handles, hashtags, emails,
// URLs, phone numbers, money, case numbers, statute citations, courts and
// laws. Mentions are sorted and do not overlap.
func Patterns(text string) []Mention {
	var out []Mention
	add := func(start, end int, kind string) {
		if end <= start {
			return
		}
		out = append(out, Mention{Start: start, End: end, Type: kind, Text: text[start:end]})
	}
	n := len(text)
	// win bounds what an anchored matcher sees: every pattern here is short,
	// and the regexp engine must not walk the rest of the document.
	win := func(i, size int) string { return text[i:min(n, i+size)] }
	match := func(re *regexp.Regexp, i, size int) int {
		if m := re.FindStringIndex(win(i, size)); m != nil {
			return m[1]
		}
		return 0
	}
	for i := 0; i < n; {
		c := text[i]
		prev := prevRune(text, i)
		adv := 1
		switch {
		case c == '@' && !isWordRune(prev):
			if e := scanHandle(text, i+1); e > i+1 {
				add(i, e, KindHandle)
				adv = e - i
			}
		case c == '@' && isWordRune(prev):
			// an email: back up to its start
			s := i
			for s > 0 && i-s < 64 && isEmailByte(text[s-1]) {
				s--
			}
			if e := match(reEmail, s, 320); e > 0 && s+e > i {
				trimOverlap(&out, s)
				add(s, s+e, KindEmail)
				adv = s + e - i
			}
		case c == '#' && (!isWordRune(prev) || endsMention(out, i, KindHashtag)):
			if e := scanHashtag(text, i+1); e > i+1 {
				add(i, e, KindHashtag)
				adv = e - i
			}
		case (c == 'h' || c == 'w') && !isWordRune(prev) && (strings.HasPrefix(text[i:], "http") || strings.HasPrefix(text[i:], "www.")):
			if e := match(reURL, i, 2048); e > 0 {
				e = i + trimURL(text[i:i+e])
				add(i, e, KindURL)
				adv = e - i
			}
		case c == '$' && !isWordRune(prev):
			if e := match(reMoney, i, 48); e > 0 {
				add(i, i+e, KindMoney)
				adv = e
			}
		case c >= 0xC2 && !isWordRune(prev) && (strings.HasPrefix(text[i:], "€") || strings.HasPrefix(text[i:], "£") || strings.HasPrefix(text[i:], "¥")):
			if e := match(reMoney, i, 48); e > 0 {
				add(i, i+e, KindMoney)
				adv = e
			}
		case c == 0xC2 && strings.HasPrefix(text[i:], "§"):
			if e := match(reSection, i, 160); e > 0 {
				add(i, i+trimTrailingSpace(text[i:i+e]), KindStatute)
				adv = e
			}
		case (c == 'U' || c == 'C' || c == 'A' || c == 'N' || c == 'H' || c == 'D') && !isWordRune(prev):
			switch {
			case hasCurrencyPrefix(text[i:]):
				if e := match(reMoney, i, 48); e > 0 {
					add(i, i+e, KindMoney)
					adv = e
				}
			case strings.HasPrefix(text[i:], "No.") || strings.HasPrefix(text[i:], "Case No") || strings.HasPrefix(text[i:], "Docket No") ||
				strings.HasPrefix(text[i:], "Civil Action No") || strings.HasPrefix(text[i:], "Criminal No"):
				if e := match(reCaseNo, i, 64); e > 0 {
					add(i, i+e, KindCase)
					adv = e
				}
			}
		case c >= '0' && c <= '9' && !isWordRune(prev) && prev != '.' && prev != ',':
			d := i
			for d < n && d-i < 24 && (text[d] >= '0' && text[d] <= '9' || text[d] == ',' || text[d] == '.' && d+1 < n && text[d+1] >= '0' && text[d+1] <= '9') {
				d++
			}
			next := byte(0)
			if d < n {
				next = text[d]
			}
			e := 0
			switch {
			case next == ':' && d-i <= 2:
				if e = match(reCase, i, 48); e > 0 {
					add(i, i+e, KindCase)
				}
			case next == ' ' && d-i <= 3 && d+1 < n && (text[d+1] == 'U' || text[d+1] == 'C'):
				if e = match(reStatute, i, 96); e > 0 {
					add(i, i+e, KindStatute)
				}
			case (next == '-' || next == '.') && d-i == 3, next == ' ' && d-i <= 4:
				if e = match(rePhone, i, 32); e > 0 {
					add(i, i+e, KindPhone)
				}
			}
			if e == 0 && next == ' ' && d+1 < n && strings.IndexByte("dempbtyUEGh", text[d+1]) >= 0 {
				if e = match(reMoney, i, 64); e > 0 {
					add(i, i+e, KindMoney)
				}
			}
			adv = max(e, d-i)
		case c == '(' && i+4 < n && text[i+1] >= '0' && text[i+1] <= '9':
			if e := match(rePhone, i, 32); e > 0 {
				add(i, i+e, KindPhone)
				adv = e
			}
		case c == '+' && i+1 < n && text[i+1] >= '0' && text[i+1] <= '9' && !isWordRune(prev):
			if e := match(rePhone, i, 32); e > 0 {
				add(i, i+e, KindPhone)
				adv = e
			}
		}
		i += adv
	}
	out = append(out, courtsAndLaws(text)...)
	return dedupe(out)
}

// courtsAndLaws finds courts ("U.S. District Court in San Francisco") and
// laws ("First Amendment", "Stored Communications Act") around their head
// words.
func courtsAndLaws(text string) []Mention {
	var out []Mention
	for _, head := range []string{"Court", "Amendment", "Act", "Constitution"} {
		for off := 0; ; {
			j := strings.Index(text[off:], head)
			if j < 0 {
				break
			}
			j += off
			off = j + len(head)
			if isWordRune(prevRune(text, j)) || (off < len(text) && isWordByte(text[off])) {
				continue
			}
			switch head {
			case "Court":
				// back up over the words that may name the court
				s := backWords(text, j, 3)
				for s < j {
					if m := reCourt.FindStringIndex(text[s:]); m != nil && s+m[1] >= off {
						e := s + m[1]
						if strings.HasPrefix(text[s:], "the ") {
							s += 4
						}
						if s+len("Court") < e || isCourtWord(text[s:j]) {
							out = append(out, Mention{Start: s, End: e, Type: KindCourt, Text: text[s:e]})
						}
						break
					}
					s = nextWord(text, s)
				}
			case "Constitution":
				// "the U.S. Constitution", "the American Constitution", "the
				// Constitution of Kenya"
				s := j
				for _, q := range []string{"United States ", "U.S. ", "US ", "American ", "Federal "} {
					if strings.HasSuffix(text[:j], q) {
						s = j - len(q)
						break
					}
				}
				e := off
				if strings.HasPrefix(text[e:], " of ") {
					if k := e + 4; k < len(text) && unicode.IsUpper(rune(text[k])) {
						for e = k; e < len(text) && isWordByte(text[e]); e++ {
						}
					}
				}
				if s < j || e > off {
					out = append(out, Mention{Start: s, End: e, Type: KindLaw, Text: text[s:e]})
				}
			case "Amendment":
				s := backWords(text, j, 1)
				if m := reAmendment.FindStringIndex(text[s:]); m != nil {
					out = append(out, Mention{Start: s, End: s + m[1], Type: KindLaw, Text: text[s : s+m[1]]})
				}
			case "Act":
				// "Stored Communications Act", "Freedom of Information Act (of 1966)"
				s := j
				for k := 0; k < 8; k++ {
					ps := backWords(text, s, 1)
					w := strings.TrimSpace(text[ps:s])
					if ps == s || w == "" {
						break
					}
					if w == "Act" || w == "Acts" || w == "Amendment" || w == "the" || w == "The" {
						break // the end of another name, or the article before this one
					}
					if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !strings.ContainsAny(w, ".,;:") || w == "of" || w == "and" {
						s = ps
						continue
					}
					break
				}
				for strings.HasPrefix(text[s:], "of ") || strings.HasPrefix(text[s:], "and ") || strings.HasPrefix(text[s:], "the ") || strings.HasPrefix(text[s:], "The ") {
					s = nextWord(text, s)
				}
				if s < j && strings.Count(text[s:j], " ") >= 1 {
					e := off
					if strings.HasPrefix(text[e:], " of ") && e+8 <= len(text) && isDigits(text[e+4:e+8]) {
						e += 8
					}
					out = append(out, Mention{Start: s, End: e, Type: KindLaw, Text: text[s:e]})
				}
			}
		}
	}
	return out
}

func isCourtWord(w string) bool {
	w = strings.TrimSpace(w)
	return w == "Supreme" || strings.HasSuffix(w, "District") || strings.HasSuffix(w, "Bankruptcy") || strings.HasSuffix(w, "Circuit")
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// backWords returns the start of the k words before position i.
func backWords(text string, i, k int) int {
	s := i
	for ; k > 0 && s > 0; k-- {
		for s > 0 && text[s-1] == ' ' {
			s--
		}
		if s == 0 || text[s-1] == '\n' {
			break
		}
		for s > 0 && text[s-1] != ' ' && text[s-1] != '\n' {
			s--
		}
	}
	return s
}

func nextWord(text string, i int) int {
	for i < len(text) && text[i] != ' ' {
		i++
	}
	for i < len(text) && text[i] == ' ' {
		i++
	}
	return i
}

func scanHandle(text string, i int) int {
	e := i
	for e < len(text) && e-i < 50 && (isASCIIAlnum(text[e]) || text[e] == '_') {
		e++
	}
	if e == i || (e < len(text) && (text[e] == '@' || text[e] == '.' && e+1 < len(text) && isASCIIAlnum(text[e+1]))) {
		return i // part of an email or a domain, not a handle
	}
	return e
}

func scanHashtag(text string, i int) int {
	e := i
	for e < len(text) {
		r, size := utf8.DecodeRuneInString(text[e:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			break
		}
		e += size
	}
	// "#1" is a rank, not a hashtag: require a letter.
	for k := i; k < e; k++ {
		if text[k] >= '0' && text[k] <= '9' || text[k] == '_' {
			continue
		}
		return e
	}
	return i
}

// endsMention reports whether the last mention of kind ends at i, as in
// "#AltFacts#FauxNews".
func endsMention(out []Mention, i int, kind string) bool {
	return len(out) > 0 && out[len(out)-1].End == i && out[len(out)-1].Type == kind
}

func trimOverlap(out *[]Mention, start int) {
	for len(*out) > 0 && (*out)[len(*out)-1].End > start {
		*out = (*out)[:len(*out)-1]
	}
}

// trimURL drops trailing punctuation that ends the sentence, not the URL.
func trimURL(u string) int {
	e := len(u)
	for e > 0 {
		c := u[e-1]
		if strings.IndexByte(".,;:!?'\"", c) >= 0 || c == ')' && strings.Count(u[:e], "(") < strings.Count(u[:e], ")") {
			e--
			continue
		}
		break
	}
	return e
}

func trimTrailingSpace(s string) int {
	return len(strings.TrimRight(s, " "))
}

func prevRune(text string, i int) rune {
	if i == 0 {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

func isWordRune(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }
func isWordByte(c byte) bool { return c == '_' || isASCIIAlnum(c) || c >= 0x80 }
func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
func isEmailByte(c byte) bool { return isASCIIAlnum(c) || strings.IndexByte("._%+-", c) >= 0 }

// dedupe sorts mentions and drops any that overlap an earlier, longer one.
func dedupe(ms []Mention) []Mention {
	sortMentions(ms)
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			last := &out[len(out)-1]
			if m.End-m.Start > last.End-last.Start {
				*last = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// hasCurrencyPrefix reports a currency code or symbol that starts an amount:
// US$, USD 5, C$, A$, NZ$, HK$.
func hasCurrencyPrefix(s string) bool {
	for _, p := range []string{"US$", "USD ", "USD$", "C$", "A$", "NZ$", "HK$"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
