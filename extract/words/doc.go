// Package words holds the English word list casefile uses to tell ordinary
// words from names: the lower-case entries of SCOWL's American English list
// (Debian package wamerican, 2020.12.07), embedded compressed. Its licence,
// which asks for the notice in SCOWL-COPYRIGHT, is permissive.
package words

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"sync"
)

//go:embed english.txt.gz
var englishGz []byte

var english = sync.OnceValue(func() map[string]struct{} {
	zr, err := gzip.NewReader(bytes.NewReader(englishGz))
	if err != nil {
		panic("words: embedded list is corrupt: " + err.Error())
	}
	m := make(map[string]struct{}, 64000)
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	return m
})

// IsEnglish reports whether lower (a lower-case word) is an ordinary English
// word.
func IsEnglish(lower string) bool {
	_, ok := english()[lower]
	return ok
}
