package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// update rewrites golden files: UPDATE_SNAPSHOTS=1 go test ./extract
var update = os.Getenv("UPDATE_SNAPSHOTS") != ""

// golden compares got with testdata file name, or rewrites it when updating.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_SNAPSHOTS=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (UPDATE_SNAPSHOTS=1 rewrites it); got:\n%s", path, got)
	}
}

// TestReadGolden reads every file in testdata/read with its catalog row and
// compares the Document with name.json.
func TestReadGolden(t *testing.T) {
	f, err := os.Open("testdata/read/catalog.csv")
	if err != nil {
		t.Fatal(err)
	}
	cat, warn, err := ParseCatalog(f)
	f.Close()
	if err != nil || len(warn) > 0 {
		t.Fatalf("catalog: %v %v", err, warn)
	}
	inputs, _ := filepath.Glob("testdata/read/*")
	n := 0
	for _, in := range inputs {
		name := filepath.Base(in)
		if FormatOf(name) == "" || strings.HasSuffix(name, ".json") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var entry *Entry
			if e, ok := cat[name]; ok {
				entry = &e
			}
			doc, err := Read(name, DocID(name), raw, entry)
			if err != nil {
				t.Fatal(err)
			}
			checkBlocks(t, doc)
			b, _ := json.MarshalIndent(doc, "", " ")
			golden(t, "read/"+strings.TrimSuffix(name, filepath.Ext(name))+"."+doc.Format+".json", append(b, '\n'))
		})
	}
	if n < 10 {
		t.Fatalf("only %d reader inputs found", n)
	}
}

// checkBlocks verifies the invariants every Document keeps.
func checkBlocks(t *testing.T, d *Document) {
	t.Helper()
	if d.Title == "" {
		t.Error("empty title")
	}
	prev := 0
	for i, b := range d.Blocks {
		if b.Start < prev || b.End <= b.Start || b.End > len(d.Text) {
			t.Fatalf("block %d %+v out of order or range", i, b)
		}
		if i > 0 && d.Text[prev:b.Start] != "\n\n" {
			t.Errorf("block %d not separated by a blank line", i)
		}
		prev = b.End
	}
	if prev != len(d.Text) {
		t.Errorf("blocks end at %d, text at %d", prev, len(d.Text))
	}
}

func TestReadSeedsClean(t *testing.T) {
	// What the issue asks of the seeds' quirks, checked directly on top of
	// the golden files, so a careless snapshot update cannot hide a regression.
	junk := []string{" date 2017", "|||", "22:15 GMT", "Screenshot by", "Image:", "Getty Images", "Updated, ",
		"First published", "Life, disrupted", "Tech Enabled", "Leave a Reply", "Required fields", "IE 11", "optimal experience"}
	seeds, _ := filepath.Glob("testdata/read/seed-*.txt")
	if len(seeds) != 5 {
		t.Fatalf("want 5 seeds, found %d", len(seeds))
	}
	for _, p := range seeds {
		raw, _ := os.ReadFile(p)
		d, err := Read(filepath.Base(p), "x", raw, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range junk {
			if strings.Contains(d.Text, j) {
				t.Errorf("%s: clean text still contains %q", p, j)
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  []byte
		want error
	}{
		{"empty.txt", nil, ErrEmpty},
		{"blank.md", []byte("\n\n  \n"), ErrEmpty},
		{"report.pdf", []byte("%PDF-1.7"), ErrUnsupported},
		{"noext", []byte("text"), ErrUnsupported},
		{"image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 3}, 100)...), ErrBinary},
		{"only-banner.txt", []byte("IE 11 is not supported. For an optimal experience visit our site on another browser.\n"), ErrEmpty},
		{"only-markup.html", []byte("<html><script>x()</script><nav>Home</nav></html>"), ErrEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(tc.name, "x", tc.raw, nil)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != tc.name || !strings.HasPrefix(err.Error(), tc.name+": ") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestDeepHTML(t *testing.T) {
	deep := strings.Repeat("<div>", 100000) + "<p>Deep text survives very deep nesting of elements in a page.</p>" + strings.Repeat("</div>", 100000)
	d, err := Read("deep.html", "deep", []byte(deep), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "Deep text survives") {
		t.Errorf("text lost: %q", d.Text)
	}
}

func TestAssignIDs(t *testing.T) {
	got := AssignIDs([]string{"b/Report 2017.txt", "a.md", "a.txt", "A.html", "ü ber.txt"})
	want := map[string]string{"A.html": "a", "a.md": "a-md", "a.txt": "a-txt", "b/Report 2017.txt": "b-report-2017", "ü ber.txt": "u-ber"}
	for p, id := range want {
		if got[p] != id {
			t.Errorf("%s: id %q, want %q", p, got[p], id)
		}
	}
}

func TestParseCatalogWarnings(t *testing.T) {
	src := "Path,Title,Published,Colour\nx.txt,X,not a date,red\n,\ny.txt,Y,2017-04-06,\ny.txt,Y2,,\n"
	cat, warn, err := ParseCatalog(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(cat) != 2 || cat["y.txt"].Title != "Y2" || cat["x.txt"].Published != "" {
		t.Errorf("catalog %+v", cat)
	}
	joined := strings.Join(warn, "\n")
	for _, w := range []string{`unknown column "Colour"`, `line 2: published "not a date"`, "listed twice"} {
		if !strings.Contains(joined, w) {
			t.Errorf("missing warning %q in %q", w, joined)
		}
	}
	if _, _, err := ParseCatalog(strings.NewReader("title,source\n")); err == nil {
		t.Error("a catalog without a path column must be an error")
	}
}

func TestDecode(t *testing.T) {
	utf16le := func(s string) []byte {
		var b []byte
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	for _, tc := range []struct {
		name string
		raw  []byte
		want string
		warn string
	}{
		{"utf8", []byte("plain “text”"), "plain “text”", ""},
		{"bom", []byte("\xEF\xBB\xBFwith a BOM"), "with a BOM", ""},
		{"utf16 bom", append([]byte{0xFF, 0xFE}, utf16le("héllo")...), "héllo", "UTF-16"},
		{"utf16 no bom", utf16le("A headline in UTF-16 without a BOM"), "A headline in UTF-16 without a BOM", "without a byte-order mark"},
		{"cp1252", []byte("\x93quoted\x94 \x96 caf\xe9"), "“quoted” – café", "Windows-1252"},
		{"stray nul", []byte("text with\x00 a stray\x00 NUL"), "text with a stray NUL", "NUL"},
		{"bad utf8", []byte("mostly “valid” UTF-8 with one bad \xff byte"), "mostly “valid” UTF-8 with one bad \uFFFD byte", "invalid UTF-8"},
	} {
		got, warn, err := decode(tc.raw)
		if err != nil || got != tc.want || tc.warn != "" && !strings.Contains(strings.Join(warn, " "), tc.warn) {
			t.Errorf("%s: got %q %q %v, want %q with warning %q", tc.name, got, warn, err, tc.want, tc.warn)
		}
	}
}

// FuzzRead feeds arbitrary bytes to every reader: no panic, and every
// Document keeps its invariants.
func FuzzRead(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/read/*")
	for _, p := range inputs {
		if FormatOf(p) == "" {
			continue
		}
		b, _ := os.ReadFile(p)
		if len(b) > 4096 {
			b = b[:4096]
		}
		f.Add(b, uint8(len(p)))
	}
	f.Fuzz(func(t *testing.T, raw []byte, kind uint8) {
		name := [...]string{"f.txt", "f.md", "f.html"}[kind%3]
		d, err := Read(name, "f", raw, nil)
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.Path != name {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) {
			t.Fatal("invalid UTF-8 in the Document")
		}
		checkBlocks(t, d)
	})
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith went to Washington. He said “hello.” Then?\n\nNew block")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("bad sentence %+v after %d", sp, prev)
			}
			prev = sp.End
		}
	})
}

func FuzzCatalog(f *testing.F) {
	b, _ := os.ReadFile("testdata/read/catalog.csv")
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		ParseCatalog(bytes.NewReader(b)) // errors are fine; panics are not
	})
}
