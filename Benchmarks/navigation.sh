#!/usr/bin/env bash
# Go-to-definition against a resolving oracle, per language, on real trees: how often indexer's first
# answer is the oracle's definition, by target kind, with the answers per request and the commonest misses;
# then references from a place (query refs --at) against the oracle's: precision and recall.
#
#   Benchmarks/navigation.sh                  # Python (python-stdlib against jedi), seeds 1 2 3
#   SEEDS="1 2 3 4" FILES=40 USES=600 REF_SEEDS="1 2" Benchmarks/navigation.sh
#
# Only Python resolves today; the other languages have no row yet (issue 21 stays open for them).
# Corpora come from ../shared/corpus/make-corpus (cached in ~/.cache/indexer-corpora). Uses the release
# binary when it is built (make build-indexer), else the debug one; each run re-indexes the tree so the
# index matches the binary. Misses are written to /tmp/navigation-python-SEED.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
bin=${INDEXER:-}
if [ -z "$bin" ]; then
  bin=$repo/.build-release/release/indexer
  [ -x "$bin" ] || bin=$repo/.build/debug/indexer
fi
[ -x "$bin" ] || { echo "no indexer binary — run 'make build-indexer' or 'swift build' first" >&2; exit 2; }
python3 -c 'import jedi' 2>/dev/null || python3 -m pip install --quiet --break-system-packages 'jedi==0.20.0' \
  || { echo "cannot install jedi (the Python oracle) — pip install jedi" >&2; exit 2; }

py=$("$make_corpus" python-stdlib | tail -n 1)
rm -rf "$py/.indexer"
"$bin" index "$py" --quiet
for seed in ${SEEDS:-1 2 3}; do
  python3 "$here/navigation.py" --root "$py" --indexer "$bin" --seed "$seed" \
    --files "${FILES:-40}" --uses "${USES:-600}" --misses "/tmp/navigation-python-$seed.txt"
  echo
done
for seed in ${REF_SEEDS:-1 2}; do
  (cd "$here" && python3 references.py --root "$py" --indexer "$bin" --seed "$seed")
  echo
done
