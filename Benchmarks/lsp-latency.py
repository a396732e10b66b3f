#!/usr/bin/env python3
"""Per-request latency of `indexer lsp` on one tree: p50/p95 over a few hundred requests of each kind,
measured from a minimal JSON-RPC client over the server's stdio (the client's own cost is a few µs).

  lsp-latency.py INDEXER ROOT --db DB [--requests N] [--common NAME] [--watch] [--callee PATH:LINE:COL ...]

Targets are drawn from the index itself (seeded, so runs compare): 3-letter workspace/symbol queries from
the names of random definitions, definition requests on identifiers at random reference sites, references
of one common name, documentSymbol of the file with the most definitions, and the call hierarchy (incoming and
outgoing calls) of each `--callee`, subtypes and supertypes of each `--type`. Prints one line per request
kind and the server's resident memory after all of them (VmRSS and VmHWM)."""
import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("indexer")
    p.add_argument("root")
    p.add_argument("--db", required=True)
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--common", required=True, help="a common name for references (e.g. TestCase, task_struct)")
    p.add_argument("--watch", action="store_true", help="let the server run the watcher in-process (default: --no-watch)")
    p.add_argument("--type", action="append", default=[], dest="types",
                   help="PATH:LINE:COL (1-based, UTF-8 columns) of a type: its subtypes and supertypes are timed (repeatable)")
    p.add_argument("--callee", action="append", default=[],
                   help="PATH:LINE:COL (1-based, UTF-8 columns) of a function: its call hierarchy is timed (repeatable)")
    p.add_argument("--only", action="append", default=[], choices=["workspace", "definition", "references", "documentSymbol", "hierarchy"],
                   help="time only these kinds (repeatable; default all; hierarchy: only the --callee and --type ones): for profiling one with perf record -p")
    p.add_argument("--slowest", type=int, default=0, help="also print the N slowest workspace/symbol queries and definition sites")
    a = p.parse_args()
    wants = lambda kind: not a.only or kind in a.only
    root = os.path.realpath(a.root)
    rng = random.Random(20261130)

    db = sqlite3.connect(f"file:{a.db}?mode=ro", uri=True)
    # Drawn by this seeded generator, not SQLite's random(): the same index gives the same requests every run.
    # A symbol is drawn uniformly: a file weighted by its symbol count, then one of its symbols.
    import bisect
    counted = db.execute("SELECT id, path, symbol_count FROM file WHERE status = 'indexed' AND symbol_count > 0 ORDER BY id").fetchall()
    cumulative, total = [], 0
    for _, _, count in counted:
        total += count
        cumulative.append(total)
    queries = []
    while len(queries) < a.requests and total:
        k = rng.randrange(total)
        i = bisect.bisect_right(cumulative, k)
        offset = k - (cumulative[i - 1] if i else 0)
        row = db.execute("SELECT name FROM symbol WHERE file_id = ? ORDER BY ordinal LIMIT 1 OFFSET ?", (counted[i][0], offset)).fetchone()
        if row and len(row[0]) >= 3:
            queries.append(row[0][:3])
    biggest = db.execute("SELECT path FROM file ORDER BY symbol_count DESC LIMIT 1").fetchone()[0]
    files = [counted[rng.randrange(len(counted))][1] for _ in range(a.requests * 3)] if counted else []
    db.close()

    # Definition sites: an identifier on a random line of a random file (read from disk, as an editor would).
    sites = []
    for path in files:
        try:
            lines = open(os.path.join(root, path), "rb").read().split(b"\n")
        except OSError:
            continue
        for _ in range(3):
            n = rng.randrange(len(lines))
            line = lines[n]
            starts = [i for i in range(len(line)) if (line[i:i + 1].isalpha() or line[i:i + 1] == b"_")
                      and (i == 0 or not (line[i - 1:i].isalnum() or line[i - 1:i] == b"_"))]
            if starts:
                sites.append((path, n, rng.choice(starts)))
                break
        if len(sites) >= a.requests:
            break

    args = [a.indexer, "lsp", "--root", root, "--db", a.db] + ([] if a.watch else ["--no-watch"])
    server = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    next_id = [0]

    def request(method, params):
        next_id[0] += 1
        body = json.dumps({"jsonrpc": "2.0", "id": next_id[0], "method": method, "params": params}).encode()
        start = time.perf_counter()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                header += server.stdout.read(1)
            length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
            raw = server.stdout.read(length)
            # Up to the reply's last byte: the server's time and the pipe, not this client's JSON decoding
            # (Python takes ~150 ms to decode a 5 MB documentSymbol reply that the server wrote in ~45 ms).
            elapsed = time.perf_counter() - start
            reply = json.loads(raw)
            if reply.get("id") == next_id[0]:
                return elapsed, reply
            # a notification or a request of the server's (progress): answer requests, skip the rest
            if "method" in reply and "id" in reply:
                ack = json.dumps({"jsonrpc": "2.0", "id": reply["id"], "result": None}).encode()
                server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(ack) + ack)
                server.stdin.flush()

    def uri(path):
        return "file://" + "/".join(__import__("urllib.parse").parse.quote(c) for c in (root + "/" + path).split("/"))

    request("initialize", {"rootUri": uri("")[:-1], "capabilities": {"general": {"positionEncodings": ["utf-8"]}}})
    server.stdin.write(b'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}')
    server.stdin.flush()
    if a.watch:
        time.sleep(2)

    def report(label, samples, results):
        ms = sorted(s * 1000 for s in samples)
        p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
        print(f"{label:<44} n={len(ms):<4} p50 {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   {results}")

    def slowest(timed):
        for t, what in sorted(timed, reverse=True)[:a.slowest]:
            print(f"  {t * 1000:8.2f} ms  {what}")

    samples, hits, timed = [], 0, []
    for q in queries if wants("workspace") else []:
        t, r = request("workspace/symbol", {"query": q})
        samples.append(t)
        hits += len(r.get("result") or [])
        timed.append((t, f"{q!r}: {len(r.get('result') or [])} results"))
    if samples: report("workspace/symbol, 3-letter query", samples, f"{hits / max(1, len(samples)):.0f} results each")
    slowest(timed)

    samples, found, timed = [], 0, []
    for path, line, col in sites if wants("definition") else []:
        t, r = request("textDocument/definition", {"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": col}})
        samples.append(t)
        found += 1 if r.get("result") else 0
        timed.append((t, f"{path}:{line + 1}:{col + 1}: {len(r.get('result') or [])} answers"))
    if samples: report("definition, identifier at a random line", samples, f"{found}/{len(samples)} found")
    slowest(timed)

    # References of the common name, from a place that mentions it.
    proc = None if not wants("references") else subprocess.run([a.indexer, "query", "refs", a.common, "--db", a.db, "--root", root, "--json", "--limit", "1"],
                          capture_output=True, text=True)
    first = json.loads(proc.stdout.splitlines()[0]) if proc else None
    samples, count = [], 0
    for _ in range(max(20, a.requests // 10)) if proc else []:
        t, r = request("textDocument/references", {"textDocument": {"uri": uri(first["path"])},
                       "position": {"line": first["line"] - 1, "character": first["column"] - 1},
                       "context": {"includeDeclaration": True}})
        samples.append(t)
        count = len(r.get("result") or [])
    if samples: report(f"references of {a.common}", samples, f"{count} locations")

    samples, count = [], 0
    for _ in range(max(50, a.requests // 3)) if wants("documentSymbol") else []:
        t, r = request("textDocument/documentSymbol", {"textDocument": {"uri": uri(biggest)}})
        samples.append(t)
        count = len(r.get("result") or [])
    if samples: report(f"documentSymbol of {biggest}", samples, f"{count} top-level symbols")

    # Call hierarchy: prepare at the function, then its incoming and outgoing calls, again and again.
    for place in a.callee:
        path, line, col = place.rsplit(":", 2)
        position = {"line": int(line) - 1, "character": int(col) - 1}
        t, r = request("textDocument/prepareCallHierarchy", {"textDocument": {"uri": uri(path)}, "position": position})
        items = r.get("result") or []
        if not items:
            print(f"call hierarchy at {place}: no function there")
            continue
        for method in ("callHierarchy/incomingCalls", "callHierarchy/outgoingCalls"):
            samples, count = [], 0
            for _ in range(max(20, a.requests // 10)):
                t, r = request(method, {"item": items[0]})
                samples.append(t)
                count = len(r.get("result") or [])
            report(f"{method.split('/')[1]} of {items[0]['name']}", samples, f"{count} {'callers' if 'incoming' in method else 'callees'}")

    for place in a.types:
        path, line, col = place.rsplit(":", 2)
        position = {"line": int(line) - 1, "character": int(col) - 1}
        t, r = request("textDocument/prepareTypeHierarchy", {"textDocument": {"uri": uri(path)}, "position": position})
        items = r.get("result") or []
        if not items:
            print(f"type hierarchy at {place}: no type there")
            continue
        for method in ("typeHierarchy/subtypes", "typeHierarchy/supertypes"):
            samples, count = [], 0
            for _ in range(max(20, a.requests // 10)):
                t, r = request(method, {"item": items[0]})
                samples.append(t)
                count = len(r.get("result") or [])
            report(f"{method.split('/')[1]} of {items[0]['name']}", samples, f"{count} types")

    status = open(f"/proc/{server.pid}/status").read()
    rss = next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS"))
    hwm = next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM"))
    print(f"memory after {next_id[0]} requests: VmRSS {int(rss) // 1024} MB, peak {int(hwm) // 1024} MB "
          f"({'watching in-process' if a.watch else '--no-watch'})")
    request("shutdown", None)
    server.stdin.write(b'Content-Length: 33\r\n\r\n{"jsonrpc":"2.0","method":"exit"}')
    server.stdin.flush()
    server.wait(timeout=60)


if __name__ == "__main__":
    main()
