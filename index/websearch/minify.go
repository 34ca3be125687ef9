package websearch

// minifyJS drops comments and the whitespace that separates no tokens from
// the engine's scripts, and nothing else: no renaming, no rewriting. It
// knows strings, template literals and regular expression literals (a "/"
// starts one unless it follows a value: a name that is not a keyword, a
// number, a string, ")" or "]"). A line break is kept where removing it
// could change what automatic semicolon insertion does: unless the line
// ends with, or the next starts with, a character after or before which a
// statement cannot end.
func minifyJS(src []byte) []byte {
	out := make([]byte, 0, len(src))
	var pendingSpace, pendingNewline bool
	lastWord := "" // the previous token when it was a name or keyword
	prevSig := byte(0)
	isWord := func(c byte) bool {
		return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
	}
	// emit writes a token, with the separator it needs
	emit := func(tok []byte) {
		first := tok[0]
		if pendingNewline && prevSig != 0 && !noBreakAfter(prevSig) && !noBreakBefore(first) {
			out = append(out, '\n')
		} else if (pendingSpace || pendingNewline) && prevSig != 0 {
			last := out[len(out)-1]
			if isWord(last) && isWord(first) || (last == '+' || last == '-') && (first == last) ||
				last == '/' && (first == '/' || first == '*') {
				out = append(out, ' ')
			}
		}
		out = append(out, tok...)
		pendingSpace, pendingNewline = false, false
		prevSig = tok[len(tok)-1]
	}
	regexAllowed := func() bool {
		switch prevSig {
		case 0:
			return true
		case ')', ']', '"', '\'', '`':
			return false
		}
		if isWord(prevSig) {
			switch lastWord {
			case "return", "typeof", "case", "do", "else", "in", "instanceof", "new", "delete", "void", "throw", "yield", "await", "of":
				return true
			}
			return false
		}
		return true
	}
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\n' || c == '\r':
			pendingNewline = true
			i++
		case c == ' ' || c == '\t':
			pendingSpace = true
			i++
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := i + 2
			for end+1 < len(src) && !(src[end] == '*' && src[end+1] == '/') {
				end++
			}
			for _, x := range src[i:end] {
				if x == '\n' {
					pendingNewline = true
				}
			}
			pendingSpace = true
			i = end + 2
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			emit(src[i : j+1])
			lastWord = ""
			i = j + 1
		case c == '/' && regexAllowed():
			j, class := i+1, false
			for j < len(src) && (src[j] != '/' || class) {
				switch src[j] {
				case '\\':
					j++
				case '[':
					class = true
				case ']':
					class = false
				}
				j++
			}
			j++
			for j < len(src) && isWord(src[j]) { // flags
				j++
			}
			emit(src[i:j])
			lastWord = ""
			prevSig = ')' // a regular expression is a value
			i = j
		case isWord(c):
			j := i
			for j < len(src) && (isWord(src[j]) || src[j] == '.' && c >= '0' && c <= '9') {
				j++
			}
			emit(src[i:j])
			lastWord = string(src[i:j])
			i = j
		default:
			emit(src[i : i+1])
			lastWord = ""
			i++
		}
	}
	if len(out) > 0 {
		out = append(out, '\n')
	}
	return out
}

// noBreakAfter: a statement cannot end with c, so a line break after it is
// only whitespace.
func noBreakAfter(c byte) bool {
	switch c {
	case '{', '(', '[', ',', ';', ':', '?', '=', '&', '|', '!', '<', '>', '*', '%', '^', '~', '.':
		return true
	}
	return false
}

// noBreakBefore: a statement cannot start with c, so a line break before it
// is only whitespace. ("+", "-", "(", "[", "/" and "`" could start one.)
func noBreakBefore(c byte) bool {
	switch c {
	case '}', ')', ']', ',', ';', ':', '?', '=', '&', '|', '*', '%', '^', '.', '<', '>':
		return true
	}
	return false
}
