package ner

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"sort"
)

// Model file format (little endian):
//
//	magic     8 bytes "CFNERMDL"
//	format    uint32  modelFormat
//	features  uint32  featureSetVersion of the code that trained it
//	labels    uint32  nLabels
//	crc       uint32  CRC-32 (IEEE) of the compressed payload
//	size      uint64  length of the compressed payload
//	payload   DEFLATE stream of:
//	  version string (uvarint length + bytes)
//	  lexicon: uvarint n, then n × (string, capBin u8, flags u8, cluster uvarint, gaz u8)
//	  vocab:   uvarint n, then n × string   (forms whose features are precomputed at load)
//	  phrases: uvarint n, then n × (string, type bits u8)   (multi-word gazetteer)
//	  features: uvarint n, then n × uvarint delta of sorted uint64 hashes
//	  2 × stage: float32 scale, then n × nLabels int16 weights (weight = q × scale)
const (
	modelMagic  = "CFNERMDL"
	modelFormat = 1
)

// Model is a trained two-stage tagger model.
type Model struct {
	Version string
	lex     map[string]lexInfo
	vocab   []string
	phrases map[string]uint8 // lower-cased space-joined token sequence -> type bits

	table []slot // open addressing hash table: feature hash -> row

	// ReadModel sets these instead of the string-keyed maps and m.w, which
	// only training fills (and Write needs); hash-keyed maps hold no pointers.
	lexH    map[uint64]lexInfo
	phraseH map[uint64]uint8
	wi      []float32 // weights interleaved: feature row × pass × label
	mask    uint64
	nFeat   int
	w       [2][]float32 // stage × feature × label

	maxPhrase int
}

// slot is one entry of the feature table: the high 32 bits of the feature
// hash (with the low bits, which pick the slot, about 50 bits are compared;
// a false match is vanishingly rare) and the feature's row.
type slot struct {
	key uint32
	row int32
}

func slotKey(h uint64) uint32 { return uint32(h>>32) | 1 }

// lookup returns the feature row of hash h or -1.
func (m *Model) lookup(h uint64) int32 {
	k := slotKey(h)
	i := h & m.mask
	for {
		e := &m.table[i]
		if e.key == k {
			return e.row
		}
		if e.key == 0 {
			return -1
		}
		i = (i + 1) & m.mask
	}
}

func (m *Model) buildTable(hashes []uint64) {
	size := 1
	for size < 2*len(hashes)+2 {
		size <<= 1
	}
	m.table = make([]slot, size)
	m.mask = uint64(size - 1)
	for idx, h := range hashes {
		k := slotKey(h)
		i := h & m.mask
		for m.table[i].key != 0 && m.table[i].key != k {
			i = (i + 1) & m.mask
		}
		if m.table[i].key == k {
			continue // two features agree on ~50 bits: keep the first
		}
		m.table[i] = slot{k, int32(idx)}
	}
	m.nFeat = len(hashes)
}

// Write serialises a model made by Train.
func (m *Model) Write(w io.Writer, hashes []uint64) error {
	var payload bytes.Buffer
	fw, _ := flate.NewWriter(&payload, flate.BestCompression)
	bw := bufio.NewWriter(fw)
	putU := func(x uint64) {
		var b [binary.MaxVarintLen64]byte
		n := binary.PutUvarint(b[:], x)
		bw.Write(b[:n])
	}
	putS := func(s string) { putU(uint64(len(s))); bw.WriteString(s) }
	putS(m.Version)
	lexKeys := make([]string, 0, len(m.lex))
	for k := range m.lex {
		lexKeys = append(lexKeys, k)
	}
	sort.Strings(lexKeys)
	putU(uint64(len(lexKeys)))
	for _, k := range lexKeys {
		li := m.lex[k]
		putS(k)
		bw.WriteByte(li.capBin)
		var fl byte
		if li.dict {
			fl |= 1
		}
		bw.WriteByte(fl)
		putU(uint64(li.cluster))
		bw.WriteByte(li.gaz)
	}
	putU(uint64(len(m.vocab)))
	for _, v := range m.vocab {
		putS(v)
	}
	phr := make([]string, 0, len(m.phrases))
	for k := range m.phrases {
		phr = append(phr, k)
	}
	sort.Strings(phr)
	putU(uint64(len(phr)))
	for _, k := range phr {
		putS(k)
		bw.WriteByte(m.phrases[k])
	}
	// features sorted by hash; weights follow in the same order
	order := make([]int, len(hashes))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return hashes[order[a]] < hashes[order[b]] })
	putU(uint64(len(hashes)))
	var prev uint64
	for _, i := range order {
		putU(hashes[i] - prev)
		prev = hashes[i]
	}
	for s := 0; s < 2; s++ {
		var maxAbs float64
		for _, x := range m.w[s] {
			maxAbs = math.Max(maxAbs, math.Abs(float64(x)))
		}
		scale := float32(maxAbs / 32767)
		if scale == 0 {
			scale = 1
		}
		binary.Write(bw, binary.LittleEndian, math.Float32bits(scale))
		buf := make([]byte, 2*nLabels)
		for _, i := range order {
			for l := 0; l < nLabels; l++ {
				q := int16(math.Round(float64(m.w[s][i*nLabels+l] / scale)))
				binary.LittleEndian.PutUint16(buf[2*l:], uint16(q))
			}
			bw.Write(buf)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	var hdr [8 + 4*4 + 8]byte
	copy(hdr[:], modelMagic)
	binary.LittleEndian.PutUint32(hdr[8:], modelFormat)
	binary.LittleEndian.PutUint32(hdr[12:], featureSetVersion)
	binary.LittleEndian.PutUint32(hdr[16:], nLabels)
	binary.LittleEndian.PutUint32(hdr[20:], crc32.ChecksumIEEE(payload.Bytes()))
	binary.LittleEndian.PutUint64(hdr[24:], uint64(payload.Len()))
	if _, err := w.Write(hdr[:]); err != nil {
		return err
	}
	_, err := w.Write(payload.Bytes())
	return err
}

// ErrCorrupt is returned (wrapped) for a model file that cannot be used.
var ErrCorrupt = errors.New("ner: corrupt or incompatible model")

// ReadModel parses a model written by Write.
func ReadModel(r io.Reader) (*Model, error) {
	var hdr [32]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, fmt.Errorf("%w: short header: %v", ErrCorrupt, err)
	}
	if string(hdr[:8]) != modelMagic {
		return nil, fmt.Errorf("%w: bad magic %q", ErrCorrupt, hdr[:8])
	}
	if v := binary.LittleEndian.Uint32(hdr[8:]); v != modelFormat {
		return nil, fmt.Errorf("%w: model format %d, this code reads %d", ErrCorrupt, v, modelFormat)
	}
	if v := binary.LittleEndian.Uint32(hdr[12:]); v != featureSetVersion {
		return nil, fmt.Errorf("%w: model trained with feature set %d, this code computes %d (retrain: make model)", ErrCorrupt, v, featureSetVersion)
	}
	if v := binary.LittleEndian.Uint32(hdr[16:]); v != nLabels {
		return nil, fmt.Errorf("%w: %d labels, want %d", ErrCorrupt, v, nLabels)
	}
	crc := binary.LittleEndian.Uint32(hdr[20:])
	size := binary.LittleEndian.Uint64(hdr[24:])
	if size > 1<<30 {
		return nil, fmt.Errorf("%w: payload size %d", ErrCorrupt, size)
	}
	payload := make([]byte, size)
	if _, err := io.ReadFull(r, payload); err != nil {
		return nil, fmt.Errorf("%w: short payload: %v", ErrCorrupt, err)
	}
	if crc32.ChecksumIEEE(payload) != crc {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	br := bufio.NewReader(flate.NewReader(bytes.NewReader(payload)))
	var rerr error
	getU := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	getB := func() byte {
		b, err := br.ReadByte()
		if err != nil && rerr == nil {
			rerr = err
		}
		return b
	}
	getS := func() string {
		n := getU()
		if n > 1<<20 {
			if rerr == nil {
				rerr = errors.New("string too long")
			}
			return ""
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil && rerr == nil {
			rerr = err
		}
		return string(b)
	}
	bad := func() error { return fmt.Errorf("%w: %v", ErrCorrupt, rerr) }
	m := &Model{}
	m.Version = getS()
	n := getU()
	if rerr != nil || n > 1<<24 {
		return nil, bad()
	}
	m.lexH = make(map[uint64]lexInfo, n)
	for i := uint64(0); i < n && rerr == nil; i++ {
		k := keyHash(getS())
		var li lexInfo
		li.capBin = getB()
		li.dict = getB()&1 != 0
		li.cluster = uint32(getU())
		li.gaz = getB()
		m.lexH[k] = li
	}
	n = getU()
	if rerr != nil || n > 1<<24 {
		return nil, bad()
	}
	m.vocab = make([]string, 0, n)
	for i := uint64(0); i < n && rerr == nil; i++ {
		m.vocab = append(m.vocab, getS())
	}
	n = getU()
	if rerr != nil || n > 1<<24 {
		return nil, bad()
	}
	m.phraseH = make(map[uint64]uint8, 2*n)
	m.maxPhrase = 1
	for i := uint64(0); i < n && rerr == nil; i++ {
		k := getS()
		m.maxPhrase = max(m.maxPhrase, addPhrase(m.phraseH, k, getB()))
	}
	m.maxPhrase = min(m.maxPhrase, 8)
	n = getU()
	if rerr != nil || n > 1<<26 {
		return nil, bad()
	}
	hashes := make([]uint64, n)
	var prev uint64
	for i := range hashes {
		prev += getU()
		hashes[i] = prev
	}
	if rerr != nil {
		return nil, bad()
	}
	buf := make([]byte, 2*nLabels)
	m.wi = make([]float32, 2*int(n)*nLabels)
	for s := 0; s < 2; s++ {
		var sb [4]byte
		if _, err := io.ReadFull(br, sb[:]); err != nil {
			rerr = err
			return nil, bad()
		}
		scale := math.Float32frombits(binary.LittleEndian.Uint32(sb[:]))
		for i := 0; i < int(n); i++ {
			if _, err := io.ReadFull(br, buf); err != nil {
				rerr = err
				return nil, bad()
			}
			row := m.wi[(2*i+s)*nLabels : (2*i+s+1)*nLabels]
			for l := range row {
				row[l] = float32(int16(binary.LittleEndian.Uint16(buf[2*l:]))) * scale
			}
		}
	}
	m.buildTable(hashes)
	return m, nil
}

func (m *Model) finish() {
	m.maxPhrase = 1
	for k := range m.phrases {
		n := 1
		for i := 0; i < len(k); i++ {
			if k[i] == ' ' {
				n++
			}
		}
		if n > m.maxPhrase {
			m.maxPhrase = n
		}
	}
	if m.maxPhrase > 8 {
		m.maxPhrase = 8
	}
}
