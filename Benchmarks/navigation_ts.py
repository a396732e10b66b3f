#!/usr/bin/env python3
"""Go-to-definition on JavaScript or TypeScript against TypeScript's language service: how often indexer's first
answer is the compiler's.

The oracle is typescript_oracle.js (Debian's node-typescript, one program over every script of the tree with
allowJs). Samples identifier uses at random (seeded) from random files of the language, asks the oracle and
`indexer query def PATH:LINE:COL --json` for each, and prints a table by target kind, the answers per
request, and the commonest misses with one real example each. Uses whose definition is outside the tree
(lib.d.ts, a package) are counted apart: no workspace tool can be judged on them.

  navigation_ts.py --root TREE --indexer BIN --language typescript|javascript [--files 40] [--uses 500]
                   [--seed 1] [--misses FILE]
"""
import argparse
import json
import os
import random
import subprocess

from navigation_report import Tally, files_with_uses, indexer_definitions, name_position

EXTENSIONS = {"typescript": (".ts", ".tsx", ".mts", ".cts"), "javascript": (".js", ".jsx", ".mjs", ".cjs")}
TYPE_KINDS = {"class", "interface", "type", "enum", "module", "alias"}
MEMBER_KINDS = {"property", "method", "getter", "setter", "enum member", "constructor"}


class Oracle:
    """typescript_oracle.js over one tree, one request per line."""

    def __init__(self, root):
        here = os.path.dirname(os.path.abspath(__file__))
        self.proc = subprocess.Popen(["node", "--max-old-space-size=4096", os.path.join(here, "typescript_oracle.js"), root],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, **request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def script_files(root, language, rng):
    files = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, fs in os.walk(root)
        if not any(part in d + "/" for part in ("/.indexer/", "/.git/", "/node_modules/"))
        for f in fs
        if f.endswith(EXTENSIONS[language]) and not f.endswith(".min.js"))
    rng.shuffle(files)
    return files


def classify(rel, use, target):
    if use["member"]:
        return "member"
    if target["local"]:
        return "local or parameter"
    if target["kind"] in MEMBER_KINDS:
        return "property (not after .)"
    if target["file"] != rel:
        return "name from another file"
    if target["kind"] in TYPE_KINDS:
        return "type or namespace"
    return "file-level name"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--language", choices=sorted(EXTENSIONS), required=True)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    oracle = Oracle(root)
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)

    tally = Tally()
    chosen = 0
    relatives = script_files(root, args.language, rng)
    for rel, path, source, uses in files_with_uses(root, relatives, args.files, per_file,
                                                   lambda source: [None] * 10_000):
        uses = oracle.ask(op="uses", file=rel)
        if len(uses) < per_file:
            continue
        chosen += 1
        for use in rng.sample(uses, per_file):
            line, col, name = use["line"], use["column"], use["name"]
            found = oracle.ask(op="def", file=rel, line=line, column=col)
            targets = found.get("targets", [])
            if not targets:
                tally.unjudged["outside the tree" if found.get("external") else "unresolved by TypeScript"] += 1
                continue
            kind = classify(rel, use, targets[0])
            answers = indexer_definitions(args.indexer, root, rel, line, col)
            got = name_position(answers[0]) if answers else None
            right = got is not None and any(got[:2] == (t["file"], t["line"]) for t in targets)
            tally.judge(kind, answers, right, f"{rel}:{line}:{col} `{name}`",
                        f"TypeScript {targets[0]['file']}:{targets[0]['line']} ({targets[0]['kind']})")
    oracle.close()
    tally.report(args.language, chosen, args.seed, "TypeScript language service", args.misses)


if __name__ == "__main__":
    main()
