package websearch

import (
	"fmt"
	"testing"
)

// TestShardEnds: shards end at every key boundary, and past the soft size
// also at keys of shardSoftSpread, so that none grows far past it; below
// it, only key boundaries end one.
func TestShardEnds(t *testing.T) {
	const entry, soft = 40, 2000
	w := &dictWriter{soft: soft}
	largest, soft1 := 0, 0
	for i := 0; i < 200000; i++ {
		key := fmt.Sprintf("a%07d", i*7919%1000003)
		ends := w.shardEnds(key)
		switch {
		case w.n > 0 && shardBoundary(key) && !ends:
			t.Fatalf("%q: a key boundary did not end the shard", key)
		case ends && !shardBoundary(key) && len(w.buf) < soft:
			t.Fatalf("%q: a shard of %d bytes ended off a key boundary", key, len(w.buf))
		}
		if ends {
			if !shardBoundary(key) {
				soft1++
			}
			largest = max(largest, len(w.buf))
			w.buf, w.n = w.buf[:0], 0
		}
		if w.n == 0 {
			w.first = []byte(key)
		}
		w.buf = append(w.buf, make([]byte, entry)...)
		w.n++
	}
	// past the soft size a shard ends within 32 keys on average: ten times
	// that is 10^-4 likely per shard
	if limit := soft + 10*shardSoftSpread*entry; largest > limit {
		t.Errorf("largest shard %d bytes, over %d", largest, limit)
	}
	if soft1 == 0 {
		t.Error("no shard ended by its size")
	}
}
