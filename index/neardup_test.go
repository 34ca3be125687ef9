package index

import (
	"fmt"

	"casefile/extract"
	"math/rand/v2"
	"slices"
	"testing"
)

// candidatePairsRef is how nearDuplicates found its candidate pairs before
// the bands were bucketed in parallel: one map of buckets, one set of pairs.
func candidatePairsRef(sigs [][]uint64) [][2]int32 {
	buckets := map[uint64][]int32{}
	for i, sig := range sigs {
		if sig == nil {
			continue
		}
		for b := 0; b < minhashBins/lshRows; b++ {
			k := bandKey(sig, b)
			buckets[k] = append(buckets[k], int32(i))
		}
	}
	pairs := map[[2]int32]bool{}
	for _, bk := range buckets {
		if len(bk) < 2 {
			continue
		}
		for x := 0; x < len(bk); x++ {
			ys := bk[x+1:]
			if len(bk) > 50 {
				ys = bk[x+1 : min(x+2, len(bk))]
				if x > 0 {
					pairs[[2]int32{bk[0], bk[x]}] = true
				}
			}
			for _, y := range ys {
				pairs[[2]int32{min(bk[x], y), max(bk[x], y)}] = true
			}
		}
	}
	var keys [][2]int32
	for p := range pairs {
		keys = append(keys, p)
	}
	slices.SortFunc(keys, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	return keys
}

// TestCandidatePairsSame: candidatePairs finds the pairs the former code
// found, on signatures drawn from few values so that buckets collide, with
// documents without a signature, and with one band shared by 80 documents
// (a bucket past 50, linked to its first and next member only).
func TestCandidatePairsSame(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for round, values := range []int{2, 3, 5, 40} {
		sigs := make([][]uint64, 600)
		for i := range sigs {
			if i%37 == 5 {
				continue // no text
			}
			sigs[i] = make([]uint64, minhashBins)
			for k := range sigs[i] {
				sigs[i][k] = uint64(r.IntN(values))
			}
			if i < 80 {
				copy(sigs[i][lshRows:2*lshRows], []uint64{9, 9, 9, 9})
			}
		}
		got, want := candidatePairs(sigs), candidatePairsRef(sigs)
		if len(want) == 0 {
			t.Fatalf("round %d: no candidate pairs to compare", round)
		}
		if !slices.Equal(got, want) {
			t.Errorf("round %d: %d candidate pairs, want %d", round, len(got), len(want))
		}
	}
}

// BenchmarkNearDuplicates finds the copies among 50,000 generated documents
// of 150 words, one in fifty a copy of another with a word changed, from
// their MinHash signatures, as a build's story pass does.
func BenchmarkNearDuplicates(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	z := rand.NewZipf(r, 1.1, 2, 1<<16)
	const n = 50000
	c := &Corpus{Docs: make([]*extract.Analysis, n)}
	sigs := make([][]uint64, n)
	for i := range c.Docs {
		var text []byte
		if i%50 == 49 {
			text = []byte(c.Docs[r.IntN(i)].Doc.Text)
			text[len(text)/2] = 'q'
		} else {
			for k := 0; k < 150; k++ {
				text = fmt.Appendf(text, "w%d ", z.Uint64())
			}
		}
		c.Docs[i] = &extract.Analysis{Doc: extract.Document{ID: fmt.Sprintf("d%05d", i), Text: string(text)}}
		var mh minhasher
		mh.reset()
		forWords(c.Docs[i].Doc.Text, func(w []byte) { mh.add(hashBytes('s', w)) })
		sigs[i] = mh.signature()
	}
	if len(nearDuplicates(c, sigs)) == 0 {
		b.Fatal("no copies found")
	}
	for b.Loop() {
		nearDuplicates(c, sigs)
	}
}
