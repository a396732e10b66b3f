#!/usr/bin/env bash
# Go-to-definition against a resolving oracle, per language, on real trees: how often indexer's first
# answer is the oracle's definition, by target kind, with the answers per request and the commonest misses;
# then references from a place (query refs --at) against the oracle's: precision and recall.
#
#   Benchmarks/navigation.sh                  # Python (python-stdlib, jedi), Swift (a SwiftPM package, sourcekit-lsp),
#                                             # TypeScript (ts-decls) and JavaScript (node-js), TypeScript's language service,
#                                             # Go (a copy of GOROOT/src, go/types), C (jq) and C++ (leveldb), clangd,
#                                             # Java (commons-lang's src/main/java, javac)
#                                             # Rust (rust-crates: log, anyhow, bytes, hashbrown, itertools, nom; rustc)
#   SEEDS="1 2 3 4" FILES=40 USES=600 REF_SEEDS="1 2" LANGUAGES="swift" Benchmarks/navigation.sh
#   SWIFT_PACKAGE=/path/to/package TS_TREE=/path/to/ts/project JS_TREE=/path/to/js/project Benchmarks/navigation.sh
#
# Every language resolves. Rust's oracle is rustc itself, read from the source pages nightly rustdoc writes
# with --generate-link-to-definition (Benchmarks/rust_oracle; the nightly toolchain comes from rustup, RUSTDOC
# names another): the crates of make-corpus's rust-crates that build without crates.io, their dependencies
# (either, memchr, minimal-lexical) unpacked from Debian's librust-*-dev packages and compiled with the
# nightly rustc. Java's oracle (Benchmarks/java_oracle/JavaOracle.java, the JDK's source launcher; Debian's
# default-jdk-headless is installed here when javac is missing) attributes every file of JAVA_SOURCES under
# JAVA_TREE in one javac task. Go's oracle (Benchmarks/go_oracle, built with Debian's golang-go, installed here when
# missing) type-checks each sampled file's package from GOROOT, so Go's tree is a copy of GOROOT/src. TypeScript's oracle is typescript_oracle.js over Debian's node-typescript (installed
# here when missing): one program over every script of the tree, so a tree with its own package imports
# (node_modules) is judged only on what resolves inside it.
# Python's corpus comes from ../shared/corpus/make-corpus (cached in ~/.cache/indexer-corpora). Swift's
# oracle needs the package built with its index store: SWIFT_PACKAGE (default: a copy of the
# swift-argument-parser checkout this repository's own build fetched, in /tmp/navigation-swift-package) is
# built once with `swift build --build-tests` (a few minutes on two cores). Uses the release binary when it
# is built (make build-indexer), else the debug one; each run re-indexes the tree so the index matches the
# binary. Misses are written to /tmp/navigation-LANGUAGE-SEED.txt.
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
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")  # the measuring scripts run from Benchmarks/
python3 -c 'import jedi' 2>/dev/null || python3 -m pip install --quiet --break-system-packages 'jedi==0.20.0' \
  || { echo "cannot install jedi (the Python oracle) — pip install jedi" >&2; exit 2; }

languages=${LANGUAGES:-python swift typescript javascript go c cpp java rust}

# measure LANGUAGE NAVIGATION_SCRIPT REFERENCES_SCRIPT TREE USES [EXTRA ARGUMENTS]: index the tree afresh,
# then each seed.
measure() {
  rm -rf "$4/.indexer"
  "$bin" index "$4" --quiet
  for seed in ${SEEDS:-1 2 3}; do
    (cd "$here" && python3 "$2" --root "$4" --indexer "$bin" --seed "$seed" \
      --files "${FILES:-40}" --uses "$5" --misses "/tmp/navigation-$1-$seed.txt" ${6:+$6})
    echo
  done
  for seed in ${REF_SEEDS:-1 2}; do
    (cd "$here" && python3 "$3" --root "$4" --indexer "$bin" --seed "$seed" ${6:+$6})
    echo
  done
}

for language in typescript javascript; do
  [[ " $languages " == *" $language "* ]] || continue
  command -v node >/dev/null || { echo "no node — TypeScript's language service needs it" >&2; exit 2; }
  node -e 'require("/usr/share/nodejs/typescript")' 2>/dev/null || apt-get install -y -q node-typescript >/dev/null \
    || { echo "cannot install node-typescript (the TypeScript/JavaScript oracle)" >&2; exit 2; }
  if [ "$language" = typescript ]; then tree=${TS_TREE:-$("$make_corpus" ts-decls | tail -n 1)}; else tree=${JS_TREE:-$("$make_corpus" node-js | tail -n 1)}; fi
  measure "$language" navigation_ts.py references_ts.py "$tree" "${TS_USES:-600}" "--language $language"
done

if [[ " $languages " == *" go "* ]]; then
  command -v go >/dev/null || apt-get install -y -q golang-go >/dev/null || { echo "cannot install golang-go (Go's oracle)" >&2; exit 2; }
  gosrc=/tmp/navigation-go-src
  if [ ! -d "$gosrc" ]; then
    mkdir -p "$gosrc"
    (cd "$(go env GOROOT)/src" && tar --exclude=testdata -cf - .) | tar -xf - -C "$gosrc"
  fi
  rm -rf "$gosrc/.indexer"
  "$bin" index "$gosrc" --quiet
  for seed in ${SEEDS:-1 2 3}; do
    (cd "$here" && python3 navigation_go.py --root "$gosrc" --indexer "$bin" --seed "$seed" --files "${FILES:-40}" \
      --uses "${GO_USES:-600}" --misses "/tmp/navigation-go-$seed.txt")
    echo
  done
fi

# C and C++: clangd (in the Swift toolchain) with its background index over a compile_commands.json that
# navigation_c.py writes. Default trees: jq (C) and leveldb with googletest in third_party (C++), cloned at
# pinned commits; C_TREE/CPP_TREE with C_FLAGS/CPP_FLAGS take any other tree.
clone_at() {  # URL COMMIT DEST
  [ -d "$3" ] && return 0
  git clone -q "$1" "$3" && git -C "$3" checkout -q "$2" \
    || { rm -rf "$3"; echo "cannot clone $1 — set C_TREE/CPP_TREE to a checkout" >&2; exit 2; }
}
if [[ " $languages " == *" c "* ]]; then
  tree=${C_TREE:-/tmp/navigation-c-jq}
  [ -n "${C_TREE:-}" ] || clone_at https://github.com/jqlang/jq 579e6f76cffd7643ba4002a2c3618a5ea710589a "$tree"
  rm -rf "$tree/.indexer"
  "$bin" index "$tree" --quiet
  for seed in ${SEEDS:-1 2 3}; do
    (cd "$here" && python3 navigation_c.py --root "$tree" --language c --flags "${C_FLAGS:-}" --indexer "$bin" --seed "$seed" \
      --files "${FILES:-30}" --uses "${C_USES:-450}" --misses "/tmp/navigation-c-$seed.txt")
    echo
  done
  for seed in ${REF_SEEDS:-1 2}; do
    (cd "$here" && python3 references_c.py --root "$tree" --language c --flags "${C_FLAGS:-}" --indexer "$bin" --seed "$seed")
    echo
  done
fi
if [[ " $languages " == *" cpp "* ]]; then
  tree=${CPP_TREE:-/tmp/navigation-cpp-leveldb}
  flags=${CPP_FLAGS:-}
  if [ -z "${CPP_TREE:-}" ]; then
    clone_at https://github.com/google/leveldb 78a352f47ed6c1e9d750545e9b242289185b87e1 "$tree"
    clone_at https://github.com/google/googletest 7260682388d493f155be62c3ce2efc7c7a9a3dcf "$tree/third_party/googletest"
    gt=$tree/third_party/googletest
    flags="-DLEVELDB_PLATFORM_POSIX=1 -DHAVE_CRC32C=0 -DHAVE_SNAPPY=0 -DHAVE_ZSTD=0 -DHAVE_FDATASYNC=1 -DHAVE_FULLFSYNC=0
      -DHAVE_O_CLOEXEC=1 -I$gt/googletest/include -I$gt/googlemock/include -I$gt/googletest -I$gt/googlemock"
  fi
  rm -rf "$tree/.indexer"
  "$bin" index "$tree" --quiet
  for seed in ${SEEDS:-1 2 3}; do
    (cd "$here" && python3 navigation_c.py --root "$tree" --language cpp --flags "$flags" --exclude third_party --indexer "$bin" \
      --seed "$seed" --files "${FILES:-40}" --uses "${CPP_USES:-600}" --misses "/tmp/navigation-cpp-$seed.txt")
    echo
  done
  for seed in ${REF_SEEDS:-1 2}; do
    (cd "$here" && python3 references_c.py --root "$tree" --language cpp --flags "$flags" --exclude third_party --indexer "$bin" \
      --seed "$seed")
    echo
  done
fi

if [[ " $languages " == *" java "* ]]; then
  command -v javac >/dev/null || apt-get install -y -q default-jdk-headless >/dev/null \
    || { echo "cannot install a JDK (Java's oracle is javac)" >&2; exit 2; }
  tree=${JAVA_TREE:-/tmp/navigation-java-commons-lang}
  [ -n "${JAVA_TREE:-}" ] || clone_at https://github.com/apache/commons-lang d15939ef4 "$tree"
  rm -rf "$tree/.indexer"
  "$bin" index "$tree" --quiet
  for seed in ${SEEDS:-1 2 3}; do
    (cd "$here" && python3 navigation_java.py --root "$tree" --sources "${JAVA_SOURCES:-src/main/java}" --indexer "$bin" \
      --seed "$seed" --files "${FILES:-40}" --uses "${JAVA_USES:-600}" --misses "/tmp/navigation-java-$seed.txt")
    echo
  done
  for seed in ${REF_SEEDS:-1 2}; do
    (cd "$here" && python3 references_java.py --root "$tree" --sources "${JAVA_SOURCES:-src/main/java}" --indexer "$bin" --seed "$seed")
    echo
  done
fi

if [[ " $languages " == *" rust "* ]]; then
  nightly=$HOME/.rustup/toolchains/nightly-x86_64-unknown-linux-gnu/bin
  if [ -z "${RUSTDOC:-}" ] && [ ! -x "$nightly/rustdoc" ]; then
    rustup toolchain install nightly --profile minimal >/dev/null || { echo "cannot install a nightly rustdoc (Rust's oracle)" >&2; exit 2; }
  fi
  export RUSTDOC=${RUSTDOC:-$nightly/rustdoc}
  rustc_nightly=$(dirname "$RUSTDOC")/rustc
  tree=${RUST_TREE:-$("$make_corpus" rust-crates | tail -n 1)}
  deps=/tmp/navigation-rust-deps
  if [ ! -f "$deps/libminimal_lexical.rlib" ]; then
    rm -rf "$deps"; mkdir -p "$deps/x"
    (cd "$deps" && apt-get download librust-either-dev librust-memchr-dev librust-minimal-lexical-dev >/dev/null 2>&1 \
      || { apt-get update -q >/dev/null 2>&1; apt-get download librust-either-dev librust-memchr-dev librust-minimal-lexical-dev >/dev/null; })
    for d in "$deps"/*.deb; do dpkg -x "$d" "$deps/x"; done
    registry=$deps/x/usr/share/cargo/registry
    "$rustc_nightly" --edition 2018 --crate-type lib --crate-name either "$registry"/either-*/src/lib.rs -o "$deps/libeither.rlib" --cap-lints allow
    "$rustc_nightly" --edition 2018 --crate-type lib --crate-name memchr "$registry"/memchr-*/src/lib.rs --cfg 'feature="std"' \
      -o "$deps/libmemchr.rlib" --cap-lints allow
    "$rustc_nightly" --edition 2018 --crate-type lib --crate-name minimal_lexical "$registry"/minimal-lexical-*/src/lib.rs \
      --cfg 'feature="std"' -o "$deps/libminimal_lexical.rlib" --cap-lints allow
  fi
  export RUST_ORACLE_OUT=/tmp/navigation-rust-oracle
  crates="--crate log-0.4.17:log:2015:cfg=feature=\"std\" --crate anyhow-1.0.69:anyhow:2018:cfg=feature=\"std\"
    --crate bytes-1.2.1:bytes:2018:cfg=feature=\"std\" --crate hashbrown-0.12.3:hashbrown:2021
    --crate itertools-0.10.3:itertools:2018:cfg=feature=\"use_std\":cfg=feature=\"use_alloc\":extern=either=$deps/libeither.rlib
    --crate nom-7.1.1:nom:2018:cfg=feature=\"std\":cfg=feature=\"alloc\":extern=memchr=$deps/libmemchr.rlib:extern=minimal_lexical=$deps/libminimal_lexical.rlib"
  rm -rf "$tree/.indexer"
  "$bin" index "$tree" --quiet
  for seed in ${SEEDS:-1 2 3}; do
    # shellcheck disable=SC2086  # the crate list splits into arguments
    (cd "$here" && python3 navigation_rust.py --root "$tree" $crates --indexer "$bin" --seed "$seed" \
      --files "${FILES:-40}" --uses "${RUST_USES:-1200}" --misses "/tmp/navigation-rust-$seed.txt")
    echo
  done
  for seed in ${REF_SEEDS:-1 2}; do
    # shellcheck disable=SC2086
    (cd "$here" && python3 references_rust.py --root "$tree" $crates --indexer "$bin" --seed "$seed" --uses 200)
    echo
  done
fi

if [[ " $languages " == *" swift "* ]]; then
  package=${SWIFT_PACKAGE:-/tmp/navigation-swift-package}
  if [ -z "${SWIFT_PACKAGE:-}" ] && [ ! -d "$package" ]; then
    checkout=$repo/.build/checkouts/swift-argument-parser
    [ -d "$checkout" ] || { echo "no $checkout — run 'swift build' in the repository first, or set SWIFT_PACKAGE" >&2; exit 2; }
    cp -r "$checkout" "$package"
    rm -rf "$package/.build"
  fi
  if [ ! -d "$package/.build/debug/index/store" ]; then
    (cd "$package" && swift build --build-tests >/dev/null) || { echo "cannot build $package for sourcekit-lsp's index" >&2; exit 2; }
  fi
  measure swift navigation_swift.py references_swift.py "$package" "${SWIFT_USES:-500}"
fi

[[ " $languages " == *" python "* ]] || exit 0
py=$("$make_corpus" python-stdlib | tail -n 1)
measure python navigation.py references.py "$py" "${USES:-600}"
