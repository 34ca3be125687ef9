package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchText is the seed corpus (five news articles) repeated to about 1 MB,
// so that one iteration is long enough to time and the pools are warm.
func benchText(tb testing.TB) (string, int) {
	files, err := filepath.Glob("testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no seed texts: %v", err)
	}
	var docs []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, string(b))
	}
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, d := range docs {
			sb.WriteString(d)
			sb.WriteString("\n\n")
		}
	}
	s := sb.String()
	return s, len(strings.Fields(s))
}

// BenchmarkTag measures tagging speed in whitespace-separated tokens per
// second. Run it on one core: go test -run '^$' -bench Tag -cpu 1 ./extract/timex
func BenchmarkTag(b *testing.B) {
	text, ntok := benchText(b)
	// split into news-sized documents, as the build tags them
	docs := strings.SplitAfter(text, "\n\n")
	dct := time.Date(2017, 4, 6, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			n += len(Tag(d, dct))
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	if n == 0 {
		b.Fatal("nothing tagged")
	}
}
