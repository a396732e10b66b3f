#!/usr/bin/env python3
"""References from a place on JavaScript or TypeScript against TypeScript's language service: precision and
recall of `indexer query refs --at` against the service's references on the same uses.

Samples uses as navigation_ts.py does (seeded), keeps those the service resolves to a definition inside the
tree, and compares the two sets of occurrences (path, line, column). indexer's answers marked `name` (members
whose receiver its rules could not type) are counted apart: precision is over the answers it resolved. Requests
that start at a use indexer's rules do not resolve (a member whose receiver only inference types: `issue.code`
where `issue` is an untyped callback parameter) find nothing from there; they are reported as their own line,
as the navigation table counts them apart.

  references_ts.py --root TREE --indexer BIN --language typescript|javascript [--files 20] [--uses 100] [--seed 1]
"""
import argparse
import collections
import os
import random

from navigation_report import (files_with_uses, indexer_definitions, indexer_references, print_disagreements,
                               print_reference_totals)
from navigation_ts import EXTENSIONS, Oracle, script_files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--language", choices=sorted(EXTENSIONS), required=True)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--uses", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    oracle = Oracle(root)
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)

    shared = ours_total = theirs_total = marked_total = 0
    inferred = [0, 0, 0, 0]  # requests starting at an unresolved use: count, shared, indexer, TypeScript
    skipped = collections.Counter()
    worst = []
    chosen = 0
    for rel, _, _, _ in files_with_uses(root, script_files(root, args.language, rng), 10 * args.files, 1, lambda s: [s]):
        if chosen >= args.files:
            break
        uses = oracle.ask(op="uses", file=rel)
        if len(uses) < per_file:
            continue
        chosen += 1
        for use in rng.sample(uses, per_file):
            line, col, name = use["line"], use["column"], use["name"]
            found = oracle.ask(op="def", file=rel, line=line, column=col)
            if not found.get("targets"):
                skipped["definition outside the tree or unresolved"] += 1
                continue
            answer = oracle.ask(op="refs", file=rel, line=line, column=col)
            theirs = {(r["file"], r["line"], r["column"]) for r in answer.get("refs", [])}
            if not theirs:
                skipped["no references from the service"] += 1
                continue
            ours, marked = indexer_references(args.indexer, root, rel, line, col)
            marked_total += marked
            start = indexer_definitions(args.indexer, root, rel, line, col)
            if not start or start[0]["resolution"] == "name":
                inferred[0] += 1
                inferred[1] += len(ours & theirs)
                inferred[2] += len(ours)
                inferred[3] += len(theirs)
            shared += len(ours & theirs)
            ours_total += len(ours)
            theirs_total += len(theirs)
            if ours != theirs:
                worst.append((len(ours ^ theirs), f"{rel}:{line}:{col} `{name}`: indexer {len(ours)}, TypeScript "
                              f"{len(theirs)}, shared {len(ours & theirs)}; e.g. only indexer {sorted(ours - theirs)[:2]}, "
                              f"only TypeScript {sorted(theirs - ours)[:2]}"))
    oracle.close()
    resolved = (shared - inferred[1], ours_total - inferred[2], theirs_total - inferred[3])
    print_reference_totals(f"{args.language} references: {chosen} files (seed {args.seed}), oracle TypeScript language service",
                           "TypeScript", shared, ours_total, theirs_total, marked_total, skipped)
    print(f"from uses indexer resolves: shared {resolved[0]}, indexer {resolved[1]}, TypeScript {resolved[2]}: precision "
          f"{100.0 * resolved[0] / max(resolved[1], 1):.1f}%, recall {100.0 * resolved[0] / max(resolved[2], 1):.1f}%")
    print(f"from {inferred[0]} uses it does not resolve (receivers known only by inference): shared {inferred[1]}, "
          f"indexer {inferred[2]}, TypeScript {inferred[3]}")
    print_disagreements(worst)


if __name__ == "__main__":
    main()
