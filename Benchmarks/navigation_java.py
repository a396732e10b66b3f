#!/usr/bin/env python3
"""Go-to-definition on Java against javac: how often indexer's first answer is the compiler's.

The oracle is Benchmarks/java_oracle/JavaOracle.java, run with the JDK's source launcher: every .java file
under the source roots is parsed and attributed in one javac task, and every identifier use's element comes
back with the place of its declaring name (Trees.getPath). Samples uses at random (seeded) from random files
of the source roots, asks `indexer query def PATH:LINE:COL --json` for each, and prints a table by target
kind, the answers per request, and the commonest misses. Uses of what no compiled source declares (the JDK,
packages, a record's implicit accessors) have no place in the tree and are not judged.

  navigation_java.py --root TREE --sources src/main/java --indexer BIN [--files 40] [--uses 600] [--seed 1] [--misses FILE]
"""
import argparse
import os
import subprocess

from navigation_report import judge_line_oracle


def java_files(root, sources, rng):
    files = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for source in sources
        for d, _, fs in os.walk(os.path.join(root, source))
        for f in fs
        if f.endswith(".java") and f not in ("module-info.java", "package-info.java"))
    rng.shuffle(files)
    return files


def classify(rel, use, target):
    if target["kind"] == "package":
        return "package name"
    if use["member"]:
        return "member"
    if target["local"]:
        return "local or parameter"
    if target["kind"] in ("class", "interface", "enum", "record", "annotation_type", "type_parameter"):
        return "type"
    if target["file"] != rel:
        return "field or method, other file"
    return "field or method, same file"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--sources", action="append", required=True, help="a source root under --root (repeatable)")
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    here = os.path.dirname(os.path.abspath(__file__))
    oracle = subprocess.Popen(["java", os.path.join(here, "java_oracle", "JavaOracle.java"), root] + args.sources,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    tally, chosen = judge_line_oracle(oracle, lambda rng: java_files(root, args.sources, rng), root, args.indexer, args.files,
                                      args.uses, args.seed, classify, "javac",
                                      "the JDK, a package or an implicit member (no place in the tree)")
    tally.report("java", chosen, args.seed, "javac", args.misses)


if __name__ == "__main__":
    main()
