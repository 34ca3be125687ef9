package ner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Made-up prose (no names from any evaluation corpus).
var prose = []string{
	"Marta Kowalczyk, the chief executive of Brightwater Holdings, flew to Lisbon on Tuesday.",
	"Senator Ellen Marsh of Ohio said the Federal Trade Commission would review the merger.",
	"Judge Paula Ortega of the U.S. District Court in San Francisco dismissed the lawsuit on Monday.",
	"“We will appeal,” said Tomasz Wierzbicki, a spokesman for the Polish Football Association.",
}

type want struct{ text, typ string }

func has(spans []Span, text string, w want) bool {
	for _, s := range spans {
		if text[s.Start:s.End] == w.text && s.Type == w.typ {
			return true
		}
	}
	return false
}

func TestDefaultTagsProse(t *testing.T) {
	tg := Default()
	if ModelVersion == "" {
		t.Error("ModelVersion not set")
	}
	cases := [][]want{
		{{"Marta Kowalczyk", "PER"}, {"Brightwater Holdings", "ORG"}, {"Lisbon", "LOC"}},
		{{"Ellen Marsh", "PER"}, {"Ohio", "LOC"}, {"Federal Trade Commission", "ORG"}},
		{{"Paula Ortega", "PER"}, {"San Francisco", "LOC"}},
		{{"Tomasz Wierzbicki", "PER"}},
	}
	for i, text := range prose {
		spans := tg.Tag(text)
		for _, w := range cases[i] {
			if !has(spans, text, w) {
				t.Errorf("%q: missing %s %q; got %v", text, w.typ, w.text, show(text, spans))
			}
		}
	}
}

func show(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Type+":"+text[s.Start:s.End])
	}
	return out
}

// Ordinary capitalised words at the start of a line or sentence (web page
// furniture around news articles) are not entities.
func TestNoJunkAtSentenceStart(t *testing.T) {
	text := "Leave a comment\nScreenshot\nUpdated 5:02 p.m.\nImage: a view of the harbour.\nShare this article\nAdvertisement\nRead more: the council voted on Tuesday."
	if spans := Default().Tag(text); len(spans) != 0 {
		t.Errorf("junk tagged: %v", show(text, spans))
	}
}

// runeBoundaries are the offsets where decoding text rune by rune stops
// (an invalid byte counts as one rune, as in a range loop).
func runeBoundaries(text string) map[int]bool {
	b := map[int]bool{len(text): true}
	for i := range text {
		b[i] = true
	}
	return b
}

func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	rb := runeBoundaries(text)
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("bad span %+v (prev end %d) in %q", s, prev, text)
		}
		if !rb[s.Start] || !rb[s.End] {
			t.Fatalf("span %+v not on rune boundaries in %q", s, text)
		}
		switch s.Type {
		case "PER", "ORG", "LOC", "MISC":
		default:
			t.Fatalf("bad type %q", s.Type)
		}
		prev = s.End
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range append(prose, "", " ", "A", "U.S. Customs\n\nJAPAN WIN", "\xff\xfeÉcole “x” — y’s", strings.Repeat("Aa ", 50)) {
		f.Add(s)
	}
	tg := Default()
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s, tg.Tag(s))
	})
}

func TestConcurrentTag(t *testing.T) {
	tg := Default()
	want := make([][]Span, len(prose))
	for i, p := range prose {
		want[i] = tg.Tag(p)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(prose)
				got := tg.Tag(prose[i])
				if len(got) != len(want[i]) {
					errs <- prose[i]
					return
				}
				for j := range got {
					if got[j] != want[i][j] {
						errs <- prose[i]
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs for %q", e)
	}
}

func TestCorruptModel(t *testing.T) {
	if _, err := Load(bytes.NewReader(embedded)); err != nil {
		t.Fatalf("embedded model: %v", err)
	}
	for name, b := range map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("NOTAMODL"), embedded[8:]...),
		"truncated": embedded[:len(embedded)/2],
		"flipped":   flip(embedded, len(embedded)-100),
		"version":   flip(embedded, 12),
	} {
		if _, err := Load(bytes.NewReader(b)); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: got %v, want ErrCorrupt", name, err)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x55
	return c
}

// The tagger sums word-form features per word form in advance; this checks
// that the sums equal the features training computes one by one.
func TestPrecomputedScoresMatchFeatures(t *testing.T) {
	tg := Default()
	text := strings.Join(prose, "\n") + "\nSOCCER - LEADING RESULTS\nRovers 2 United 1\nZylophant Quorvex met Quorvex officials."
	toks := Tokenize(text)
	sc := &scratch{}
	tg.tagTokens(sc, toks)
	d := &sc.d
	td := &trainDoc{d: *d, forms: make([][]featG, len(toks))}
	feats := func(form string) []featG {
		var fs []featG
		wordFeatures(form, tg.lexInfo, func(h uint64, g uint8) { fs = append(fs, featG{h, g}) })
		return fs
	}
	for i, tk := range toks {
		td.forms[i] = feats(tk.Norm)
	}
	padL, padR := feats(padLeft), feats(padRight)
	for stage := 0; stage < 2; stage++ {
		static := [][][nLabels]float32{sc.static, sc.static1}[stage]
		for i := range toks {
			var v [nLabels]float64
			td.staticHashes(i, stage, padL, padR, func(h uint64) {
				if r := tg.m.lookup(h); r >= 0 {
					for l := 0; l < nLabels; l++ {
						v[l] += float64(tg.row(stage, r)[l])
					}
				}
			})
			for l := 0; l < nLabels; l++ {
				if math.Abs(v[l]-float64(static[i][l])) > 1e-3*(1+math.Abs(v[l])) {
					t.Fatalf("stage %d token %d %q label %d: precomputed %g, features %g", stage, i, toks[i].Norm, l, static[i][l], v[l])
				}
			}
		}
	}
}

// devDocs reads the CoNLL development set if it is present (it is not part of
// the repository; see README.md).
func devDocs(tb testing.TB) []string {
	f, err := os.Open("/tmp/eval/conll03-dev.jsonl")
	if err != nil {
		tb.Skip("no /tmp/eval/conll03-dev.jsonl")
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, d.Text)
	}
	return texts
}

func TestDevSpansWellFormed(t *testing.T) {
	tg := Default()
	for _, text := range devDocs(t) {
		checkSpans(t, text, tg.Tag(text))
	}
}

// benchText is made-up news prose, about 1,000 tokens.
var benchText = strings.Repeat(strings.Join(prose, " ")+
	" Shares of Northwind Logistics rose 3.2 percent in New York after the company said it would open offices in Nairobi and Jakarta.\n"+
	"The European Commission said on Thursday it had opened an inquiry, according to a statement from its office in Brussels.\n", 8)

func benchTag(b *testing.B, texts []string) {
	tg := Default()
	tokens := 0
	for _, s := range texts {
		tokens += len(Tokenize(s))
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			tg.Tag(s)
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/time.Since(start).Seconds(), "tokens/s")
}

// BenchmarkTag reports tokens/s on made-up prose; run with -cpu 1 for one core.
func BenchmarkTag(b *testing.B) { benchTag(b, []string{benchText}) }

// BenchmarkTagDev reports tokens/s on the CoNLL development set if present.
func BenchmarkTagDev(b *testing.B) { benchTag(b, devDocs(b)) }

// BenchmarkTagCorpus reports tokens/s on the first 400 documents of a
// shared/bench/gen-corpus.mjs corpus (CASEFILE_BENCH_CORPUS, default the
// 1,000-document one that `make bench` generates), if present. Unlike benchText's repeated prose,
// their many distinct words miss the CPU caches in the model's tables, as a
// real corpus does.
func BenchmarkTagCorpus(b *testing.B) {
	dir := os.Getenv("CASEFILE_BENCH_CORPUS")
	if dir == "" {
		dir = "/tmp/casefile-bench/corpus/1000"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if len(files) == 0 {
		b.Skip("no corpus in " + dir)
	}
	sort.Strings(files)
	var texts []string
	for _, f := range files[:min(len(files), 400)] {
		s, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(s))
	}
	benchTag(b, texts)
}

// TestReleaseDefault: after ReleaseDefault the next Default is a tagger of
// its own that tags as the first one did.
func TestReleaseDefault(t *testing.T) {
	first := Default()
	want := show(prose[0], first.Tag(prose[0]))
	ReleaseDefault()
	again := Default()
	if again == first {
		t.Fatal("Default after ReleaseDefault returned the released tagger")
	}
	if got := show(prose[0], again.Tag(prose[0])); !reflect.DeepEqual(got, want) {
		t.Fatalf("reloaded tagger: %v, want %v", got, want)
	}
}
