#!/usr/bin/env bash
# The whole Linux tree, side by side: cold `indexer index` vs `ctags -R` (median wall time of RUNS, peak
# RSS), the size of each tool's output (the database, references included, vs the ctags tags file vs GNU
# Global's GTAGS+GRTAGS+GPATH), a no-change rerun vs `git status`, a fresh-process `query symbol` vs
# `readtags`, and `query refs task_struct` vs `global -rx`. Also prints where indexer's time goes
# (`index --json` phases). `BENCH_LINUX=1 Benchmarks/run.sh` runs this after its own rows.
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
for tool in hyperfine ctags readtags gtags global git python3; do
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

# The warm side: a rerun that finds nothing changed, and queries from a fresh process. The corpus is a git
# work tree (make-corpus commits it), so `git status` walks the same files.
"$bin" index "$linux" --db "$work/l.sqlite" --quiet
git -C "$linux" status --porcelain >/dev/null
hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/warm.json" \
  "$bin index $linux --db $work/l.sqlite --quiet" "git -C $linux status --porcelain" >/dev/null
warm_a=$(median_of "$work/warm.json" 0); warm_b=$(median_of "$work/warm.json" 1)
hyperfine -N --style none --warmup 20 --runs 200 --export-json "$work/query.json" \
  "$bin query symbol task_struct --db $work/l.sqlite" "readtags -t $work/l.tags task_struct" >/dev/null
query_a=$(median_of "$work/query.json" 0); query_b=$(median_of "$work/query.json" 1)
# global -rx prints every reference line of task_struct (GRTAGS); query refs prints every occurrence.
hits=$("$bin" query refs task_struct --db "$work/l.sqlite" | wc -l)
global_hits=$(cd "$linux" && GTAGSROOT="$linux" GTAGSDBPATH="$work/gtags" global -rx task_struct | wc -l)
hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/refs.json" \
  "$bin query refs task_struct --db $work/l.sqlite > /dev/null" \
  "cd $linux && GTAGSROOT=$linux GTAGSDBPATH=$work/gtags global -rx task_struct > /dev/null" >/dev/null
refs_a=$(median_of "$work/refs.json" 0); refs_b=$(median_of "$work/refs.json" 1)
ms() { python3 -c 'import sys; print(f"{float(sys.argv[1])*1000:.1f} ms")' "$1"; }

echo
echo "| measurement | indexer | peer | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
echo "| cold index, linux (median of $runs) | $(printf '%.1f' "$a") s | ctags -R: $(printf '%.1f' "$b") s | $(ratio "$a" "$b") | ≤ 0.50 |"
echo "| peak RSS, cold index | $(mb $((ours_kb * 1000))) | ctags -R: $(mb $((ctags_kb * 1000))) | $(ratio "$ours_kb" "$ctags_kb") | ≤ 300 MB, ≤ 0.15 |"
echo "| output size | database $(mb "$db") | GTAGS+GRTAGS+GPATH: $(mb "$gtags_bytes") | $(ratio "$db" "$gtags_bytes") | ≤ 0.60 |"
echo "| output size | database $(mb "$db") | ctags tags file: $(mb "$tags") | $(ratio "$db" "$tags") | (information) |"
echo "| gtags, one run | | $(python3 -c "print(f'{$gend-$gstart:.1f}')") s | | (information) |"
echo "| no-change rerun, linux (median of $runs) | $(ms "$warm_a") | git status: $(ms "$warm_b") | $(ratio "$warm_a" "$warm_b") | ≤ 1.00 |"
echo "| query symbol task_struct, fresh process (median of 200) | $(ms "$query_a") | readtags: $(ms "$query_b") | $(ratio "$query_a" "$query_b") | ≤ 2 ms |"
echo "| query refs task_struct ($hits occurrences; global: $global_hits lines) | $(ms "$refs_a") | global -rx: $(ms "$refs_b") | $(ratio "$refs_a" "$refs_b") | ≤ 1.00 |"
echo
echo "indexer phases (seconds; extract overlaps commit): $(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["phases"], "files", d["files"], "symbols", d["symbols"], "bytesRead", d["bytesRead"])' "$phases")"
"$bin" stats --db "$work/l.sqlite" | sed -n '1,20p'
