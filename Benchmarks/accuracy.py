#!/usr/bin/env python3
"""Compares indexer's definitions with Universal Ctags' on the same tree, matched by (path, name, line).

usage: accuracy.py CTAGS_JSON INDEXER_JSON INDEXER_DB [MISSES_FILE [PATH_PREFIX...]]

With PATH_PREFIXes, only files under them count on either side (the folders ctags was given).

Prints, per language and kind, how many definitions each tool found, how many match, recall (of ctags'
tags, the share indexer found) and precision (of indexer's, the share ctags also found), for the kinds
both tools produce. Writes up to 15 unmatched examples per (language, kind, side) to MISSES_FILE.
"""
import json, os, sqlite3, sys
from collections import defaultdict

# Universal Ctags kind -> indexer kinds it corresponds to, per indexer language.
KINDS = {
    "python": {"class": {"class"}, "function": {"function"}, "member": {"method"}, "variable": {"variable", "property"}},
    "c": {
        "macro": {"macro"}, "function": {"function", "method", "initializer", "deinitializer"}, "enumerator": {"case"},
        "enum": {"enum"},
        "struct": {"struct"}, "union": {"union"}, "typedef": {"typedef"}, "member": {"field"}, "variable": {"variable"},
        # A declaration without a body: ours is a `prototype` at file level and a method (or constructor) in a class.
        "prototype": {"prototype", "method", "initializer", "deinitializer"}, "class": {"class"}, "namespace": {"namespace"},
    },
}
KINDS["cpp"] = KINDS["c"]
KINDS["java"] = {
    "class": {"class"}, "interface": {"interface"}, "enum": {"enum"}, "enumConstant": {"case"}, "annotation": {"annotation"},
    "field": {"field"}, "method": {"method", "initializer"},
}
# ctags calls a Rust `fn` in an `impl` a method or a function inconsistently (a `where` clause or generics
# before the body make it a function: anyhow's context.rs:46); both sides are compared as one group.
KINDS["rust"] = {
    "function": {"function", "method"}, "method": {"function", "method"}, "struct": {"struct"}, "enum": {"enum"}, "enumerator": {"case"},
    "interface": {"interface"}, "implementation": {"extension"}, "module": {"module"}, "macro": {"macro"},
    "typedef": {"typealias"}, "field": {"field"},
    # ctags 5.9 does not tag Rust `const` items at all (only `static`): our constants are an extra kind.
    "variable": {"variable"},
}
# ctags calls an object literal bound to a name a class (we keep the binding's kind: variable or constant),
# and an arrow-function-valued key a property (we call it a method, as `key: function` is for both).
KINDS["javascript"] = {
    "class": {"class", "variable", "constant"}, "function": {"function"}, "generator": {"function"},
    "method": {"method", "initializer"}, "getter": {"method"}, "setter": {"method"}, "field": {"property"},
    "property": {"property", "method"},
    "constant": {"constant"}, "variable": {"variable"},
}
# ctags calls the members of a const's inline object type (`declare const p: { A: number[] }`) constants;
# we call them properties of the const.
KINDS["typescript"] = {
    "class": {"class"}, "interface": {"interface"}, "enum": {"enum"}, "enumerator": {"case"}, "function": {"function"},
    "generator": {"function"}, "method": {"method", "initializer"}, "property": {"property"}, "namespace": {"module"},
    "alias": {"typealias"}, "constant": {"constant", "property"}, "variable": {"variable"},
}
KINDS["go"] = {
    "func": {"function", "method"}, "struct": {"struct"}, "interface": {"interface"}, "type": {"type"},
    "talias": {"typealias"}, "const": {"constant"}, "var": {"variable"}, "member": {"field"}, "methodSpec": {"method"},
}
EXT = {
    ".py": "python", ".pyi": "python", ".c": "c", ".h": "c", ".cc": "cpp", ".cpp": "cpp", ".hpp": "cpp", ".cxx": "cpp",
    ".hh": "cpp", ".hxx": "cpp", ".inl": "cpp", ".ipp": "cpp", ".java": "java", ".rs": "rust", ".js": "javascript",
    ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript", ".ts": "typescript", ".tsx": "typescript",
    ".mts": "typescript", ".cts": "typescript", ".go": "go",
}


def norm(path):
    return path[2:] if path.startswith("./") else path


def main():
    ctags_path, ours_path, db_path = sys.argv[1:4]
    misses_path = sys.argv[4] if len(sys.argv) > 4 else None
    prefixes = [p.rstrip("/") + "/" for p in sys.argv[5:] if p != "."]
    indexed = {row[0] for row in sqlite3.connect(db_path).execute("SELECT path FROM file WHERE status IN ('indexed', 'lossy-utf8')")}
    if prefixes:
        indexed = {p for p in indexed if any(p.startswith(x) for x in prefixes)}

    # With ACCURACY_ROOT (the tree; accuracy.sh sets it for SKIP_MINIFIED=1), minified JavaScript (lines of
    # more than 1,000 characters) is left out on both sides: ctags reads only part of such lines (d3.min.js).
    root = os.environ.get("ACCURACY_ROOT") or None
    long_lines = {}

    def minified(path, line):
        if root is None or EXT.get(os.path.splitext(path)[1]) != "javascript":
            return False
        if path not in long_lines:
            try:
                with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
                    long_lines[path] = {i + 1 for i, text in enumerate(f) if len(text) > 1000}
            except OSError:
                long_lines[path] = set()
        return line in long_lines[path]

    skipped_minified = defaultdict(int)
    macro_calls = defaultdict(int)
    anonymous = defaultdict(int)
    theirs = defaultdict(set)  # (lang, ctags kind) -> {(path, name, line)}
    for line in open(ctags_path, encoding="utf-8", errors="replace"):
        try:
            tag = json.loads(line)
        except ValueError:
            continue
        if tag.get("_type") != "tag":
            continue
        path = norm(tag["path"])
        lang = EXT.get(os.path.splitext(path)[1])
        if path.endswith(".d.ts"):
            lang = "typescript"
        if lang is None or path not in indexed or tag.get("kind") not in KINDS.get(lang, {}):
            continue
        if minified(path, tag["line"]):
            skipped_minified[lang] += 1
            continue
        if tag.get("kind") == "prototype" and lang in ("c", "cpp"):
            # ctags reads a macro call at file level (`MODULE_AUTHOR(x);`, `EXPORT_SYMBOL(f);`) as a prototype;
            # a declaration has a type before its name. Such calls are left out.
            line_text = tag.get("pattern", "")[2:].lstrip()
            if line_text.startswith(tag["name"] + "("):
                macro_calls[lang] += 1
                continue
        if tag["name"].startswith("__anon") or tag["name"].startswith("AnonymousFunction"):
            anonymous[lang] += 1  # ctags names anonymous types and functions; indexer does not invent names
            continue
        theirs[(lang, tag["kind"])].add((path, tag["name"], tag["line"]))

    # ctags' TypeScript parser stops reading a file after the first `declare class` body (try
    # `export declare class A { m(): void; }` followed by `export declare function f(): void;`: f is never
    # tagged), and .d.ts files are mostly such classes. For TypeScript only the lines up to ctags' last tag
    # in each file are compared; what we find past that is counted apart, not called wrong.
    last_line = defaultdict(int)
    for (lang, _), tags in theirs.items():
        for path, _, line in tags:
            last_line[path] = max(last_line[path], line)
    beyond = defaultdict(int)

    ours = defaultdict(set)  # (lang, indexer kind) -> {(path, name, line)}
    for line in open(ours_path, encoding="utf-8"):
        s = json.loads(line)
        if s["path"] not in indexed:
            continue
        # A `.h` file the reader decided is C++ counts with C headers, as EXT files it.
        lang = EXT.get(os.path.splitext(s["path"])[1], s["language"])
        if minified(s["path"], s["line"]):
            continue
        if lang == "typescript" and s["line"] > last_line[s["path"]]:
            beyond[lang] += 1
            continue
        ours[(lang, s["kind"])].add((s["path"], s["name"], s["line"]))

    print("| language | ctags kind | indexer kind | ctags | indexer | matched | recall | precision |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    # Per language, each definition once (a kind of ours may stand under several ctags kinds: counting it per
    # row would count it several times): ctags' tags, ours of the compared kinds, and the two matched.
    totals = defaultdict(lambda: [set(), set()])
    misses = []
    for (lang, kind), tags in sorted(theirs.items()):
        mine = set()
        for k in sorted(KINDS[lang][kind]):
            mine |= ours.get((lang, k), set())
        # Precision counts our symbols of these kinds; a symbol ctags put under another kind is not a miss.
        all_theirs = set().union(*(t for (l, _), t in theirs.items() if l == lang))
        matched = tags & mine
        recall = len(matched) / len(tags) if tags else 1.0
        ours_here = {t for t in mine if t not in all_theirs or t in tags}
        precision = len(ours_here & tags) / len(ours_here) if ours_here else 1.0
        print(f"| {lang} | {kind} | {'/'.join(sorted(KINDS[lang][kind]))} | {len(tags)} | {len(ours_here)} | {len(matched)} | {recall:.1%} | {precision:.1%} |")
        t = totals[lang]
        t[0] |= tags; t[1] |= mine
        for side, items in (("missed (ctags only)", tags - mine), ("extra (indexer only)", ours_here - tags)):
            for item in sorted(items)[:15]:
                misses.append(f"{lang}\t{kind}\t{side}\t{item[0]}:{item[2]}\t{item[1]}")
    for lang, (theirs_all, ours_all) in sorted(totals.items()):
        a, b, m = len(theirs_all), len(ours_all), len(theirs_all & ours_all)
        print(f"| **{lang}** | all | | {a} | {b} | {m} | {m / a if a else 1:.1%} | {m / b if b else 1:.1%} |")
    for lang, n in sorted(macro_calls.items()):
        print(f"\n({lang}: {n} ctags prototypes that are macro calls at file level, such as MODULE_AUTHOR(x);, left out)")
    for lang, n in sorted(skipped_minified.items()):
        print(f"\n({lang}: {n} ctags tags on minified lines (over 1,000 characters) left out, and our symbols there)")
    for lang, n in sorted(beyond.items()):
        print(f"\n({lang}: {n} of our definitions lie past ctags' last tag in their file, where ctags stopped reading: not compared)")
    for lang, n in sorted(anonymous.items()):
        print(f"\n({lang}: {n} ctags tags of anonymous types or functions (__anon…, AnonymousFunction…) left out: indexer invents no names)")
    if misses_path:
        with open(misses_path, "w") as f:
            f.write("\n".join(misses) + "\n")


if __name__ == "__main__":
    main()
