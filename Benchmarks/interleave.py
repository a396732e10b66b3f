#!/usr/bin/env python3
"""Runs commands interleaved, one run of each in turn, and prints each one's median wall time.

  interleave.py N 'COMMAND A' 'COMMAND B' ...

For A/B comparisons on a shared, noisy machine: hyperfine runs one command's runs back to back, so a noisy
minute lands on one side; here it lands on both. Output is discarded; p25/p75 show the spread."""
import shlex
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: interleave.py N 'COMMAND' ['COMMAND' ...]")
    runs, commands = int(sys.argv[1]), sys.argv[2:]
    times = {c: [] for c in commands}
    for _ in range(runs):
        for c in commands:
            start = time.perf_counter()
            subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[c].append((time.perf_counter() - start) * 1000)
    for c in commands:
        q = statistics.quantiles(times[c], n=4) if runs > 1 else [times[c][0]] * 3
        print(f"{statistics.median(times[c]):8.2f} ms  (p25 {q[0]:.2f}, p75 {q[2]:.2f})  {c}")


if __name__ == "__main__":
    main()
