#!/usr/bin/env python3
"""Go-to-definition on C and C++ against clangd: how often indexer's first answer is the compiler's.

The oracle is clangd (from the Swift toolchain) with its background index over a compile_commands.json
written here: every source file with `-I` for each folder of the tree that holds headers, plus `--flags`.
Samples identifier uses at random (seeded) from random source and header files, asks clangd
`textDocument/definition` and `indexer query def PATH:LINE:COL --json` for each, and prints a table by
target kind, the answers per request and the commonest misses. Uses whose definition is outside the tree
(the C library, the C++ standard library) or that clangd cannot resolve are counted apart.

  navigation_c.py --root TREE --indexer BIN [--language c|cpp] [--flags "-DX -Iy"] [--no-auto-includes] [--exclude DIR]
                  [--files 40] [--uses 600] [--seed 1] [--misses FILE]
"""
import argparse
import json
import os
import random
import re
import shlex
import sys
import threading
import time
import urllib.parse

from navigation_report import Tally, files_with_uses, indexer_definitions, indexer_outline, lsp_locations, name_position
from navigation_swift import LSP

KEYWORDS = set("""
auto break case char const continue default do double else enum extern float for goto if inline int long register
restrict return short signed sizeof static struct switch typedef union unsigned void volatile while _Bool _Complex
_Static_assert _Alignof _Alignas _Thread_local _Noreturn _Generic asm __asm__ __attribute__ __inline__ __restrict
bool true false class namespace template typename public private protected virtual new delete this operator using try
catch throw const_cast static_cast dynamic_cast reinterpret_cast friend explicit mutable noexcept nullptr constexpr
decltype static_assert override final alignas alignof char8_t char16_t char32_t wchar_t concept requires co_await
co_return co_yield consteval constinit export import module thread_local typeid and or not
""".split())
SOURCES = {"c": (".c",), "cpp": (".cc", ".cpp", ".cxx")}
HEADERS = (".h", ".hh", ".hpp", ".hxx")


def identifiers(source):
    """(line, column, name, the two characters before it) of each identifier outside comments, literals
    and preprocessor lines; columns are 1-based bytes (the files sampled are ASCII)."""
    out = []
    line, col, k, n = 1, 1, 0, len(source)
    at_line_start = True
    prev = "  "

    def advance(count):
        nonlocal line, col, k
        for _ in range(count):
            if k < n and source[k] == "\n":
                line, col = line + 1, 1
            else:
                col += 1
            k += 1

    while k < n:
        c = source[k]
        if c == "\n":
            at_line_start = True
            advance(1)
        elif c in " \t\r\f":
            advance(1)
        elif at_line_start and c == "#":
            while k < n and not (source[k] == "\n" and source[k - 1] != "\\"):
                if source.startswith("/*", k):
                    end = source.find("*/", k + 2)
                    advance((end + 2 if end >= 0 else n) - k)
                    continue
                advance(1)
        elif source.startswith("//", k):
            while k < n and source[k] != "\n":
                advance(1)
        elif source.startswith("/*", k):
            end = source.find("*/", k + 2)
            advance((end + 2 if end >= 0 else n) - k)
        elif c in "\"'":
            advance(1)
            while k < n and source[k] != c and source[k] != "\n":
                advance(2 if source[k] == "\\" else 1)
            advance(1)
            prev = prev[1:] + c
            at_line_start = False
        elif c.isalpha() or c == "_":
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", source[k:k + 200])
            word = m.group(0)
            if word not in KEYWORDS:
                out.append((line, col, word, prev))
            advance(len(word))
            prev = "a" + "a"
            at_line_start = False
        elif c.isdigit():
            m = re.match(r"[0-9A-Za-z_.]+", source[k:k + 200])
            advance(len(m.group(0)))
            prev = "00"
            at_line_start = False
        else:
            prev = prev[1:] + c
            advance(1)
            at_line_start = False
    return out


def name_at(root, path, line, column):
    """The identifier (with a leading `~`) starting at 1-based LINE:COLUMN of PATH, empty when there is none."""
    try:
        text = open(os.path.join(root, path), errors="replace").read().split("\n")[line - 1]
    except (OSError, IndexError):
        return ""
    m = re.match(r"~?[A-Za-z_][A-Za-z0-9_]*", text[column - 1:])
    return m.group(0) if m else ""


def tree_files(root, suffixes, rng):
    files = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, fs in os.walk(root)
        if not any(part in d + "/" for part in ("/.indexer/", "/.git/", "/.cache/"))
        for f in fs
        if f.endswith(suffixes))
    rng.shuffle(files)
    return files


def excluded(rel, prefixes):
    return any(rel == p or rel.startswith(p.rstrip("/") + "/") for p in prefixes)


def write_compile_commands(root, language, flags, exclude, auto_includes=True):
    """One entry per source file: the tree's header folders on the include path, then `flags`."""
    header_dirs = sorted({d for d, _, fs in os.walk(root) if "/.git" not in d and "/.cache" not in d
                          and any(f.endswith(HEADERS) for f in fs)})
    # A header's folder and the one above it: `#include "leveldb/db.h"` needs `include/`.
    folders = sorted(set(header_dirs) | {os.path.dirname(d) for d in header_dirs if d != root})
    includes = ["-I" + root] + (["-I" + d for d in folders[:600]] if auto_includes else [])
    compiler, standard = ("clang", "-std=gnu11") if language == "c" else ("clang++", "-std=c++17")
    entries = []
    for d, _, fs in os.walk(root):
        if "/.git" in d or "/.cache" in d or "/.indexer" in d:
            continue
        for f in fs:
            if f.endswith(SOURCES[language]) and not excluded(os.path.relpath(os.path.join(d, f), root), exclude):
                path = os.path.join(d, f)
                entries.append({"directory": root, "file": path,
                                "arguments": [compiler, standard, "-w"] + includes + shlex.split(flags) + ["-c", path]})
    with open(os.path.join(root, "compile_commands.json"), "w") as out:
        json.dump(entries, out)
    return len(entries)


def start_clangd(root, binary, timeout):
    """clangd with its background index over the whole tree, after the index is built."""
    done = threading.Event()
    started = threading.Event()

    def on_notification(body):
        if body.get("method") == "$/progress" and body["params"].get("token") == "backgroundIndexProgress":
            kind = body["params"]["value"].get("kind")
            if kind == "begin":
                started.set()
            if kind == "end":
                done.set()

    server = LSP([binary, "--background-index", "-j=8", "--log=error", "--compile-commands-dir=" + root], root,
                 on_notification)
    server.request("initialize", {
        "processId": os.getpid(), "rootUri": "file://" + root,
        "capabilities": {"window": {"workDoneProgress": True}}})
    server.notify("initialized", {})
    # Background indexing starts when the first file is opened.
    first = next((os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith((".c", ".cc", ".cpp"))), None)
    if first:
        server.notify("textDocument/didOpen", {"textDocument": {
            "uri": "file://" + urllib.parse.quote(first), "languageId": "c", "version": 1, "text": open(first, errors="replace").read()}})
    began = time.time()
    started.wait(120)
    done.wait(timeout)
    print(f"clangd background index: {time.time() - began:.0f} s", file=sys.stderr)
    return server


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--language", default="c", choices=["c", "cpp"])
    ap.add_argument("--flags", default="")
    ap.add_argument("--no-auto-includes", action="store_true",
                    help="only the root and --flags on the include path (for trees whose compat headers shadow the system's)")
    ap.add_argument("--exclude", action="append", default=[],
                    help="a folder (relative) neither indexed by clangd nor sampled, e.g. vendored dependencies")
    ap.add_argument("--clangd", default="clangd")
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--index-timeout", type=int, default=1800)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    print(f"compile_commands.json: {write_compile_commands(root, args.language, args.flags, args.exclude, not args.no_auto_includes)} files", file=sys.stderr)
    server = start_clangd(root, args.clangd, args.index_timeout)
    rng = random.Random(args.seed)
    per_file = max(1, args.uses // args.files)
    def outline(rel):
        return indexer_outline(args.indexer, root, rel)

    def classify(use, target):
        _, _, name, prev = use
        path, tline, _ = target
        try:
            text = open(os.path.join(root, path), errors="replace").read().split("\n")[tline - 1]
        except (OSError, IndexError):
            text = ""
        if re.match(r"\s*#\s*define\b", text):
            return "macro"
        if prev[-1] == "." or prev == "->" or prev == "::":
            return "member"
        symbols = [s for s in outline(path) if s["name"] == name and s["line"] <= tline <= s.get("endLine", s["line"])]
        if not symbols:
            return "local or parameter"
        kind = symbols[-1]["kind"]
        if kind in ("field", "method", "initializer", "deinitializer") or (symbols[-1].get("container") and kind not in ("namespace",)):
            return "member (implicit this, enumerator)" if kind != "case" else "enumerator"
        if kind in ("struct", "class", "union", "enum", "typedef", "namespace"):
            return "type or namespace"
        return "file-level, same file" if path == use_path[0] else "file-level, other file"

    use_path = [""]
    language_id = "c" if args.language == "c" else "cpp"
    suffixes = SOURCES[args.language] + HEADERS
    tally = Tally()
    chosen = 0
    sampled = [f for f in tree_files(root, suffixes, rng) if not excluded(f, args.exclude)]
    for rel, path, source, uses in files_with_uses(root, sampled, args.files, per_file,
                                                   lambda s: identifiers(s) if s.isascii() else []):
        chosen += 1
        use_path[0] = rel
        uri = "file://" + urllib.parse.quote(path)
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": source}})
        for use in rng.sample(uses, per_file):
            line, col, name, _ = use
            found = server.request("textDocument/definition", {
                "textDocument": {"uri": uri}, "position": {"line": line - 1, "character": col - 1}}, timeout=120)
            targets, outside = lsp_locations(found, root)
            if not targets:
                tally.unjudged["outside the tree (system headers)" if outside else "clangd has no definition"] += 1
                continue
            # The name of a declaration is no use: clangd goes from a definition to its declaration and back.
            if targets[0] == (rel, line, col) or any(
                    s["line"] == line and s["column"] == col and s["name"] == name for s in outline(rel)):
                tally.unjudged["a declaration's own name, not a use"] += 1
                continue
            # Every definition clangd can give is a declaration of the same name; another name there means its
            # parse failed (a header read alone: `size_t` unknown, so `size_t n` declares `size_t`).
            if name_at(root, *targets[0]) not in (name, "~" + name):
                tally.unjudged["clangd's target is another name (its parse of the file failed)"] += 1
                continue
            kind = classify(use, targets[0])
            answers = indexer_definitions(args.indexer, root, rel, line, col)
            got = name_position(answers[0]) if answers else None
            right = got is not None and any(got[:2] == t[:2] for t in targets)
            tally.judge(kind, answers, right, f"{rel}:{line}:{col} `{name}`", f"clangd {targets[0][0]}:{targets[0][1]}")
        server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.request("shutdown", None)
    server.notify("exit", None)
    tally.report(args.language, chosen, args.seed, "clangd", args.misses)


if __name__ == "__main__":
    main()
