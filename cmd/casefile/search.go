package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"casefile/index"
)

func (m *Main) runSearch(ctx context.Context, args []string) error {
	fs := m.newFlagSet("search", "[-index DIR] [-json] [-n N] QUERY")
	dir := fs.String("index", "build/index", "index folder written by 'casefile build'")
	asJSON := fs.Bool("json", false, "print hits as JSON (id, score, title)")
	n := fs.Int("n", 10, "number of hits")
	from := fs.Int("from", 0, "skip this many hits (paging)")
	byDate := fs.Bool("date", false, "newest first instead of best match")
	if err := parse(fs, args); err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if q == "" {
		return &usageError{"search: no query (try: casefile search unmasked)"}
	}
	idx, err := index.Open(*dir)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer idx.Close()
	res, err := index.Search(idx, q, *n, *from, *byDate)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		return enc.Encode(res)
	}
	fmt.Fprintf(m.Stdout, "%d document%s match %q\n", res.Total, plural(int(res.Total)), q)
	for i, h := range res.Hits {
		date := h.Date
		if date == "" {
			date = "----------"
		}
		fmt.Fprintf(m.Stdout, "%3d. %s  %-28s %s  (%.3f)\n", *from+i+1, date, h.ID, h.Title, h.Score)
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
