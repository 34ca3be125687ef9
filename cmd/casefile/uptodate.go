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
	"casefile/index"
	"casefile/site"
)

// A build whose inputs are those of the last build that completed, over the
// site that build wrote, would write the same bytes again: it stops and
// says so. Two records tell: the scan key, the corpus files' names and
// stat data (size, modification time, inode and change time: what the
// analysis cache trusts, as git does, to say a file's bytes are unchanged,
// and more), checked before anything is read; and, when some file was
// touched, the inputs key, checked once the corpus is read (the cache makes
// that cheap, but at 50,000 documents decoding the cached analyses takes
// seconds). The record of the last build is deleted before any other build
// changes the index or the site, so a build killed half way is never
// mistaken for a complete one; which site it wrote, the site's manifest
// says (site.Intact).

// lastBuild is build/last-build.json.
type lastBuild struct {
	Inputs string `json:"inputs"`         // inputsKey
	Scan   string `json:"scan,omitempty"` // scanKey
}

func lastBuildPath(cfg buildConfig) string { return filepath.Join(cfg.Build, "last-build.json") }

func readLastBuild(cfg buildConfig) (lastBuild, bool) {
	var last lastBuild
	b, err := os.ReadFile(lastBuildPath(cfg))
	if err != nil || json.Unmarshal(b, &last) != nil {
		return last, false
	}
	return last, true
}

// scanKey hashes the code, the options and what the scan saw of every
// corpus file, or is "" when some file's modification time is unknown. The
// inode change time is in it too: a file that could not be read, then had
// its permissions fixed, is read again.
func scanKey(cfg buildConfig, files []extract.File) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	enc.Encode([]any{extract.CodeHash(), cfg.Name, cfg.BaseURL})
	for _, f := range files {
		if f.ModTime == 0 && f.Skip == "" {
			return ""
		}
		enc.Encode([]any{f.Path, f.Size, f.ModTime, f.Inode, f.Change, f.Control, f.Skip})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// unchangedSince returns the last build's report when no corpus file has
// changed on disk since that build (the same scan key) and its site and
// index are in place.
func unchangedSince(cfg buildConfig, files []extract.File, scan, reportPath string) (*report, bool) {
	last, ok := readLastBuild(cfg)
	if !ok || scan == "" || last.Scan != scan {
		return nil, false
	}
	b, err := os.ReadFile(reportPath)
	if err != nil {
		return nil, false
	}
	var rep report
	if json.Unmarshal(b, &rep) != nil || rep.Counts == nil || len(rep.Files) != len(files) {
		return nil, false
	}
	for i, f := range files {
		if rep.Files[i].Path != f.Path {
			return nil, false
		}
	}
	n, ok := inPlace(cfg)
	if !ok {
		return nil, false
	}
	rep.Corpus, rep.Out, rep.Report = cfg.Corpus, cfg.Out, reportPath
	rep.Index = index.UpdateStats{Unchanged: rep.Counts["indexed"]}
	rep.Cache.Hits, rep.Cache.Misses = 0, 0
	rep.Output.Files, rep.Output.Written, rep.Output.Linked = n, 0, n
	rep.Timings = map[string]string{}
	return &rep, true
}

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
	last, ok := readLastBuild(cfg)
	if !ok || last.Inputs != inputs {
		return 0, false
	}
	return inPlace(cfg)
}

// inPlace reports whether the last complete build's index and site are
// still there, and how many files the site has.
func inPlace(cfg buildConfig) (int, bool) {
	if _, err := os.Stat(filepath.Join(cfg.Build, "index")); err != nil {
		return 0, false
	}
	// The site is the one that build wrote, and a file deleted from it
	// since (by hand, by a partial copy) is put back by a build.
	return site.Intact(cfg.Out, siteManifest(cfg))
}
