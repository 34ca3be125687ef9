package index

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// cosineMerge is the plain merge, the reference for cosine.
func cosineMerge(a, b storyFeat) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i] < b.terms[j]:
			i++
		case a.terms[i] > b.terms[j]:
			j++
		default:
			s += float64(a.w[i]) * float64(b.w[j])
			i++
			j++
		}
	}
	return s
}

// randomFeat makes a feature vector of up to n terms, some of them drawn
// from shared so that vectors overlap.
func randomFeat(r *rand.Rand, n int, shared []uint64) storyFeat {
	var f storyFeat
	for k := 0; k < n; k++ {
		if r.IntN(4) == 0 {
			f.terms = append(f.terms, shared[r.IntN(len(shared))])
		} else {
			f.terms = append(f.terms, r.Uint64N(1<<20)) // small: some collide
		}
	}
	slices.Sort(f.terms)
	f.terms = slices.Compact(f.terms)
	for range f.terms {
		f.w = append(f.w, r.Float32())
	}
	return f
}

// TestCosine: the branch-free merge gives the plain merge's result, to the
// bit (the same products summed in the same order), empty vectors included.
func TestCosine(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	shared := make([]uint64, 30)
	for i := range shared {
		shared[i] = r.Uint64()
	}
	for k := 0; k < 5000; k++ {
		a, b := randomFeat(r, r.IntN(120), shared), randomFeat(r, r.IntN(120), shared)
		if got, want := cosine(a, b), cosineMerge(a, b); got != want {
			t.Fatalf("cosine = %v, the merge gives %v (%d and %d terms)", got, want, len(a.terms), len(b.terms))
		}
	}
}

func BenchmarkCosine(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	shared := make([]uint64, 50)
	for i := range shared {
		shared[i] = r.Uint64()
	}
	fs := make([]storyFeat, 1000)
	for i := range fs {
		fs[i] = randomFeat(r, vectorTerms, shared)
	}
	for _, v := range []struct {
		name string
		f    func(a, b storyFeat) float64
	}{{"merge", cosineMerge}, {"branchfree", cosine}} {
		b.Run(v.name, func(b *testing.B) {
			s := 0.0
			for n := 0; n < b.N; n++ {
				s += v.f(fs[n%999], fs[n%999+1])
			}
			_ = s
		})
	}
}

// TestCosineBound: the cosine of two documents' story features, as
// storyFeatures weights and normalises them, never exceeds maxCosine, so
// storyLinks may skip the pairs whose date discount alone keeps them under
// linkMin without losing a link. A document with itself is the largest.
func TestCosineBound(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a synthetic corpus")
	}
	docs := append(seeds(t), generated(t, 200, "20240611")...)
	sort.Slice(docs, func(i, j int) bool { return docs[i].Doc.ID < docs[j].Doc.ID })
	c := Resolve(docs, nil)
	counts, _ := docPass(c, "")
	feats := storyFeatures(c, counts)
	most := 0.0
	for i := range feats {
		for j := i; j < len(feats); j++ {
			most = max(most, cosine(feats[i], feats[j]))
		}
	}
	if most > maxCosine || most < 0.999 {
		t.Fatalf("largest cosine %v, want at most %v (and a document's with itself about 1)", most, maxCosine)
	}
}
