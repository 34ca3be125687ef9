package extract

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readHTML reads a web page: metadata from meta tags, JSON-LD and <time>,
// and the main text with navigation, ads, comments and scripts removed.
func readHTML(src string) (meta, []block, []string) {
	var m meta
	var warn []string
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		// The parser refuses pathological pages (nesting deeper than 512
		// elements); the tokenizer has no such limit and still finds the text.
		return m, tokenBlocks(src), []string{"HTML could not be parsed as a tree (" + err.Error() + "); text taken from the raw markup"}
	}
	htmlMeta(doc, &m, &warn)

	// Drop what is never article text.
	doc.Find("script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input, select, textarea, " +
		"nav, aside, footer, figure figcaption, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], " +
		"[role=dialog], [aria-hidden=true], [hidden]").Remove()
	doc.Find("*").Each(func(_ int, s *goquery.Selection) {
		if isJunkElement(s) {
			s.Remove()
		}
	})

	root := mainContent(doc)
	blocks := htmlBlocks(root)
	if m.Title == "" {
		m.Title = normalizeSpace(doc.Find("title").First().Text())
	}
	return m, blocks, warn
}

var junkName = regexp.MustCompile(`(?i)(^|[-_ ])(nav|navbar|menu|footer|sidebar|comments?|comment-list|respond|share|sharing|social|related|recirc|promo|advert|advertisement|ads?|sponsor(ed)?|newsletter|subscribe|subscription|cookie|consent|banner|popup|modal|breadcrumbs?|masthead|skip-link|paywall|outbrain|taboola)([-_ ]|$)`)

func isJunkElement(s *goquery.Selection) bool {
	n := s.Get(0)
	if n == nil || n.DataAtom == atom.Html || n.DataAtom == atom.Body || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
		return false
	}
	id, _ := s.Attr("id")
	class, _ := s.Attr("class")
	return junkName.MatchString(id) || junkName.MatchString(class)
}

// mainContent picks the element that holds the article: <article> (the one
// with the most paragraph text), [itemprop=articleBody], <main>, or failing
// those the element whose direct paragraphs hold the most text.
func mainContent(doc *goquery.Document) *html.Node {
	best := func(sel *goquery.Selection) *html.Node {
		var node *html.Node
		max := 0
		sel.Each(func(_ int, s *goquery.Selection) {
			if n := len(s.Find("p").Text()); n > max {
				max, node = n, s.Get(0)
			}
		})
		if max < 200 {
			return nil
		}
		return node
	}
	for _, q := range []string{"[itemprop=articleBody]", "article", "main, [role=main]"} {
		if n := best(doc.Find(q)); n != nil {
			return n
		}
	}
	// Readability-lite: the parent of the most paragraph text.
	score := map[*html.Node]int{}
	var top *html.Node
	doc.Find("p").Each(func(_ int, s *goquery.Selection) {
		p := s.Get(0).Parent
		if p == nil {
			return
		}
		score[p] += len(strings.TrimSpace(s.Text()))
		if top == nil || score[p] > score[top] {
			top = p
		}
	})
	if top != nil && score[top] >= 200 {
		return top
	}
	if b := doc.Find("body").Get(0); b != nil {
		return b
	}
	return doc.Get(0)
}

var blockAtoms = map[atom.Atom]string{
	atom.P: "p", atom.Li: "p", atom.Blockquote: "p", atom.Pre: "p", atom.Dd: "p", atom.Dt: "p", atom.Td: "p", atom.Th: "p",
	atom.Tr: "p", atom.Div: "p", atom.Section: "p", atom.Article: "p", atom.Main: "p", atom.Header: "p", atom.Ul: "p",
	atom.Ol: "p", atom.Dl: "p", atom.Table: "p", atom.Figure: "p", atom.Address: "p", atom.Caption: "p",
	atom.H1: "h", atom.H2: "h", atom.H3: "h", atom.H4: "h", atom.H5: "h", atom.H6: "h",
}

// htmlBlocks walks the subtree iteratively (deeply nested pages must not
// exhaust the stack) and cuts text into blocks at block-level elements.
func htmlBlocks(root *html.Node) []block {
	var out []block
	var cur strings.Builder
	kind := "p"
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, block{kind, t})
		}
		cur.Reset()
		kind = "p"
	}
	type frame struct {
		n    *html.Node
		exit bool
	}
	stack := []frame{{root, false}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		bk, isBlock := "", false
		if n.Type == html.ElementNode {
			bk, isBlock = blockAtoms[n.DataAtom]
		}
		if f.exit {
			if isBlock {
				flush()
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			continue
		case html.ElementNode:
			if n.DataAtom == atom.Br {
				cur.WriteByte(' ')
				continue
			}
			if isBlock {
				flush()
				kind = bk
			}
		case html.CommentNode, html.DoctypeNode:
			continue
		}
		stack = append(stack, frame{n, true})
		// Push children in reverse so they pop in document order.
		var kids []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			kids = append(kids, c)
		}
		for i := len(kids) - 1; i >= 0; i-- {
			stack = append(stack, frame{kids[i], false})
		}
	}
	flush()
	return out
}

// htmlMeta reads metadata from meta tags, JSON-LD and <time>, in order of
// trust: JSON-LD and Open Graph first, then generic tags.
func htmlMeta(doc *goquery.Document, m *meta, warn *[]string) {
	metaContent := func(keys ...string) string {
		for _, k := range keys {
			sel := doc.Find(`meta[property="` + k + `"], meta[name="` + k + `"], meta[itemprop="` + k + `"]`)
			if v, ok := sel.First().Attr("content"); ok && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		if err := jsonLD(s.Text(), m); err != nil {
			*warn = append(*warn, "JSON-LD ignored: "+err.Error())
		}
	})
	if m.Title == "" {
		m.Title = normalizeSpace(metaContent("og:title", "twitter:title", "headline", "dc.title", "DC.title"))
	}
	if m.Title == "" {
		m.Title = normalizeSpace(doc.Find("article h1, main h1, h1").First().Text())
	}
	if m.Source == "" {
		m.Source = normalizeSpace(metaContent("og:site_name", "application-name", "publisher", "dc.publisher"))
	}
	if m.URL == "" {
		if v, ok := doc.Find(`link[rel="canonical"]`).First().Attr("href"); ok {
			m.URL = strings.TrimSpace(v)
		} else {
			m.URL = metaContent("og:url", "twitter:url")
		}
	}
	if len(m.Authors) == 0 {
		if a := metaContent("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"); a != "" && !strings.Contains(a, "://") {
			m.Authors = splitAuthors(a)
		} else if a := normalizeSpace(doc.Find(`[rel="author"], [itemprop="author"]`).First().Text()); a != "" {
			m.Authors = splitAuthors(a)
		}
	}
	if m.Summary == "" {
		m.Summary = normalizeSpace(metaContent("og:description", "description", "twitter:description"))
	}
	if m.Published == "" {
		if d, ok := parseDate(metaContent("article:published_time", "datePublished", "date", "pubdate", "publishdate",
			"publish-date", "dc.date", "DC.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date")); ok {
			m.Published, m.DateFrom = d, "meta"
		}
	}
	if m.Published == "" {
		doc.Find("time[datetime]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			v, _ := s.Attr("datetime")
			if d, ok := parseDate(v); ok {
				m.Published, m.DateFrom = d, "time"
				return false
			}
			return true
		})
	}
}

// jsonLD reads the schema.org Article/NewsArticle fields casefile uses.
func jsonLD(src string, m *meta) error {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return err
	}
	var visit func(any)
	visit = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e)
			}
		case map[string]any:
			if g, ok := x["@graph"]; ok {
				visit(g)
			}
			if !isArticleType(x["@type"]) {
				return
			}
			str := func(k string) string { s, _ := x[k].(string); return strings.TrimSpace(s) }
			if m.Title == "" {
				m.Title = normalizeSpace(str("headline"))
			}
			if m.Published == "" {
				if d, ok := parseDate(str("datePublished")); ok {
					m.Published, m.DateFrom = d, "json-ld"
				}
			}
			if m.URL == "" {
				m.URL = str("url")
			}
			if m.Summary == "" {
				m.Summary = normalizeSpace(str("description"))
			}
			if len(m.Authors) == 0 {
				m.Authors = ldNames(x["author"])
			}
			if m.Source == "" {
				if names := ldNames(x["publisher"]); len(names) > 0 {
					m.Source = names[0]
				}
			}
		}
	}
	visit(v)
	return nil
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return strings.HasSuffix(x, "Article") || x == "Report" || x == "BlogPosting" || x == "WebPage" || x == "LegalDocument"
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func ldNames(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		out = append(out, splitAuthors(x)...)
	case map[string]any:
		if s, ok := x["name"].(string); ok && strings.TrimSpace(s) != "" {
			out = append(out, normalizeSpace(s))
		}
	case []any:
		for _, e := range x {
			out = append(out, ldNames(e)...)
		}
	}
	return out
}

// skipContent are elements whose content is never text.
var skipContent = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Textarea: true, atom.Title: true, atom.Head: true}

// tokenBlocks takes text from raw HTML with the streaming tokenizer: text
// outside scripts and styles, cut into blocks at block-level tags.
func tokenBlocks(src string) []block {
	z := html.NewTokenizer(strings.NewReader(src))
	var out []block
	var cur strings.Builder
	skip := 0
	kind := "p"
	flush := func() {
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, block{kind, t})
		}
		cur.Reset()
		kind = "p"
	}
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipContent[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if k, ok := blockAtoms[a]; ok {
				flush()
				if tt == html.StartTagToken {
					kind = k
				}
			} else if a == atom.Br {
				cur.WriteByte(' ')
			}
		}
	}
}
