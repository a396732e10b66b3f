#!/usr/bin/env python3
"""documentSymbol of the Linux tree's biggest indexed header, asked N times of one `indexer lsp --no-watch`
after it has settled 3 s (its background name-catalog build done): p50 and p95 from sending to the reply's
last byte. Run it with two binaries in turn to compare them on a noisy machine.

  document-symbol-latency.py BIN N [ROOT] [DB] [FILE]
      # defaults: ~/.cache/indexer-corpora/linux (make-corpus linux), its .indexer/index.sqlite,
      # drivers/gpu/drm/amd/include/asic_reg/gca/gfx_7_2_sh_mask.h (18,417 definitions)
"""
import json, subprocess, sys, time, os, statistics
root = sys.argv[3] if len(sys.argv) > 3 else os.path.expanduser("~/.cache/indexer-corpora/linux")
db = sys.argv[4] if len(sys.argv) > 4 else os.path.join(root, ".indexer", "index.sqlite")
target = sys.argv[5] if len(sys.argv) > 5 else "drivers/gpu/drm/amd/include/asic_reg/gca/gfx_7_2_sh_mask.h"
p = subprocess.Popen([sys.argv[1], "lsp", "--no-watch", "--root", root, "--db", db], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
n=[0]
def req(m, params):
    n[0]+=1; body=json.dumps({"jsonrpc":"2.0","id":n[0],"method":m,"params":params}).encode()
    t=time.perf_counter(); p.stdin.write(b"Content-Length: %d\r\n\r\n"%len(body)+body); p.stdin.flush()
    while True:
        h=b""
        while not h.endswith(b"\r\n\r\n"): h+=p.stdout.read(1)
        raw=p.stdout.read(int(h.split(b"Content-Length:")[1].split(b"\r\n")[0]))
        el=time.perf_counter()-t
        if b'"id":%d'%n[0] in raw[:40] or json.loads(raw).get("id")==n[0]: return el
req("initialize", {"capabilities": {"general": {"positionEncodings": ["utf-8"]}}})
time.sleep(3)
uri = "file://" + root + "/" + target
ts=sorted(req("textDocument/documentSymbol", {"textDocument": {"uri": uri}})*1000 for _ in range(int(sys.argv[2])))
print(sys.argv[1], "p50 %.1f p95 %.1f" % (ts[len(ts)//2], ts[int(len(ts)*0.95)]))
p.stdin.close(); p.kill()
