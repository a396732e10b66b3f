#!/usr/bin/env bash
# Benchmarks for `indexer watch`, side by side with GNU Global and inotifywait, medians where repeated.
#
#   Benchmarks/watch.sh            # python-stdlib and swift-nio (copies in /tmp; the corpora stay untouched)
#   BENCH_LINUX=1 Benchmarks/watch.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
edits=${EDITS:-30}
work=$(mktemp -d /tmp/indexer-watch-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
for tool in gtags global inotifywait python3; do command -v "$tool" >/dev/null || { echo "missing $tool — run 'make bench-deps'" >&2; exit 2; }; done
corpus() { "$make_corpus" "$1" | tail -n 1; }
now() { date +%s.%N; }
median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.1f}")' "$@"; }
p95() { python3 -c 'import sys; v=sorted(float(x) for x in sys.argv[1:]); print(f"{v[min(len(v)-1,int(round(0.95*(len(v)-1))))]:.1f}")' "$@"; }
rss_mb() { "$bin" stats --json --root "$1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["service"]["residentBytes"]; print(f"{r/1048576:.1f}")'; }
start_watch() {
  "$bin" watch "$1" >"$work/$(basename "$1").log" 2>&1 &
  pids+=($!)
  until "$bin" stats --json --root "$1" 2>/dev/null | grep -q '"service"'; do sleep 0.05; done
}
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }

# --- save-to-queryable latency vs global -u ---------------------------------------------------------
py="$work/py"; cp -r "$(corpus python-stdlib)" "$py"; rm -rf "$py/.git"
(cd "$py" && gtags -q)
start_watch "$py"
lat=(); glob=()
for i in $(seq 1 "$edits"); do
  target="$py/json/decoder.py"
  t0=$(now); printf '\ndef bench_fn_%s():\n    pass\n' "$i" >> "$target"
  "$bin" query symbol "bench_fn_$i" --sync --root "$py" >/dev/null
  t1=$(now); lat+=("$(python3 -c "print(($t1-$t0)*1000)")")
  g0=$(now); (cd "$py" && global -u); g1=$(now); glob+=("$(python3 -c "print(($g1-$g0)*1000)")")
done
row "save → queryable (python-stdlib, $edits edits)" "p50 $(median "${lat[@]}") ms, p95 $(p95 "${lat[@]}") ms" \
  "global -u: p50 $(median "${glob[@]}") ms" "$(python3 -c "print(f'{$(median "${lat[@]}")/$(median "${glob[@]}"):.2f}')")" "p95 ≤ settle (30) + 15 ms"

# --- a 5,000-file change vs a cold index of those files ------------------------------------------------
mkdir -p "$work/mass-src"
n=0; for f in $(cd "$py" && find . -name '*.py' | sort); do
  d="$work/mass-src/$(dirname "$f")"; mkdir -p "$d"; cp "$py/$f" "$d/"; n=$((n+1)); [ $n -ge 1700 ] && break; done
t0=$(now); for k in 1 2 3; do cp -r "$work/mass-src" "$py/mass$k"; done
"$bin" query symbol __none__ --sync --root "$py" >/dev/null || true; t1=$(now)
files=$(find "$py"/mass1 "$py"/mass2 "$py"/mass3 -name '*.py' | wc -l)
mkdir -p "$work/cold"; for k in 1 2 3; do cp -r "$work/mass-src" "$work/cold/mass$k"; done
c0=$(now); "$bin" index "$work/cold" --db "$work/cold.sqlite" --quiet; c1=$(now)
w=$(python3 -c "print(($t1-$t0))"); c=$(python3 -c "print(($c1-$c0))")
row "$files-file change processed (incl. cp)" "$(python3 -c "print(f'{$w:.2f} s')")" "cold index of those files: $(python3 -c "print(f'{$c:.2f} s')")" "$(python3 -c "print(f'{$w/$c:.2f}')")" "—"
row "watcher RSS, python-stdlib after warm start + edits" "$(rss_mb "$py") MB" "" "" "—"

# --- RSS on swift-nio after warm start and after 10,000 edits ------------------------------------------
nio="$work/nio"; cp -r "$(corpus swift-nio)" "$nio"; rm -rf "$nio/.git"
start_watch "$nio"
warm=$(rss_mb "$nio")
mapfile -t files < <(cd "$nio" && find Sources -name '*.swift' | sort | head -200)
for i in $(seq 1 10000); do printf '// edit %s\n' "$i" >> "$nio/${files[$((i % ${#files[@]}))]}"; done
"$bin" query symbol __none__ --sync --root "$nio" >/dev/null || true
row "watcher RSS, swift-nio" "warm $warm MB; after 10,000 edits $(rss_mb "$nio") MB" "" "" "≤ 40 MB"

# --- watch setup on linux vs inotifywait -r ---------------------------------------------------------
if [ "${BENCH_LINUX:-0}" = 1 ]; then
  linux=$(corpus linux)
  # inotifywait prints "Watches established." once every watch is set up.
  s0=$(now); inotifywait -r -m "$linux" >/dev/null 2>"$work/iw.err" & iw=$!
  until grep -q "Watches established" "$work/iw.err"; do sleep 0.005; done
  s1=$(now); kill $iw || true
  lx="$work/linux.sqlite"
  "$bin" index "$linux" --db "$lx" --quiet
  "$bin" watch "$linux" --db "$lx" >"$work/linux-watch.log" 2>&1 & pids+=($!)
  until grep -q "index up to date" "$work/linux-watch.log"; do sleep 0.05; done
  ms=$(sed -n 's/.*folders in \([0-9]*\) ms.*/\1/p' "$work/linux-watch.log")
  iwms=$(python3 -c "print(int(($s1-$s0)*1000))")
  row "watch setup, linux (all folders)" "$ms ms" "inotifywait -r: $iwms ms" "$(python3 -c "print(f'{$ms/$iwms:.2f}')")" "≤ 1.50"
  row "watcher RSS, linux after warm start" "$("$bin" stats --json --db "$lx" | python3 -c 'import json,sys; r=json.load(sys.stdin)["service"]["residentBytes"]; print(f"{r/1048576:.1f}")') MB" "" "" "≤ 250 MB"
fi

echo "| measurement | indexer watch | peer | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "machine: $(nproc) cores; indexer $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
