package timex

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

type tagCase struct {
	line int
	dct  time.Time
	text string
	want []string // "span\tTYPE\tVALUE[\tMOD]"
}

// readCases parses testdata/cases.txt (its format is described at its top).
func readCases(t *testing.T, path string) []tagCase {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var (
		cases []tagCase
		cur   *tagCase
		dct   time.Time
	)
	flush := func() {
		if cur != nil {
			cases = append(cases, *cur)
			cur = nil
		}
	}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "@ "):
			flush()
			dct = time.Time{}
			if d := strings.TrimSpace(line[2:]); d != "-" {
				if dct, err = time.Parse("2006-01-02", d); err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
			}
		case strings.HasPrefix(line, "> "):
			if cur == nil {
				cur = &tagCase{line: n, dct: dct, text: line[2:]}
			} else if len(cur.want) == 0 {
				cur.text += "\n" + line[2:]
			} else {
				t.Fatalf("%s:%d: text after expectations", path, n)
			}
		case cur == nil:
			t.Fatalf("%s:%d: expectation without a text", path, n)
		case line == "-":
			cur.want = []string{}
		default:
			cur.want = append(cur.want, line)
		}
	}
	flush()
	return cases
}

func render(text string, got []Timex) []string {
	out := []string{}
	for _, x := range got {
		s := text[x.Start:x.End] + "\t" + x.Type + "\t" + x.Value
		if x.Mod != "" {
			s += "\t" + x.Mod
		}
		out = append(out, s)
	}
	return out
}

func TestTagCases(t *testing.T) {
	path := filepath.Join("testdata", "cases.txt")
	for _, c := range readCases(t, path) {
		t.Run(fmt.Sprintf("line%d", c.line), func(t *testing.T) {
			got := render(c.text, Tag(c.text, c.dct))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("%s:%d: %q\n got:\n\t%s\nwant:\n\t%s", path, c.line, c.text,
					strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

// TestSeeds tags casefile's seed corpus and compares the result with
// snapshots in testdata/seeds/*.golden; UPDATE_SNAPSHOTS=1 rewrites them.
// Whatever the snapshot says, every dated value must fall in early 2017
// (the articles were published on 2017-04-06 about events of that spring).
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no seed texts")
	}
	dct := time.Date(2017, 4, 6, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		got := Tag(text, dct)
		for _, x := range got {
			v := x.Value
			if (x.Type == "DATE" || x.Type == "TIME") && len(v) >= 4 && v[0] >= '0' && v[0] <= '9' {
				if !strings.HasPrefix(v, "2017") || len(v) >= 7 && v[5] >= '0' && v[5] <= '9' && v[5:7] > "04" {
					t.Errorf("%s: %q = %s lies outside early 2017", f, text[x.Start:x.End], v)
				}
			}
		}
		snap := strings.TrimSuffix(f, ".txt") + ".golden"
		rendered := strings.Join(render(text, got), "\n") + "\n"
		if os.Getenv("UPDATE_SNAPSHOTS") != "" {
			if err := os.WriteFile(snap, []byte(rendered), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(snap)
		if err != nil {
			t.Fatalf("%v (UPDATE_SNAPSHOTS=1 writes it)", err)
		}
		if string(want) != rendered {
			t.Errorf("%s: got\n%s\nwant\n%s", snap, rendered, want)
		}
	}
}

func TestGranularity(t *testing.T) {
	for _, c := range []struct{ v, want string }{
		{"19", "century"}, {"19XX", "century"}, {"199", "decade"}, {"199X", "decade"}, {"1998", "year"},
		{"1998-SU", "season"}, {"1998-H1", "season"}, {"1998-Q3", "quarter"}, {"1998-03", "month"},
		{"XXXX-03", "month"}, {"1998-W11", "week"}, {"1998-W11-WE", "week"}, {"1998-03-14", "day"},
		{"XXXX-03-14", "day"}, {"1998-03-14TMO", "time"}, {"2017-04-06T13:09", "time"}, {"P2M", "duration"},
		{"PT3H", "duration"}, {"PRESENT_REF", "ref"}, {"PAST_REF", "ref"}, {"XXXX-WXX-2", "set"}, {"", "unknown"},
		{"garbage", "unknown"},
	} {
		if got := Granularity(c.v); got != c.want {
			t.Errorf("Granularity(%q) = %q, want %q", c.v, got, c.want)
		}
	}
	if g := (Timex{Type: "SET", Value: "P1W"}).Granularity(); g != "set" {
		t.Errorf("SET granularity = %q", g)
	}
}

func TestInferDCT(t *testing.T) {
	for _, c := range []struct {
		text string
		want string // "" for none
	}{
		{"Twitter believes there are no grounds\n\nApr 6, 2017 22:15 GMT  ·  By\n\nTwitter is fighting back on March 3.", "2017-04-06 22:15"},
		{"New legal documents show.. date 2017-04-06 Screenshot by Alfred Ng", "2017-04-06 00:00"},
		{"NAIROBI, Kenya (AP) _ Bombs exploded on Friday, Aug. 7, 1998, killing dozens.", "1998-08-07 00:00"},
		{"It happened on Friday, last week.", ""},
		{"", ""},
	} {
		d, ok := InferDCT(c.text)
		got := ""
		if ok {
			got = d.Format("2006-01-02 15:04")
		}
		if got != c.want {
			t.Errorf("InferDCT(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// checkSpans verifies the invariants Tag promises on any input.
func checkSpans(t *testing.T, text string, got []Timex) {
	t.Helper()
	// rune boundaries as a decoder sees them (an invalid byte is a rune of its own)
	boundary := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		boundary[i] = true
		_, w := utf8.DecodeRuneInString(text[i:])
		i += w
	}
	boundary[len(text)] = true
	prev := 0
	for _, x := range got {
		if x.Start < prev || x.Start >= x.End || x.End > len(text) {
			t.Fatalf("bad span [%d,%d) after %d in %q", x.Start, x.End, prev, text)
		}
		if !boundary[x.Start] || !boundary[x.End] {
			t.Fatalf("span [%d,%d) splits a rune in %q", x.Start, x.End, text)
		}
		switch x.Type {
		case "DATE", "TIME", "DURATION", "SET":
		default:
			t.Fatalf("bad type %q", x.Type)
		}
		if x.Value == "" {
			t.Fatalf("empty value for %q", text[x.Start:x.End])
		}
		prev = x.End
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"On March 14, 2017, they issued a summons; last month, 1:09 p.m. PT.",
		"the 1990s, fiscal 1998, Q3 2017, 04/06/2017, 2017-04-06, 3:17-cv-01916",
		"two years ago, a year earlier, the next day, every week, twice a month",
		"\xff\xfe March \x80 13", "’80s — late‐January · 22:15 GMT", "",
	} {
		f.Add(s, int64(0))
		f.Add(s, int64(1491436800))
	}
	f.Fuzz(func(t *testing.T, text string, sec int64) {
		var dct time.Time
		if sec != 0 {
			dct = time.Unix(sec%(1<<36), 0).UTC()
		}
		checkSpans(t, text, Tag(text, dct))
	})
}

// TestHuge checks that a large input is tagged in chunks without losing
// expressions at the chunk edges or spending more than linear time.
func TestHuge(t *testing.T) {
	unit := "On March 14, 2017, the agency issued a summons; a year earlier it did nothing. "
	text := strings.Repeat(unit, (3*chunk)/len(unit)+7)
	got := Tag(text, time.Date(2017, 4, 6, 0, 0, 0, 0, time.UTC))
	checkSpans(t, text, got)
	if want := 2 * strings.Count(text, unit); len(got) != want {
		t.Errorf("got %d expressions, want %d", len(got), want)
	}
	// one long word, no spaces: the chunker must still cut on rune boundaries
	long := strings.Repeat("é", 3*chunk)
	checkSpans(t, long, Tag(long, time.Time{}))
}
