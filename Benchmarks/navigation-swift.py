#!/usr/bin/env python3
"""Go-to-definition on Swift against sourcekit-lsp: how often indexer's first answer is the compiler's.

The oracle is sourcekit-lsp (from the Swift toolchain) over a SwiftPM package built with its index store
(`swift build --build-tests` writes .build/debug/index/store). Samples identifier uses at random (seeded)
from random .swift files of the package, asks sourcekit-lsp `textDocument/definition` and `indexer query
def PATH:LINE:COL --json` for each, and prints a table by target kind, the answers per request, and the
commonest misses with one real example each. Uses whose definition is outside the package (the standard
library, Foundation, a dependency) are counted apart: no workspace tool can be judged on them.

  navigation-swift.py --root PACKAGE --indexer BIN [--files 40] [--uses 500] [--seed 1] [--misses FILE]
"""
import argparse
import collections
import json
import os
import random
import re
import subprocess
import sys
import threading

from navigation_report import print_report

KEYWORDS = set("""
associatedtype class deinit enum extension fileprivate func import init inout internal let open operator private
precedencegroup protocol public rethrows static struct subscript typealias var break case catch continue default defer
do else fallthrough for guard if in repeat return throw switch where while Any as await false is nil self Self super
throws true try async actor some any package borrowing consuming nonisolated isolated lazy weak unowned mutating
nonmutating override final required convenience dynamic indirect optional get set willSet didSet _ macro
""".split())
DECLARING = {"func", "let", "var", "class", "struct", "enum", "protocol", "typealias", "case", "actor",
             "associatedtype", "extension", "import", "macro", "operator", "precedencegroup"}


def identifiers(source):
    """(line, column, name, previous significant character, previous word) of each identifier outside
    comments and string literals; columns are 1-based bytes (the files sampled are ASCII)."""
    out = []
    i, line, col = 0, 1, 1
    n = len(source)
    prev_char, prev_word = "", ""

    def advance(k):
        nonlocal i, line, col
        for _ in range(k):
            if i < n and source[i] == "\n":
                line, col = line + 1, 1
            else:
                col += 1
            i += 1

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            while i < n and source[i] != "\n":
                advance(1)
        elif source.startswith("/*", i):
            depth = 0
            while i < n:
                if source.startswith("/*", i):
                    depth += 1
                    advance(2)
                elif source.startswith("*/", i):
                    depth -= 1
                    advance(2)
                    if depth == 0:
                        break
                else:
                    advance(1)
        elif c == '"' or (c == "#" and re.match(r'#+"', source[i:])):
            hashes = len(re.match(r'#*', source[i:]).group(0))
            advance(hashes)
            multi = source.startswith('"""', i)
            close = ('"""' if multi else '"') + "#" * hashes
            advance(3 if multi else 1)
            while i < n and not source.startswith(close, i):
                if source[i] == "\\" and hashes == 0:
                    advance(1)
                elif source[i] == "\n" and not multi:
                    break
                advance(1)
            advance(len(close))
            prev_char, prev_word = '"', ""
        elif c.isalpha() or c == "_":
            m = re.match(r'[A-Za-z_][A-Za-z0-9_]*', source[i:])
            word = m.group(0)
            if word not in KEYWORDS and prev_word not in DECLARING and prev_char not in ("@", "#"):
                out.append((line, col, word, prev_char, prev_word))
            prev_char, prev_word = "a", word
            advance(len(word))
        elif c == "`":
            m = re.match(r'`([A-Za-z_][A-Za-z0-9_]*)`', source[i:])
            if m:
                if prev_word not in DECLARING:
                    out.append((line, col + 1, m.group(1), prev_char, prev_word))
                prev_char, prev_word = "a", m.group(1)
                advance(len(m.group(0)))
            else:
                advance(1)
        elif c.isdigit():
            m = re.match(r'[0-9][0-9A-Za-z_.]*', source[i:])
            prev_char, prev_word = "0", ""
            advance(len(m.group(0)))
        elif c.isspace():
            advance(1)
        else:
            prev_char, prev_word = c, ""
            advance(1)
    return out


class LSP:
    """A minimal JSON-RPC client over a server's stdio."""

    def __init__(self, argv, cwd):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.responses = {}
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                header = out.readline()
                if not header:
                    return
                if header in (b"\r\n", b"\n"):
                    break
                if header.lower().startswith(b"content-length:"):
                    length = int(header.split(b":")[1])
            body = json.loads(out.read(length))
            if "id" in body and "method" in body:  # a request from the server: accept it
                self._send({"jsonrpc": "2.0", "id": body["id"], "result": None})
            elif "id" in body:
                with self.cond:
                    self.responses[body["id"]] = body
                    self.cond.notify_all()

    def _send(self, message):
        data = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def request(self, method, params, timeout=60):
        self.next_id += 1
        rid = self.next_id
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.cond:
            self.cond.wait_for(lambda: rid in self.responses, timeout=timeout)
            return self.responses.pop(rid, {}).get("result")

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})


def swift_files(root, rng):
    files = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, fs in os.walk(root)
        if not any(part in d + "/" for part in ("/.build/", "/.indexer/", "/.git/"))
        for f in fs
        if f.endswith(".swift") and f != "Package.swift")
    rng.shuffle(files)
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--sourcekit-lsp", default="sourcekit-lsp")
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    if not os.path.isdir(os.path.join(root, ".build", "debug", "index", "store")):
        sys.exit(f"navigation-swift: {root} has no index store; run `swift build --build-tests` there first")
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)

    server = LSP([args.sourcekit_lsp], root)
    server.request("initialize", {
        "processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {},
        "initializationOptions": {"backgroundIndexing": False}})
    server.notify("initialized", {})

    outlines = {}

    def outline(rel):
        """indexer's outline of a file: symbols by (line of the name) for classifying the oracle's targets."""
        if rel not in outlines:
            result = subprocess.run([args.indexer, "query", "outline", rel, "--json", "--root", root],
                                    capture_output=True, text=True)
            outlines[rel] = [json.loads(l) for l in result.stdout.splitlines() if l.strip()]
        return outlines[rel]

    def classify(use, target):
        line, col, name, prev_char, _ = use
        path, tline, tcol = target
        symbols = [s for s in outline(path) if s["name"] == name and s["line"] <= tline <= s.get("endLine", s["line"])]
        kind = symbols[-1]["kind"] if symbols else None
        if prev_char == ".":
            return "member"
        if kind is None:
            return "local or parameter"
        if kind in ("class", "struct", "enum", "protocol", "actor", "typealias", "associatedtype"):
            return "type"
        if kind in ("method", "property", "case", "initializer", "subscript") or symbols[-1].get("container"):
            return "member (implicit self)"
        return "top-level name"

    table = collections.defaultdict(lambda: [0, 0])
    unjudged = collections.Counter()
    misses = collections.defaultdict(list)
    answers_total = requests = chosen = 0
    for rel in swift_files(root, rng):
        if chosen >= args.files:
            break
        path = os.path.join(root, rel)
        try:
            source = open(path, encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            continue
        if not source.isascii():
            continue
        uses = identifiers(source)
        if len(uses) < per_file:
            continue
        chosen += 1
        uri = "file://" + path
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "swift", "version": 1, "text": source}})
        for use in rng.sample(uses, per_file):
            line, col, name, prev_char, _ = use
            found = server.request("textDocument/definition", {
                "textDocument": {"uri": uri}, "position": {"line": line - 1, "character": col - 1}})
            if isinstance(found, dict):
                found = [found]
            targets = []
            for loc in found or []:
                target_uri = loc.get("uri") or loc.get("targetUri", "")
                rng_ = loc.get("range") or loc.get("targetSelectionRange")
                target_path = os.path.realpath(target_uri.replace("file://", ""))
                if target_path.startswith(root + os.sep) and "/.build/" not in target_path:
                    targets.append((os.path.relpath(target_path, root), rng_["start"]["line"] + 1, rng_["start"]["character"] + 1))
            if not targets:
                unjudged["outside the package or unresolved by sourcekit-lsp" if not found else "outside the package"] += 1
                continue
            kind = classify(use, targets[0])
            result = subprocess.run([args.indexer, "query", "def", f"{rel}:{line}:{col}", "--json", "--root", root],
                                    capture_output=True, text=True)
            lines = [json.loads(l) for l in result.stdout.splitlines() if l.strip()]
            requests += 1
            answers_total += len(lines)
            first = lines[0] if lines else None
            got = (first["path"], first.get("nameLine", first["line"]), first.get("nameColumn", first["column"])) if first else None
            right = got is not None and any(got[0] == t[0] and got[1] == t[1] for t in targets)
            if kind == "member" and (first is None or first["resolution"] == "name"):
                kind = "member, inferred receiver"
            table[kind][1] += 1
            if right:
                table[kind][0] += 1
            else:
                resolution = first["resolution"] if first else "none"
                misses[(kind, resolution)].append(
                    f"{rel}:{line}:{col} `{name}` → indexer {got[0] + ':' + str(got[1]) if got else 'nothing'}"
                    f" ({resolution}), sourcekit-lsp {targets[0][0]}:{targets[0][1]}")
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.request("shutdown", None)
    server.notify("exit", None)

    print_report("swift", chosen, args.seed, table, f"answers per definition request: {answers_total / max(requests, 1):.2f}",
                 unjudged, misses, args.misses, "sourcekit-lsp")

if __name__ == "__main__":
    main()
