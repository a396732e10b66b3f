#!/usr/bin/env python3
"""References from a place against a resolving oracle: precision and recall of `indexer query refs --at`
against jedi's `get_references` on the same uses.

Python, oracle jedi. Samples uses as navigation.py does (seeded), keeps those jedi resolves to a definition
inside the tree, and compares the two sets of occurrences (path, line, column). indexer's answers marked
`name` (members whose receiver its rules could not type) are counted apart: precision is over the answers
it resolved. A jedi search that takes longer than --timeout seconds is not judged.

  references.py --root TREE --indexer BIN [--files 20] [--uses 120] [--seed 1] [--timeout 20]
"""
import argparse
import collections
import os
import random
import signal

import jedi

from navigation import classify, sampled_uses
from navigation_report import indexer_references, print_disagreements


class Slow(Exception):
    pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--uses", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=20)
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    rng = random.Random(args.seed)
    project = jedi.Project(root, smart_sys_path=False, added_sys_path=[root])

    def alarm(*_):
        raise Slow()

    signal.signal(signal.SIGALRM, alarm)
    per_file = max(1, args.uses // args.files)
    # kind -> [shared, ours resolved, jedi's, ours in files where jedi reports some]
    by_kind = collections.defaultdict(lambda: [0, 0, 0, 0])
    unresolved_marked = 0
    skipped = collections.Counter()
    worst = []
    chosen = 0
    for rel, path, source, uses in sampled_uses(root, rng, args.files, per_file):
        chosen += 1
        script = jedi.Script(source, path=path, project=project)
        for use in uses:
            line, col, name, _ = use
            try:
                found = [d for d in script.goto(line, col, follow_imports=True) if d.module_path and d.line]
                inside = [d for d in found if os.path.realpath(str(d.module_path)).startswith(root + os.sep)]
                if not inside:
                    skipped["definition outside the tree"] += 1
                    continue
                signal.alarm(args.timeout)
                try:
                    refs = script.get_references(line, col, include_builtins=False)
                finally:
                    signal.alarm(0)
            except Slow:
                skipped[f"jedi slower than {args.timeout} s"] += 1
                continue
            except Exception:
                skipped["jedi error"] += 1
                continue
            theirs = set()
            for r in refs:
                if r.module_path is None or r.line is None:
                    continue
                p = os.path.realpath(str(r.module_path))
                if p.startswith(root + os.sep):
                    theirs.add((os.path.relpath(p, root), r.line, r.column + 1))
            ours, marked = indexer_references(args.indexer, root, rel, line, col + 1)
            unresolved_marked += marked
            kind = classify(use, inside[0], path)
            row = by_kind[kind]
            row[0] += len(ours & theirs)
            row[1] += len(ours)
            row[2] += len(theirs)
            # jedi stops searching after a few dozen files: an answer in a file it never reports is unverified.
            row[3] += len([o for o in ours if o[0] in {t[0] for t in theirs}])
            if ours != theirs:
                worst.append((len(ours ^ theirs), f"{rel}:{line}:{col + 1} `{name}` ({kind}): indexer {len(ours)}, jedi "
                              f"{len(theirs)}, shared {len(ours & theirs)}; e.g. only indexer "
                              f"{sorted(ours - theirs)[:2]}, only jedi {sorted(theirs - ours)[:2]}"))
    print(f"python references: {chosen} files (seed {args.seed})")
    print(f"{'target kind':<20} {'shared':>7} {'indexer':>8} {'jedi':>7} {'precision':>10} {'recall':>8} {'precision*':>11}")
    total = [0, 0, 0, 0]
    for kind, row in sorted(by_kind.items(), key=lambda kv: -kv[1][2]):
        total = [a + b for a, b in zip(total, row)]
        s, o, t, oin = row
        print(f"{kind:<20} {s:>7} {o:>8} {t:>7} {100.0 * s / max(o, 1):>9.1f}% {100.0 * s / max(t, 1):>7.1f}%"
              f" {100.0 * s / max(oin, 1):>10.1f}%")
    s, o, t, oin = total
    print(f"{'all':<20} {s:>7} {o:>8} {t:>7} {100.0 * s / max(o, 1):>9.1f}% {100.0 * s / max(t, 1):>7.1f}%"
          f" {100.0 * s / max(oin, 1):>10.1f}%")
    print("precision*: over indexer's answers in the files where jedi reports at least one (jedi's project search"
          " stops after a few dozen files)")
    print(f"indexer's occurrences marked name (untyped receivers, not counted above): {unresolved_marked}")
    for reason, n in skipped.most_common():
        print(f"not judged ({reason}): {n}")
    print_disagreements(worst)


if __name__ == "__main__":
    main()
