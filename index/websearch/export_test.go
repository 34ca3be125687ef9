package websearch

// EncodePositions gives the external tests the positions codec, so they can
// hold the browser's decoder to the Go encoder.
func EncodePositions(pos [][]uint32) []byte {
	ps := make([]posting, len(pos))
	for i, p := range pos {
		ps[i] = posting{ord: int32(i), freq: uint32(len(p)), pos: p}
	}
	return encodePositions(ps)
}

// CompositeFields is how many fields a position can be in.
var CompositeFields = len(compositeFields)

// FixedWidth gives the external tests the column codec.
func FixedWidth(vals []uint32) []byte { return fixedWidth(vals) }
