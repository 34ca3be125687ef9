package index

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// contentWordsRef is contentWords as it was written first: lower the
// sentence, split it into runs of letters and digits, fold plurals.
func contentWordsRef(s string) []uint64 {
	var out []uint64
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) < 3 || eventStop[w] {
			continue
		}
		if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		out = append(out, hashTerm('w', w))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var contentWordsCases = []string{
	"",
	"Twitter sued the Department of Homeland Security on April 6, 2017, over a summons.",
	"The summonses were withdrawn; the SUMMONS was not. Classes, glass, bus, gas.",
	"İstanbul ΑΘΗΝΑ Straße ǅemal naïve café 東京 2017年 ١٢٣ Ⅻ",
	"bad \xff\xfe bytes\xc3 and \uFFFD here, 'quoted' “curly” — dashes",
	"a an the was were about January mid-April 3rd 100s abcs xyzss",
	strings.Repeat("longword", 20) + "s and " + strings.Repeat("É", 40),
}

// TestContentWords: the one-pass contentWords finds the words the
// reference finds, hash for hash.
func TestContentWords(t *testing.T) {
	for _, s := range contentWordsCases {
		if got, want := contentWords(s), contentWordsRef(s); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

func FuzzContentWords(f *testing.F) {
	for _, s := range contentWordsCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := contentWords(s), contentWordsRef(s); !slices.Equal(got, want) {
			t.Fatalf("%q: %v, want %v", s, got, want)
		}
	})
}

// BenchmarkContentWords: the one pass beside the reference, on the
// sentences of the test cases.
func BenchmarkContentWords(b *testing.B) {
	for _, v := range []struct {
		name string
		f    func(string) []uint64
	}{{"reference", contentWordsRef}, {"onepass", contentWords}} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for n := 0; n < b.N; n++ {
				for _, s := range contentWordsCases[1:3] {
					v.f(s)
				}
			}
		})
	}
}
