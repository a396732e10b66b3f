#!/usr/bin/env bash
# What extraction in worker processes costs: a cold index of a corpus (its `indexer-extract` workers) side
# by side with `ctags -R`, hyperfine medians. The CLI has no in-process mode any more (it does not link the
# readers); Benchmarks/reader-throughput times the readers alone, without processes or the database.
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
  -n ctags "ctags -R -f $db.tags $tree"
rm -f "$db" "$db"-wal "$db"-shm "$db.tags"
