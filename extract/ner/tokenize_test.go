package ner

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestTokenizeTable(t *testing.T) {
	f, err := os.Open("testdata/tokenize.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var in string
	n := 0
	for line := 1; sc.Scan(); line++ {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "in: "):
			in = l[4:]
		case strings.HasPrefix(l, "out: "):
			n++
			var got []string
			for _, tk := range Tokenize(in) {
				s := in[tk.Start:tk.End]
				if tk.SentStart {
					s = "^" + s
				}
				got = append(got, s)
			}
			if g, w := strings.Join(got, " "), l[5:]; g != w {
				t.Errorf("line %d: Tokenize(%q)\n got: %s\nwant: %s", line, in, g, w)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d cases read", n)
	}
}

func TestTokenizeNorm(t *testing.T) {
	text := "“Twitter’s” — it’s done…"
	var norms []string
	for _, tk := range Tokenize(text) {
		norms = append(norms, tk.Norm)
	}
	want := `" Twitter 's " -- it 's done ...`
	if got := strings.Join(norms, " "); got != want {
		t.Errorf("norms: got %q, want %q", got, want)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"U.S. Customs", "Twitter’s “CBP Summons”", "a--b—c", "''", "@x.", "1.", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		rb := runeBoundaries(s)
		for _, tk := range Tokenize(s) {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v in %q (prev end %d)", tk, s, prev)
			}
			if !rb[tk.Start] || !rb[tk.End] {
				t.Fatalf("token %+v not on rune boundaries in %q", tk, s)
			}
			prev = tk.End
		}
	})
}
