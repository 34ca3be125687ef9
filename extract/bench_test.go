package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchText is the seed articles' clean text, repeated to about 100 KB.
func benchText(b *testing.B) string {
	b.Helper()
	var parts []string
	seeds, _ := filepath.Glob("testdata/read/seed-*.txt")
	for _, p := range seeds {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Read(filepath.Base(p), "x", raw, nil)
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, d.Text)
	}
	one := strings.Join(parts, "\n\n")
	return strings.Repeat(one+"\n\n", 100000/len(one)+1)
}

func reportTokens(b *testing.B, text string) {
	b.SetBytes(int64(len(text)))
	b.ReportMetric(float64(len(strings.Fields(text)))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkPatterns(b *testing.B) {
	text := benchText(b)
	b.ResetTimer()
	for range b.N {
		Patterns(text)
	}
	reportTokens(b, text)
}

func BenchmarkAnnotate(b *testing.B) {
	text := benchText(b)
	dct := time.Date(2017, 4, 6, 0, 0, 0, 0, time.UTC)
	Annotate(text, dct) // load the models outside the timing
	b.ResetTimer()
	for range b.N {
		Annotate(text, dct)
	}
	reportTokens(b, text)
}

func BenchmarkRead(b *testing.B) {
	raw, err := os.ReadFile("testdata/read/seed-001.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	for range b.N {
		if _, err := Read("seed-001.txt", "x", raw, nil); err != nil {
			b.Fatal(err)
		}
	}
}
