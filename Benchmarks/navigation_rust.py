#!/usr/bin/env python3
"""Go-to-definition on Rust against rustc: how often indexer's first answer is the compiler's.

The oracle is Benchmarks/rust_oracle/rust_oracle.py: nightly rustdoc's `--generate-link-to-definition`
pages, where rustc's resolver and type checker link each use to its definition. Samples uses at random
(seeded) from random files of the documented crates, asks `indexer query def PATH:LINE:COL --json` for
each, and prints a table by target kind, the answers per request, and the commonest misses. Uses of the
standard library or of crates not documented here have no place in the tree and are not judged.

  navigation_rust.py --root TREE --crate FOLDER:NAME:EDITION[:FLAG=VALUE...] ... --indexer BIN
                     [--files 40] [--uses 600] [--seed 1] [--misses FILE]
"""
import argparse
import json
import os
import subprocess

from navigation_report import judge_line_oracle


def classify(rel, use, target):
    if use["member"]:
        return "member"
    if use["path"]:
        return "path segment"
    if target["kind"] == "local":
        return "local or parameter"
    return "item, same file" if target["file"] == rel else "item, other file"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--crate", action="append", required=True, help="FOLDER:NAME:EDITION[:cfg=…][:extern=NAME=RLIB]")
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    here = os.path.dirname(os.path.abspath(__file__))
    oracle = subprocess.Popen(["python3", os.path.join(here, "rust_oracle", "rust_oracle.py"), root] + args.crate,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    oracle.stdin.write(json.dumps({"files": True}) + "\n")
    oracle.stdin.flush()
    files = json.loads(oracle.stdout.readline())

    def relatives(rng):
        shuffled = list(files)
        rng.shuffle(shuffled)
        return shuffled

    tally, chosen = judge_line_oracle(oracle, relatives, root, args.indexer, args.files, args.uses, args.seed, classify, "rustc",
                                      "the standard library or an undocumented crate (no place in the tree)")
    tally.report("rust", chosen, args.seed, "rustc (rustdoc links)", args.misses)


if __name__ == "__main__":
    main()
