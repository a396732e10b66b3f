#!/usr/bin/env python3
"""Go-to-definition on Swift against sourcekit-lsp: how often indexer's first answer is the compiler's.

The oracle is sourcekit-lsp (from the Swift toolchain) over a SwiftPM package built with its index store
(`swift build --build-tests` writes .build/debug/index/store). Samples identifier uses at random (seeded)
from random .swift files of the package, asks sourcekit-lsp `textDocument/definition` and `indexer query
def PATH:LINE:COL --json` for each, and prints a table by target kind, the answers per request, and the
commonest misses with one real example each. Uses whose definition is outside the package (the standard
library, Foundation, a dependency) are counted apart: no workspace tool can be judged on them.

  navigation_swift.py --root PACKAGE --indexer BIN [--files 40] [--uses 500] [--seed 1] [--misses FILE]
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
import urllib.parse

from navigation_report import Tally, files_with_uses, indexer_definitions, indexer_outline, lsp_locations, name_position

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
    """(line, column, name, previous significant character, previous word, is an argument label) of each
    identifier outside comments and string literals; columns are 1-based bytes (the files sampled are ASCII).
    A label is a name after `(` or `,` and before `:`."""
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
                rest = source[i + len(word):i + len(word) + 40].lstrip()
                label = prev_char in ("(", ",") and rest.startswith(":") and not rest.startswith("::")
                out.append((line, col, word, prev_char, prev_word, label))
            prev_char, prev_word = "a", word
            advance(len(word))
        elif c == "`":
            m = re.match(r'`([A-Za-z_][A-Za-z0-9_]*)`', source[i:])
            if m:
                if prev_word not in DECLARING:
                    out.append((line, col + 1, m.group(1), prev_char, prev_word, False))
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

    def __init__(self, argv, cwd, on_notification=None):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.on_notification = on_notification
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
            elif self.on_notification:
                self.on_notification(body)

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


def start_sourcekit_lsp(root, binary, tool):
    """sourcekit-lsp on a package whose build wrote its index store, initialized, without background indexing
    (which would build the package again)."""
    if not os.path.isdir(os.path.join(root, ".build", "debug", "index", "store")):
        sys.exit(f"{tool}: {root} has no index store; run `swift build --build-tests` there first")
    server = LSP([binary], root)
    server.request("initialize", {
        "processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {},
        "initializationOptions": {"backgroundIndexing": False}})
    server.notify("initialized", {})
    return server


def sampled_swift_files(root, rng, files, per_file, keep=lambda use: True):
    """(relative path, path, source, uses) for the first `files` readable ASCII .swift files, in `rng`'s
    order, with at least `per_file` identifier uses that `keep` accepts."""
    def uses_of(source):
        return [u for u in identifiers(source) if keep(u)] if source.isascii() else []
    return files_with_uses(root, swift_files(root, rng), files, per_file, uses_of)


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
    server = start_sourcekit_lsp(root, args.sourcekit_lsp, "navigation_swift")
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)

    def outline(rel):
        return indexer_outline(args.indexer, root, rel)

    def classify(use, target):
        line, col, name, prev_char, _, label = use
        if label:
            return "argument label"
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

    tally = Tally()
    guess_ranks = collections.Counter()  # for guesses, where the oracle's answer stood among them (0: absent)
    chosen = 0
    for rel, path, source, uses in sampled_swift_files(root, rng, args.files, per_file):
        chosen += 1
        uri = "file://" + urllib.parse.quote(path)
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "swift", "version": 1, "text": source}})
        for use in rng.sample(uses, per_file):
            line, col, name = use[:3]
            found = server.request("textDocument/definition", {
                "textDocument": {"uri": uri}, "position": {"line": line - 1, "character": col - 1}})
            targets = lsp_locations(found, root, keep=lambda p: "/.build/" not in p)[0]
            if not targets:
                tally.unjudged["outside the package or unresolved by sourcekit-lsp" if not found else "outside the package"] += 1
                continue
            kind = classify(use, targets[0])
            answers = indexer_definitions(args.indexer, root, rel, line, col)
            if not answers or answers[0]["resolution"] == "name":
                ranks = [k for k, a in enumerate(answers) if any(name_position(a)[:2] == t[:2] for t in targets)]
                guess_ranks[ranks[0] + 1 if ranks else 0] += 1
            got = name_position(answers[0]) if answers else None
            right = got is not None and any(got[:2] == t[:2] for t in targets)
            tally.judge(kind, answers, right, f"{rel}:{line}:{col} `{name}`", f"sourcekit-lsp {targets[0][0]}:{targets[0][1]}")
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.request("shutdown", None)
    server.notify("exit", None)

    tally.report("swift", chosen, args.seed, "sourcekit-lsp", args.misses)
    print("name-search guesses, rank of the oracle's answer among them (0: not among them): "
          + ", ".join(f"{rank}: {n}" for rank, n in sorted(guess_ranks.items())))

if __name__ == "__main__":
    main()
