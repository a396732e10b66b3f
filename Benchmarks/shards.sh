#!/usr/bin/env bash
# Scale-out on one machine: a tree indexed as 1, 2 and 4 shards run one after another (each shard's time;
# the projection for N runners is max(shard) + merge), each set merged (time, peak RSS), and the merged
# index compared with one full run by `export --format dump` (sha256 of the whole dump). 8 shards are
# merged once more for the merge's own time and memory. A cold `index` and `ctags -R` run in the same
# script as the peers.
#
#   Benchmarks/shards.sh                 # the Linux tree (make-corpus linux)
#   TREE=python-stdlib Benchmarks/shards.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
tree_name=${TREE:-linux}
work=$(mktemp -d /tmp/indexer-shards.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
command -v ctags >/dev/null || { echo "missing ctags — run 'make bench-deps'" >&2; exit 2; }
src=$("$make_corpus" "$tree_name" | tail -n 1)

# seconds and peak RSS (MB) of one command: "S MB"
measure() {
  /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.1f %d", $1, $2 / 1024 }'
}
digest() { "$bin" export --format dump --db "$1" | sha256sum | cut -c1-16; }

echo "## $tree_name ($src)"
read -r full_s full_mb <<<"$(measure "$bin" index "$src" --db "$work/full.sqlite" --quiet)"
read -r ctags_s ctags_mb <<<"$(measure ctags -R -f "$work/tags" "$src")"
full_digest=$(digest "$work/full.sqlite")
echo "full cold index: ${full_s} s, ${full_mb} MB peak; ctags -R in the same run: ${ctags_s} s, ${ctags_mb} MB"
echo
echo "| shards | each shard (s) | max shard (s) | merge (s) | merge peak RSS (MB) | max + merge | vs full | dump equal |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
for n in ${SHARDS:-1 2 4}; do
  times=()
  files=()
  for k in $(seq 1 "$n"); do
    read -r s _ <<<"$(measure "$bin" index "$src" --shard "$k/$n" --db "$work/s$n-$k.sqlite" --quiet)"
    times+=("$s")
    files+=("$work/s$n-$k.sqlite")
  done
  read -r merge_s merge_mb <<<"$(measure "$bin" merge --db "$work/merged-$n.sqlite" --quiet "${files[@]}")"
  max=$(printf '%s\n' "${times[@]}" | sort -g | tail -n 1)
  equal=$([ "$(digest "$work/merged-$n.sqlite")" = "$full_digest" ] && echo yes || echo NO)
  python3 - "$n" "$max" "$merge_s" "$merge_mb" "$full_s" "$equal" "${times[*]}" <<'PY'
import sys
n, mx, merge, mb, full, equal, times = sys.argv[1:]
total = float(mx) + float(merge)
print(f"| {n} | {times} | {mx} | {merge} | {mb} | {total:.1f} | {total / float(full):.2f}x | {equal} |")
PY
  rm -f "${files[@]}" "$work/merged-$n.sqlite"
done
if [ "${MERGE8:-1}" = 1 ]; then
  files=()
  for k in $(seq 1 8); do
    "$bin" index "$src" --shard "$k/8" --db "$work/s8-$k.sqlite" --quiet 2>/dev/null
    files+=("$work/s8-$k.sqlite")
  done
  read -r merge_s merge_mb <<<"$(measure "$bin" merge --db "$work/merged-8.sqlite" --quiet "${files[@]}")"
  equal=$([ "$(digest "$work/merged-8.sqlite")" = "$full_digest" ] && echo yes || echo NO)
  echo
  echo "merge of 8 shards: ${merge_s} s, peak RSS ${merge_mb} MB; dump equal to the full run: $equal"
fi
