#!/usr/bin/env python3
"""Go-to-definition on Go against go/types: how often indexer's first answer is the type checker's.

The oracle is go_oracle (Benchmarks/go_oracle, built here with Debian's golang-go): the tree is a copy of
GOROOT/src, each sampled file's package is type-checked from GOROOT with the source importer, and every
identifier use's object position comes back by relative path. Samples uses at random (seeded) from random
non-test .go files, asks `indexer query def PATH:LINE:COL --json` for each, and prints a table by target
kind, the answers per request, and the commonest misses. Uses of builtins (`len`, `int`, `nil`) have no
place in the tree and are not judged.

  navigation_go.py --root TREE --indexer BIN [--files 40] [--uses 600] [--seed 1] [--misses FILE]
"""
import argparse
import os
import subprocess

from navigation_report import judge_line_oracle


def oracle_binary():
    here = os.path.dirname(os.path.abspath(__file__))
    out = "/tmp/indexer-go-oracle"
    subprocess.run(["go", "build", "-o", out, "."], cwd=os.path.join(here, "go_oracle"), check=True)
    return out


def go_files(root, rng):
    files = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, fs in os.walk(root)
        if not any(part in d + "/" for part in ("/.indexer/", "/.git/", "/vendor/", "/testdata/", "/cmd/"))
        for f in fs
        if f.endswith(".go") and not f.endswith("_test.go"))
    rng.shuffle(files)
    return files


def classify(rel, use, target):
    if use["member"]:
        return "member"
    if target["kind"] == "package":
        return "package name"
    if target["local"]:
        return "local or parameter"
    if target["file"] != rel:
        return "package-level, other file"
    return "package-level, same file"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    oracle = subprocess.Popen([oracle_binary(), root], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    tally, chosen = judge_line_oracle(oracle, lambda rng: go_files(root, rng), root, args.indexer, args.files, args.uses,
                                      args.seed, classify, "go/types", "a builtin (no place in the tree)")
    tally.report("go", chosen, args.seed, "go/types", args.misses)


if __name__ == "__main__":
    main()
