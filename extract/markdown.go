package extract

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"
)

var markdown = goldmark.New()

// readMarkdown reads Markdown with optional YAML front matter. The body is
// parsed with goldmark and its text taken block by block; raw HTML in the
// Markdown is dropped, never passed through.
func readMarkdown(src string) (meta, []block, []string) {
	var m meta
	var warn []string
	src = strings.ReplaceAll(src, "\r\n", "\n")
	body := src
	if fm, rest, ok := splitFrontMatter(src); ok {
		body = rest
		if err := applyFrontMatter(&m, fm); err != nil {
			warn = append(warn, "front matter ignored: "+err.Error())
		}
	} else if strings.HasPrefix(src, "---\n") {
		warn = append(warn, "front matter ignored: no closing '---' line")
	} else if strings.HasPrefix(src, "+++\n") {
		if _, rest, ok := cutFence(src, "+++"); ok {
			body = rest
			warn = append(warn, "TOML front matter (+++) is not supported; use YAML (---)")
		}
	}

	srcBytes := []byte(body)
	doc := markdown.Parser().Parse(text.NewReader(srcBytes))
	var blocks []block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		blocks = appendMarkdownBlocks(blocks, n, srcBytes)
	}
	if m.Title == "" && len(blocks) > 0 && blocks[0].kind == "h" {
		m.Title = normalizeSpace(blocks[0].text)
	}
	return m, blocks, warn
}

func cutFence(src, fence string) (inner, rest string, ok bool) {
	if !strings.HasPrefix(src, fence+"\n") {
		return "", "", false
	}
	after := src[len(fence)+1:]
	if strings.HasPrefix(after, fence+"\n") || after == fence {
		return "", strings.TrimPrefix(after, fence), true
	}
	i := strings.Index(after, "\n"+fence+"\n")
	if i < 0 {
		if strings.HasSuffix(after, "\n"+fence) {
			return after[:len(after)-len(fence)-1], "", true
		}
		return "", "", false
	}
	return after[:i], after[i+len(fence)+2:], true
}

func splitFrontMatter(src string) (fm, rest string, ok bool) {
	return cutFence(src, "---")
}

// applyFrontMatter reads YAML front matter into m.
func applyFrontMatter(m *meta, fm string) error {
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(fm), &raw); err != nil {
		return fmt.Errorf("YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	for k, v := range raw {
		field, ok := headerKeys[strings.ToLower(strings.TrimSpace(k))]
		if !ok {
			continue
		}
		switch field {
		case "authors":
			for _, s := range yamlStrings(v) {
				m.Authors = append(m.Authors, splitAuthors(s)...)
			}
		case "date":
			// YAML turns unquoted dates into time.Time.
			if t, ok := v.(time.Time); ok {
				m.Published, m.DateFrom = t.Format("2006-01-02"), "front-matter"
				continue
			}
			setMeta(m, field, yamlString(v), "front-matter")
		default:
			setMeta(m, field, yamlString(v), "front-matter")
		}
	}
	return nil
}

func yamlString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		return strings.Join(yamlStrings(x), ", ")
	default:
		return fmt.Sprint(x)
	}
}

func yamlStrings(v any) []string {
	if list, ok := v.([]any); ok {
		var out []string
		for _, x := range list {
			if s := yamlString(x); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	if s := yamlString(v); s != "" {
		return []string{s}
	}
	return nil
}

// appendMarkdownBlocks appends the text blocks of one goldmark block node.
func appendMarkdownBlocks(out []block, n ast.Node, src []byte) []block {
	switch n.Kind() {
	case ast.KindHeading:
		return append(out, block{"h", inlineText(n, src)})
	case ast.KindParagraph, ast.KindTextBlock:
		return append(out, block{"p", inlineText(n, src)})
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		var b bytes.Buffer
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		return append(out, block{"p", b.String()})
	case ast.KindHTMLBlock, ast.KindThematicBreak:
		return out // raw HTML is never passed through
	}
	// Containers: lists, list items, block quotes.
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		out = appendMarkdownBlocks(out, c, src)
	}
	return out
}

// inlineText returns the visible text of an inline subtree.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch x := c.(type) {
			case *ast.Text:
				b.Write(x.Segment.Value(src))
				if x.SoftLineBreak() || x.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *ast.String:
				b.Write(x.Value)
			case *ast.CodeSpan:
				walk(x)
			case *ast.AutoLink:
				b.Write(x.URL(src))
			case *ast.RawHTML, *ast.Image:
				// dropped: raw HTML never reaches the site; images have no text
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return b.String()
}
