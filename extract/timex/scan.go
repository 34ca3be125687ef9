package timex

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  uint8 = iota + 1 // letters (ASCII or not), possibly followed by digits: "March", "Q3", "cv"
	kNum                    // a run of ASCII digits, possibly with an ordinal or plural suffix
	kPunct                  // one punctuation rune (or one invalid byte)
)

// Token flags.
const (
	fSpace  uint8 = 1 << iota // whitespace (or start of text) before the token
	fNL                       // a line break before the token
	fPara                     // a blank line (paragraph break) before the token
	fCap                      // word starts with an upper-case letter
	fUpper                    // word is all upper case (and longer than one letter)
	fOrd                      // number with an ordinal suffix: 13th, 1st
	fPlural                   // number with a plural suffix: 1990s, 80s
	fAMPM                     // number glued to am/pm: 10am, 5pm (val of lexeme tells which)
)

// token is one scanned token. Offsets are bytes into the text; every token
// starts and ends on a rune boundary.
type token struct {
	start, end int32
	num        int32 // value of a kNum token (capped at 1e9); for fAMPM the hour
	kind       uint8
	flags      uint8
	ndig       uint8 // digits in a kNum token (capped at 255)
	ch         byte  // a kPunct token's byte if ASCII, else 0 (for '’' it is '\'')
	inTimex    bool  // part of a recognised expression (not a tense cue for another)
	lx         lexeme
}

func (t *token) has(f uint8) bool { return t.flags&f != 0 }

// scan splits text into tokens, appending to toks. It runs in one pass, never
// allocates beyond growing toks, and looks words up in the lexicon as it goes.
func scan(text string, toks []token) []token {
	var lower [maxWordLen]byte
	flags := fSpace
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			flags |= fSpace
			i++
			continue
		case c == '\n':
			if flags&fNL != 0 {
				flags |= fPara
			}
			flags |= fSpace | fNL
			i++
			continue
		case c >= '0' && c <= '9':
			j := i
			var v int64
			for j < n && text[j] >= '0' && text[j] <= '9' {
				if v < 1e9 {
					v = v*10 + int64(text[j]-'0')
				}
				j++
			}
			t := token{start: int32(i), kind: kNum, flags: flags, num: int32(min(v, 1e9)), ndig: uint8(min(j-i, 255))}
			// glued letter suffixes: 13th, 1990s, 10am, 5p.m. is handled by the grammar
			k := j
			for k < n && isASCIILetter(text[k]) {
				k++
			}
			if k > j {
				suf := text[j:k]
				switch {
				case eqFold(suf, "st") || eqFold(suf, "nd") || eqFold(suf, "rd") || eqFold(suf, "th"):
					t.flags |= fOrd
					j = k
				case suf == "s":
					t.flags |= fPlural
					j = k
				case eqFold(suf, "am") || eqFold(suf, "pm"):
					t.flags |= fAMPM
					if suf[0]|0x20 == 'p' {
						t.lx.val = 1
					}
					j = k
				default:
					// an alphanumeric code such as 4G or 3D: one word, never temporal
					t.kind = kWord
					j = k
					for j < n && (isASCIILetter(text[j]) || text[j] >= '0' && text[j] <= '9') {
						j++
					}
				}
			}
			t.end = int32(j)
			toks = append(toks, t)
			i = j
		case isASCIILetter(c):
			j := i
			for j < n && isASCIILetter(text[j]) {
				j++
			}
			letters := j
			// letters may be followed by digits (Q3, W11, H1) or by more letters beyond ASCII
			for j < n {
				b := text[j]
				if isASCIILetter(b) || b >= '0' && b <= '9' {
					j++
					continue
				}
				if b >= utf8.RuneSelf {
					r, w := utf8.DecodeRuneInString(text[j:])
					if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r)) {
						j += w
						continue
					}
				}
				break
			}
			t := token{start: int32(i), end: int32(j), kind: kWord, flags: flags}
			if c >= 'A' && c <= 'Z' {
				t.flags |= fCap
				if letters-i > 1 && isUpperRun(text[i:letters]) {
					t.flags |= fUpper
				}
			}
			if w := j - i; w <= maxWordLen {
				for k := 0; k < w; k++ {
					lower[k] = text[i+k] | lowerBit(text[i+k])
				}
				t.lx = lexicon[string(lower[:w])]
			}
			toks = append(toks, t)
			i = j
		case c < utf8.RuneSelf:
			ch := c
			if c == '`' {
				ch = '\''
			}
			toks = append(toks, token{start: int32(i), end: int32(i + 1), kind: kPunct, flags: flags, ch: ch})
			i++
		default:
			r, w := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == utf8.RuneError:
				toks = append(toks, token{start: int32(i), end: int32(i + w), kind: kPunct, flags: flags})
			case unicode.IsSpace(r):
				flags |= fSpace
				if r == '\u2028' || r == '\u2029' || r == '\u0085' {
					flags |= fNL | fPara
				}
				i += w
				continue
			case unicode.IsLetter(r):
				j := i + w
				for j < n {
					r2, w2 := utf8.DecodeRuneInString(text[j:])
					if r2 == utf8.RuneError || !(unicode.IsLetter(r2) || unicode.IsMark(r2) || unicode.IsDigit(r2)) {
						break
					}
					j += w2
				}
				toks = append(toks, token{start: int32(i), end: int32(j), kind: kWord, flags: flags})
				w = j - i
			default:
				t := token{start: int32(i), end: int32(i + w), kind: kPunct, flags: flags}
				switch r {
				case '\u2019', '\u2018', '\u02bc':
					t.ch = '\''
				case '\u201c', '\u201d':
					t.ch = '"'
				case '\u2010', '\u2011', '\u2012', '\u2013':
					t.ch = '-' // hyphens and the en dash join like '-'
				case '\u2014', '\u2015':
					t.ch = '_' // em dash: a clause break, never a joiner
				}
				toks = append(toks, t)
			}
			i += w
		}
		flags = 0
	}
	return toks
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func lowerBit(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return 0x20
	}
	return 0
}

func isUpperRun(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// eqFold reports whether s equals the lower-case ASCII word w, ignoring case.
func eqFold(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i]|lowerBit(s[i]) != w[i] {
			return false
		}
	}
	return true
}
