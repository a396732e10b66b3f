#!/usr/bin/env python3
"""References from a place on Rust against rustc: precision and recall of `indexer query refs --at` against every
use rustc links to the same definition (Benchmarks/rust_oracle/rust_oracle.py, nightly rustdoc's link pages).

Samples uses as navigation_rust.py does (seeded), keeps those whose definition is in a documented crate, and
compares the two sets of occurrences (path, line, column): rustc's are its uses linked to that definition plus
the defining name (the first whole-word match of the name on the definition's line). indexer's answers marked
`name` (members whose receiver its rules could not type) are counted apart: precision is over the answers it
resolved. Where rustdoc links nothing at all (a path's leading segments, most macro arguments) it says nothing,
and indexer's occurrences there are counted apart. Only files rustdoc documented are compared (a package's tests, examples and benches are other
crates, not compiled here).

  references_rust.py --root TREE --crate FOLDER:NAME:EDITION[:FLAG=VALUE...] ... --indexer BIN [--files 20] [--uses 100] [--seed 1]
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess

from navigation_report import ReferenceTally, indexer_references


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--crate", action="append", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--uses", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    here = os.path.dirname(os.path.abspath(__file__))
    oracle = subprocess.run(["python3", os.path.join(here, "rust_oracle", "rust_oracle.py"), root] + args.crate,
                            input='{"files": true}\n{"all": true}\n', capture_output=True, text=True, check=True)
    lines = oracle.stdout.splitlines()
    documented = set(json.loads(lines[0]))
    every = json.loads(lines[1])
    by_target = collections.defaultdict(set)
    by_file = collections.defaultdict(list)
    linked = set()
    for use in every:
        by_file[use["file"]].append(use)
        linked.add((use["file"], use["line"], use["column"]))
        t = use.get("target")
        if t:
            by_target[(t["file"], t["line"], use["name"])].add((use["file"], use["line"], use["column"]))

    def defining(t, name):
        text = open(os.path.join(root, t["file"]), encoding="utf-8", errors="replace").read().split("\n")[t["line"] - 1]
        m = re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text)
        return {(t["file"], t["line"], len(text[:m.start()].encode()) + 1)} if m else set()

    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)
    tally = ReferenceTally("rustc")
    skipped = collections.Counter()
    chosen = 0
    files = sorted(documented)
    rng.shuffle(files)
    for rel in files:
        if chosen >= args.files:
            break
        uses = by_file.get(rel, [])
        if len(uses) < per_file:
            continue
        chosen += 1
        for use in rng.sample(uses, per_file):
            t = use.get("target")
            if not t:
                skipped["defined outside the documented crates (std, a dependency)"] += 1
                continue
            theirs = by_target[(t["file"], t["line"], use["name"])] | defining(t, use["name"])
            ours, marked = indexer_references(args.indexer, root, rel, use["line"], use["column"])
            outside = {o for o in ours if o[0] not in documented}
            skipped["indexer's occurrences in files rustdoc did not compile (not compared)"] += len(outside)
            ours -= outside
            # rustdoc links one place per path (its last segment) and nothing in some positions (a path's
            # leading segments, macro arguments, some bounds): where it links nothing it says nothing.
            silent = {o for o in ours - theirs if o not in linked}
            skipped["indexer's occurrences where rustdoc links nothing (a path's leading segment, a macro argument)"] += len(silent)
            ours -= silent
            tally.add(f"{rel}:{use['line']}:{use['column']} `{use['name']}`", ours, marked, theirs)
    tally.report(f"rust references: {chosen} files (seed {args.seed}), oracle rustc", skipped)


if __name__ == "__main__":
    main()
