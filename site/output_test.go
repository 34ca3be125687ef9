package site

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// siteFiles lists a folder: file name -> content, and "name/" for every
// folder, so that a folder left behind empty shows.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	names, err := treeNames(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, n := range names {
		out[n] = ""
		if !strings.HasSuffix(n, "/") {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(n)))
			if err != nil {
				t.Fatal(err)
			}
			out[n] = string(b)
		}
	}
	return out
}

// want lists the files of a build as siteFiles does.
func want(files map[string]string) map[string]string {
	out := map[string]string{}
	for name, data := range files {
		out[name] = data
		for d := filepath.ToSlash(filepath.Dir(name)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			out[d+"/"] = ""
		}
	}
	return out
}

// outputBuild writes files through a new Output: plain, keyed (the key is
// the content) and streamed, by the first letter of the name. Before
// committing it calls during, if given.
func outputBuild(t *testing.T, public, man string, files map[string]string, during func()) (*Output, int) {
	t.Helper()
	o, err := NewOutput(public, man)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	renders := 0
	for _, n := range names {
		data := files[n]
		switch {
		case strings.HasPrefix(filepath.Base(n), "k"):
			err = o.WriteKeyed(n, "key:"+data, func() ([]byte, error) { renders++; return []byte(data), nil })
		case strings.HasPrefix(filepath.Base(n), "s"):
			var w io.WriteCloser
			if w, err = o.Create(n); err == nil {
				io.WriteString(w, data)
				err = w.Close()
			}
		default:
			err = o.WriteFile(n, []byte(data))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if during != nil {
		during()
	}
	if err := o.Commit(); err != nil {
		t.Fatal(err)
	}
	return o, renders
}

// TestOutputRecycles: each build brings the site before the previous one up
// to date instead of linking every file again. Whatever the stage held, the
// new site is exactly what the build wrote, the live site never changes
// before the swap (files are hard links between the two), and a build that
// dies leaves nothing the next one trusts wrongly.
func TestOutputRecycles(t *testing.T) {
	SyncRemoval = true
	defer func() { SyncRemoval = false }()
	tmp := t.TempDir()
	public, man := filepath.Join(tmp, "public"), filepath.Join(tmp, "build", "manifest.json")
	builds := []map[string]string{
		{"index.html": "1", "a.html": "1", "kb.html": "1", "d/c.html": "1", "d/e/f.html": "1", "s.json": "1"},
		{"index.html": "1", "a.html": "2", "kb.html": "1", "d/c.html": "1", "d/e/f.html": "1", "s.json": "2", "new.html": "1"},
		// kb and s change back and forth: the stage holds the old version
		// as a hard link to the live one, which must not change
		{"index.html": "1", "a.html": "2", "kb.html": "3", "s.json": "1", "new.html": "1"},
		{"index.html": "1", "a.html": "2", "kb.html": "1", "s.json": "2", "new.html": "1", "d/c.html": "4"},
		{"index.html": "1", "a.html": "2", "kb.html": "1", "s.json": "2", "new.html": "1", "d/c.html": "4"},
	}
	for i, files := range builds {
		var live map[string]string
		if i > 0 {
			live = siteFiles(t, public)
		}
		o, renders := outputBuild(t, public, man, files, func() {
			if live != nil && !reflect.DeepEqual(siteFiles(t, public), live) {
				t.Fatalf("build %d changed the live site before the swap", i+1)
			}
		})
		if got := siteFiles(t, public); !reflect.DeepEqual(got, want(files)) {
			t.Fatalf("build %d: site is\n%v\nwant\n%v", i+1, got, want(files))
		}
		if i >= 2 && o.stage != o.recycle {
			t.Errorf("build %d did not recycle the older site", i+1)
		}
		// the counts are against the live site, whatever the stage held
		changed := 0
		for n, data := range files {
			if i == 0 || builds[i-1][n] != data {
				changed++
			}
		}
		if o.Written != changed || o.Linked != len(files)-changed {
			t.Errorf("build %d: %d new or changed and %d unchanged, want %d and %d", i+1, o.Written, o.Linked, changed, len(files)-changed)
		}
		if i == 4 && (renders != 0 || o.Written != 0) {
			t.Errorf("an unchanged build rendered %d pages and wrote %d files", renders, o.Written)
		}
	}

	// A build that dies after changing the recycled stage: the next one
	// must not trust it.
	o, err := NewOutput(public, man)
	if err != nil {
		t.Fatal(err)
	}
	if o.stage != o.recycle {
		t.Fatal("no recycled stage")
	}
	if err := o.WriteFile("a.html", []byte("dead")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(o.stage, "stray.html"), []byte("x"), 0o644)
	// (killed here: no Commit, no Abort)
	next := map[string]string{"index.html": "1", "a.html": "2", "kb.html": "1", "s.json": "2", "new.html": "5", "d/c.html": "4"}
	o2, _ := outputBuild(t, public, man, next, nil)
	if o2.stage == o.stage {
		t.Error("the next build reused a stage a dead build had changed")
	}
	if got := siteFiles(t, public); !reflect.DeepEqual(got, want(next)) {
		t.Fatalf("after a dead build: site is\n%v\nwant\n%v", got, want(next))
	}
	// and the build after that recycles again, correctly
	again := map[string]string{"index.html": "1", "a.html": "6", "kb.html": "1", "s.json": "2"}
	o3, _ := outputBuild(t, public, man, again, nil)
	if o3.stage != o3.recycle {
		t.Error("recycling did not resume")
	}
	if got := siteFiles(t, public); !reflect.DeepEqual(got, want(again)) {
		t.Fatalf("site is\n%v\nwant\n%v", got, want(again))
	}

	// The live site replaced behind the manifest's back (a backup copied
	// over it): its manifest no longer describes it, and nothing unchanged
	// is linked from it.
	if err := os.RemoveAll(public); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(public, 0o755)
	for _, n := range []string{"index.html", "a.html"} {
		os.WriteFile(filepath.Join(public, n), []byte("restored"), 0o644)
	}
	outputBuild(t, public, man, again, nil)
	if got := siteFiles(t, public); !reflect.DeepEqual(got, want(again)) {
		t.Fatalf("after the site was replaced: site is\n%v\nwant\n%v", got, want(again))
	}
}

// TestManifestFile: a manifest reads back as written, and one cut short or
// of another format is not trusted at all.
func TestManifestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest")
	m := manifest{Dir: "1:2:3", Files: map[string]string{"index.html": "aa", "docs/a b.html": "bb", "ü/x.js": "cc"}, Keys: map[string]string{"docs/a b.html": "k1"}}
	if err := writeManifest(path, m); err != nil {
		t.Fatal(err)
	}
	got := readManifest(path)
	if !reflect.DeepEqual(got.Files, m.Files) || !reflect.DeepEqual(got.Keys, m.Keys) || got.Dir != m.Dir {
		t.Fatalf("read %+v, wrote %+v", got, m)
	}
	b, _ := os.ReadFile(path)
	// A manifest read, written again under another folder, is written as
	// if encoded afresh: the same records, the new folder.
	got.Dir = "4:5:6"
	again := filepath.Join(t.TempDir(), "again")
	if err := writeManifest(again, got); err != nil {
		t.Fatal(err)
	}
	m.Dir = "4:5:6"
	fresh := filepath.Join(t.TempDir(), "fresh")
	if err := writeManifest(fresh, m); err != nil {
		t.Fatal(err)
	}
	a, errA := os.ReadFile(again)
	f, errF := os.ReadFile(fresh)
	if errA != nil || errF != nil || !bytes.Equal(a, f) {
		t.Errorf("a manifest read and written again:\n%q\nencoded afresh:\n%q", a, f)
	}
	for _, bad := range [][]byte{b[:len(b)-1], b[:len(manifestHeader)+3], []byte(`{"dir":"1:2:3","files":{}}`)} {
		os.WriteFile(path, bad, 0o644)
		if got := readManifest(path); got.Dir != "" || len(got.Files) > 0 {
			t.Errorf("%q: read %+v, want nothing", bad, got)
		}
	}
}

// TestIntact: the site a build swapped in is intact until a file it lists
// goes missing or the folder is replaced, even by one with the same names
// (a restored backup): the no-change build must not keep a site it did not
// write.
func TestIntact(t *testing.T) {
	SyncRemoval = true
	defer func() { SyncRemoval = false }()
	tmp := t.TempDir()
	public, man := filepath.Join(tmp, "public"), filepath.Join(tmp, "build", "manifest")
	files := map[string]string{"index.html": "1", "docs/a.html": "2", "kb.html": "3"}
	outputBuild(t, public, man, files, nil)
	if n, ok := Intact(public, man); !ok || n != len(files) {
		t.Fatalf("fresh site: Intact = %d, %v; want %d, true", n, ok, len(files))
	}
	// (in a subfolder: a change to the site's own folder changes its
	// identity, which already fails the check)
	os.Remove(filepath.Join(public, "docs", "a.html"))
	if _, ok := Intact(public, man); ok {
		t.Error("a site missing a file is intact")
	}
	os.WriteFile(filepath.Join(public, "docs", "a.html"), []byte("2"), 0o644)
	if _, ok := Intact(public, man); !ok {
		t.Error("a site with its file put back is not intact")
	}
	// the same names and contents, in another folder moved into place
	copyDir := filepath.Join(tmp, "copy")
	for n, data := range files {
		p := filepath.Join(copyDir, filepath.FromSlash(n))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(data), 0o644)
	}
	if err := os.RemoveAll(public); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(copyDir, public); err != nil {
		t.Fatal(err)
	}
	if _, ok := Intact(public, man); ok {
		t.Error("a replaced site (same names) is intact")
	}
}
