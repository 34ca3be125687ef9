package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is one token of a text: Text[Start:End] (byte offsets). Norm is the
// form the model sees: the same bytes, except that typographic characters are
// mapped to their CoNLL/Penn Treebank spelling (“ ” → ", ’ → ', — → --).
// SentStart marks the first token of a sentence.
type Token struct {
	Start, End int
	Norm       string
	SentStart  bool
}

// Tokenize splits text into tokens the way the CoNLL-2003 / Penn Treebank
// corpora do (punctuation, possessive 's and n't split off; abbreviations such
// as U.S. and Dr. kept whole; URLs, e-mail addresses, @handles and numbers such
// as 3:17-cv-01916 kept whole) and marks sentence starts. Text that is already
// tokenised with single spaces (CoNLL) comes back token for token.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+1)
	return tokenizeInto(toks, text)
}

func tokenizeInto(toks []Token, text string) []Token {
	newSent := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isSpace(r) {
			if r == '\n' || r == '\u2029' || r == '\u2028' {
				newSent = true
			}
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if isSpace(r2) {
				break
			}
			j += s2
		}
		n0 := len(toks)
		if newSent && isListNumber(text[i:j]) {
			// "1." numbering a list item or a results table row
			toks = append(toks, mkTok(text, i, j))
		} else {
			toks = splitChunk(toks, text, i, j)
		}
		if newSent && len(toks) > n0 {
			toks[n0].SentStart = true
			newSent = false
		}
		i = j
	}
	markSentences(toks, text)
	return toks
}

func isListNumber(c string) bool {
	if len(c) < 2 || len(c) > 3 || c[len(c)-1] != '.' {
		return false
	}
	for k := 0; k < len(c)-1; k++ {
		if c[k] < '0' || c[k] > '9' {
			return false
		}
	}
	return true
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x200B, 0xFEFF:
		return true
	}
	return r > 0x7f && unicode.IsSpace(r)
}

// markSentences starts a sentence after . ! ? (split-off tokens) when the next
// token begins with an upper-case letter, a digit, a quote or a bracket.
func markSentences(toks []Token, text string) {
	for k := 0; k+1 < len(toks); k++ {
		n := toks[k].Norm
		if n != "." && n != "!" && n != "?" && n != "..." {
			continue
		}
		m := k + 1
		// closing quotes/brackets directly after the stop belong to the sentence
		for m < len(toks) && (toks[m].Norm == "\"" || toks[m].Norm == "'" || toks[m].Norm == ")") && toks[m].Start == toks[m-1].End {
			m++
		}
		if m >= len(toks) {
			break
		}
		r, _ := utf8.DecodeRuneInString(text[toks[m].Start:])
		if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '\u201c' || r == '(' || r == '\'' || r == '\u2018' || r == '[' {
			toks[m].SentStart = true
		}
	}
}

// normalised spellings of single typographic characters
func normRune(r rune) (string, bool) {
	switch r {
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u00ab', '\u00bb', '\u2033':
		return "\"", true
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`':
		return "'", true
	case '\u2014', '\u2015':
		return "--", true
	case '\u2013', '\u2012', '\u2212':
		return "-", true
	case '\u2026':
		return "...", true
	}
	return "", false
}

func isOpenPunct(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '<', '`', '\u201c', '\u2018', '\u201e', '\u00ab', '\u2014', '\u2013', '\u2015', '*', '$', '\u00a3', '\u20ac', '\u00a5', '#', '\u2022', '\u00b7', '\u2026', '|', '~', '^', '\u00bf', '\u00a1', '\u2192', '\u2190', '\u00bb':
		return true
	}
	return false
}

func isClosePunct(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '>', ',', ';', ':', '!', '?', '\u201d', '\u2019', '\u00bb', '\u2014', '\u2013', '\u2015', '*', '\u2026', '|', '%', '\u2022', '\u00ab', '\u2122', '\u00ae', '\u00a9':
		return true
	}
	return false
}

// abbreviations that keep their final period (lower case, without the period)
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true,
	"co": true, "corp": true, "inc": true, "ltd": true, "plc": true, "bros": true, "cos": true, "mt": true, "ft": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "gen": true, "gov": true, "sen": true, "rep": true,
	"reps": true, "sens": true, "lt": true, "col": true, "capt": true, "sgt": true, "maj": true, "adm": true,
	"cmdr": true, "cpl": true, "pvt": true, "rev": true, "hon": true, "pres": true, "supt": true, "insp": true,
	"vs": true, "v": true, "etc": true, "no": true, "nos": true, "ave": true, "blvd": true, "rd": true,
	"dept": true, "univ": true, "assn": true, "ass'n": true, "est": true, "approx": true, "fig": true,
	"vol": true, "pp": true, "cf": true, "al": true, "ie": true, "eg": true, "op": true, "cit": true,
	"ca": true, "calif": true, "fla": true, "ill": true, "mass": true, "mich": true, "minn": true, "penn": true,
	"tenn": true, "tex": true, "wash": true, "wis": true, "ariz": true, "colo": true, "conn": true, "del": true,
	"ga": true, "kan": true, "ky": true, "la": true, "md": true, "mo": true, "nev": true, "okla": true,
	"ore": true, "pa": true, "va": true, "vt": true, "wyo": true, "ala": true, "ark": true, "neb": true,
	"messrs": true, "mme": true, "mlle": true, "ph.d": true, "u.s": true, "u.k": true, "a.m": true, "p.m": true,
	"cir": true, "supp": true, "stat": true, "sec": true, "art": true, "ch": true, "para": true, "ed": true,
	"eds": true, "mfg": true, "intl": true, "natl": true, "dist": true, "ct": true, "app": true, "civ": true,
}

// splitChunk tokenises one whitespace-free chunk text[s:e].
func splitChunk(toks []Token, text string, s, e int) []Token {
	chunk := text[s:e]
	// whole-chunk patterns: URLs, e-mail, handles, hashtags (minus trailing punctuation)
	if isURLish(chunk) {
		var tail []Token
		e2 := e
		for e2 > s {
			r, size := utf8.DecodeLastRuneInString(text[s:e2])
			if r == '.' || r == ',' || r == ';' || r == ':' || r == '!' || r == '?' || r == ')' || r == '"' || r == '\'' || r == '\u201d' || r == '\u2019' || r == ']' {
				tail = append(tail, mkTok(text, e2-size, e2))
				e2 -= size
				continue
			}
			break
		}
		// leading opening punctuation
		s2 := s
		for s2 < e2 {
			r, size := utf8.DecodeRuneInString(text[s2:e2])
			if r == '(' || r == '"' || r == '\u201c' || r == '[' || r == '\'' || r == '\u2018' {
				toks = append(toks, mkTok(text, s2, s2+size))
				s2 += size
				continue
			}
			break
		}
		if s2 < e2 {
			toks = append(toks, mkTok(text, s2, e2))
		}
		for k := len(tail) - 1; k >= 0; k-- {
			toks = append(toks, tail[k])
		}
		return toks
	}
	// a bare clitic as CoNLL writes it: 's n't 're
	if hasApostrophe(chunk) {
		for _, c := range clitics {
			if k, ok := matchClitic(chunk, c); ok && k == 0 {
				return append(toks, mkTok(text, s, e))
			}
		}
	}
	// leading punctuation
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if r == '-' && s+1 < e && text[s+1] == '-' {
			k := s
			for k < e && text[k] == '-' {
				k++
			}
			toks = append(toks, mkTok(text, s, k))
			s = k
			continue
		}
		if r == '.' && s+2 < e && text[s+1] == '.' && text[s+2] == '.' {
			k := s
			for k < e && text[k] == '.' {
				k++
			}
			toks = append(toks, mkTok(text, s, k))
			s = k
			continue
		}
		if isOpenPunct(r) && s+size <= e {
			if (r == '\'' || r == '\u2018' || r == '`') && s+size < e {
				// 'em, '90s, 'n' keep apostrophe attached when followed by a letter/digit and it's a known clitic
				if isLeadingClitic(text[s+size : e]) {
					break
				}
			}
			if r == '#' && s+size < e {
				r2, _ := utf8.DecodeRuneInString(text[s+size : e])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					break
				}
			}
			toks = append(toks, mkTok(text, s, s+size))
			s += size
			continue
		}
		break
	}
	if s >= e {
		return toks
	}
	// trailing punctuation, collected in reverse
	var tailBuf [8]Token
	tail := tailBuf[:0]
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if r == '.' {
			// ellipsis
			if e-s >= 3 && text[e-3:e] == "..." {
				k := e - 3
				for k > s && text[k-1] == '.' {
					k--
				}
				tail = append(tail, mkTok(text, k, e))
				e = k
				continue
			}
			word := text[s : e-1]
			if word == "" {
				tail = append(tail, mkTok(text, e-1, e))
				e--
				continue
			}
			if keepsPeriod(word) {
				break
			}
			tail = append(tail, mkTok(text, e-1, e))
			e--
			continue
		}
		if r == '-' && e-s >= 2 && text[e-2] == '-' {
			k := e
			for k > s && text[k-1] == '-' {
				k--
			}
			tail = append(tail, mkTok(text, k, e))
			e = k
			continue
		}
		if isClosePunct(r) {
			if (r == '\'' || r == '\u2019') && e-size > s {
				// possessive plural (Jones') or closing quote: split either way
				tail = append(tail, mkTok(text, e-size, e))
				e -= size
				continue
			}
			if r == '%' {
				// 5% -> 5 %
				tail = append(tail, mkTok(text, e-size, e))
				e -= size
				continue
			}
			tail = append(tail, mkTok(text, e-size, e))
			e -= size
			continue
		}
		break
	}
	if e > s {
		toks = splitInner(toks, text, s, e)
	}
	for k := len(tail) - 1; k >= 0; k-- {
		toks = append(toks, tail[k])
	}
	return toks
}

func isLeadingClitic(rest string) bool {
	l := strings.ToLower(rest)
	switch {
	case l == "em", l == "n", l == "til", l == "tis", l == "twas":
		return true
	}
	// '90s, '96
	if len(l) >= 2 && l[0] >= '0' && l[0] <= '9' && l[1] >= '0' && l[1] <= '9' {
		return true
	}
	return false
}

// keepsPeriod reports whether word (without its final period) is an
// abbreviation that keeps the period: U.S, Dr, J (initial), Corp, a.m.
func keepsPeriod(word string) bool {
	n := utf8.RuneCountInString(word)
	r, _ := utf8.DecodeRuneInString(word)
	if n == 1 && unicode.IsLetter(r) {
		return true // initial: J. or a.
	}
	if strings.IndexByte(word, '.') >= 0 {
		// U.S, e.g, Ph.D, a.m: letters separated by periods
		ok := true
		for _, part := range strings.Split(word, ".") {
			if part == "" || utf8.RuneCountInString(part) > 3 {
				ok = false
				break
			}
			for _, c := range part {
				if !unicode.IsLetter(c) {
					ok = false
					break
				}
			}
		}
		if ok {
			return true
		}
	}
	if len(word) <= 8 {
		var buf [16]byte
		lw := buf[:0]
		for k := 0; k < len(word); k++ {
			c := word[k]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lw = append(lw, c)
		}
		if abbrevs[string(lw)] {
			return true
		}
	}
	return false
}

func isURLish(c string) bool {
	if len(c) < 2 {
		return false
	}
	l := c
	for len(l) > 0 && (l[0] == '(' || l[0] == '"' || l[0] == '[' || l[0] == '\'') {
		l = l[1:]
	}
	if hasPrefixFold(l, "http://") || hasPrefixFold(l, "https://") || hasPrefixFold(l, "www.") || hasPrefixFold(l, "ftp://") {
		return true
	}
	if len(l) >= 2 && l[0] == '@' && isWordByte(l[1]) {
		return true
	}
	if at := strings.IndexByte(l, '@'); at > 0 && at < len(l)-1 && strings.IndexByte(l[at:], '.') > 0 && isWordByte(l[at+1]) && isWordByte(l[0]) {
		return true // e-mail
	}
	return false
}

func isWordByte(b byte) bool {
	return b == '_' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// clitics split off the end of a word (lower case, ASCII apostrophe)
var clitics = [...]string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}

// splitInner splits a chunk stripped of outer punctuation: clitics,
// dashes between words, and a word ending in an apostrophe clitic.
func splitInner(toks []Token, text string, s, e int) []Token {
	// em dash or double hyphen inside: word—word
	for k := s; k < e; {
		r, size := utf8.DecodeRuneInString(text[k:e])
		if (r == '\u2014' || r == '\u2015') && k > s && k+size < e {
			toks = splitInner(toks, text, s, k)
			toks = append(toks, mkTok(text, k, k+size))
			return splitChunk(toks, text, k+size, e)
		}
		if r == '-' && k > s && k+2 < e && text[k+1] == '-' {
			m := k
			for m < e && text[m] == '-' {
				m++
			}
			if m < e {
				toks = splitInner(toks, text, s, k)
				toks = append(toks, mkTok(text, k, m))
				return splitChunk(toks, text, m, e)
			}
		}
		k += size
	}
	// a slash between words: REUTERS/Kim, and/or (not 1/2)
	for k := s + 1; k+1 < e; k++ {
		if text[k] == '/' {
			r1, _ := utf8.DecodeLastRuneInString(text[s:k])
			r2, _ := utf8.DecodeRuneInString(text[k+1 : e])
			if unicode.IsLetter(r1) && unicode.IsLetter(r2) {
				toks = splitInner(toks, text, s, k)
				toks = append(toks, mkTok(text, k, k+1))
				return splitInner(toks, text, k+1, e)
			}
		}
	}
	// clitics
	w := text[s:e]
	if !hasApostrophe(w) {
		return append(toks, mkTok(text, s, e))
	}
	for _, c := range clitics {
		if cl, ok := matchClitic(w, c); ok && cl < len(w) && cl > 0 {
			toks = append(toks, mkTok(text, s, s+cl))
			toks = append(toks, mkTok(text, s+cl, e))
			return toks
		}
	}
	// words with slash between words? keep. Currency prefix US$ keep.
	return append(toks, mkTok(text, s, e))
}

// hasApostrophe reports whether w contains ' or ’.
func hasApostrophe(w string) bool {
	return strings.IndexByte(w, '\'') >= 0 || strings.Contains(w, "\u2019")
}

// matchClitic reports where clitic c (with ASCII apostrophe) begins at the end
// of w, accepting ’ for ' and any letter case.
func matchClitic(w, c string) (int, bool) {
	// compare from the end, rune by rune
	i := len(w)
	for j := len(c) - 1; j >= 0; j-- {
		if i <= 0 {
			return 0, false
		}
		r, size := utf8.DecodeLastRuneInString(w[:i])
		want := rune(c[j])
		if want == '\'' {
			if r != '\'' && r != '\u2019' {
				return 0, false
			}
		} else if unicode.ToLower(r) != want {
			return 0, false
		}
		i -= size
	}
	return i, true
}

func mkTok(text string, s, e int) Token {
	w := text[s:e]
	return Token{Start: s, End: e, Norm: normalize(w)}
}

// normalize maps typographic characters to their ASCII treebank forms.
func normalize(w string) string {
	ascii := true
	for k := 0; k < len(w); k++ {
		if w[k] >= 0x80 || w[k] == '`' {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	if r, size := utf8.DecodeRuneInString(w); size == len(w) {
		if n, ok := normRune(r); ok {
			return n
		}
		return w
	}
	changed := false
	for _, r := range w {
		if _, ok := normRune(r); ok {
			changed = true
			break
		}
	}
	if !changed {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if n, ok := normRune(r); ok {
			b.WriteString(n)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
