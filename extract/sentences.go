package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a range of a document's text, byte offsets.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// abbreviations end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true, "st": true, "gen": true,
	"gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "lt": true, "col": true, "sgt": true, "capt": true,
	"cmdr": true, "adm": true, "maj": true, "pres": true, "supt": true, "atty": true, "insp": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "bros": true, "dept": true, "univ": true, "assn": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "no": true, "nos": true, "vol": true, "p": true, "pp": true, "para": true,
	"fig": true, "v": true, "vs": true, "etc": true, "al": true, "approx": true, "est": true, "cal": true, "ca": true,
	"u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true, "d.c": true, "a.m": true, "p.m": true,
	"n.y": true, "l.a": true, "s.f": true, "n.d": true, "s.d": true, "e.d": true, "w.d": true, "c.d": true,
}

// Sentences splits text into sentences. Blocks (paragraph breaks) always end
// a sentence; inside a block a sentence ends at '.', '!' or '?' (after any
// closing quotes and brackets) followed by a space and a capital, digit or
// opening quote, unless the period ends a known abbreviation or an initial.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && (text[s] == ' ' || text[s] == '\n') {
			s++
		}
		for e > s && (text[e-1] == ' ' || text[e-1] == '\n') {
			e--
		}
		if e > s {
			out = append(out, Span{s, e})
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			if i+1 < len(text) && text[i+1] == '\n' {
				emit(i)
				start = i + 2
				i++
			}
			continue
		}
		if c != '.' && c != '!' && c != '?' && !strings.HasPrefix(text[i:], "…") {
			continue
		}
		j := i + 1
		if c == 0xE2 { // "…" is three bytes
			j = i + len("…")
		}
		// closing quotes and brackets belong to the sentence
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' || r == ']' {
				j += size
				continue
			}
			break
		}
		if j >= len(text) || text[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(text[j+1:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || next == '"' || next == '“' || next == '‘' || next == '\'' || next == '(' || next == '@') {
			continue
		}
		if c == '.' && isAbbrevBefore(text, i) {
			continue
		}
		emit(j)
		start = j + 1
	}
	emit(len(text))
	return out
}

// isAbbrevBefore reports whether the period at i ends an abbreviation or a
// single initial ("Nathan F. Wessler").
func isAbbrevBefore(text string, i int) bool {
	s := i
	for s > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:s])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		s -= size
	}
	w := strings.ToLower(text[s:i])
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(text[s:])
		return unicode.IsUpper(r) // an initial
	}
	return abbreviations[w]
}
