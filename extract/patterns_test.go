package extract

import (
	"bufio"

	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPatterns(t *testing.T) {
	f, err := os.Open("testdata/patterns.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type tcase struct {
		in   string
		want []string
	}
	var cases []*tcase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "> "):
			cases = append(cases, &tcase{in: line[2:]})
		case strings.HasPrefix(line, "#"), strings.TrimSpace(line) == "":
		default:
			cases[len(cases)-1].want = append(cases[len(cases)-1].want, line)
		}
	}
	if len(cases) < 10 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, tc := range cases {
		var got []string
		for _, m := range Patterns(tc.in) {
			if tc.in[m.Start:m.End] != m.Text {
				t.Errorf("%q: mention text %q does not match its offsets", tc.in, m.Text)
			}
			got = append(got, m.Type+"\t"+m.Text)
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s\n got: %q\nwant: %q", tc.in, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	text := "ACLU attorney Nathan F. Wessler said it. The U.S. government did not comment. \"Is it over?\" he asked. On Jan. 20, Mr. Smith left at 3 p.m. Then he returned.\n\nNew paragraph without a period\n\nLast one."
	want := []string{
		"ACLU attorney Nathan F. Wessler said it.",
		"The U.S. government did not comment.",
		"\"Is it over?\" he asked.",
		"On Jan. 20, Mr. Smith left at 3 p.m. Then he returned.",
		"New paragraph without a period",
		"Last one.",
	}
	var got []string
	for _, s := range Sentences(text) {
		got = append(got, text[s.Start:s.End])
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q", got)
	}
}

// FuzzPatterns checks that pattern extraction never panics and keeps its
// promises on any input: sorted, non-overlapping mentions on rune boundaries.
func FuzzPatterns(f *testing.F) {
	for _, s := range []string{"@a #b $1 3:17-cv-01916 19 U.S.C. § 1509 U.S. District Court in X", "\xff@\x00#", "No. 1-2 (415) 555-0134 +1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ms := Patterns(s) // must not panic on anything
		if !utf8.ValidString(s) {
			return // clean text is always valid UTF-8; boundaries are only promised there
		}
		prev := 0
		for _, m := range ms {
			if m.Start < prev || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("bad mention %+v after %d in %q", m, prev, s)
			}
			if !utf8.RuneStart(s[m.Start]) || m.End < len(s) && !utf8.RuneStart(s[m.End]) {
				t.Fatalf("mention %+v not on rune boundaries", m)
			}
			prev = m.End
		}
	})
}
