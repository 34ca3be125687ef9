package site

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"
)

// csvStd is what encoding/csv writes for one record.
func csvStd(t testing.TB, fields []string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(fields); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return b.String()
}

// TestCSVRow holds appendCSVRow to encoding/csv's bytes on fields made of
// everything that decides quoting: commas, quotes, CR, LF, leading Unicode
// spaces, the \. marker, invalid UTF-8.
func TestCSVRow(t *testing.T) {
	parts := []string{"a", "Zürich", "\v", "\f", "\x00", "\x1f", "\x0e", ",", `"`, "\n", "\r", "\r\n", " ", "\t", "\u00a0", "\u0085", "\u2028", `\`, ".", `\.`, "\xff", "|", "é"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		fields := make([]string, 1+rng.IntN(4))
		for i := range fields {
			var sb strings.Builder
			for range rng.IntN(5) {
				sb.WriteString(parts[rng.IntN(len(parts))])
			}
			fields[i] = sb.String()
			switch rng.IntN(4) { // long fields take the other path
			case 0:
				fields[i] += strings.Repeat("y", 64)
			case 1:
				fields[i] = strings.Repeat("y", 60+rng.IntN(8)) + fields[i]
			}
		}
		if got, want := string(appendCSVRow(nil, fields)), csvStd(t, fields); got != want {
			t.Fatalf("%q: got %q, want %q", fields, got, want)
		}
	}
}

func FuzzCSVRow(f *testing.F) {
	for _, s := range []string{"", `\.`, " lead", "a,b", `say "x"`, "line\r\nbreak", "\u3000ideographic"} {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		fields := []string{a, b}
		if got, want := string(appendCSVRow(nil, fields)), csvStd(t, fields); got != want {
			t.Fatalf("%q: got %q, want %q", fields, got, want)
		}
	})
}

func BenchmarkCSVRow(b *testing.B) {
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = "doc-" + strings.Repeat("x", i%7) + "-2017"
	}
	rows := map[string][]string{
		"mention": {"doc-000123", "acme-corp", "1234", "1243", "Acme Corp", "ORG"},
		"entity":  {"acme-corp", "Acme Corp", "ORG", "Acme|ACME Corp.", strings.Join(ids, "|"), "12345"},
	}
	for _, name := range []string{"mention", "entity"} {
		row := rows[name]
		b.Run(name+"/appendCSVRow", func(b *testing.B) {
			var buf []byte
			for b.Loop() {
				buf = appendCSVRow(buf[:0], row)
			}
		})
		b.Run(name+"/encoding-csv", func(b *testing.B) {
			var buf bytes.Buffer
			w := csv.NewWriter(&buf)
			for b.Loop() {
				buf.Reset()
				w.Write(row)
				w.Flush()
			}
		})
	}
}
