# casefile: `make` builds the site from corpus/ into public/; `make test` tests everything.
# Go is expected at /usr/local/go/bin (put first so a distribution's older go is not used).
export PATH := /usr/local/go/bin:$(PATH)

GO       ?= go
BIN      := bin/casefile
CORPUS   ?= corpus
OUT      ?= public
BUILD    ?= build
ADDR     ?= 127.0.0.1:8080
# Evaluation and training data (never in the repository): see README "Quality".
EVAL_DIR ?= /tmp/eval

.PHONY: all site test fuzz serve clean bench bench-search model eval casefile browser

all: site

casefile:
	$(GO) build -o $(BIN) ./cmd/casefile

# The site. casefile itself decides what is up to date (cached analyses, an
# incremental index, unchanged files kept), so this always runs it.
site: casefile
	$(BIN) build -corpus $(CORPUS) -out $(OUT) -build $(BUILD)

test: browser
	$(GO) vet ./...
	$(GO) test ./...
	@$(MAKE) --no-print-directory fuzz

# Every fuzz target, briefly (FUZZTIME each). The corpus of failures found
# lives in each package's testdata/fuzz and runs in every plain go test.
# A count, not a duration: Go 1.26's fuzzing coordinator can fail a target
# with a bare "context deadline exceeded" when a duration runs out while a
# worker is busy (golang/go#75804, fixed in Go 1.27); it did so twice in
# fresh-clone CI runs here. 5000 inputs take 0.2-4 s per target.
FUZZTIME ?= 5000x
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg >/tmp/casefile-fuzz.log 2>&1 || { cat /tmp/casefile-fuzz.log; exit 1; }; \
	  done; \
	done

# The browser tests need Debian's Chromium. Install it when it is missing and
# we can (root with apt-get); otherwise those tests skip and say why.
browser:
	@if [ -x /usr/lib/chromium/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make: installing chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "make: chromium is not installed; browser tests will be skipped (apt-get install chromium)"; fi

serve: site
	$(BIN) serve -addr $(ADDR) -dir $(OUT)

clean:
	rm -rf $(OUT) $(BUILD) bin $(dir $(OUT)).$(notdir $(OUT)).*

# Quality: the official scorer on the development data (never the held-out
# test sets). Get the data first: README, "Quality and speed".
SCORE ?= ../shared/eval/score
eval: casefile
	@test -f $(EVAL_DIR)/conll03-dev.jsonl || { echo "make: no evaluation data in $(EVAL_DIR) (README: Quality and speed)"; exit 1; }
	@mkdir -p $(BUILD)
	@echo "== entities: CoNLL-2003 development split (eng.testa)"
	$(BIN) extract -jsonl < $(EVAL_DIR)/conll03-dev.jsonl > $(BUILD)/eval-conll03-dev.jsonl
	$(SCORE) $(EVAL_DIR)/conll03-dev.jsonl $(BUILD)/eval-conll03-dev.jsonl --types PER,ORG,LOC,MISC
	@echo "== dates: TimeBank + AQUAINT (TempEval-3 training data)"
	cat $(EVAL_DIR)/timebank.jsonl $(EVAL_DIR)/aquaint.jsonl > $(BUILD)/eval-tbaq-gold.jsonl
	$(BIN) extract -jsonl < $(BUILD)/eval-tbaq-gold.jsonl > $(BUILD)/eval-tbaq.jsonl
	$(SCORE) $(BUILD)/eval-tbaq-gold.jsonl $(BUILD)/eval-tbaq.jsonl

# Retrain the entity tagger (extract/ner/model/ner.bin) from CoNLL-2003
# training data (EVAL_DIR, see README) and freely licensed word lists, which
# getdata.sh fetches from Debian and npm into NERDATA. Deterministic.
NERDATA ?= /tmp/nerdata
model:
	@test -f $(EVAL_DIR)/conll03-train.jsonl || { echo "make: no training data in $(EVAL_DIR) (README: Quality and speed)"; exit 1; }
	sh cmd/nertrain/getdata.sh $(NERDATA)
	$(GO) run ./cmd/nertrain -data $(EVAL_DIR) -res $(NERDATA) -out extract/ner/model/ner.bin -dev $(EVAL_DIR)/conll03-dev.jsonl

# Speed and memory. BENCH_SIZES picks the corpus sizes of the build
# benchmark; Hugo + Pagefind run beside it when installed
# (../shared/bench/peers/setup.sh).
BENCH_SIZES ?= 1000,10000,50000
bench: casefile
	@echo "== extraction throughput on one core"
	$(GO) test -run '^$$' -bench 'BenchmarkTag$$' -benchmem -cpu 1 ./extract/ner/ ./extract/timex/
	$(GO) test -run '^$$' -bench 'Benchmark(Annotate|Patterns|Read|DecodeAnalysis)$$' -benchmem -cpu 1 ./extract/
	@if [ -f $(EVAL_DIR)/conll03-dev.jsonl ]; then $(MAKE) --no-print-directory eval; else echo "make: no evaluation data in $(EVAL_DIR): quality scores skipped"; fi
	@echo "== builds: full, no change, one file changed/added/deleted"
	$(GO) run ./cmd/benchbuild -sizes $(BENCH_SIZES) -casefile $(BIN)
	@echo "== entity tagger on generated documents (their many distinct words miss the caches; BenchmarkTag's repeated prose does not)"
	CASEFILE_BENCH_CORPUS=/tmp/casefile-bench/corpus/$$(echo $(BENCH_SIZES) | cut -d, -f1) $(GO) test -run '^$$' -bench 'BenchmarkTagCorpus$$' -cpu 1 ./extract/ner/
	@echo "== browser search: export, first results, latency, bytes per query"
	index/websearch/bench/run.sh --reps 3 $$(echo $(BENCH_SIZES) | tr , ' ')

# The browser search benchmark alone, with Pagefind side by side (after
# ../shared/bench/peers/setup.sh).
bench-search:
	index/websearch/bench/run.sh --reps 3 --pagefind $$(echo $(BENCH_SIZES) | tr , ' ')
