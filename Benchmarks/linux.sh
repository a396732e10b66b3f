#!/usr/bin/env bash
# The whole Linux tree, side by side: cold `indexer index` vs `ctags -R` (median wall time of RUNS, peak
# RSS), and the size of each tool's output: the database (references included) vs the ctags tags file
# vs GNU Global's GTAGS+GRTAGS+GPATH. Also prints where indexer's time goes (`index --json` phases).
#
#   Benchmarks/linux.sh             # RUNS=3
#
# Needs the release binary (make build), universal-ctags, global, hyperfine, /usr/bin/time (make bench-deps).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
runs=${RUNS:-3}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
work=$(mktemp -d /tmp/indexer-linux.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
for tool in hyperfine ctags gtags python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool — run 'make bench-deps'" >&2; exit 2; }
done
linux=$("$make_corpus" linux | tail -n 1)
median_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{a/b:.2f}")' "$1" "$2"; }
mb() { python3 -c 'import sys; print(f"{int(sys.argv[1])/1e6:.0f} MB")' "$1"; }
peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; }

echo "corpus: $linux ($(find "$linux" -type f -not -path '*/.git/*' | wc -l) files); $(nproc) cores; indexer $(git -C "$repo" rev-parse --short HEAD)"
hyperfine -N --style none --runs "$runs" --export-json "$work/cold.json" \
  --prepare "rm -f $work/l.sqlite $work/l.sqlite-wal $work/l.sqlite-shm $work/l.tags" \
  "$bin index $linux --db $work/l.sqlite --quiet" \
  "ctags -R -f $work/l.tags $linux" >/dev/null
a=$(median_of "$work/cold.json" 0); b=$(median_of "$work/cold.json" 1)

rm -f "$work"/l.sqlite*
ours_kb=$(peak_kb "$bin" index "$linux" --db "$work/l.sqlite" --quiet)
ctags_kb=$(peak_kb ctags -R -f "$work/l.tags" "$linux")
rm -f "$work"/l.sqlite*
phases=$("$bin" index "$linux" --db "$work/l.sqlite" --json)
db=$(( $(stat -c %s "$work/l.sqlite") + $(stat -c %s "$work/l.sqlite-wal" 2>/dev/null || echo 0) ))
tags=$(stat -c %s "$work/l.tags")
mkdir -p "$work/gtags"
gstart=$(date +%s.%N)
(cd "$linux" && gtags --skip-unreadable "$work/gtags" >/dev/null 2>&1) || true
gend=$(date +%s.%N)
gtags_bytes=$(( $(stat -c %s "$work/gtags/GTAGS") + $(stat -c %s "$work/gtags/GRTAGS") + $(stat -c %s "$work/gtags/GPATH") ))

echo
echo "| measurement | indexer | peer | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
echo "| cold index, linux (median of $runs) | $(printf '%.1f' "$a") s | ctags -R: $(printf '%.1f' "$b") s | $(ratio "$a" "$b") | ≤ 0.50 |"
echo "| peak RSS, cold index | $(mb $((ours_kb * 1000))) | ctags -R: $(mb $((ctags_kb * 1000))) | $(ratio "$ours_kb" "$ctags_kb") | ≤ 0.50 |"
echo "| output size | database $(mb "$db") | GTAGS+GRTAGS+GPATH: $(mb "$gtags_bytes") | $(ratio "$db" "$gtags_bytes") | ≤ 1.00 |"
echo "| output size | database $(mb "$db") | ctags tags file: $(mb "$tags") | $(ratio "$db" "$tags") | (information) |"
echo "| gtags, one run | | $(python3 -c "print(f'{$gend-$gstart:.1f}')") s | | (information) |"
echo
echo "indexer phases (seconds; extract overlaps commit): $(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["phases"], "files", d["files"], "symbols", d["symbols"], "bytesRead", d["bytesRead"])' "$phases")"
"$bin" stats --db "$work/l.sqlite" | sed -n '1,20p'
