package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"casefile/site"
)

func buildInto(t *testing.T, corpus, dir string, workers int) string {
	t.Helper()
	cfg := buildConfig{Corpus: corpus, Out: filepath.Join(dir, "public"), Build: filepath.Join(dir, "build"), Name: "casefile", Workers: workers}
	if _, err := build(context.Background(), cfg, io.Discard); err != nil {
		t.Fatal(err)
	}
	h, err := site.HashTree(cfg.Out)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestReproducible: the same corpus gives byte-identical sites whatever the
// number of workers, with or without the cache, and after incremental
// changes that return to the same corpus.
func TestReproducible(t *testing.T) {
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := copyDir("testdata/seeds", corpus); err != nil {
		t.Fatal(err)
	}
	one := buildInto(t, corpus, filepath.Join(tmp, "a"), 1)
	four := buildInto(t, corpus, filepath.Join(tmp, "b"), 4)
	if one != four {
		t.Fatal("1 worker and 4 workers give different sites")
	}
	// Incremental: remove a file, rebuild, put it back, rebuild.
	dir := filepath.Join(tmp, "b")
	moved := filepath.Join(tmp, "moved.txt")
	if err := os.Rename(filepath.Join(corpus, "003_769502ac06647d7f.txt"), moved); err != nil {
		t.Fatal(err)
	}
	without := buildInto(t, corpus, dir, 2)
	if without == one {
		t.Fatal("removing a document did not change the site")
	}
	if _, err := os.Stat(filepath.Join(dir, "public/docs/003-769502ac06647d7f.html")); !os.IsNotExist(err) {
		t.Fatalf("the removed document's page is still there: %v", err)
	}
	if h := buildInto(t, corpus, filepath.Join(tmp, "c"), 2); h != without {
		t.Fatal("incremental build after a removal differs from a full build of the same corpus")
	}
	if err := os.Rename(moved, filepath.Join(corpus, "003_769502ac06647d7f.txt")); err != nil {
		t.Fatal(err)
	}
	if back := buildInto(t, corpus, dir, 2); back != one {
		t.Fatal("incremental build after re-adding differs from the full build")
	}
	// A change that ripples into other pages: a new document whose longer
	// spelling becomes the name of an entity that many pages show.
	os.WriteFile(filepath.Join(corpus, "inc.txt"), []byte("Twitter Inc. said on Friday that Twitter Inc. would keep fighting the summons from U.S. Customs and Border Protection, a part of the Department of Homeland Security.\n"), 0o644)
	incremental := buildInto(t, corpus, dir, 2)
	if full := buildInto(t, corpus, filepath.Join(tmp, "d"), 2); full != incremental {
		t.Fatal("incremental build after a rippling change differs from a full build")
	}
}

// TestKilledBuildKeepsSite: a build that stops before the swap leaves the
// previous site intact, and the next build is complete.
func TestKilledBuildKeepsSite(t *testing.T) {
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := copyDir("testdata/seeds", corpus); err != nil {
		t.Fatal(err)
	}
	first := buildInto(t, corpus, tmp, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // dies at once, before anything is swapped in
	cfg := buildConfig{Corpus: corpus, Out: filepath.Join(tmp, "public"), Build: filepath.Join(tmp, "build"), Name: "casefile"}
	os.WriteFile(filepath.Join(corpus, "new.txt"), []byte("A new article about the agency and the company, long enough to read."), 0o644)
	if _, err := build(ctx, cfg, io.Discard); err == nil {
		t.Fatal("a cancelled build reported success")
	}
	if h, _ := site.HashTree(cfg.Out); h != first {
		t.Fatal("a cancelled build changed the site")
	}
	buildInto(t, corpus, tmp, 2)
	if _, err := os.Stat(filepath.Join(tmp, "public/docs/new.html")); err != nil {
		t.Fatal("the build after a cancelled one is incomplete:", err)
	}
}
