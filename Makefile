# indexer — build, test, demo and benchmarks. Every target installs the Debian packages it needs if missing.
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libsqlite3-dev libzstd-dev pkg-config
# The MCP server links libcurl (Foundation's networking) at release build time.
BUILD_PACKAGES := libcurl4-openssl-dev
BENCH_PACKAGES := universal-ctags global hyperfine time inotify-tools bc
# The release binary is judged on process start (`indexer query`): one fully static executable — the Swift
# runtime, Foundation, SQLite, zstd, libstdc++ and glibc linked in (`-static-executable`; the -dev packages
# ship the .a files) — so the dynamic loader has nothing to load or relocate (a fresh `query symbol` went
# from ~4.1 to ~2.5 ms), non-PIE, and no exported symbols (see Scripts/release-exports.map). Those two link
# flags are the `indexer` and `indexer-extract` targets' own, in release (Package.swift), so that one
# `swift build` builds the three programs together: the MCP server (`indexer mcp` runs the `indexer-mcp`
# beside `indexer`) links Foundation's networking and so libcurl, which has no static build, and is linked
# with the Swift runtime in and glibc/libcurl shared. One build compiles the shared modules once and runs the
# rest beside swift-syntax's long single-threaded optimization. glibc's linker notes about
# getaddrinfo/getpwnam/dlopen in static programs concern Foundation code the tool never calls.
# Its own scratch folder keeps these flags from invalidating the debug build in .build/.
RELEASE_FLAGS := -c release --static-swift-stdlib --scratch-path .build-release
# Those notes (one line each, about 20, and one about Foundation's use of mktemp, which the tool never calls)
# are left out of the build's output so that a first build reads clean;
# every other line, and the build's exit status, pass through.
STATIC_NOTE := in statically linked applications requires at runtime the shared libraries from the glibc version
MKTEMP_NOTE := is dangerous, better use
BIN := .build-release/release/indexer

.PHONY: bench-languages fuzz deps bench-deps test-deps build build-indexer demo test schema bench clean

## deps: the system libraries the package links (SQLite via GRDB, zstd).
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

bench-deps: deps
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

## build: the release `indexer` (with the Swift runtime linked statically, process start ~2 ms instead of
## ~10), its extraction worker `indexer-extract` (the only program that links swift-syntax) and the MCP server
## `indexer-mcp`, side by side in one build.
build: deps
	@missing=""; for p in $(BUILD_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi
	@echo "swift build $(RELEASE_FLAGS)"
	@set -o pipefail; swift build $(RELEASE_FLAGS) 2>&1 | { grep -v -F -e "$(STATIC_NOTE)" -e "$(MKTEMP_NOTE)" || true; }
	@echo "built $(BIN), $(dir $(BIN))indexer-extract and $(dir $(BIN))indexer-mcp"

## build-indexer: the name the demo and the benchmarks' notes used; the same one build.
build-indexer: build

## demo: the quick start — build, index this repository, and ask it something.
demo: build
	$(BIN) index .
	$(BIN) query symbol IndexPipeline
	$(BIN) query symbol xxh64 --fuzzy --limit 3
	$(BIN) query file Sources/IndexerCore/IndexPlan.swift
	$(BIN) stats

## test: unit and integration tests (the integration tests run the built binary on Fixtures/; the front-end
## tests drive it with real LSP/MCP/SCIP clients from PyPI, which test-deps installs).
test: deps test-deps
	swift test

test-deps:
	Scripts/install-test-deps.sh

## schema: regenerate Sources/IndexerStore/Schema+Generated.swift after adding a Schema/NNNN_*.sql migration.
schema:
	Scripts/generate-schema.sh

## bench: the side-by-side benchmarks in Benchmarks/ (builds corpora with ../shared/corpus/make-corpus).
bench: build bench-deps
	Benchmarks/run.sh
	Benchmarks/watch.sh

## bench-languages: accuracy vs ctags, the whole Linux tree vs ctags/GNU Global, pathological inputs, each reader's MB/s.
bench-languages: build bench-deps
	Benchmarks/accuracy.sh
	Benchmarks/linux.sh
	Benchmarks/robustness.sh
	Benchmarks/readers.sh

## fuzz: libFuzzer on every extractor (FUZZ_SECONDS each, default 120).
fuzz:
	Scripts/fuzz.sh

clean:
	rm -rf .build .indexer
