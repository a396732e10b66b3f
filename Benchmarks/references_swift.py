#!/usr/bin/env python3
"""References from a place on Swift against sourcekit-lsp: precision and recall of `indexer query refs --at`
against sourcekit-lsp's `textDocument/references` (the compiler's index store) on the same uses.

Samples uses as navigation_swift.py does (seeded; argument labels left out: they are no occurrence of the
name they label), keeps those sourcekit-lsp resolves to a definition inside the package, and compares the
two sets of occurrences (path, line, column). indexer's answers marked `name` (members whose receiver its
rules could not type) are counted apart: precision is over the answers it resolved.

  references_swift.py --root PACKAGE --indexer BIN [--files 20] [--uses 100] [--seed 1]
"""
import argparse
import collections
import os
import random
import urllib.parse

from navigation_report import ReferenceTally, indexer_references, lsp_locations
from navigation_swift import sampled_swift_files, start_sourcekit_lsp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--sourcekit-lsp", default="sourcekit-lsp")
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--uses", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    server = start_sourcekit_lsp(root, args.sourcekit_lsp, "references_swift")
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)

    def inside(locations):
        return set(lsp_locations(locations, root, keep=lambda p: "/.build/" not in p)[0])

    tally = ReferenceTally("sourcekit-lsp")
    skipped = collections.Counter()
    chosen = 0
    # Argument labels are no occurrence of the name they label: not sampled here.
    for rel, path, source, uses in sampled_swift_files(root, rng, args.files, per_file, lambda use: not use[5]):
        chosen += 1
        uri = "file://" + urllib.parse.quote(path)
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "swift", "version": 1, "text": source}})
        for line, col, name, *_ in rng.sample(uses, per_file):
            position = {"textDocument": {"uri": uri}, "position": {"line": line - 1, "character": col - 1}}
            found = server.request("textDocument/definition", position)
            if not inside(found):
                skipped["definition outside the package"] += 1
                continue
            theirs = inside(server.request("textDocument/references", dict(position, context={"includeDeclaration": True})))
            if not theirs:  # a file the package's build does not compile (a plugin, a tool): no index to ask
                skipped["sourcekit-lsp has no references (file not in the build's index)"] += 1
                continue
            ours, marked = indexer_references(args.indexer, root, rel, line, col)
            tally.add(f"{rel}:{line}:{col} `{name}`", ours, marked, theirs)
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.request("shutdown", None)
    server.notify("exit", None)
    tally.report(f"swift references: {chosen} files (seed {args.seed}), oracle sourcekit-lsp", skipped)

if __name__ == "__main__":
    main()
