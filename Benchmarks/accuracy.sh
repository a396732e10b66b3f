#!/usr/bin/env bash
# Accuracy against Universal Ctags on real code: recall and precision of definitions matched by
# (path, name, line), per language and kind (Benchmarks/accuracy.py says how kinds correspond).
#
#   Benchmarks/accuracy.sh                     # every corpus: python-stdlib, a large subset of linux
#                                              # (LINUX_SUBSET), jdk-modules, rust-crates, node-js, ts-decls, cpp-headers
#   CORPORA="rust-crates node-js" Benchmarks/accuracy.sh
#   SKIP_MINIFIED=1 Benchmarks/accuracy.sh       # leave out minified JavaScript lines (ctags reads them partly)
#   LINUX_SUBSET="." Benchmarks/accuracy.sh    # the whole kernel tree
#
# Needs the release binary (make build) and universal-ctags; node (JS/TS) and clang++ (C++, from the Swift
# toolchain) referee where the two tools disagree, when present (for JS/TS both Babel's parser and TypeScript's,
# from Debian's node-typescript, installed if missing). Misses are written beside the table
# (MISSES_DIR, default /tmp/indexer-accuracy) with real examples for each kind, and NAME.patterns.md there
# lists the 20 commonest shapes of missed and extra lines per language with one real example each.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
make_corpus=${MAKE_CORPUS:-$repo/../shared/corpus/make-corpus}
subset=${LINUX_SUBSET:-"kernel mm fs lib include net drivers/net/ethernet/intel"}
out=${MISSES_DIR:-/tmp/indexer-accuracy}
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }
command -v ctags >/dev/null || { echo "missing ctags — run 'make bench-deps'" >&2; exit 2; }
mkdir -p "$out"

compare() { # NAME DIR CTAGS_LANGUAGES PATHS...
  local name=$1 dir=$2 languages=$3; shift 3
  rm -f "$out/$name.sqlite"* "$out/$name.ctags.json"
  # C and C++ prototypes (declarations without a body, in and out of classes) and extern variable declarations
  # are off in ctags by default; we index them (a method declared in its class, or a variable only a header
  # declares, is what users look up), so both sides are compared with them.
  (cd "$dir" && ctags -R --languages="$languages" --kinds-C=+px --kinds-C++=+px --output-format=json --fields=+neKS \
    -f "$out/$name.ctags.json" "$@")
  local exclude=()
  if [ "$*" != "." ]; then
    # Index only the same folders: everything else at the top level is excluded.
    for entry in "$dir"/*; do
      local base; base=$(basename "$entry"); local keep=0
      for p in "$@"; do [ "${p%%/*}" = "$base" ] && keep=1; done
      [ $keep = 1 ] || exclude+=(--exclude "/$base")
    done
  fi
  "$bin" index "$dir" --db "$out/$name.sqlite" --quiet "${exclude[@]}"
  "$bin" export --format json --db "$out/$name.sqlite" --root "$dir" -o "$out/$name.indexer.json"
  echo "### $name ($*)"
  echo
  local referee="" referee_ts=""
  if [ "$languages" = JavaScript ] || [ "$languages" = TypeScript ]; then
    # Babel's parser, from the node-js corpus, and TypeScript's (Debian's node-typescript) judge where the two
    # disagree (Benchmarks/referee.js, Benchmarks/ts_referee.js).
    if command -v node >/dev/null; then
      local babel; babel="$("$make_corpus" node-js | tail -n 1)/node/@babel/parser/lib/index.js"
      referee="$out/$name.referee.json"
      python3 -c 'import sqlite3, sys
for (p,) in sqlite3.connect(sys.argv[1]).execute("SELECT path FROM file WHERE status IN (\x27indexed\x27, \x27lossy-utf8\x27)"): print(p)' \
        "$out/$name.sqlite" > "$out/$name.paths"
      node "$here/referee.js" "$babel" "$dir" < "$out/$name.paths" > "$referee"
      node -e 'require("/usr/share/nodejs/typescript")' 2>/dev/null || apt-get install -y -q node-typescript >/dev/null \
        || echo "(cannot install node-typescript: TypeScript's parser is left out of the referee)"
      if node -e 'require("/usr/share/nodejs/typescript")' 2>/dev/null; then
        referee_ts="$out/$name.referee-ts.json"
        node "$here/ts_referee.js" "$dir" < "$out/$name.paths" > "$referee_ts"
      fi
    else
      echo "(no node: the parser referee is left out)"
    fi
  fi
  local clang=0 units=""
  if [ "$name" = cpp-headers ] && command -v clang++ >/dev/null; then
    # clang judges C++ disagreements (Benchmarks/clang_referee.py): umbrella headers first, as Eigen's
    # internal headers compile only through them, then each disputed file left on its own.
    clang=1
    units="nlohmann/json.hpp eigen3/Eigen/Eigen $(cd "$dir" && find eigen3/unsupported/Eigen -maxdepth 2 -type f ! -name '*.*' | sort | tr '\n' ' ')"
  fi
  ACCURACY_CLANG=$clang ACCURACY_CLANG_UNITS=$units ACCURACY_CLANG_FLAGS="-std=c++17 -I. -Ieigen3" \
  ACCURACY_REFEREE=$referee ACCURACY_REFEREE_TS=$referee_ts ACCURACY_TREE=$dir ACCURACY_SKIP_MINIFIED=${SKIP_MINIFIED:-0} python3 "$here/accuracy.py" "$out/$name.ctags.json" "$out/$name.indexer.json" "$out/$name.sqlite" "$out/$name.misses.tsv" "$@"
  echo
}

corpora=${CORPORA:-"python-stdlib linux jdk-modules rust-crates node-js ts-decls cpp-headers"}
for corpus in $corpora; do
  case $corpus in
    python-stdlib) compare python-stdlib "$("$make_corpus" python-stdlib | tail -n 1)" Python . ;;
    # shellcheck disable=SC2086
    linux) compare linux "$("$make_corpus" linux | tail -n 1)" C,C++ $subset ;;
    jdk-modules) compare jdk-modules "$("$make_corpus" jdk-modules | tail -n 1)" Java . ;;
    rust-crates) compare rust-crates "$("$make_corpus" rust-crates | tail -n 1)" Rust . ;;
    node-js) compare node-js "$("$make_corpus" node-js | tail -n 1)" JavaScript . ;;
    ts-decls) compare ts-decls "$("$make_corpus" ts-decls | tail -n 1)" TypeScript . ;;
    # ctags reads .h as C++ here (--langmap), as these headers are.
    cpp-headers) compare cpp-headers "$("$make_corpus" cpp-headers | tail -n 1)" C++ . ;;
  esac
done
echo "misses with examples: $out/*.misses.tsv"
