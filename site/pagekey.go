package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"io/fs"
	"math"
	"reflect"
	"sort"
	"strconv"
	"sync"

	"casefile/extract"
	"casefile/index"
)

// Page keys let an incremental build skip pages whose inputs did not
// change (Output.WriteKeyed). A key hashes:
//
//   - the salt: every embedded template and asset, and the options;
//   - the page's data, walked by reflection, where a Document stands for its
//     analysis key (Document.Key already covers its content, so long texts
//     are not hashed again);
//   - the values the templates fetch by id for that page kind (deps), which
//     are not in the page's data.
//
// The test that incremental builds equal full builds holds the keys to
// covering everything a page shows.

var docType = reflect.TypeOf(extract.Document{})

var memoTypes = map[reflect.Type]bool{
	reflect.TypeOf(&index.Entity{}): true, reflect.TypeOf(&index.Story{}): true,
	reflect.TypeOf(&index.Quote{}): true, reflect.TypeOf(&index.Event{}): true,
}

// salt covers the templates, assets and options.
func (r *renderer) salt() string {
	r.saltOnce.Do(func() {
		h := sha256.New()
		for _, fsys := range []fs.FS{templateFS, assetFS} {
			fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := fs.ReadFile(fsys, p)
					h.Write([]byte(p + "\x00"))
					h.Write(b)
				}
				return nil
			})
		}
		h.Write([]byte("\x00" + r.opt.Name + "\x00" + r.opt.BaseURL + "\x00" + pageKeyVersion))
		r.saltValue = hex.EncodeToString(h.Sum(nil))
	})
	return r.saltValue
}

// pageKeyVersion changes when the renderer's Go code changes what a page
// shows from the same data.
const pageKeyVersion = "pagekey-1"

type keyHasher struct {
	h    hash.Hash
	buf  [8]byte
	path map[uintptr]bool // pointers being walked (cycles)
	memo *sync.Map        // pointer -> digest of what it points to, for this build
}

func (k *keyHasher) str(s string) {
	binary.LittleEndian.PutUint64(k.buf[:], uint64(len(s)))
	k.h.Write(k.buf[:])
	k.h.Write([]byte(s))
}

func (k *keyHasher) u64(v uint64) {
	binary.LittleEndian.PutUint64(k.buf[:], v)
	k.h.Write(k.buf[:])
}

func (k *keyHasher) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		k.str("<nil>")
	case reflect.String:
		k.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			k.u64(1)
		} else {
			k.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		k.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		k.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		k.u64(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		k.u64(uint64(v.Len()))
		for i := 0; i < v.Len(); i++ {
			k.value(v.Index(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keyString(keys[i]) < keyString(keys[j]) })
		k.u64(uint64(len(keys)))
		for _, mk := range keys {
			k.value(mk)
			k.value(v.MapIndex(mk))
		}
	case reflect.Pointer:
		if v.IsNil() {
			k.str("<nil>")
			return
		}
		p := v.Pointer()
		if k.path[p] {
			k.str("<cycle>")
			return
		}
		// Entities, stories, quotes and events are shown on many pages: hash
		// each once per build. Only these corpus objects, which live (and
		// stay unchanged) for the whole render: the address of a page's
		// temporary value may be reused by another once it is freed.
		if k.memo != nil && memoTypes[v.Type()] {
			if d, ok := k.memo.Load(p); ok {
				k.str(d.(string))
				return
			}
			sub := &keyHasher{h: sha256.New(), path: k.path, memo: k.memo}
			k.path[p] = true
			sub.value(v.Elem())
			delete(k.path, p)
			d := string(sub.h.Sum(nil))
			k.memo.Store(p, d)
			k.str(d)
			return
		}
		k.path[p] = true
		k.value(v.Elem())
		delete(k.path, p)
	case reflect.Interface:
		if v.IsNil() {
			k.str("<nil>")
			return
		}
		k.str(v.Elem().Type().String())
		k.value(v.Elem())
	case reflect.Struct:
		if v.Type() == docType {
			if key := v.FieldByName("Key").String(); key != "" {
				k.str("doc:" + key)
				return
			}
		}
		k.str(v.Type().String())
		for i := 0; i < v.NumField(); i++ {
			k.value(v.Field(i))
		}
	default: // funcs, channels: nothing a page shows
		k.str(v.Type().String())
	}
}

func keyString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(v.Int(), 10)
	}
	return v.String()
}

var hashers = sync.Pool{New: func() any { return &keyHasher{h: sha256.New(), path: map[uintptr]bool{}} }}

// pageKey returns the key of a page: the salt, the page's data and deps.
func (r *renderer) pageKey(p page, deps ...any) string {
	k := hashers.Get().(*keyHasher)
	defer hashers.Put(k)
	k.h.Reset()
	k.memo = &r.keyMemo
	k.str(r.salt())
	k.value(reflect.ValueOf(p))
	for _, d := range deps {
		k.value(reflect.ValueOf(d))
	}
	return hex.EncodeToString(k.h.Sum(nil))
}

// keyedWriter is a Writer that can skip pages whose key is unchanged.
type keyedWriter interface {
	WriteKeyed(name, key string, render func() ([]byte, error)) error
}

// writeKeyed writes a page through the Output's WriteKeyed when it has one:
// the template runs only if the page's key changed.
func (r *renderer) writeKeyed(name, tmpl string, p page, deps ...any) error {
	kw, ok := r.out.(keyedWriter)
	if !ok {
		return r.write(name, tmpl, p)
	}
	p.Site, p.Path = r.opt.Name, name
	r.pagesMu.Lock()
	r.pages = append(r.pages, name)
	r.pagesMu.Unlock()
	return kw.WriteKeyed(name, r.pageKey(p, tmpl, deps), func() ([]byte, error) { return r.render(name, tmpl, p) })
}
