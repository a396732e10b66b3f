#!/usr/bin/env python3
"""References from a place on C and C++ against clangd: precision and recall of `indexer query refs --at`
against clangd's `textDocument/references` (its background index over the whole tree) on the same uses.

Samples uses as navigation_c.py does (seeded), keeps those clangd resolves to a definition inside the tree,
and compares the two sets of occurrences (path, line, column), declarations included on both sides.
indexer's answers marked `name` (members whose receiver its rules could not type) are counted apart:
precision is over the answers it resolved.

  references_c.py --root TREE --indexer BIN [--language c|cpp] [--flags "…"] [--no-auto-includes]
                  [--exclude DIR] [--files 20] [--uses 100] [--seed 1]
"""
import argparse
import collections
import os
import random
import sys
import urllib.parse

from navigation_c import (HEADERS, SOURCES, excluded, identifiers, start_clangd, tree_files, write_compile_commands)
from navigation_report import ReferenceTally, files_with_uses, indexer_references, lsp_locations


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--language", default="c", choices=["c", "cpp"])
    ap.add_argument("--flags", default="")
    ap.add_argument("--no-auto-includes", action="store_true")
    ap.add_argument("--exclude", action="append", default=[])
    ap.add_argument("--clangd", default="clangd")
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--uses", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--index-timeout", type=int, default=1800)
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    print(f"compile_commands.json: {write_compile_commands(root, args.language, args.flags, args.exclude, not args.no_auto_includes)}"
          " files", file=sys.stderr)
    server = start_clangd(root, args.clangd, args.index_timeout)
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)

    def inside(locations):
        return set(lsp_locations(locations, root)[0])

    tally = ReferenceTally("clangd")
    skipped = collections.Counter()
    chosen = 0
    sampled = [f for f in tree_files(root, SOURCES[args.language] + HEADERS, rng) if not excluded(f, args.exclude)]
    language_id = "c" if args.language == "c" else "cpp"
    for rel, path, source, uses in files_with_uses(root, sampled, args.files, per_file,
                                                   lambda s: identifiers(s) if s.isascii() else []):
        chosen += 1
        uri = "file://" + urllib.parse.quote(path)
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": source}})
        for line, col, name, _ in rng.sample(uses, per_file):
            position = {"textDocument": {"uri": uri}, "position": {"line": line - 1, "character": col - 1}}
            found = server.request("textDocument/definition", position, timeout=120)
            if not inside(found):
                skipped["definition outside the tree or none"] += 1
                continue
            theirs = inside(server.request("textDocument/references", dict(position, context={"includeDeclaration": True}),
                                           timeout=120))
            if not theirs:
                skipped["clangd has no references"] += 1
                continue
            ours, marked = indexer_references(args.indexer, root, rel, line, col)
            tally.add(f"{rel}:{line}:{col} `{name}`", ours, marked, theirs)
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.request("shutdown", None)
    server.notify("exit", None)
    tally.report(f"{args.language} references: {chosen} files (seed {args.seed}), oracle clangd", skipped)

if __name__ == "__main__":
    main()
