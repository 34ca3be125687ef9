package websearch

import (
	"bytes"
	"slices"
	"testing"
)

// positionsFrom builds postings from a byte string: each posting takes a
// count byte, then that many positions of two bytes (any field, any gap,
// sorted and deduplicated as an index has them).
func positionsFrom(data []byte) []posting {
	var ps []posting
	for len(data) > 0 {
		n := int(data[0]%8) + 1
		data = data[1:]
		var pos []uint32
		for i := 0; i < n && len(data) >= 2; i++ {
			v := uint32(data[0]) | uint32(data[1])<<8
			if data[0]&0x80 != 0 { // now and then a far position (escape codes)
				v <<= 13
			}
			pos = append(pos, v)
			data = data[2:]
		}
		slices.Sort(pos)
		pos = slices.Compact(pos)
		if len(pos) == 0 {
			break
		}
		ps = append(ps, posting{ord: int32(len(ps)), freq: uint32(len(pos)), pos: pos})
	}
	return ps
}

func checkPositions(t *testing.T, ps []posting) {
	t.Helper()
	enc := encodePositions(ps)
	tfs := make([]uint32, len(ps))
	for i, p := range ps {
		tfs[i] = p.freq
	}
	vals, starts, err := decodePositions(enc, tfs, nil)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for i, p := range ps {
		if got := vals[starts[i]:starts[i+1]]; !slices.Equal(got, p.pos) {
			t.Fatalf("posting %d: got %v, want %v", i, got, p.pos)
		}
	}
	if starts[len(ps)] != len(vals) {
		t.Fatalf("%d positions decoded, postings end at %d", len(vals), starts[len(ps)])
	}
	// a posting list re-encoded from what was decoded gives the same bytes
	// (the incremental export relies on it)
	again := make([]posting, len(ps))
	for i := range ps {
		again[i] = posting{ord: ps[i].ord, freq: ps[i].freq, pos: vals[starts[i]:starts[i+1]]}
	}
	if !bytes.Equal(encodePositions(again), enc) {
		t.Fatal("re-encoding the decoded positions changed the bytes")
	}
}

// commonTerm makes a common term's postings: a few text positions
// (pos*2+1, pos < maxPos) a document, now and then one in the title (pos*2).
func commonTerm(docs int, maxPos uint32) []posting {
	var ps []posting
	for d := 0; d < docs; d++ {
		var pos []uint32
		if d%9 == 0 {
			pos = append(pos, uint32(d%5)*2)
		}
		for p := uint32(d % 37); p < maxPos; p += 90 + uint32(d*d%211) {
			pos = append(pos, p*2+1)
		}
		slices.Sort(pos)
		ps = append(ps, posting{ord: int32(d), freq: uint32(len(pos)), pos: pos})
	}
	return ps
}

func TestPositionsRoundTrip(t *testing.T) {
	checkPositions(t, []posting{{freq: 1, pos: []uint32{3}}})
	checkPositions(t, []posting{{freq: 3, pos: []uint32{0, 1, 2}}, {freq: 2, pos: []uint32{4, 1 << 31}}})
	ps := commonTerm(500, 800)
	checkPositions(t, ps)
	// smaller than varints of pos*F+f
	var varints []byte
	for _, p := range ps {
		prev := uint32(0)
		for _, v := range p.pos {
			varints = uv(varints, uint64(v-prev))
			prev = v
		}
	}
	if enc := encodePositions(ps); len(enc)*10 > len(varints)*8 {
		t.Errorf("%d bytes bit-packed, %d as varints", len(enc), len(varints))
	}
}

func TestPositionsCorrupt(t *testing.T) {
	enc := encodePositions([]posting{{freq: 3, pos: []uint32{10, 400, 9001}}})
	if _, _, err := decodePositions(enc[:len(enc)-2], []uint32{3}, nil); err == nil {
		t.Error("truncated positions decoded without an error")
	}
	if _, _, err := decodePositions(nil, []uint32{1}, nil); err == nil {
		t.Error("no positions decoded without an error")
	}
}

func FuzzPositions(f *testing.F) {
	f.Add([]byte{2, 1, 0, 5, 0, 0, 3, 0x80, 1})
	f.Add([]byte{0, 0xff, 0xff})
	// an escaped gap whose run of ones ends with the buffered bits' run: the
	// reader must not take the 0 after it
	f.Add([]byte("700\xf600001020007082000102"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ps := positionsFrom(data); len(ps) > 0 {
			checkPositions(t, ps)
		}
		// any bytes: an error or positions, never a panic
		decodePositions(data, []uint32{1, 2, 3}, nil)
	})
}

// BenchmarkPositions decodes and encodes a common term's positions, as the
// incremental export does for each term a changed document holds.
func BenchmarkPositions(b *testing.B) {
	ps := commonTerm(20000, 3000)
	enc := encodePositions(ps)
	tfs := make([]uint32, len(ps))
	for i, p := range ps {
		tfs[i] = p.freq
	}
	var buf []uint32
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			buf, _, _ = decodePositions(enc, tfs, buf[:0])
		}
	})
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			encodePositions(ps)
		}
	})
}
