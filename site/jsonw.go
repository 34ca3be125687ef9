package site

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// appendJSON appends v as encoding/json's Encoder writes it with
// SetEscapeHTML(false) and SetIndent(prefix, " "), less the final newline:
// byte for byte, which TestJSONWriter holds it to. It knows only what the
// exports are made of (strings, integers, booleans, pointers, slices, and
// structs with json tags, omitempty included) and returns an error for
// anything else, types with their own JSON or text encoding included.
// Writing the records straight into their indented form spares
// encoding/json's second pass, which re-scans its output to indent it: in a
// one-file rebuild of 50,000 documents, writing the JSON exports took
// 1.1-1.3 s of CPU that way, and 0.5-0.6 s this way.
func appendJSON(dst []byte, v any, prefix string) ([]byte, error) {
	w := jsonWriter{buf: dst, prefix: prefix}
	rv := reflect.ValueOf(v)
	if rv.IsValid() {
		if err := plain(rv.Type()); err != nil {
			return dst, err
		}
	}
	err := w.value(rv, 0)
	return w.buf, err
}

type jsonWriter struct {
	buf    []byte
	prefix string
}

// jsonField is a struct field as encoding/json writes it.
type jsonField struct {
	index     int
	key       string // `"name": `
	omitEmpty bool
}

var jsonFields sync.Map // reflect.Type -> []jsonField or error

func fieldsOf(t reflect.Type) ([]jsonField, error) {
	if f, ok := jsonFields.Load(t); ok {
		if err, bad := f.(error); bad {
			return nil, err
		}
		return f.([]jsonField), nil
	}
	var fields []jsonField
	var err error
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if sf.Anonymous {
			err = fmt.Errorf("json: embedded field %s.%s", t, sf.Name)
			break
		}
		if !sf.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		for _, o := range strings.Split(opts, ",") {
			if o != "" && o != "omitempty" {
				err = fmt.Errorf("json: option %q of %s.%s", o, t, sf.Name)
			}
		}
		if name == "" {
			name = sf.Name
		}
		if e := plain(sf.Type); e != nil {
			err = e
		}
		fields = append(fields, jsonField{i, string(appendJSONString(nil, name)) + ": ", strings.Contains(","+opts+",", ",omitempty,")})
	}
	if err != nil {
		jsonFields.Store(t, err)
		return nil, err
	}
	jsonFields.Store(t, fields)
	return fields, nil
}

func (w *jsonWriter) newline(depth int) {
	w.buf = append(w.buf, '\n')
	w.buf = append(w.buf, w.prefix...)
	for range depth {
		w.buf = append(w.buf, ' ')
	}
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	customTypes   sync.Map // reflect.Type -> bool: encoding/json calls its methods
)

// plain returns an error if encoding/json would encode values of t by
// their own methods, which appendJSON does not call. It goes by static
// type, once per struct field and per list (and per value only behind an
// interface), and remembers each type's answer.
func plain(t reflect.Type) error {
	custom, ok := customTypes.Load(t)
	if !ok {
		c := false
		for _, m := range []reflect.Type{jsonMarshaler, textMarshaler} {
			c = c || t.Implements(m) || t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(m)
		}
		customTypes.Store(t, c)
		custom = c
	}
	if custom.(bool) {
		return fmt.Errorf("json: %s has its own encoding", t)
	}
	return nil
}

func (w *jsonWriter) value(v reflect.Value, depth int) error {
	switch v.Kind() {
	case reflect.String:
		w.buf = appendJSONString(w.buf, v.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		w.buf = strconv.AppendUint(w.buf, v.Uint(), 10)
	case reflect.Bool:
		w.buf = strconv.AppendBool(w.buf, v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return nil
		}
		return w.value(v.Elem(), depth) // plain(*T) covered T
	case reflect.Interface:
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return nil
		}
		if err := plain(v.Elem().Type()); err != nil {
			return err
		}
		return w.value(v.Elem(), depth)
	case reflect.Slice:
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return fmt.Errorf("json: %s (base64) not supported", v.Type())
		}
		if err := plain(v.Type().Elem()); err != nil {
			return err
		}
		if v.Len() == 0 {
			w.buf = append(w.buf, "[]"...)
			return nil
		}
		w.buf = append(w.buf, '[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			if err := w.value(v.Index(i), depth+1); err != nil {
				return err
			}
		}
		w.newline(depth)
		w.buf = append(w.buf, ']')
	case reflect.Struct:
		fields, err := fieldsOf(v.Type())
		if err != nil {
			return err
		}
		n := 0
		for _, f := range fields {
			fv := v.Field(f.index)
			if f.omitEmpty && isEmptyJSON(fv) {
				continue
			}
			if n == 0 {
				w.buf = append(w.buf, '{')
			} else {
				w.buf = append(w.buf, ',')
			}
			n++
			w.newline(depth + 1)
			w.buf = append(w.buf, f.key...)
			if err := w.value(fv, depth+1); err != nil {
				return err
			}
		}
		if n == 0 {
			w.buf = append(w.buf, "{}"...)
			return nil
		}
		w.newline(depth)
		w.buf = append(w.buf, '}')
	default:
		return fmt.Errorf("json: %s not supported", v.Type())
	}
	return nil
}

// isEmptyJSON is encoding/json's test for omitempty, for the kinds above.
func isEmptyJSON(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return v.Uint() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// jsonSafe marks the ASCII bytes a JSON string holds as they are (without
// HTML escaping, as the exports are written).
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\'
	}
	return t
}()

// appendJSONString quotes s as encoding/json does with HTML escaping off:
// control characters, quotes and backslashes escaped, invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	const hex, lsb = "0123456789abcdef", 0x0101010101010101
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs a look: no byte of 0x80
		// or more, under 0x20, a quote or a backslash (SWAR tests, exact
		// for whether any byte matches).
		for i+8 <= len(s) {
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			q, bs := x^(lsb*'"'), x^(lsb*'\\')
			if (x|(x-lsb*0x20)&^x|(q-lsb)&^q|(bs-lsb)&^bs)&(lsb*0x80) != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
