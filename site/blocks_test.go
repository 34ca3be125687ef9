package site

import (
	"reflect"
	"testing"
)

// TestBlockList: a block list reads back as written, and a damaged one
// (cut short anywhere, or with bytes after it) is refused.
func TestBlockList(t *testing.T) {
	b := &blockList{hash: "ab12", code: "cd34", total: 1 << 40, head: 3, sep: 2,
		digest: []fingerprint{{1, 2, 3}, {4}, {}}, size: []int64{0, 300, 1 << 33}}
	data := b.encode()
	got, err := decodeBlockList(data)
	if err != nil || !reflect.DeepEqual(got, b) {
		t.Fatalf("read back %+v (%v), wrote %+v", got, err, b)
	}
	for n := range len(data) {
		if _, err := decodeBlockList(data[:n]); err == nil {
			t.Errorf("cut to %d of %d bytes: no error", n, len(data))
		}
	}
	if _, err := decodeBlockList(append(data, 0)); err == nil {
		t.Error("a byte after the list: no error")
	}
}

// FuzzBlockList: any bytes in build/blocks/ are refused or read as a list
// that writes back to the same bytes; nothing panics or allocates without
// bound.
func FuzzBlockList(f *testing.F) {
	f.Add((&blockList{hash: "ab", code: "cd", total: 9, head: 1, sep: 1, digest: []fingerprint{{7}}, size: []int64{3}}).encode())
	f.Add([]byte(blockListMagic + "x\ny\n\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := decodeBlockList(data)
		if err != nil {
			return
		}
		if again := b.encode(); !reflect.DeepEqual(again, data) {
			// varints have one shortest form; a longer one reads the same
			if b2, err := decodeBlockList(again); err != nil || !reflect.DeepEqual(b, b2) {
				t.Fatalf("%q read as %+v, which writes back as %q", data, b, again)
			}
		}
	})
}
