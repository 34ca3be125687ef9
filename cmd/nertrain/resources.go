package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"casefile/extract/ner"
)

// loadResources reads the optional extra resources from dir:
//
//	dict.txt             ordinary English words, one per line (lower-case entries are used)
//	gaz-CAT.txt          gazetteers, one name per line, for the categories in gazCategories
//	clusters.txt         word clusters: "bitpath<TAB>word[<TAB>count]" (Brown format)
//
// Missing files are skipped; what was loaded is reported on stderr.
func loadResources(dir string, cfg *ner.TrainConfig) {
	if lines, err := readLines(filepath.Join(dir, "dict.txt")); err == nil {
		cfg.Dict = map[string]bool{}
		for _, w := range lines {
			if w != "" && strings.ToLower(w) == w {
				cfg.Dict[w] = true
			}
		}
		fmt.Fprintf(os.Stderr, "nertrain: dict.txt: %d lower-case words\n", len(cfg.Dict))
	}
	for t, typ := range gazCategories {
		lines, err := readLines(filepath.Join(dir, "gaz-"+typ+".txt"))
		if err != nil {
			continue
		}
		if cfg.Phrases == nil {
			cfg.Phrases = map[string]uint8{}
		}
		n := 0
		for _, name := range lines {
			k := ner.PhraseKey(name)
			if k == "" {
				continue
			}
			cfg.Phrases[k] |= 1 << t
			n++
		}
		fmt.Fprintf(os.Stderr, "nertrain: gaz-%s.txt: %d names\n", typ, n)
	}
	if lines, err := readLines(filepath.Join(dir, "clusters.txt")); err == nil {
		cfg.Clusters = map[string]uint32{}
		ids := map[string]uint32{}
		for _, l := range lines {
			f := strings.Split(l, "\t")
			if len(f) < 2 {
				continue
			}
			path, word := f[0], strings.ToLower(f[1])
			if len(f) >= 3 {
				if c, err := strconv.Atoi(f[2]); err == nil && c < 1 {
					continue
				}
			}
			id, ok := ids[path]
			if !ok {
				id = uint32(len(ids) + 1)
				ids[path] = id
			}
			if _, dup := cfg.Clusters[word]; !dup {
				cfg.Clusters[word] = id
			}
		}
		fmt.Fprintf(os.Stderr, "nertrain: clusters.txt: %d words in %d clusters\n", len(cfg.Clusters), len(ids))
	}
}

// gazCategories are the gazetteer categories; a name's bit is its index here.
var gazCategories = []string{"PER", "ORG", "LOC", "MISC", "CITY", "NAME", "PROPER"}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}
