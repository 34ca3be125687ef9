package extract

import (
	"regexp"
	"strings"
)

// meta is the metadata a reader finds in a file. Empty fields are unknown.
type meta struct {
	Title, Source, URL, DocType, Published, DateFrom, Summary string
	Authors                                                   []string
	// Headline is a plain-text file's first line when it reads as a
	// headline. It is the title unless a catalog or header says otherwise,
	// in which case it is the standfirst.
	Headline string
}

// headerKeys are the keys a plain-text header may use, mapped to meta fields.
var headerKeys = map[string]string{
	"title": "title", "headline": "title",
	"source": "source", "outlet": "source", "publisher": "source", "publication": "source",
	"date": "date", "published": "date", "pubdate": "date", "published date": "date",
	"url": "url", "link": "url", "canonical": "url",
	"author": "authors", "authors": "authors", "by": "authors", "byline": "authors",
	"doctype": "doctype", "type": "doctype", "kind": "doctype",
	"summary": "summary", "description": "summary", "dek": "summary",
}

var headerLine = regexp.MustCompile(`^([A-Za-z][A-Za-z _-]{0,24}):\s*(.*)$`)

// leadingDate is the " date 2017-04-06 ..." line some scrapers put first.
var leadingDate = regexp.MustCompile(`^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$`)

// dateline is an outlet's "Apr 6, 2017 22:15 GMT · By Name" line.
var dateline = regexp.MustCompile(`^(?:Published:?\s+|Posted:?\s+|Updated:?\s+)?((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?` +
	`((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{4}|\d{4}-\d{2}-\d{2})` +
	`(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?\s*(?:[·|•—–-]\s*(?:By\b\s*(.*))?)?$`)

// readTxt reads a plain-text file: an optional "key: value" header, then
// paragraphs separated by blank lines. It understands the quirks of scraped
// news text: a leading "date YYYY-MM-DD" line, a "|||" separator before a
// summary, datelines, and a headline as the first line.
func readTxt(text string) (meta, []block) {
	var m meta
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")

	// "body|||summary": what follows the separator is a summary, not text.
	if i := strings.Index(text, "|||"); i >= 0 {
		m.Summary = normalizeSpace(text[i+3:])
		text = text[:i]
	}

	lines := strings.Split(text, "\n")
	lines = readHeader(lines, &m)

	if len(lines) > 0 {
		if sm := leadingDate.FindStringSubmatch(lines[0]); sm != nil {
			if d, ok := parseDate(sm[1]); ok && m.Published == "" {
				m.Published, m.DateFrom = d, "header"
			}
			lines[0] = sm[2]
		}
	}

	paras := splitParagraphs(lines)

	// A dateline near the top dates the text; what stands above it is the
	// headline and standfirst.
	for i := 0; i < len(paras) && i < 4; i++ {
		sm := dateline.FindStringSubmatch(normalizeSpace(paras[i].text))
		if sm == nil {
			continue
		}
		if d, ok := parseDate(sm[2]); ok && m.Published == "" {
			m.Published, m.DateFrom = d, "dateline"
		}
		if by := strings.TrimSpace(sm[3]); by != "" && len(m.Authors) == 0 {
			m.Authors = splitAuthors(by)
		}
		above := paras[:i]
		paras = paras[i+1:]
		if len(above) > 0 && looksLikeHeading(above[0].text) {
			m.Headline = normalizeSpace(above[0].text)
			above = above[1:]
		}
		if len(above) > 0 && m.Summary == "" {
			m.Summary = normalizeSpace(above[0].text)
			above = above[1:]
		}
		paras = append(above, paras...)
		break
	}
	for i := range paras {
		if paras[i].kind == "p" && looksLikeHeading(paras[i].text) {
			paras[i].kind = "h"
		}
	}
	return m, paras
}

// readHeader consumes "key: value" lines at the top of a file if at least
// one key is a known metadata key and the header ends with a blank line.
func readHeader(lines []string, m *meta) []string {
	var kv [][2]string
	i := 0
	for ; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			break
		}
		sm := headerLine.FindStringSubmatch(l)
		if sm == nil {
			return lines
		}
		kv = append(kv, [2]string{strings.ToLower(strings.TrimSpace(sm[1])), strings.TrimSpace(sm[2])})
	}
	known := 0
	for _, p := range kv {
		if _, ok := headerKeys[p[0]]; ok {
			known++
		}
	}
	if known == 0 || known < len(kv) {
		return lines
	}
	for _, p := range kv {
		setMeta(m, headerKeys[p[0]], p[1], "header")
	}
	return lines[i:]
}

// setMeta sets one metadata field from a string value.
func setMeta(m *meta, field, v, from string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	switch field {
	case "title":
		m.Title = normalizeSpace(v)
	case "source":
		m.Source = normalizeSpace(v)
	case "url":
		m.URL = v
	case "doctype":
		m.DocType = strings.ToLower(normalizeSpace(v))
	case "summary":
		m.Summary = normalizeSpace(v)
	case "authors":
		m.Authors = splitAuthors(v)
	case "date":
		if d, ok := parseDate(v); ok {
			m.Published, m.DateFrom = d, from
		}
	}
}

var authorSep = regexp.MustCompile(`\s*(?:;|\band\b|&|,)\s*`)

func splitAuthors(s string) []string {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "By "))
	var out []string
	for _, a := range authorSep.Split(s, -1) {
		if a = normalizeSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// splitParagraphs groups lines into paragraphs at blank lines. Lines of one
// paragraph are joined with a space: plain-text files are often hard-wrapped.
// A line that is itself a credit or banner stays a paragraph of its own so
// the boilerplate rules can see it.
func splitParagraphs(lines []string) []block {
	var out []block
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, block{"p", strings.Join(cur, " ")})
			cur = cur[:0]
		}
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			flush()
			continue
		}
		lower := strings.ToLower(normalizeSpace(t))
		if isCredit(lower) || hasPrefixAny(lower, bannerPrefixes) || (len(cur) > 0 && isCredit(strings.ToLower(normalizeSpace(cur[len(cur)-1])))) {
			flush()
		}
		cur = append(cur, t)
	}
	flush()
	return out
}
