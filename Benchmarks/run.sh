#!/usr/bin/env bash
# Side-by-side benchmarks of indexer against its peers on real trees, medians of several runs.
#
#   Benchmarks/run.sh                 # python-stdlib, node-js, ts-decls, rust-crates, swift-nio, swift-syntax
#   RUNS=7 BENCH_LINUX=1 Benchmarks/run.sh   # then every Linux row (Benchmarks/linux.sh; LINUX_RUNS, default 1)
#
# Corpora come from ../shared/corpus/make-corpus (cached in ~/.cache/indexer-corpora). Needs the release
# binary (make build) and universal-ctags, hyperfine, git (make bench-deps). Prints a Markdown table.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
runs=${RUNS:-5}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
work=$(mktemp -d /tmp/indexer-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
for tool in hyperfine ctags readtags git python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool — run 'make bench-deps'" >&2; exit 2; }
done

corpus() { "$make_corpus" "$1" | tail -n 1; }

# median_of JSON INDEX -> median seconds of the INDEX-th command in a hyperfine export
median_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f"{a/b:.2f}")' "$1" "$2"; }
ms() { python3 -c 'import sys; print(f"{float(sys.argv[1])*1000:.1f} ms")' "$1"; }
secs() { python3 -c 'import sys; print(f"{float(sys.argv[1]):.2f} s")' "$1"; }

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }

# --- cold index vs ctags -R (Python) ---------------------------------------------------------------
py=$(corpus python-stdlib)
hyperfine -N --style none --runs "$runs" --export-json "$work/cold-py.json" \
  --prepare "rm -f $work/py.sqlite $work/py.sqlite-wal $work/py.sqlite-shm $work/py.tags" \
  "$bin index $py --db $work/py.sqlite --quiet" \
  "ctags -R --languages=Python -f $work/py.tags $py" >/dev/null
a=$(median_of "$work/cold-py.json" 0); b=$(median_of "$work/cold-py.json" 1)
row "cold index, python-stdlib" "$(secs "$a")" "ctags -R --languages=Python: $(secs "$b")" "$(ratio "$a" "$b")" "≤ 0.70"

# --- cold index vs ctags -R (JavaScript, TypeScript, Rust: the readers also record scopes for resolution) -
for pair in node-js:JavaScript ts-decls:TypeScript rust-crates:Rust; do
  name=${pair%%:*}; lang=${pair#*:}
  src=$(corpus "$name")
  hyperfine -N --style none --runs "$runs" --export-json "$work/cold-$name.json" \
    --prepare "rm -f $work/$name.sqlite $work/$name.sqlite-wal $work/$name.sqlite-shm $work/$name.tags" \
    "$bin index $src --db $work/$name.sqlite --quiet" \
    "ctags -R --languages=$lang -f $work/$name.tags $src" >/dev/null
  a=$(median_of "$work/cold-$name.json" 0); b=$(median_of "$work/cold-$name.json" 1)
  row "cold index, $name" "$(secs "$a")" "ctags -R --languages=$lang: $(secs "$b")" "$(ratio "$a" "$b")" "≤ 0.70"
done

# --- Swift throughput ------------------------------------------------------------------------------
for name in swift-nio swift-syntax; do
  src=$(corpus "$name")
  hyperfine -N --style none --runs "$runs" --export-json "$work/cold-$name.json" \
    --prepare "rm -f $work/$name.sqlite $work/$name.sqlite-wal $work/$name.sqlite-shm" \
    "$bin index $src --db $work/$name.sqlite --quiet" >/dev/null
  t=$(median_of "$work/cold-$name.json" 0)
  bytes=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["bytesRead"])' \
    "$(rm -f "$work/$name.sqlite"*; "$bin" index "$src" --db "$work/$name.sqlite" --json)")
  mbps=$(python3 -c 'import sys; print(f"{int(sys.argv[1])/1e6/float(sys.argv[2]):.1f}")' "$bytes" "$t")
  # Debian's universal-ctags 5.9 has no Swift parser, so there is no peer to time side by side here.
  row "cold index, $name ($(python3 -c "print(f'{$bytes/1e6:.1f}')") MB Swift)" "$(secs "$t") = $mbps MB/s" \
    "(ctags 5.9 has no Swift parser)" "n/a" "≥ 15 MB/s"
done

# --- no-change rerun vs git status ------------------------------------------------------------------
nochange() {
  local name=$1 src=$2
  "$bin" index "$src" --db "$work/$name.sqlite" --quiet
  git -C "$src" status --porcelain >/dev/null
  hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/warm-$name.json" \
    "$bin index $src --db $work/$name.sqlite --quiet" \
    "git -C $src status --porcelain" >/dev/null
  a=$(median_of "$work/warm-$name.json" 0); b=$(median_of "$work/warm-$name.json" 1)
  row "no-change rerun, $name" "$(ms "$a")" "git status: $(ms "$b")" "$(ratio "$a" "$b")" "≤ 1.00"
}
nochange py "$py"

# --- a query from a fresh process vs readtags ---------------------------------------------------------
ctags -R --languages=Python -f "$work/py.tags" "$py"
"$bin" index "$py" --db "$work/py.sqlite" --quiet
hyperfine -N --style none --warmup 20 --runs 300 --export-json "$work/query.json" \
  "$bin query symbol TestCase --db $work/py.sqlite" \
  "readtags -t $work/py.tags TestCase" >/dev/null
a=$(median_of "$work/query.json" 0); b=$(median_of "$work/query.json" 1)
row "query symbol, fresh process (python-stdlib)" "$(ms "$a")" "readtags: $(ms "$b")" "$(ratio "$a" "$b")" "≤ 2 ms"
# Every occurrence of a common name (2,821 in 701 files of python-stdlib); no peer reads this tree's refs alike.
hyperfine -N --style none --warmup 5 --runs 60 --export-json "$work/refs.json" \
  "$bin query refs TestCase --db $work/py.sqlite" >/dev/null
a=$(median_of "$work/refs.json" 0)
row "query refs TestCase, fresh process (python-stdlib)" "$(ms "$a")" "—" "—" "≤ 15 ms"
# References of a common method resolved from its definition (`BytesMut::len`, rust-crates) beside the name
# search for every `len`: what resolution costs a references request.
rc=$(corpus rust-crates)
"$bin" index "$rc" --db "$work/rust-crates.sqlite" --quiet
hyperfine -N --style none --warmup 3 --runs 30 --export-json "$work/refs-at.json" \
  "$bin query refs --at bytes-1.2.1/src/bytes_mut.rs:181:12 --db $work/rust-crates.sqlite --root $rc" \
  "$bin query refs len --db $work/rust-crates.sqlite --root $rc" >/dev/null
a=$(median_of "$work/refs-at.json" 0); b=$(median_of "$work/refs-at.json" 1)
row "query refs --at BytesMut::len, fresh process (rust-crates)" "$(ms "$a")" "query refs len (by name): $(ms "$b")" "$(ratio "$a" "$b")" "≤ 1.00"

# --- the walk alone: WorkspaceScanner vs Foundation's FileManager.enumerator -------------------------
(cd "$here" && swift build -c release --product walk-compare >/dev/null 2>&1) && {
  for name in python-stdlib ${BENCH_LINUX:+linux}; do
    [ "$name" = linux ] && [ "${BENCH_LINUX:-0}" != 1 ] && continue
    out=$("$here/.build/release/walk-compare" "$(corpus "$name")" "$runs")
    s=$(echo "$out" | awk '/^WorkspaceScanner/ {print $2}'); f=$(echo "$out" | awk '/^FileManager/ {print $2}')
    row "walk only, $name" "$s ms" "FileManager.enumerator: $f ms" "$(ratio "$s" "$f")" "faster wins"
  done
}

echo "| measurement (median of $runs; queries of 300) | indexer | peer | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "machine: $(nproc) cores, $(uname -r); indexer $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
if [ "${BENCH_LINUX:-0}" = 1 ]; then
  echo
  RUNS=${LINUX_RUNS:-1} "$here/linux.sh"
fi
