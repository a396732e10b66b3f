#!/usr/bin/env bash
# The editor and agent front ends on real trees: `indexer lsp` per-request latency (p50/p95 over a few
# hundred requests of each kind, Benchmarks/lsp-latency.py), its memory after ~1,000 requests, and
# `indexer export --format scip` time and size beside the database, with `ctags -R` timed in the same run
# as the peer that writes a whole-tree symbol file.
#
#   Benchmarks/frontends.sh                  # python-stdlib
#   BENCH_LINUX=1 Benchmarks/frontends.sh    # and the Linux tree (single runs)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
requests=${REQUESTS:-450}
work=$(mktemp -d /tmp/indexer-frontends.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
for tool in ctags python3; do command -v "$tool" >/dev/null || { echo "missing $tool — run 'make bench-deps'" >&2; exit 2; }; done
corpus() { "$make_corpus" "$1" | tail -n 1; }
seconds() { python3 -c 'import sys,time; t=time.perf_counter(); import subprocess; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(f"{time.perf_counter()-t:.2f}")' "$@"; }
mb() { python3 -c 'import os,sys; print(f"{os.path.getsize(sys.argv[1])/1e6:.1f} MB")' "$1"; }

tree() {
  local name=$1 src=$2 common=$3
  local db=$work/$name.sqlite
  echo "## $name ($src)"
  "$bin" index "$src" --db "$db" --quiet
  echo '```'
  python3 "$here/lsp-latency.py" "$bin" "$src" --db "$db" --requests "$requests" --common "$common"
  python3 "$here/lsp-latency.py" "$bin" "$src" --db "$db" --requests "$requests" --common "$common" --watch | tail -n 1
  echo '```'
  local scip=$work/$name.scip
  local export_s ctags_s
  export_s=$(seconds "$bin" export --format scip --db "$db" --root "$src" -o "$scip")
  ctags_s=$(seconds ctags -R -f "$work/$name.tags" "$src")
  echo "export --format scip: ${export_s} s, $(mb "$scip") (database $(mb "$db")); ctags -R in the same run: ${ctags_s} s"
  local rss
  rss=$( { /usr/bin/time -f '%M' "$bin" export --format scip --db "$db" --root "$src" -o "$scip" 2>&1 >/dev/null; } | tail -n 1)
  echo "export peak RSS: $((rss / 1024)) MB"
  echo
}

[ "${SKIP_PYTHON:-0}" = 1 ] || tree python-stdlib "$(corpus python-stdlib)" TestCase
if [ "${BENCH_LINUX:-0}" = 1 ]; then
  tree linux "$(corpus linux)" task_struct
fi
