package extract

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// fill sets every field of v to a random non-zero value, so a round trip
// proves every field is encoded, including fields added later.
func fill(r *rand.Rand, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		b := make([]rune, 1+r.IntN(12))
		for i := range b {
			b[i] = rune(0x20 + r.IntN(0x3000))
		}
		v.SetString(string(b))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int:
		v.SetInt(int64(r.IntN(1<<20)) - 1<<19)
	case reflect.Slice:
		n := 1 + r.IntN(4)
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			fill(r, s.Index(i))
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(r, v.Field(i))
		}
	default:
		panic("fill: unsupported kind " + v.Kind().String())
	}
}

func TestCodecRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 50; i++ {
		var a Analysis
		fill(r, reflect.ValueOf(&a).Elem())
		got, err := decodeAnalysis(encodeAnalysis(&a))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, &a) {
			t.Fatalf("round trip lost data:\n got %+v\nwant %+v", got, &a)
		}
	}
	var empty Analysis
	if got, err := decodeAnalysis(encodeAnalysis(&empty)); err != nil || !reflect.DeepEqual(got, &empty) {
		t.Fatalf("empty analysis: %+v %v", got, err)
	}
}

func TestCodecCorrupt(t *testing.T) {
	var a Analysis
	fill(rand.New(rand.NewPCG(3, 4)), reflect.ValueOf(&a).Elem())
	b := encodeAnalysis(&a)
	for _, bad := range [][]byte{nil, b[:len(b)/2], append(append([]byte{}, b...), 7), {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}} {
		if _, err := decodeAnalysis(bad); err == nil && len(bad) > 0 {
			t.Errorf("corrupt entry of %d bytes decoded without error", len(bad))
		}
	}
}

func FuzzCodecDecode(f *testing.F) {
	var a Analysis
	fill(rand.New(rand.NewPCG(5, 6)), reflect.ValueOf(&a).Elem())
	f.Add(encodeAnalysis(&a))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeAnalysis(b) // must not panic or allocate without bound
	})
}

func BenchmarkDecodeAnalysis(b *testing.B) {
	text := benchText(b)[:5000]
	a := &Analysis{Doc: Document{ID: "x", Text: text, Blocks: []Block{{"p", 0, len(text)}}}, Annotations: Annotate(text, parseDCT("2017-04-06"))}
	raw := encodeAnalysis(a)
	b.SetBytes(int64(len(raw)))
	for range b.N {
		if _, err := decodeAnalysis(raw); err != nil {
			b.Fatal(err)
		}
	}
}
