package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"casefile/extract"
)

// runExtract implements 'casefile extract -jsonl': the evaluation interface.
// Each input line is {"id","text","dct"}; each output line is
// {"id","entities":[{"start","end","type","text"}],"timex":[{"start","end","type","value","text"}]}
// with offsets in Unicode code points, end exclusive.
func (m *Main) runExtract(ctx context.Context, args []string) error {
	fs := m.newFlagSet("extract", "-jsonl < IN.jsonl > OUT.jsonl")
	jsonl := fs.Bool("jsonl", false, "read JSON lines {id,text,dct} on stdin, write annotations as JSON lines")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*jsonl {
		return &usageError{"extract: only -jsonl is supported so far"}
	}
	return extractJSONL(ctx, m.Stdin, m.Stdout)
}

type extractIn struct {
	ID   string  `json:"id"`
	Text *string `json:"text"`
	DCT  *string `json:"dct"`
}

type extractEntity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

type extractTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Text  string `json:"text"`
}

type extractOut struct {
	ID       string          `json:"id"`
	Entities []extractEntity `json:"entities"`
	Timex    []extractTimex  `json:"timex"`
}

func extractJSONL(ctx context.Context, r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 256<<20)
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for n := 1; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := sc.Bytes()
		if len(trimSpace(line)) == 0 {
			continue
		}
		var in extractIn
		if err := json.Unmarshal(line, &in); err != nil {
			return fmt.Errorf("extract: stdin line %d: %v", n, err)
		}
		if in.Text == nil {
			return fmt.Errorf("extract: stdin line %d: missing \"text\"", n)
		}
		var dct time.Time
		if in.DCT != nil && *in.DCT != "" {
			t, err := time.Parse("2006-01-02", (*in.DCT)[:min(10, len(*in.DCT))])
			if err != nil {
				return fmt.Errorf("extract: stdin line %d: dct %q is not a YYYY-MM-DD date", n, *in.DCT)
			}
			dct = t
		}
		text := *in.Text
		a := extract.Annotate(text, dct)
		out := extractOut{ID: in.ID, Entities: []extractEntity{}, Timex: []extractTimex{}}
		cp := newRuneIndex(text)
		for _, e := range a.Mentions {
			out.Entities = append(out.Entities, extractEntity{cp.at(e.Start), cp.at(e.End), e.Type, e.Text})
		}
		for _, t := range a.Timexes {
			out.Timex = append(out.Timex, extractTimex{cp.at(t.Start), cp.at(t.End), t.Type, t.Value, t.Text})
		}
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("extract: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("extract: reading stdin: %w", err)
	}
	return nil
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}

// runeIndex converts byte offsets in a string to code-point offsets.
type runeIndex struct {
	s     string
	ascii bool
}

func newRuneIndex(s string) runeIndex {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return runeIndex{s, false}
		}
	}
	return runeIndex{s, true}
}

func (r runeIndex) at(byteOff int) int {
	if r.ascii {
		return byteOff
	}
	return utf8.RuneCountInString(r.s[:byteOff])
}
