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
