package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name normalisation for entity resolution. A key is what two mentions must
// share to be the same name: lower case, no dots, straight quotes, single
// spaces, no leading article, no possessive.

var personTitles = map[string]bool{
	"president": true, "vice": true, "mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true,
	"professor": true, "sen": true, "senator": true, "rep": true, "representative": true, "gov": true, "governor": true,
	"secretary": true, "commissioner": true, "judge": true, "justice": true, "chief": true, "agent": true, "officer": true,
	"attorney": true, "general": true, "acting": true, "former": true, "mayor": true, "minister": true, "prime": true,
	"sir": true, "lord": true, "lady": true, "rev": true, "father": true, "sgt": true, "lt": true, "col": true, "gen": true,
	"capt": true, "ceo": true, "chairman": true, "chairwoman": true, "spokesman": true, "spokeswoman": true, "detective": true,
	"special": true, "deputy": true, "director": true, "press": true, "counsel": true, "ambassador": true, "king": true, "queen": true,
	"pope": true, "prince": true, "princess": true, "st": true,
}

var nameStopwords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "in": true, "on": true, "at": true, "&": true, "de": true, "du": true, "la": true}

// cleanSurface trims punctuation and possessives from a mention's text.
func cleanSurface(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.Trim(s, " \"'“”‘’()[]{},;:!?")
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+1 {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	return strings.TrimRight(s, " ,;:")
}

// stripArticle drops a leading "the".
func stripArticle(s string) string {
	if len(s) > 4 && (strings.HasPrefix(s, "the ") || strings.HasPrefix(s, "The ") || strings.HasPrefix(s, "THE ")) {
		return s[4:]
	}
	return s
}

// stripTitles drops leading titles from a person's name: "President Donald
// Trump" is "Donald Trump". A name that is all titles is kept.
func stripTitles(s string) string {
	words := strings.Fields(s)
	i := 0
	for i < len(words)-1 && personTitles[strings.ToLower(strings.TrimSuffix(words[i], "."))] {
		i++
	}
	return strings.Join(words[i:], " ")
}

// nameKey is the comparison key of a name.
func nameKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '.':
			continue
		case r == '’' || r == '‘':
			r = '\''
		case r == '–' || r == '—':
			r = '-'
		}
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// initials returns the initials of a name's significant words: "Department
// of Homeland Security" gives "dhs"; "U.S. Customs" gives "usc".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		lw := strings.ToLower(w)
		if nameStopwords[lw] {
			continue
		}
		if strings.Contains(w, ".") { // U.S. -> u, s
			for _, part := range strings.Split(w, ".") {
				if r, _ := utf8.DecodeRuneInString(part); part != "" {
					b.WriteRune(unicode.ToLower(r))
				}
			}
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// isAcronym reports an all-capitals token like DHS or USCIS (dots allowed).
func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r == '.':
		case unicode.IsUpper(r):
			n++
		default:
			return false
		}
	}
	return n >= 2 && n <= 8
}

// countryQualifiers are words that qualify a national body without changing
// which body it is: "U.S. Citizenship and Immigration Services" and
// "Citizenship and Immigration Services".
var countryQualifiers = []string{"united states ", "us ", "u s ", "federal ", "american "}

func stripQualifier(key string) string {
	for _, q := range countryQualifiers {
		if strings.HasPrefix(key, q) && len(key) > len(q)+3 {
			return key[len(q):]
		}
	}
	return key
}
