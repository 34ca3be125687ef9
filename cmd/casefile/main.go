// Command casefile turns a folder of news articles and legal filings into a
// searchable, static, offline-capable archive website.
//
// Usage:
//
//	casefile build   [-corpus DIR] [-out DIR] [-build DIR]   build the site
//	casefile search  [-index DIR] [-json] [-n N] QUERY       query the bleve index
//	casefile extract [-jsonl] [FILE...]                      annotations as JSON lines
//	casefile serve   [-addr 127.0.0.1:8080] [-dir DIR]       preview the site
//
// Exit status: 0 on success, 1 on failure, 2 on bad usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Main holds the process's streams so that tests can run commands in-process.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// usageError is a mistake in how casefile was called: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

const usage = `casefile turns a folder of articles and filings into a searchable static site.

Usage:
  casefile build   [-corpus DIR] [-out DIR] [-build DIR]   build the site
  casefile search  [-index DIR] [-json] [-n N] QUERY       query the index
  casefile extract [-jsonl] [FILE...]                      print annotations
  casefile serve   [-addr 127.0.0.1:8080] [-dir DIR]       preview the site

Run 'casefile COMMAND -h' for a command's flags.
`

// Run runs one command and returns the process exit status.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return 2
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = m.runBuild(ctx, rest)
	case "search":
		err = m.runSearch(ctx, rest)
	case "extract":
		err = m.runExtract(ctx, rest)
	case "serve":
		err = m.runServe(ctx, rest)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(m.Stdout, usage)
		return 0
	default:
		err = &usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
	return m.exit(err)
}

func (m *Main) exit(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "casefile: %s\nTry: casefile -h\n", ue.msg)
		return 2
	default:
		fmt.Fprintf(m.Stderr, "casefile: %s\n", err)
		return 1
	}
}

// newFlagSet returns a flag set whose errors become usage errors.
func (m *Main) newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: casefile %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning a flag mistake into a usageError.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	return nil
}
