#!/usr/bin/env bash
# Fuzzes every extractor with libFuzzer (+ AddressSanitizer), FUZZ_SECONDS each (default 120).
#
#   Scripts/fuzz.sh              # all languages
#   FUZZ_SECONDS=600 Scripts/fuzz.sh c rust
#
# Seeds are the language fixtures; the growing corpus lives in .build-fuzz/corpus/<language>. An input that
# crashes is saved to Fixtures/fuzz/<language>/ — fix the bug, keep the file: ExtractorRegressionTests
# replays every file there on each `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-120}
languages=("$@")
[ ${#languages[@]} -gt 0 ] || languages=(c cpp go java javascript typescript python rust swift)
swift build --scratch-path .build-fuzz --product indexer-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
bin=.build-fuzz/debug/indexer-fuzz
for language in "${languages[@]}"; do
  corpus=.build-fuzz/corpus/$language
  saved=Fixtures/fuzz/$language
  mkdir -p "$corpus" "$saved"
  case $language in
    typescript) seeds=Fixtures/languages/typescript ;;
    *) seeds=Fixtures/languages/$language ;;
  esac
  [ -d "$seeds" ] && find "$seeds" -name 'input.*' -exec cp {} "$corpus/" \;
  # Seeds that end mid-statement: every fixture cut at ten places.
  [ -d "$seeds" ] && find "$seeds" -name 'input.*' | while read -r f; do
    size=$(wc -c < "$f")
    for k in 1 2 3 4 5 6 7 8 9; do head -c $((size * k / 10)) "$f" > "$corpus/cut$k-$(basename "$f")"; done
  done
  echo "== $language: ${seconds}s"
  INDEXER_FUZZ_LANGUAGE=$language "$bin" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix="$saved/" -print_final_stats=1 "$corpus" "$saved" 2>&1 | grep -E "stat::number_of_executed_units|SUMMARY|ERROR|failed|deadly|Test unit written|timeout" || true
done
