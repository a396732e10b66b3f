#!/usr/bin/env python3
"""workspace/symbol in a watching `indexer lsp`: the first search (it needs every distinct name), `w66` after
start-up, and the searches right after a commit that adds a file (lib/zz_stale_probe.c, removed at the end).
A search the first three tiers do not fill reads the whole name catalog; this shows whether it waits for the
catalog of the new generation.

  names-after-commit.py BIN ROOT DB [SETTLE_SECONDS]     # ROOT: a Linux tree (make-corpus linux); DB: its index
"""
import json, os, subprocess, sys, time
bin, root, db = sys.argv[1], sys.argv[2], sys.argv[3]
p = subprocess.Popen([bin, "lsp", "--root", root, "--db", db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
n = [0]
def req(method, params):
    n[0] += 1
    body = json.dumps({"jsonrpc": "2.0", "id": n[0], "method": method, "params": params}).encode()
    t = time.perf_counter()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body); p.stdin.flush()
    while True:
        h = b""
        while not h.endswith(b"\r\n\r\n"): h += p.stdout.read(1)
        raw = p.stdout.read(int(h.split(b"Content-Length:")[1].split(b"\r\n")[0]))
        r = json.loads(raw)
        if r.get("id") == n[0]: return time.perf_counter() - t, r
        if "method" in r and "id" in r:
            ack = json.dumps({"jsonrpc": "2.0", "id": r["id"], "result": None}).encode()
            p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(ack) + ack); p.stdin.flush()
req("initialize", {"rootUri": "file://" + root, "capabilities": {"general": {"positionEncodings": ["utf-8"]}}})
p.stdin.write(b'Content-Length: 52\r\n\r\n{"jsonrpc":"2.0","method":"initialized","params":{}}'); p.stdin.flush()
t, _ = req("workspace/symbol", {"query": "abc"}); print(f"first search (abc): {t*1000:.1f} ms")
time.sleep(float(sys.argv[4]) if len(sys.argv) > 4 else 6)
t, r = req("workspace/symbol", {"query": "w66"}); print(f"after start-up: w66 {t*1000:.1f} ms, {len(r['result'])} results")
probe = os.path.join(root, "lib", "zz_stale_probe.c")
open(probe, "w").write("int w66_fresh_probe(void) { return 0; }\n")
try:
    slowest = 0
    for _ in range(200):
        t, r = req("workspace/symbol", {"query": "w66_fresh"})
        slowest = max(slowest, t)
        if r["result"]: break
        time.sleep(0.05)
    print(f"polling w66_fresh until the commit shows: slowest {slowest*1000:.1f} ms, last {t*1000:.1f} ms")
    t, r = req("workspace/symbol", {"query": "w66"})
    names = [s["name"] for s in r["result"]]
    print(f"right after the commit: w66 {t*1000:.1f} ms, {len(names)} results, new name first: {names[:1]}")
    t, r = req("workspace/symbol", {"query": "w66"}); print(f"next search: w66 {t*1000:.1f} ms")
finally:
    os.remove(probe)
    time.sleep(1.5)
    p.stdin.close(); p.terminate(); p.wait()
