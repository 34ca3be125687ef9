package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"casefile/extract"
)

// progress shows a live progress line on a terminal and nothing otherwise
// (CI logs and pipes get the summary only).
type progress struct {
	w     io.Writer
	tty   bool
	start time.Time
	last  time.Time
	shown bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb" {
			p.tty = true
		}
	}
	return p
}

// step returns a callback for extract.Options.Progress.
func (p *progress) step(what string, _ int) func(done, total int, f extract.File) {
	p.start = time.Now()
	return func(done, total int, f extract.File) {
		if !p.tty {
			return
		}
		now := time.Now()
		if done < total && now.Sub(p.last) < 100*time.Millisecond {
			return
		}
		p.last = now
		el := now.Sub(p.start).Seconds()
		rate := float64(done) / max(el, 1e-3)
		eta := ""
		if rate > 0 && done < total {
			eta = fmt.Sprintf(", %s left", time.Duration(float64(total-done)/rate*float64(time.Second)).Round(time.Second))
		}
		const width = 30
		n := width * done / max(total, 1)
		bar := make([]byte, width)
		for i := range bar {
			if i < n {
				bar[i] = '#'
			} else {
				bar[i] = '.'
			}
		}
		fmt.Fprintf(p.w, "\r%s [%s] %d/%d files (%.0f/s%s)\033[K", what, bar, done, total, rate, eta)
		p.shown = true
	}
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// stage announces a stage that has no file count: a status line on a
// terminal, nothing elsewhere.
func (p *progress) stage(what string) {
	if p.tty {
		fmt.Fprintf(p.w, "\r%s…\033[K", what)
		p.shown = true
	}
}

// finish reports a finished stage in one plain line, on a terminal and in
// logs alike.
func (p *progress) finish(format string, args ...any) {
	p.done()
	fmt.Fprintf(p.w, "casefile: "+format+"\n", args...)
}
