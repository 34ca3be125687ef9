package websearch_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"casefile/index/websearch"
	"casefile/index/websearch/internal/testcorpus"
)

// dirSink writes exported files under a directory.
type dirSink struct {
	dir   string
	mu    sync.Mutex
	names []string
}

func (s *dirSink) WriteFile(name string, data []byte) error {
	s.mu.Lock()
	s.names = append(s.names, name)
	s.mu.Unlock()
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

func needNode(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node not installed")
	}
}

var corpusOnce sync.Map

// genCorpus writes (once per test binary) an n-document gen-corpus.mjs
// corpus and returns its directory.
func genCorpus(t testing.TB, n int) string {
	t.Helper()
	needNode(t)
	v, _ := corpusOnce.LoadOrStore(n, &sync.Once{})
	dir := filepath.Join(testTmp, "corpus", itoa(n))
	v.(*sync.Once).Do(func() {
		cmd := exec.Command("node", "testdata/gen-corpus.mjs", itoa(n), dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("gen-corpus: %v\n%s", err, out)
		}
	})
	return dir
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

var testTmp string

func TestMain(m *testing.M) {
	d, err := os.MkdirTemp("", "websearch-test-")
	if err != nil {
		panic(err)
	}
	testTmp = d
	code := m.Run()
	os.RemoveAll(d)
	os.Exit(code)
}

type site struct {
	idx   bleve.Index
	dir   string
	items []testcorpus.Item
}

// buildSite indexes items (batch documents per bleve batch) and exports the
// search files into a fresh directory.
func buildSite(t testing.TB, items []testcorpus.Item, batch int) *site {
	t.Helper()
	return buildSiteOpt(t, items, batch, nil)
}

func buildSiteOpt(t testing.TB, items []testcorpus.Item, batch int, opt *websearch.Options) *site {
	t.Helper()
	dir, err := os.MkdirTemp(testTmp, "site-")
	if err != nil {
		t.Fatal(err)
	}
	ipath := filepath.Join(dir, "index")
	idx, err := testcorpus.BuildIndex(ipath, items, batch)
	if err != nil {
		t.Fatal(err)
	}
	// reopen, as casefile search does: bleve answers some queries differently
	// from segments not yet persisted
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if idx, err = bleve.Open(ipath); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	docs, ents := testcorpus.Meta(items)
	out := filepath.Join(dir, "public")
	if _, err := websearch.Export(idx, docs, ents, &dirSink{dir: out}, opt); err != nil {
		t.Fatal(err)
	}
	return &site{idx: idx, dir: out, items: items}
}

func loadItems(t testing.TB, n int) []testcorpus.Item {
	t.Helper()
	items, err := testcorpus.LoadGen(genCorpus(t, n))
	if err != nil {
		t.Fatal(err)
	}
	seeds, err := testcorpus.LoadSeeds("testdata/seeds")
	if err != nil {
		t.Fatal(err)
	}
	return append(items, seeds...)
}

// runNode sends req to jstest/harness.mjs for the site and decodes the answer.
func runNode(t testing.TB, siteDir string, req any, resp any) {
	t.Helper()
	needNode(t)
	in, _ := json.Marshal(req)
	cmd := exec.Command("node", "jstest/harness.mjs", siteDir)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node harness: %v\n%s", err, stderr.String())
	}
	if err := json.Unmarshal(out, resp); err != nil {
		t.Fatalf("node harness output: %v\n%.500s", err, out)
	}
}
