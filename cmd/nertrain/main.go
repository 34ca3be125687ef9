// Command nertrain trains and evaluates casefile's named-entity tagger
// (package casefile/extract/ner).
//
// Train (writes the model that extract/ner embeds):
//
//	go run ./cmd/nertrain -data /tmp/eval -res /tmp/nerdata -out extract/ner/model/ner.bin
//
// Evaluate (writes predictions in the scorer's JSONL format and prints
// tokens/s measured on one core):
//
//	go run ./cmd/nertrain -eval /tmp/eval/conll03-dev.jsonl -pred /tmp/pred.jsonl
//	/work/shared/eval/score /tmp/eval/conll03-dev.jsonl /tmp/pred.jsonl --types PER,ORG,LOC,MISC
//
// -model FILE evaluates a model file instead of the embedded one. Training is
// deterministic: the same data, resources, flags and seed give the same bytes.
package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"casefile/extract/ner"
)

type jsonEntity struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Text  string `json:"text"`
}

type jsonDoc struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	Entities []jsonEntity `json:"entities"`
}

func main() {
	data := flag.String("data", "/tmp/eval", "directory with conll03-train.jsonl")
	res := flag.String("res", "/tmp/nerdata", "directory with optional extra resources (see extract/ner/README.md); missing files are skipped")
	out := flag.String("out", "extract/ner/model/ner.bin", "model file to write")
	epochs := flag.Int("epochs", 12, "perceptron epochs per stage")
	seed := flag.Int64("seed", 1, "shuffling seed")
	folds := flag.Int("folds", 5, "jackknife folds for first-pass predictions")
	minCount := flag.Int("mincount", 1, "drop features seen fewer times")
	bags := flag.Int("bags", 3, "average the final models over this many shuffles")
	foldBags := flag.Int("foldbags", 1, "average each jackknife model over this many shuffles")
	version := flag.String("version", "ner-v1", "model version string")
	dev := flag.String("dev", "", "after training, evaluate on this JSONL file")
	evalIn := flag.String("eval", "", "evaluate: tag this JSONL file instead of training")
	pred := flag.String("pred", "", "evaluate: write predictions JSONL here")
	modelPath := flag.String("model", "", "evaluate: model file (default: the embedded model)")
	repeat := flag.Int("repeat", 3, "evaluate: timing repetitions (best is reported)")
	flag.Parse()

	if *evalIn != "" {
		t := ner.Default()
		if *modelPath != "" {
			f, err := os.Open(*modelPath)
			check(err)
			t, err = ner.Load(bufio.NewReader(f))
			check(err)
			f.Close()
		}
		check(evaluate(t, *evalIn, *pred, *repeat))
		return
	}

	docs, err := readJSONL(filepath.Join(*data, "conll03-train.jsonl"))
	check(err)
	var tdocs []ner.TrainDoc
	for _, d := range docs {
		td := ner.TrainDoc{Text: d.Text}
		cp := codePointOffsets(d.Text)
		for _, e := range d.Entities {
			td.Spans = append(td.Spans, ner.Span{Start: cp[e.Start], End: cp[e.End], Type: e.Type})
		}
		tdocs = append(tdocs, td)
	}
	tdocs = append(tdocs, boilerplateDocs()...)
	cfg := ner.TrainConfig{Version: *version, Epochs: *epochs, Seed: *seed, Folds: *folds, MinCount: *minCount, Bags: *bags, FoldBags: *foldBags, Log: os.Stderr}
	loadResources(*res, &cfg)
	start := time.Now()
	m, hashes, err := ner.Train(tdocs, cfg)
	check(err)
	var buf bytes.Buffer
	check(m.Write(&buf, hashes))
	check(os.MkdirAll(filepath.Dir(*out), 0o755))
	check(os.WriteFile(*out, buf.Bytes(), 0o644))
	fmt.Fprintf(os.Stderr, "nertrain: wrote %s (%d bytes) in %s\n", *out, buf.Len(), time.Since(start).Round(time.Second))
	if *dev != "" {
		t, err := ner.Load(bytes.NewReader(buf.Bytes()))
		check(err)
		p := *pred
		if p == "" {
			p = filepath.Join(os.TempDir(), "nertrain-dev-pred.jsonl")
		}
		check(evaluate(t, *dev, p, 1))
	}
}

// cpuTime is the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

//go:embed boilerplate.txt
var boilerplate string

// boilerplateDocs are training documents without entities made of web-page
// furniture (see boilerplate.txt).
func boilerplateDocs() []ner.TrainDoc {
	var docs []ner.TrainDoc
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			docs = append(docs, ner.TrainDoc{Text: strings.Join(cur, "\n")})
			cur = nil
		}
	}
	for _, l := range strings.Split(boilerplate, "\n") {
		switch {
		case strings.HasPrefix(l, "#"):
		case strings.TrimSpace(l) == "":
			flush()
		default:
			cur = append(cur, l)
		}
	}
	flush()
	return docs
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func readJSONL(path string) ([]jsonDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 256<<20)
	var docs []jsonDoc
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var d jsonDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// codePointOffsets maps code-point offsets to byte offsets (len = runes+1).
func codePointOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// evaluate tags every document of in, writes predictions to predPath (if
// set), and prints the tagging speed measured on one core.
func evaluate(t *ner.Tagger, in, predPath string, repeat int) error {
	docs, err := readJSONL(in)
	if err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	tokens := 0
	for _, d := range docs {
		tokens += len(ner.Tokenize(d.Text))
	}
	results := make([][]ner.Span, len(docs))
	t.Tag("warm up the word cache")
	best, bestCPU := time.Duration(1<<62), time.Duration(1<<62)
	if repeat < 1 {
		repeat = 1
	}
	for r := 0; r < repeat; r++ {
		runtime.GC()
		start, startCPU := time.Now(), cpuTime()
		for i, d := range docs {
			results[i] = t.Tag(d.Text)
		}
		best = min(best, time.Since(start))
		bestCPU = min(bestCPU, cpuTime()-startCPU)
	}
	// CPU time is reported too: on a shared machine wall time includes waiting.
	fmt.Printf("nertrain: %d docs, %d tokens, %.0f tokens/s on one core (wall clock), %.0f tokens/CPU-second (model %s)\n",
		len(docs), tokens, float64(tokens)/best.Seconds(), float64(tokens)/bestCPU.Seconds(), t.Version())
	if predPath == "" {
		return nil
	}
	f, err := os.Create(predPath)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, d := range docs {
		out := jsonDoc{ID: d.ID, Entities: []jsonEntity{}}
		for _, s := range results[i] {
			out.Entities = append(out.Entities, jsonEntity{
				Start: utf8.RuneCountInString(d.Text[:s.Start]),
				End:   utf8.RuneCountInString(d.Text[:s.End]),
				Type:  s.Type,
				Text:  d.Text[s.Start:s.End],
			})
		}
		if err := enc.Encode(struct {
			ID       string       `json:"id"`
			Entities []jsonEntity `json:"entities"`
		}{out.ID, out.Entities}); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}
