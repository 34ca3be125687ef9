package websearch

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"slices"
)

// Positions are what a phrase query downloads, and for a common term they
// are most of its bytes, so they are bit-packed rather than varint-coded.
//
// A term's positions are, for each composite field, a byte: the Rice
// parameter k (0-31) of the term's gaps in that field; then a bit stream (least
// significant bit first, zero-padded to a byte) with, for each posting in
// order (its term frequency, in the postings, tells how many positions it
// has):
//
//   - the count of its positions in each composite field but the last (the
//     title) in unary (that many 1 bits, then a 0); the last field has the
//     rest of the term frequency;
//   - then per field, its positions as gaps from the previous one (the
//     first from 0), each Rice-coded: q = gap>>k in unary, then gap's k low
//     bits; a q of riceEscape or more is written as riceEscape 1 bits and
//     the gap in 32 bits.
//
// A position in the engine is pos*F+f (F composite fields, f the field),
// which cost a bit per position when varint-coded together; split by field
// the bit is gone, and Rice codes suit gaps that are roughly geometric. On
// the 50,000-document benchmark corpus "motion" (256,658 positions) takes
// 264 KB instead of 393 KB of varints.
const riceEscape = 24

// bitWriter appends bits least significant first.
type bitWriter struct {
	out []byte
	acc uint64 // bits not yet in out: fewer than 32 between calls
	n   uint
}

// bits appends v's n low bits (n <= 32), and four whole bytes at a time.
func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= (v & (1<<n - 1)) << w.n
	w.n += n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

func (w *bitWriter) unary(q uint32) {
	for ; q >= 32; q -= 32 {
		w.bits(1<<32-1, 32)
	}
	w.bits(1<<q-1, uint(q)+1) // q ones, then a zero
}

func (w *bitWriter) rice(gap uint32, k uint) {
	if q := gap >> k; q < riceEscape {
		w.unary(q)
		w.bits(uint64(gap), k)
		return
	}
	w.bits(1<<riceEscape-1, riceEscape)
	w.bits(uint64(gap), 32)
}

func (w *bitWriter) flush() []byte {
	for ; w.n > 0; w.n -= min(w.n, 8) {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
	}
	return w.out
}

// riceK picks the Rice parameter for gaps with this sum and count: about
// log2 of the mean gap times ln 2, which is near optimal for geometric gaps.
func riceK(sum, count uint64) uint {
	if count == 0 {
		return 0
	}
	m := sum * 69 / (100 * count)
	if m == 0 {
		return 0
	}
	return uint(bits.Len64(m) - 1)
}

// encodePositions encodes the positions of a term's postings (each sorted,
// as pos*F+f) in the format above.
func encodePositions(ps []posting) []byte {
	F := uint32(len(compositeFields))
	sum, count, prev := make([]uint64, F), make([]uint64, F), make([]uint32, F)
	for _, p := range ps {
		clear(prev)
		for _, v := range p.pos {
			f := v % F
			sum[f] += uint64(v/F - prev[f])
			prev[f] = v / F
			count[f]++
		}
	}
	var w bitWriter
	ks := make([]uint, F)
	for f := range ks {
		ks[f] = riceK(sum[f], count[f]) // at most 31: gaps fit in 32 bits
		w.out = append(w.out, byte(ks[f]))
	}
	for _, p := range ps {
		for f := uint32(0); f < F-1; f++ {
			c := uint32(0)
			for _, v := range p.pos {
				if v%F == f {
					c++
				}
			}
			w.unary(c)
		}
		for f := uint32(0); f < F; f++ {
			prev := uint32(0)
			for _, v := range p.pos {
				if v%F == f {
					w.rice(v/F-prev, ks[f])
					prev = v / F
				}
			}
		}
	}
	return w.flush()
}

var errPositionData = errors.New("websearch: positions do not decode")

// bitReader reads what bitWriter wrote.
type bitReader struct {
	b   []byte
	i   int // next byte
	acc uint64
	n   uint
}

// fill buffers at least 56 bits, or what is left; the bits above n stay 0.
func (r *bitReader) fill() bool {
	if r.i+8 <= len(r.b) {
		// the whole bytes that fit, at once
		k := (63 - r.n) >> 3
		r.acc |= binary.LittleEndian.Uint64(r.b[r.i:]) << r.n
		r.i += int(k)
		r.n += k * 8
		r.acc &= 1<<r.n - 1
		return true
	}
	for r.n <= 56 && r.i < len(r.b) {
		r.acc |= uint64(r.b[r.i]) << r.n
		r.i++
		r.n += 8
	}
	return r.n > 0
}

func (r *bitReader) bits(n uint) (uint32, error) {
	if r.n < n && (!r.fill() || r.n < n) {
		return 0, errPositionData
	}
	v := uint32(r.acc & (1<<n - 1))
	r.acc >>= n
	r.n -= n
	return v, nil
}

// unary reads 1 bits up to a 0 bit, which it consumes, or up to limit of
// them, and returns how many there were; it counts them a word at a time.
func (r *bitReader) unary(limit uint32) (uint32, error) {
	q := uint32(0)
	for q < limit {
		if r.n == 0 && !r.fill() {
			return 0, errPositionData
		}
		// the buffered bits' run of ones (bits above n are 0, so the run
		// stops at n at most)
		t := uint32(bits.TrailingZeros64(^r.acc))
		if t >= limit-q {
			t = limit - q
			r.acc >>= t
			r.n -= uint(t)
			return limit, nil
		}
		if uint(t) < r.n {
			r.acc >>= t + 1
			r.n -= uint(t) + 1
			return q + t, nil
		}
		q += t
		r.acc, r.n = 0, 0
	}
	return q, nil
}

func (r *bitReader) rice(k uint) (uint32, error) {
	// most gaps: the quotient's ones, its 0 and the k low bits are all
	// buffered, and read at once
	if r.n < 56 {
		r.fill()
	}
	if t := uint(bits.TrailingZeros64(^r.acc)); t < riceEscape && t+1+k <= r.n {
		v := uint32(t)<<k | uint32(r.acc>>(t+1))&(1<<k-1)
		r.acc >>= t + 1 + k
		r.n -= t + 1 + k
		return v, nil
	}
	q, err := r.unary(riceEscape)
	if err != nil {
		return 0, err
	}
	if q == riceEscape {
		return r.bits(32)
	}
	low, err := r.bits(k)
	return q<<k | low, err
}

// decodePositions decodes encodePositions' format: every posting's
// positions (tfs[i] of them, sorted) appended to out, and where each
// posting's start (with the end at index len(tfs)).
func decodePositions(b []byte, tfs []uint32, out []uint32) ([]uint32, []int, error) {
	F := uint32(len(compositeFields))
	last := F - 1
	ks := make([]uint, F)
	i := 0
	for f := range ks {
		if i >= len(b) || b[i] > 31 {
			return out, nil, errPositionData
		}
		ks[f] = uint(b[i])
		i++
	}
	r := bitReader{b: b[i:]}
	starts := make([]int, 0, len(tfs)+1)
	counts := make([]uint32, F)
	for _, tf := range tfs {
		starts = append(starts, len(out))
		rest := tf
		for f := uint32(0); f < last; f++ {
			c, err := r.unary(tf + 1)
			if err != nil || c > rest {
				return out, nil, errPositionData
			}
			counts[f] = c
			rest -= c
		}
		counts[last] = rest
		// each field's positions are sorted; as pos*F+f they interleave,
		// so merge the fields back into one sorted list
		at := len(out)
		for f := uint32(0); f < F; f++ {
			prev := uint32(0)
			for j := uint32(0); j < counts[f]; j++ {
				g, err := r.rice(ks[f])
				if err != nil {
					return out, nil, errPositionData
				}
				prev += g
				out = append(out, prev*F+f)
			}
		}
		fields := 0
		for _, c := range counts {
			if c > 0 {
				fields++
			}
		}
		if fields > 1 {
			slices.Sort(out[at:])
		}
	}
	return out, append(starts, len(out)), nil
}
