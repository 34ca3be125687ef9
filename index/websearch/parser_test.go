package websearch_test

import (
	"encoding/json"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// queries whose parse must agree with bleve's query-string parser: the same
// ones fail, and the accepted ones give the clauses below.
var parserCases = []struct {
	q    string
	want string // JSON of the browser's parse, "" to only check success/failure
}{
	{q: "court", want: `{"must":[],"should":[{"k":"match","field":"","v":"court"}],"mustNot":[]}`},
	{q: "+court -appeal settlement", want: `{"must":[{"k":"match","field":"","v":"court"}],"should":[{"k":"match","field":"","v":"settlement"}],"mustNot":[{"k":"match","field":"","v":"appeal"}]}`},
	{q: `"motion to dismiss"`, want: `{"must":[],"should":[{"k":"phrase","field":"","v":"motion to dismiss"}],"mustNot":[]}`},
	{q: `source:"Daily Ledger"`, want: `{"must":[],"should":[{"k":"phrase","field":"source","v":"Daily Ledger"}],"mustNot":[]}`},
	{q: `source:Daily\ Ledger`, want: `{"must":[],"should":[{"k":"match","field":"source","v":"Daily Ledger"}],"mustNot":[]}`},
	{q: "kar*", want: `{"must":[],"should":[{"k":"wildcard","field":"","v":"kar*"}],"mustNot":[]}`},
	{q: "year:2017", want: `{"must":[],"should":[{"k":"number","field":"year","v":"2017"}],"mustNot":[]}`},
	{q: `date:>="2017-01-01"`, want: `{"must":[],"should":[{"k":"range","field":"date","op":"GT","incl":true,"lim":{"date":"2017-01-01"}}],"mustNot":[]}`},
	{q: `+date:<"2018-01-01"`, want: `{"must":[{"k":"range","field":"date","op":"LT","incl":false,"lim":{"date":"2018-01-01"}}],"should":[],"mustNot":[]}`},
	{q: "court^2", want: `{"must":[],"should":[{"k":"match","field":"","v":"court","boost":2}],"mustNot":[]}`},
	{q: "n:>-5", want: `{"must":[],"should":[{"k":"range","field":"n","op":"GT","incl":false,"lim":{"num":"-5"}}],"mustNot":[]}`},
	{q: "3.5 1.2.3 12abc", want: `{"must":[],"should":[{"k":"number","field":"","v":"3.5"},{"k":"match","field":"","v":"1.2.3"},{"k":"match","field":"","v":"12abc"}],"mustNot":[]}`},
	{q: `a\:b \+c`}, {q: `"a \"quoted\" word"`}, {q: "entity:alt-uscis"}, {q: "foo~"}, {q: "foo~2"}, {q: "title:foo~1"},
	{q: "/reg.*x/"}, {q: "a-b+c"}, {q: "日本 語"}, {q: "  spaced   out  "}, {q: "a\tb"},
	{q: "title:"}, {q: `"unterminated`}, {q: "a:b:c"}, {q: "3:17-cv-01916"}, {q: "+"}, {q: "-"}, {q: "foo^"},
	{q: ":a"}, {q: ">5"}, {q: "+-a"}, {q: "a:>"}, {q: "a:>="}, {q: `date:>"x"`}, {q: "^2"}, {q: "~"}, {q: "a:-"},
	{q: "foo^abc"}, {q: `""`}, {q: `title:""`}, {q: `"":x`}, {q: "a=b"}, {q: "a:=b"},
}

func TestQueryParser(t *testing.T) {
	s := buildSite(t, loadItems(t, 60)[:10], 0)
	qs := make([]string, len(parserCases))
	for i, c := range parserCases {
		qs[i] = c.q
	}
	var resp struct {
		Parse []struct {
			OK  json.RawMessage `json:"ok"`
			Err string          `json:"err"`
		} `json:"parse"`
	}
	runNode(t, s.dir, map[string]any{"parse": qs}, &resp)
	for i, c := range parserCases {
		_, err := query.NewQueryStringQuery(c.q).Parse()
		got := resp.Parse[i]
		if (err != nil) != (got.Err != "") {
			t.Errorf("%q: bleve error %v, browser error %q", c.q, err, got.Err)
			continue
		}
		if c.want != "" && string(got.OK) != c.want {
			t.Errorf("%q:\n got  %s\n want %s", c.q, got.OK, c.want)
		}
	}
}
