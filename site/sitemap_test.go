package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"testing"
)

// urlset and sitemapIndex are the sitemap's elements for encoding/xml,
// which sitemapXML must write alike.
type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

// TestSitemapXML: sitemapXML writes what encoding/xml writes, escapes and
// invalid UTF-8 included. It fails on a missing escape or a changed indent.
func TestSitemapXML(t *testing.T) {
	encode := func(v any) []byte {
		var b bytes.Buffer
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(&b)
		enc.Indent("", " ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
		return b.Bytes()
	}
	lists := [][]sitemapURL{
		nil,
		{{Loc: "index.html"}},
		{{Loc: "docs/a.html", LastMod: "2017-04-06"}, {Loc: "entities/x.html"}, {Loc: "https://example.org/archive/docs/b.html", LastMod: "2017"}},
		{{Loc: "docs/a&b <c> \"d\" 'e'.html", LastMod: "2017-04\t06"}, {Loc: "docs/caf\u00e9 \u65e5\u672c.html\n\r"}, {Loc: "bad \xff\xfe utf-8 \x01 control"}},
	}
	for _, urls := range lists {
		if got, want := sitemapXML("urlset", "url", urls), encode(urlset{URLs: urls}); !bytes.Equal(got, want) {
			t.Errorf("urlset of %q:\n%s\nwant\n%s", urls, got, want)
		}
		if got, want := sitemapXML("sitemapindex", "sitemap", urls), encode(sitemapIndex{Sitemaps: urls}); !bytes.Equal(got, want) {
			t.Errorf("sitemapindex of %q:\n%s\nwant\n%s", urls, got, want)
		}
	}
}

// BenchmarkSitemapXML writes the 50,000 addresses of one sitemap file, as
// a 50k-document site has them, directly and with encoding/xml.
func BenchmarkSitemapXML(b *testing.B) {
	urls := make([]sitemapURL, sitemapLimit)
	for i := range urls {
		urls[i] = sitemapURL{Loc: fmt.Sprintf("docs/news-doc-%06d.html", i), LastMod: "2017-04-06"}
	}
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			sitemapXML("urlset", "url", urls)
		}
	})
	b.Run("encoding/xml", func(b *testing.B) {
		for b.Loop() {
			var buf bytes.Buffer
			enc := xml.NewEncoder(&buf)
			enc.Indent("", " ")
			enc.Encode(urlset{URLs: urls})
		}
	})
}
