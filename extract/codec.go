package extract

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"sync"
	"unsafe"
)

// A compact binary codec for cached analyses. It is driven by reflection
// over the Go types, compiled once per type into a plan, so fields added to
// Document or Annotations are encoded without anyone touching this file; a
// fingerprint of the type layout (codecSchema) goes into every cache key, so
// entries written for another layout are simply never found.
//
// Supported: structs, slices, strings, bools and integers. Integers are
// zig-zag varints, strings and slices are length-prefixed. It is several
// times faster than encoding/gob and encoding/json on analyses, which
// matters because an incremental build decodes every unchanged document.

type coder struct {
	enc func(b []byte, p unsafe.Pointer) []byte
	dec func(d *decoder, p unsafe.Pointer)
}

type decoder struct {
	b   []byte
	err error
}

var errCorrupt = errors.New("cache entry corrupt")

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errCorrupt, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.err, d.b = errCorrupt, nil
		return nil
	}
	v := d.b[:n]
	d.b = d.b[n:]
	return v
}

var coders sync.Map // reflect.Type -> *coder

func coderFor(t reflect.Type) *coder {
	if c, ok := coders.Load(t); ok {
		return c.(*coder)
	}
	c := &coder{}
	coders.Store(t, c) // stored before building, for recursive types
	switch t.Kind() {
	case reflect.String:
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			s := *(*string)(p)
			b = binary.AppendUvarint(b, uint64(len(s)))
			return append(b, s...)
		}
		c.dec = func(d *decoder, p unsafe.Pointer) { *(*string)(p) = string(d.bytes()) }
	case reflect.Bool:
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			if *(*bool)(p) {
				return append(b, 1)
			}
			return append(b, 0)
		}
		c.dec = func(d *decoder, p unsafe.Pointer) { *(*bool)(p) = d.uvarint() != 0 }
	case reflect.Int:
		c.enc = func(b []byte, p unsafe.Pointer) []byte { return binary.AppendVarint(b, int64(*(*int)(p))) }
		c.dec = func(d *decoder, p unsafe.Pointer) {
			v, n := binary.Varint(d.b)
			if n <= 0 {
				d.err, d.b = errCorrupt, nil
				return
			}
			d.b = d.b[n:]
			*(*int)(p) = int(v)
		}
	case reflect.Slice:
		elem := t.Elem()
		size := elem.Size()
		ec := coderFor(elem)
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			v := reflect.NewAt(t, p).Elem()
			n := v.Len()
			b = binary.AppendUvarint(b, uint64(n))
			if n == 0 {
				return b
			}
			base := v.Index(0).Addr().UnsafePointer()
			for i := 0; i < n; i++ {
				b = ec.enc(b, unsafe.Add(base, uintptr(i)*size))
			}
			return b
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			n := d.uvarint()
			if n == 0 || d.err != nil {
				return
			}
			if n > uint64(len(d.b)) { // every element takes at least one byte
				d.err, d.b = errCorrupt, nil
				return
			}
			v := reflect.MakeSlice(t, int(n), int(n))
			base := v.Index(0).Addr().UnsafePointer()
			for i := 0; i < int(n) && d.err == nil; i++ {
				ec.dec(d, unsafe.Add(base, uintptr(i)*size))
			}
			reflect.NewAt(t, p).Elem().Set(v)
		}
	case reflect.Struct:
		type field struct {
			off uintptr
			c   *coder
		}
		var fields []field
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			fields = append(fields, field{f.Offset, coderFor(f.Type)})
		}
		c.enc = func(b []byte, p unsafe.Pointer) []byte {
			for _, f := range fields {
				b = f.c.enc(b, unsafe.Add(p, f.off))
			}
			return b
		}
		c.dec = func(d *decoder, p unsafe.Pointer) {
			for _, f := range fields {
				if d.err != nil {
					return
				}
				f.c.dec(d, unsafe.Add(p, f.off))
			}
		}
	default:
		panic(fmt.Sprintf("extract codec: unsupported kind %s in %s", t.Kind(), t))
	}
	return c
}

// schema returns a fingerprint of a type's layout: field names and kinds,
// recursively.
func schema(t reflect.Type) string {
	h := fnv.New64a()
	var walk func(t reflect.Type, depth int)
	walk = func(t reflect.Type, depth int) {
		fmt.Fprintf(h, "%s;", t.Kind())
		if depth > 8 {
			return
		}
		switch t.Kind() {
		case reflect.Slice:
			walk(t.Elem(), depth+1)
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				fmt.Fprintf(h, "%s:", t.Field(i).Name)
				walk(t.Field(i).Type, depth+1)
			}
		}
	}
	walk(t, 0)
	return fmt.Sprintf("%016x", h.Sum64())
}

var (
	analysisCoder = coderFor(reflect.TypeOf(Analysis{}))
	codecSchema   = schema(reflect.TypeOf(Analysis{}))
)

func encodeAnalysis(a *Analysis) []byte {
	return analysisCoder.enc(make([]byte, 0, 2*len(a.Doc.Text)+256), unsafe.Pointer(a))
}

func decodeAnalysis(b []byte) (*Analysis, error) {
	var a Analysis
	d := &decoder{b: b}
	analysisCoder.dec(d, unsafe.Pointer(&a))
	if d.err == nil && len(d.b) != 0 {
		d.err = errCorrupt
	}
	if d.err != nil {
		return nil, d.err
	}
	a.shareText()
	return &a, nil
}

// shareText points every mention's and timex's text into the document's
// text instead of a copy of its own: at 50,000 documents the copies were
// about a tenth of a build's memory.
func (a *Analysis) shareText() {
	t := a.Doc.Text
	for i := range a.Mentions {
		if m := &a.Mentions[i]; m.Start >= 0 && m.End <= len(t) && m.Start <= m.End && t[m.Start:m.End] == m.Text {
			m.Text = t[m.Start:m.End]
		}
	}
	for i := range a.Timexes {
		if x := &a.Timexes[i]; x.Start >= 0 && x.End <= len(t) && x.Start <= x.End && t[x.Start:x.End] == x.Text {
			x.Text = t[x.Start:x.End]
		}
	}
}
