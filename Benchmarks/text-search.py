#!/usr/bin/env python3
"""`indexer query text` (what MCP `search_text` runs) against `grep -rn` over the same files, side by side:
medians of RUNS runs of each, for a literal, a case-blind literal and two regular expressions.

  Benchmarks/text-search.py INDEXER TREE --db DB [--runs 7]

The files grep reads are exactly the index's (their list is passed to grep), so the two do the same work;
the match counts must agree, and the script says so when they do not."""
import argparse
import sqlite3
import statistics
import subprocess
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("indexer")
    p.add_argument("tree")
    p.add_argument("--db", required=True)
    p.add_argument("--runs", type=int, default=7)
    a = p.parse_args()
    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    files = [r[0] for r in db.execute(
        "SELECT path FROM file WHERE status IN ('indexed', 'lossy-utf8', 'extractor-crash', 'extractor-timeout') ORDER BY path")]
    db.close()
    cases = [
        ("literal", ["TestCase"], ["-F", "TestCase"]),
        ("literal, ignoring case", ["testcase", "-i"], ["-F", "-i", "testcase"]),
        ("regex", ["def +assert[A-Z][a-zA-Z]*\\(", "--regex"], ["-E", "def +assert[A-Z][a-zA-Z]*\\("]),
        ("regex anchored", ["^class [A-Z]", "--regex"], ["-E", "^class [A-Z]"]),
    ]
    print(f"{len(files)} files; medians of {a.runs} runs\n")
    print("| search | indexer query text | grep -rn (same files) | ratio | lines (indexer / grep) |")
    print("| --- | ---: | ---: | ---: | --- |")
    for label, ours, theirs in cases:
        mine, grep = [], []
        count_ours = count_grep = 0
        for _ in range(a.runs):
            start = time.perf_counter()
            out = subprocess.run([a.indexer, "query", "text", *ours, "--limit", "10000000", "--db", a.db, "--root", a.tree],
                                 capture_output=True, check=False).stdout
            mine.append(time.perf_counter() - start)
            count_ours = out.count(b"\n")
            start = time.perf_counter()
            out = subprocess.run(["xargs", "-0", "grep", "-n", "-H", *theirs], cwd=a.tree, input="\0".join(files).encode(),
                                 capture_output=True, check=False).stdout
            grep.append(time.perf_counter() - start)
            count_grep = out.count(b"\n")
        m, g = statistics.median(mine) * 1000, statistics.median(grep) * 1000
        agree = "" if count_ours == count_grep else "  **differ**"
        print(f"| {label} | {m:.1f} ms | {g:.1f} ms | {m / g:.2f}× | {count_ours} / {count_grep}{agree} |")


if __name__ == "__main__":
    main()
