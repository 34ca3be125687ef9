// Command tables writes the browser analyser's tables (see package gen).
package main

import (
	"flag"
	"fmt"
	"os"

	"casefile/index/websearch/internal/gen"
)

func main() {
	out := flag.String("o", "assets/tables.js", "output file")
	flag.Parse()
	b, err := gen.Generate()
	if err == nil {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tables:", err)
		os.Exit(1)
	}
}
