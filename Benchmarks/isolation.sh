#!/usr/bin/env bash
# What extraction in worker processes costs: a cold index of a corpus with workers (the default) and with
# INDEXER_EXTRACT_IN_PROCESS=1 (no isolation), side by side with `ctags -R`, hyperfine medians.
#
#   Benchmarks/isolation.sh [CORPUS]      # default python-stdlib (../shared/corpus/make-corpus builds it)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
corpus=${1:-python-stdlib}
runs=${RUNS:-5}
tree=$("$repo/../shared/corpus/make-corpus" "$corpus")
db=$(mktemp -u /tmp/indexer-isolation.XXXXXX).sqlite
hyperfine -N --runs "$runs" --prepare "rm -f $db $db-wal $db-shm" \
  -n workers "$bin index $tree --db $db --quiet" \
  -n in-process "env INDEXER_EXTRACT_IN_PROCESS=1 $bin index $tree --db $db --quiet" \
  -n ctags "ctags -R -f $db.tags $tree"
rm -f "$db" "$db"-wal "$db"-shm "$db.tags"
