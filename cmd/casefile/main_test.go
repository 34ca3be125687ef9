package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"

	"casefile/site"
)

// TestMain lets testscript run casefile in-process as the "casefile" command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"casefile": func() {
			mm := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
			os.Exit(mm.Run(context.Background(), os.Args[1:]))
		},
	})
}

// TestScripts runs the command-line scripts in testdata/script. Each starts
// with the seed corpus copied to $WORK/corpus.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			return copyDir("testdata/seeds", filepath.Join(env.WorkDir, "corpus"))
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// treehash DIR NAME: remember DIR's content hash as $NAME
			"treehash": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: treehash DIR NAME")
				}
				h, err := site.HashTree(ts.MkAbs(args[0]))
				ts.Check(err)
				ts.Setenv(args[1], h)
			},
			// report PATH STATUS [REASON]: build/report.json lists PATH with STATUS and a reason containing REASON
			"report": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: report PATH STATUS [REASON]")
				}
				var rep report
				b, err := os.ReadFile(ts.MkAbs("build/report.json"))
				ts.Check(err)
				ts.Check(json.Unmarshal(b, &rep))
				for _, f := range rep.Files {
					if f.Path == args[0] {
						ok := f.Status == args[1] && (len(args) < 3 || strings.Contains(f.Reason+f.DuplicateOf, args[2]))
						if ok == neg {
							ts.Fatalf("report: %s is %s (%s%s)", f.Path, f.Status, f.Reason, f.DuplicateOf)
						}
						return
					}
				}
				if !neg {
					ts.Fatalf("report: %s is not listed", args[0])
				}
			},
			// binfile PATH: write a small PNG-like binary file
			"binfile": func(ts *testscript.TestScript, neg bool, args []string) {
				b := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 512)...)
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
			},
			// bigfile PATH MiB: a file of that size (zeros, written sparse)
			"bigfile": func(ts *testscript.TestScript, neg bool, args []string) {
				mb, err := strconv.Atoi(args[1])
				ts.Check(err)
				f, err := os.Create(ts.MkAbs(args[0]))
				ts.Check(err)
				ts.Check(f.Truncate(int64(mb) << 20))
				ts.Check(f.Close())
			},
			// bigline PATH MiB: one line of prose of that size, no newline
			"bigline": func(ts *testscript.TestScript, neg bool, args []string) {
				mb, err := strconv.Atoi(args[1])
				ts.Check(err)
				unit := "The agency said on Thursday that the company sued the department in San Francisco. "
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Repeat(unit, mb<<20/len(unit))), 0o644))
			},
			// encfile PATH ENCODING TEXT: TEXT written as utf16le (with BOM), cp1252, or with NUL bytes
			"encfile": func(ts *testscript.TestScript, neg bool, args []string) {
				text := strings.Join(args[2:], " ")
				var b []byte
				switch args[1] {
				case "utf16le":
					b = []byte{0xFF, 0xFE}
					for _, u := range utf16.Encode([]rune(text)) {
						b = append(b, byte(u), byte(u>>8))
					}
				case "cp1252": // curly quotes and dashes as Windows-1252 bytes
					r := strings.NewReplacer("“", "\x93", "”", "\x94", "’", "\x92", "–", "\x96", "é", "\xe9")
					b = []byte(r.Replace(text))
				case "nul":
					b = []byte(strings.ReplaceAll(text, " ", " \x00"))
				default:
					ts.Fatalf("unknown encoding %s", args[1])
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), b, 0o644))
			},
			// hits N QUERY...: casefile search -json QUERY has N total hits
			"hits": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: hits N QUERY")
				}
				var out strings.Builder
				m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out}
				if code := m.Run(context.Background(), append([]string{"search", "-index", ts.MkAbs("build/index"), "-json", "-n", "100"}, args[1:]...)); code != 0 {
					ts.Fatalf("search failed: %s", out.String())
				}
				var res struct {
					Total int
					Hits  []struct{ ID string }
				}
				ts.Check(json.Unmarshal([]byte(out.String()), &res))
				if got := fmt.Sprint(res.Total); (got == args[0]) == neg {
					ts.Fatalf("%q: %s hits, want %s: %v", strings.Join(args[1:], " "), got, args[0], res.Hits)
				}
			},
		},
	})
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
