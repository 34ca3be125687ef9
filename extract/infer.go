package extract

import "strings"

// inferDate finds a document's own date in its text when no metadata gives
// one: a dateline in the first paragraphs.
func inferDate(text string) (string, bool) {
	paras := splitParagraphs(strings.Split(text, "\n"))
	for i := 0; i < len(paras) && i < 4; i++ {
		if sm := dateline.FindStringSubmatch(normalizeSpace(paras[i].text)); sm != nil {
			return parseDate(sm[2])
		}
	}
	return "", false
}
