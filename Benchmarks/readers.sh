#!/usr/bin/env bash
# Each reader's throughput in MB/s on one core (Benchmarks/Sources/reader-throughput): up to MAX_MB of each
# corpus' files read into memory, then extracted in-process RUNS times — definitions, outline and reference
# collection, no I/O, hashing, compression or database. Target (issue 10): ≥ 60 MB/s per core for the
# C-family and Python readers.
#
#   Benchmarks/readers.sh                       # python-stdlib, linux (kernel/ mm/), cpp-headers, jdk-modules,
#                                               # rust-crates, node-js, ts-decls, swift-nio
#   MAX_MB=8 RUNS=3 CORPORA="linux" Benchmarks/readers.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
max_mb=${MAX_MB:-32}
runs=${RUNS:-5}
(cd "$here" && swift build -c release --product reader-throughput >/dev/null)
bin=$here/.build/release/reader-throughput
for corpus in ${CORPORA:-python-stdlib linux cpp-headers jdk-modules rust-crates node-js ts-decls swift-nio}; do
  dir=$("$make_corpus" "$corpus" | tail -n 1)
  # The kernel's core folders: its C is what the target is about, and the whole tree takes minutes to load.
  [ "$corpus" = linux ] && dir="$dir/kernel"
  echo "### $corpus ($dir)"
  echo
  "$bin" "$dir" "$max_mb" "$runs"
  echo
done
