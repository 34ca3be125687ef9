package index

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"casefile/extract"
)

// syntheticCounts makes docPass-like term counts for n documents: 300
// draws each from a Zipf distribution over a million terms (a corpus's
// words: a few very common, most rare), summed by term (sumTerms).
func syntheticCounts(n int) (*Corpus, [][]termWeight) {
	r := rand.New(rand.NewPCG(3, 4))
	z := rand.NewZipf(r, 1.1, 2, 1<<20)
	c := &Corpus{Docs: make([]*extract.Analysis, n)}
	counts := make([][]termWeight, n)
	for i := range counts {
		c.Docs[i] = &extract.Analysis{Doc: extract.Document{Published: fmt.Sprintf("2017-%02d-%02d", 1+i%12, 1+i%28)}}
		v := make([]termWeight, 0, 300)
		for k := 0; k < 300; k++ {
			v = append(v, termWeight{t: mix64(z.Uint64() + 1), w: float64(1 + r.IntN(3))})
		}
		counts[i] = sumTerms(v)
	}
	return c, counts
}

// BenchmarkStoryFeatures weights 50,000 documents' term counts (TF-IDF)
// and keeps each one's features, as a build's story pass does.
func BenchmarkStoryFeatures(b *testing.B) {
	c, counts := syntheticCounts(50000)
	work := make([][]termWeight, len(counts))
	for n := 0; n < b.N; n++ {
		b.StopTimer()
		for i, v := range counts {
			work[i] = slices.Clone(v)
		}
		b.StartTimer()
		storyFeatures(c, work)
	}
}

// storyFeaturesRef is storyFeatures as it was before its selection without
// sorting and its counting table: TestStoryFeaturesSame holds the two to the
// same features, bit for bit.
func storyFeaturesRef(c *Corpus, counts [][]termWeight) []storyFeat {
	n := len(c.Docs)
	m := map[uint64]int32{}
	for _, v := range counts {
		for _, x := range v {
			m[x.t]++
		}
	}
	docs := float64(max(n, minIDFDocs))
	feats := make([]storyFeat, n)
	for i := range counts {
		v := counts[i]
		for k := range v {
			v[k].w = (1 + math.Log(v[k].w)) * math.Log((docs+1)/(float64(m[v[k].t])+0.5))
		}
		if len(v) > vectorTerms {
			selectFirst(v, vectorTerms, heaviestFirst)
			v = v[:vectorTerms]
		}
		slices.SortFunc(v, heaviestFirst)
		f := storyFeat{day: math.MinInt}
		for k := 0; k < len(v) && k < topTerms; k++ {
			f.top = append(f.top, v[k].t)
		}
		slices.SortFunc(v, func(a, b termWeight) int { return cmp.Compare(a.t, b.t) })
		norm := 0.0
		for _, x := range v {
			norm += x.w * x.w
		}
		norm = math.Sqrt(norm)
		f.terms, f.w = make([]uint64, len(v)), make([]float32, len(v))
		for k, x := range v {
			f.terms[k], f.w[k] = x.t, float32(x.w/norm)
		}
		if d, err := time.Parse("2006-01-02", c.Docs[i].Doc.Published); err == nil {
			f.day = int(d.Unix() / 86400)
		}
		feats[i] = f
	}
	return feats
}

// TestStoryFeaturesSame: documents of 0 to 400 terms (under topTerms, under
// vectorTerms and over it), weights with ties, and a term 0.
func TestStoryFeaturesSame(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	z := rand.NewZipf(r, 1.2, 2, 5000)
	n := 3000
	c := &Corpus{Docs: make([]*extract.Analysis, n)}
	counts := make([][]termWeight, n)
	for i := range counts {
		c.Docs[i] = &extract.Analysis{Doc: extract.Document{Published: fmt.Sprintf("2019-%02d-%02d", 1+i%12, 1+i%28)}}
		var v []termWeight
		for k := r.IntN(400); k > 0; k-- {
			t := mix64(z.Uint64() + 1)
			if z.Uint64() == 7 {
				t = 0
			}
			v = append(v, termWeight{t: t, w: float64(1 + r.IntN(2))})
		}
		counts[i] = sumTerms(v)
	}
	want := storyFeaturesRef(c, cloneCounts(counts))
	got := storyFeatures(c, cloneCounts(counts))
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("document %d (%d terms): features differ\ngot  %+v\nwant %+v", i, len(counts[i]), got[i], want[i])
		}
	}
}

func cloneCounts(counts [][]termWeight) [][]termWeight {
	out := make([][]termWeight, len(counts))
	for i, v := range counts {
		out[i] = slices.Clone(v)
	}
	return out
}

// TestTermCounts: the table counts as a map does, through growth, for any
// term, 0 included.
func TestTermCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	tc, m := newTermCounts(0), map[uint64]int32{}
	for i := 0; i < 200000; i++ {
		k := r.Uint64N(50000) * 0x10000 // shared low bits, as in a shard
		if i%1000 == 0 {
			k = 0
		}
		tc.add(k)
		m[k]++
	}
	for k, v := range m {
		if got := tc.get(k); got != v {
			t.Fatalf("term %x: %d, want %d", k, got, v)
		}
	}
	if got := tc.get(12345); got != 0 {
		t.Fatalf("absent term: %d", got)
	}
}
