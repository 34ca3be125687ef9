package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"casefile/extract"
	"casefile/site"
)

// A build whose inputs are those of the last build that completed, over the
// site that build wrote, would write the same bytes again: it stops after
// reading the corpus (which the cache makes cheap) and says so. The record
// of the last build (its inputsKey) is deleted before any other build
// changes the index or the site, so a build killed half way is never
// mistaken for a complete one; which site it wrote, the site's manifest
// says (site.Intact).

// lastBuild is build/last-build.json.
type lastBuild struct {
	Inputs string `json:"inputs"` // inputsKey
}

func lastBuildPath(cfg buildConfig) string { return filepath.Join(cfg.Build, "last-build.json") }

// siteManifest is the file that lists the site's files (site.Output).
func siteManifest(cfg buildConfig) string { return filepath.Join(cfg.Build, "public-manifest") }

// inputsKey hashes everything a build's output is made from: the code, the
// options, every corpus file's report line and analysis key (which covers
// its bytes, its id and its catalog row), and the corpus data files' bytes.
func inputsKey(cfg buildConfig, rep *report, docs []*extract.Analysis, control map[string][]byte) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	enc.Encode([]any{extract.CodeHash(), cfg.Name, cfg.BaseURL, rep.Files, rep.Warnings})
	for _, a := range docs {
		enc.Encode([]string{a.Doc.ID, a.Doc.Key})
	}
	for _, p := range slices.Sorted(maps.Keys(control)) {
		enc.Encode([]any{p, control[p]})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// upToDate reports whether the last build had these inputs and its site and
// index are still in place, and how many files the site has.
func upToDate(cfg buildConfig, inputs string) (int, bool) {
	b, err := os.ReadFile(lastBuildPath(cfg))
	if err != nil {
		return 0, false
	}
	var last lastBuild
	if json.Unmarshal(b, &last) != nil || last.Inputs != inputs {
		return 0, false
	}
	if _, err := os.Stat(filepath.Join(cfg.Build, "index")); err != nil {
		return 0, false
	}
	// The site is the one that build wrote, and a file deleted from it
	// since (by hand, by a partial copy) is put back by a build.
	return site.Intact(cfg.Out, siteManifest(cfg))
}
