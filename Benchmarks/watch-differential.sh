#!/usr/bin/env bash
# The watcher's differential test for many seeds: random edits, moves, folder moves out of and into the
# root, symlinks (to /, to an ancestor, two links to one folder), same-tick rewrites and non-UTF-8 names
# while `indexer watch` runs; after each sequence the watcher's index must equal a fresh `indexer index`.
#
#   Benchmarks/watch-differential.sh          # seeds 1...50 (SEEDS=N for more)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-50}
INDEXER_WATCH_SEEDS=$seeds swift test --filter 'WatchCommandTests/randomOperationsMatchAFreshIndex' 2>&1 \
  | grep -E "✘|passed after|failed after" | tail -5
