package websearch_test

import (
	"encoding/base64"
	"math/rand/v2"
	"slices"
	"testing"

	"casefile/index/websearch"
)

// TestPositionsInBrowserEngine decodes, with the browser engine's decoder,
// positions the Go exporter encoded: every field, short and long gaps, gaps
// that need the 32-bit escape, long titles, single positions.
func TestPositionsInBrowserEngine(t *testing.T) {
	needNode(t)
	rng := rand.New(rand.NewPCG(1, 2))
	F := uint32(websearch.CompositeFields)
	type term struct {
		B      string   `json:"b"`
		TFs    []uint32 `json:"tfs"`
		Fields int      `json:"fields"`
	}
	var terms []term
	var want [][][]uint32
	for ti := 0; ti < 40; ti++ {
		var pos [][]uint32
		spread := uint32(1) << (ti % 24)
		for d := 0; d < 1+rng.IntN(300); d++ {
			var p []uint32
			for j := 0; j < 1+rng.IntN(12); j++ {
				v := rng.Uint32N(spread)*F + rng.Uint32N(F)
				if rng.IntN(50) == 0 {
					v = rng.Uint32N(1<<31-1) / F * F // far away: escape codes
				}
				p = append(p, v)
			}
			slices.Sort(p)
			pos = append(pos, slices.Compact(p))
			if d%7 == 0 {
				// a far position whose gap is all 1 bits at the bottom,
				// after the escape's run of 1 bits
				x := uint32(1)<<(10+d%20) - 1
				pos = append(pos, []uint32{x * F}, []uint32{x*F + F - 1})
			}
		}
		tfs := make([]uint32, len(pos))
		for i, p := range pos {
			tfs[i] = uint32(len(p))
		}
		terms = append(terms, term{B: base64.StdEncoding.EncodeToString(websearch.EncodePositions(pos)), TFs: tfs, Fields: int(F)})
		want = append(want, pos)
	}
	s := buildSite(t, loadItems(t, 5), 0)
	var resp struct {
		Positions []struct {
			Starts []int    `json:"starts"`
			Vals   []uint32 `json:"vals"`
		} `json:"positions"`
	}
	runNode(t, s.dir, map[string]any{"positions": terms}, &resp)
	if len(resp.Positions) != len(want) {
		t.Fatalf("%d terms decoded, want %d", len(resp.Positions), len(want))
	}
	for ti, pos := range want {
		got := resp.Positions[ti]
		for i, p := range pos {
			if g := got.Vals[got.Starts[i]:got.Starts[i+1]]; !slices.Equal(g, p) {
				t.Fatalf("term %d, posting %d: browser decoded %v, want %v", ti, i, g, p)
			}
		}
	}
}

// TestColumnsInBrowserEngine reads, with the browser engine, column chunks
// (field lengths, date ranks) of every width the exporter picks.
func TestColumnsInBrowserEngine(t *testing.T) {
	needNode(t)
	type column struct {
		B  string `json:"b"`
		At int    `json:"at"`
		N  int    `json:"n"`
	}
	var cols []column
	var want [][]uint32
	for i, top := range []uint32{0, 1, 255, 256, 65535, 65536, 1<<32 - 1} {
		vals := []uint32{top, 0, top / 2, min(7, top), top}
		b := websearch.FixedWidth(vals)
		w := 4
		if top < 1<<8 {
			w = 1
		} else if top < 1<<16 {
			w = 2
		}
		if int(b[0]) != w || len(b) != 4+w*len(vals) {
			t.Errorf("%d: width %d, %d bytes; want width %d", top, b[0], len(b), w)
		}
		cols = append(cols, column{base64.StdEncoding.EncodeToString(b), i * 3, len(vals)})
		want = append(want, vals)
	}
	s := buildSite(t, loadItems(t, 5), 0)
	var resp struct {
		Columns [][]uint32 `json:"columns"`
	}
	runNode(t, s.dir, map[string]any{"columns": cols}, &resp)
	if !slices.EqualFunc(resp.Columns, want, slices.Equal) {
		t.Fatalf("browser read %v, want %v", resp.Columns, want)
	}
}
