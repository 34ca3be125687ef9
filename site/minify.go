package site

import (
	"bytes"
	"strings"
)

// minifyCSS shrinks the stylesheet as it is written to the site: comments
// go, and runs of white space become one space or none around punctuation
// that does not need it. Strings are kept as they are. The readable source
// stays in assets/.
func minifyCSS(src []byte) []byte {
	var b bytes.Buffer
	s := string(src)
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return b.Bytes()
			}
			i += end + 3
			space = true
			continue
		case c == '"' || c == '\'':
			end := i + 1
			for end < len(s) && s[end] != c {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if space && b.Len() > 0 && !strings.ContainsRune("{};:,>(", rune(b.Bytes()[b.Len()-1])) {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i:min(end+1, len(s))])
			i = end
			continue
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			space = true
			continue
		}
		if space && b.Len() > 0 && !strings.ContainsRune("{};,>", rune(c)) && !strings.ContainsRune("{};:,>(", rune(b.Bytes()[b.Len()-1])) {
			b.WriteByte(' ')
		}
		space = false
		if c == '}' && b.Len() > 0 && b.Bytes()[b.Len()-1] == ';' {
			b.Truncate(b.Len() - 1)
		}
		b.WriteByte(c)
	}
	return b.Bytes()
}
