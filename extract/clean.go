package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// block is a paragraph or heading while a reader assembles a document.
type block struct {
	kind string // "p" or "h"
	text string
}

// normalizeSpace makes one block's text clean: no-break and other exotic
// spaces become ' ', runs of white space collapse to one space, invisible
// characters (zero-width, soft hyphen, controls, U+FFFD runs) go.
func normalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF':
			continue
		case unicode.IsSpace(r) || r == '\u00A0' || r == '\u202F':
			space = true
			continue
		case unicode.IsControl(r):
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

// assemble joins blocks into the clean text, separated by blank lines, and
// records each block's offsets.
func assemble(blocks []block) (string, []Block) {
	var b strings.Builder
	out := make([]Block, 0, len(blocks))
	for _, bl := range blocks {
		t := normalizeSpace(bl.text)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(t)
		out = append(out, Block{Kind: bl.kind, Start: start, End: b.Len()})
	}
	return b.String(), out
}

// Boilerplate rules. They are generic: they describe the furniture of news
// pages (banners, credits, update notes, promos, comment forms), never
// particular articles.

var bannerPrefixes = []string{
	"ie 11 is not supported", "internet explorer is not supported", "your browser is not supported",
	"your browser is out of date", "this browser is no longer supported", "for an optimal experience visit our site on another browser",
	"we use cookies", "this site uses cookies", "this website uses cookies", "by continuing to use this site",
	"javascript is disabled", "please enable javascript", "advertisement", "skip to main content", "skip to content",
}

var creditPrefixes = []string{
	"image:", "images:", "photo:", "photos:", "photograph:", "picture:", "credit:", "credits:", "image credit",
	"photo credit", "screenshot by ", "screenshot:", "illustration:", "illustration by ", "video:", "caption:",
	"(photo", "(image", "(credit", "file photo",
}

var creditMarkers = []string{
	"getty images", "via getty", "/ getty", "shutterstock", "/ reuters", "reuters/", "/ ap photo", "ap photo/",
	"ap images", "/ afp", "afp/", "associated press photo", "/ bloomberg", "photo by ", "photograph by ", "screenshot by ",
}

var updatePrefixes = []string{
	"last modified",
	"updated,", "updated:", "updated at", "update,", "update:", "last updated", "first published,", "first published:",
	"first published on", "originally published", "published,", "correction,", "correction:", "editor's note:", "editor’s note:",
}

var commentStarts = []string{
	"leave a reply", "leave a comment", "post a comment", "add a comment", "join the conversation", "comments are closed",
	"your email address will not be published", "required fields are marked",
}

var promoStarts = []string{
	"read more:", "read more at", "related:", "related coverage", "related stories", "more from ", "sign up for", "subscribe to",
	"follow us on", "click here to", "share this:", "share this article", "recommended:", "see also:", "watch:", "listen:",
	"this article originally appeared", "this story originally appeared",
}

var promoWords = []string{"investigates", "chronicles", "newsletter", "subscribe", "podcast", "sign up", "watch now", "explores", "series"}

func hasPrefixAny(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func containsAny(s string, subs []string) bool {
	for _, p := range subs {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// isCredit reports a photo caption or credit line.
func isCredit(lower string) bool {
	if hasPrefixAny(lower, creditPrefixes) {
		return true
	}
	return utf8.RuneCountInString(lower) < 240 && containsAny(lower, creditMarkers)
}

// isUpdateNote reports "Updated, 3:59 p.m. PT: ..." style notes.
func isUpdateNote(lower string) bool {
	n := utf8.RuneCountInString(lower)
	if hasPrefixAny(lower, updatePrefixes) && n <= 300 {
		return true
	}
	// "Posted March 14", "Published: 04/06/2017 10:15": a date line.
	return n <= 60 && hasPrefixAny(lower, []string{"posted ", "posted:", "published ", "published:"}) && strings.ContainsAny(lower, "0123456789")
}

// isKicker reports a promo paragraph of the form "Label: teaser text".
func isKicker(p, source string) bool {
	i := strings.Index(p, ": ")
	if i < 2 || i > 40 || utf8.RuneCountInString(p) > 300 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(r) {
		return false
	}
	lower := strings.ToLower(p)
	if source != "" && strings.Contains(lower, strings.ToLower(source)) {
		return true
	}
	return containsAny(lower, promoWords)
}

// stripBoilerplate removes page furniture from a document's blocks. source is
// the outlet name when known: a promo usually names its own outlet.
func stripBoilerplate(blocks []block, source string) (out []block, removed int) {
	out = blocks[:0:0]
	for i := 0; i < len(blocks); i++ {
		t := normalizeSpace(blocks[i].text)
		lower := strings.ToLower(t)
		switch {
		case t == "":
			continue
		case hasPrefixAny(lower, commentStarts):
			// A comment form ends the article: drop it and everything after.
			return out, removed + len(blocks) - i
		case hasPrefixAny(lower, bannerPrefixes) && utf8.RuneCountInString(t) < 200,
			isCredit(lower), isUpdateNote(lower),
			hasPrefixAny(lower, promoStarts) && utf8.RuneCountInString(t) < 300:
			removed++
			continue
		}
		out = append(out, block{blocks[i].kind, t})
	}
	// Promos trail the article: peel "Kicker: teaser" paragraphs off the end.
	for len(out) > 0 && out[len(out)-1].kind == "p" && isKicker(out[len(out)-1].text, source) {
		out = out[:len(out)-1]
		removed++
	}
	return out, removed
}

// looksLikeHeading reports a short line without closing punctuation: a
// subheading inside an article, or a headline at its top.
func looksLikeHeading(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 3 || n > 140 || strings.Count(s, " ") > 20 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '‘' && r != '“' && r != '\'' && r != '"' {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return !strings.ContainsRune(".!?:;,…", last) && !strings.ContainsRune("”\"’)", last) || strings.HasSuffix(s, "?")
}

// sameTitle compares two titles ignoring case, quotes and punctuation.
func sameTitle(a, b string) bool {
	norm := func(s string) string {
		var sb strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				sb.WriteRune(r)
			}
		}
		return sb.String()
	}
	na := norm(a)
	return na != "" && na == norm(b)
}

var bylineRe = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}(?:(?:,|\s+and|\s*&)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})*)(?:\s*[,|·—-]\s*[\p{L} ]{0,40})?$`)

// byline recognises a "By Jane Doe and John Roe" paragraph and returns the
// names.
func byline(s string) ([]string, bool) {
	if utf8.RuneCountInString(s) > 120 {
		return nil, false
	}
	sm := bylineRe.FindStringSubmatch(s)
	if sm == nil {
		return nil, false
	}
	return splitAuthors(sm[1]), true
}
