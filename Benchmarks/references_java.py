#!/usr/bin/env python3
"""References from a place on Java against javac: precision and recall of `indexer query refs --at` against every
use javac attributes to the same declaration (Benchmarks/java_oracle/JavaOracle.java over the source roots).

Samples uses as navigation_java.py does (seeded), keeps those whose declaration is in the tree (not the JDK, not
a package), and compares the two sets of occurrences (path, line, column): javac's are its uses of that element
plus the declaring name. indexer's answers marked `name` (members whose receiver its rules could not type) are
counted apart: precision is over the answers it resolved.

  references_java.py --root TREE --sources src/main/java --indexer BIN [--files 20] [--uses 100] [--seed 1]
"""
import argparse
import collections
import json
import os
import random
import subprocess

from navigation_java import java_files
from navigation_report import ReferenceTally, indexer_references


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--sources", action="append", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--uses", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    here = os.path.dirname(os.path.abspath(__file__))
    oracle = subprocess.run(["java", os.path.join(here, "java_oracle", "JavaOracle.java"), root] + args.sources,
                            input='{"all": true}\n', capture_output=True, text=True, check=True)
    every = json.loads(oracle.stdout.splitlines()[0])
    by_target = collections.defaultdict(set)
    by_file = collections.defaultdict(list)
    for use in every:
        by_file[use["file"]].append(use)
        t = use.get("target")
        if t and t["kind"] != "package":
            by_target[(t["file"], t["line"], t["column"], use["name"])].add((use["file"], use["line"], use["column"]))
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)
    tally = ReferenceTally("javac")
    skipped = collections.Counter()
    chosen = 0
    for rel in java_files(root, args.sources, rng):
        if chosen >= args.files:
            break
        uses = by_file.get(rel, [])
        if len(uses) < per_file:
            continue
        chosen += 1
        for use in rng.sample(uses, per_file):
            t = use.get("target")
            if not t or t["kind"] == "package":
                skipped["declared outside the tree (the JDK) or a package"] += 1
                continue
            key = (t["file"], t["line"], t["column"], use["name"])
            theirs = by_target[key] | {(t["file"], t["line"], t["column"])}
            ours, marked = indexer_references(args.indexer, root, rel, use["line"], use["column"])
            # javac attributes only the source roots (a tree's tests need their libraries): indexer's answers
            # outside them are neither right nor wrong here.
            outside = {o for o in ours if not any(o[0].startswith(s.rstrip("/") + "/") for s in args.sources)}
            skipped["indexer's occurrences outside the source roots (not compared)"] += len(outside)
            ours -= outside
            tally.add(f"{rel}:{use['line']}:{use['column']} `{use['name']}`", ours, marked, theirs)
    tally.report(f"java references: {chosen} files (seed {args.seed}), oracle javac", skipped)


if __name__ == "__main__":
    main()
