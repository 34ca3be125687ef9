#!/usr/bin/env bash
# Benchmark of casefile's browser search at several corpus sizes, with the
# method of shared/bench/peers (same corpus generator, same queries, same
# loopback server and Chromium flags). Prints, per N: the export's wall time,
# peak RSS (GNU time -v) and bytes; first results; cold and warm latency per
# query (median, p95, max); bytes per query. With --pagefind, and if
# shared/bench/peers/setup.sh has installed Hugo and Pagefind, also runs the
# peer harness on the same corpus so the two can be read side by side.
#
# With --casefile, the site is built by `casefile build` (the real pipeline:
# extraction, entities, pages and this export) instead of the stand-in that
# indexes the corpus and exports only the search files; the RSS is then the
# whole build's.
#
# With --incremental, times the export after one-document changes instead
# (bench/export -incremental: a full export through site.Output with a cache,
# then nothing changed, one document changed, one added, one deleted).
#
# Usage: index/websearch/bench/run.sh [--reps 3] [--pagefind] [--casefile] [--incremental] [N...]   (default N: 1000 10000 50000)
# Outputs under $WS_BENCH (default /tmp/ws-bench/N); corpora under
# $BENCH_CORPUS (default /tmp/bench-corpus/N, shared with the peer harness).
# Run one benchmark at a time on a 2-core machine.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
SHARED="${SHARED:-$REPO/../shared}"
TOOLS="${BENCH_TOOLS:-/tmp/bench-tools}"
CORPORA="${BENCH_CORPUS:-/tmp/bench-corpus}"
OUT="${WS_BENCH:-/tmp/ws-bench}"
REPS=3 PAGEFIND=0 CASEFILE=0 INCREMENTAL=0 NS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --pagefind) PAGEFIND=1; shift ;;
    --casefile) CASEFILE=1; shift ;;
    --incremental) INCREMENTAL=1; shift ;;
    *) NS+=("$1"); shift ;;
  esac
done
[ ${#NS[@]} -gt 0 ] || NS=(1000 10000 50000)
export PATH="/usr/local/go/bin:$PATH"
GEN="$SHARED/bench/gen-corpus.mjs"
[ -f "$GEN" ] || GEN="$HERE/../testdata/gen-corpus.mjs"

if [ ! -d "$TOOLS/node_modules/playwright-core" ]; then
  mkdir -p "$TOOLS" && (cd "$TOOLS" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund playwright-core@1.65.1 >/dev/null)
fi
mkdir -p "$OUT"
(cd "$REPO" && go build -o "$OUT/export" ./index/websearch/bench/export)
[ "$CASEFILE" = 0 ] || (cd "$REPO" && go build -o "$OUT/casefile" ./cmd/casefile)

for N in "${NS[@]}"; do
  C="$CORPORA/$N" R="$OUT/$N"
  mkdir -p "$R"
  [ -f "$C/queries.json" ] || node "$GEN" "$N" "$C" >/dev/null
  if [ "$CASEFILE" = 1 ]; then
    echo "== [$N] casefile build"
    rm -rf "$R/cf"
    mkdir -p "$R/cf"
    /usr/bin/time -v -o "$R/time-casefile.txt" "$OUT/casefile" build -corpus "$C/content" -out "$R/cf/public" -build "$R/cf/build" 2>&1 | tail -n 2
    grep -E "Maximum resident|Elapsed" "$R/time-casefile.txt"
    du -s --apparent-size -B1 "$R/cf/public/search" | awk '{printf "search files: %.1f MiB\n", $1/1048576}'
    echo "== [$N] search in headless Chromium (reps $REPS)"
    BENCH_TOOLS="$TOOLS" node "$HERE/search-bench.mjs" "$N" --reps "$REPS" --site "$R/cf/public" --queries "$C/queries.json" --out "$R/search-casefile.json" | tee "$R/search-casefile.txt" | sed -n '1,60p'
    continue
  fi
  echo "== [$N] index (bleve, batches of 1000, not merged)"
  "$OUT/export" -corpus "$C" -index "$R/index" -index-only
  if [ "$INCREMENTAL" = 1 ]; then
    echo "== [$N] incremental export (through site.Output, with a cache)"
    rm -rf "$R/inc" "$R/inc.work"
    "$OUT/export" -incremental -corpus "$C" -index "$R/index" -out "$R/inc"
    rm -rf "$R/inc" "$R/inc.work"
    continue
  fi
  echo "== [$N] export"
  rm -rf "$R/site"
  /usr/bin/time -v -o "$R/time-export.txt" "$OUT/export" -corpus "$C" -index "$R/index" -out "$R/site" > "$R/export.json"
  node -e '
    const fs = require("fs"), [r] = process.argv.slice(1);
    const e = JSON.parse(fs.readFileSync(r + "/export.json", "utf8")), t = fs.readFileSync(r + "/time-export.txt", "utf8");
    const rss = +/Maximum resident set size \(kbytes\): (\d+)/.exec(t)[1], wall = /Elapsed \(wall clock\) time.*: (.*)/.exec(t)[1];
    console.log(JSON.stringify({ export_wall: wall, export_peak_rss_mib: +(rss / 1024).toFixed(1), files: e.files,
      index_mib: +(e.bytes / 1048576).toFixed(1), index_mib_without_text: +((e.bytes - e.kinds.text[1]) / 1048576).toFixed(1),
      terms: e.terms, kinds_kib: Object.fromEntries(Object.entries(e.kinds).map(([k, v]) => [k, [v[0], +(v[1] / 1024).toFixed(0)]])) }));
  ' "$R"
  echo "== [$N] search in headless Chromium (reps $REPS)"
  BENCH_TOOLS="$TOOLS" node "$HERE/search-bench.mjs" "$N" --reps "$REPS" --site "$R/site" --queries "$C/queries.json" --out "$R/search.json" | tee "$R/search.txt" | sed -n '1,60p'
  if [ "$PAGEFIND" = 1 ] && [ -x "$TOOLS/node_modules/@pagefind/linux-x64/bin/pagefind_extended" ] && command -v hugo >/dev/null; then
    echo "== [$N] Pagefind peer (shared/bench/peers)"
    BENCH_TOOLS="$TOOLS" bash "$SHARED/bench/peers/build.sh" "$N" | tail -n 20
    BENCH_TOOLS="$TOOLS" node "$SHARED/bench/peers/search-bench.mjs" "$N" --reps "$REPS" | sed -n '1,40p'
  fi
done
