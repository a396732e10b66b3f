#!/usr/bin/env python3
"""A resolving oracle for Rust: rustc's own name resolution and type checking, read from the source pages
`rustdoc --generate-link-to-definition` (nightly) writes, where every use that resolves into the crate links
to its definition (locals and parameters, items, fields, methods after type inference).

  rust_oracle.py ROOT CRATE_SPEC...     CRATE_SPEC = FOLDER:NAME:EDITION[:FLAG=VALUE...]

FOLDER is under ROOT (`log-0.4.17`), NAME the crate name, EDITION its edition; flags pass `--cfg` features
(`cfg=feature="std"`) and dependencies compiled beforehand (`extern=either=/path/libeither.rlib`). Each
crate is documented once into a scratch folder (RUST_ORACLE_OUT, default /tmp/rust-oracle). Then, like the
other oracles, it reads `{"file": REL}` lines and answers each with one line: a JSON list of that file's
uses, `name`, `line`, `column` (UTF-8 bytes, 1-based), `member` (after `.`), `path` (after `::`) and
`target` (`file`, `line`, `kind`) when the definition is in a documented crate; `{"files": true}` lists
the files that have pages, `{"all": true}` every file's uses (each with its `file`). Uses of the standard library or an undocumented crate have no target.
"""
import html
import json
import os
import re
import subprocess
import sys

RUSTDOC = os.environ.get("RUSTDOC", os.path.expanduser("~/.rustup/toolchains/nightly-x86_64-unknown-linux-gnu/bin/rustdoc"))
LINE = re.compile(r'^<a href=#(\d+) id=\d+ data-nosnippet>\d+</a>')
TOKEN = re.compile(r'<a href="([^"]*)">(.*?)</a>|<[^>]*>|[^<]+', re.S)
ITEM = re.compile(r'\b(fn|struct|enum|union|trait|type|const|static|mod|macro_rules!)\s+(r#)?(\w+)')


def document(root, spec, out):
    folder, name, edition, *flags = spec.split(":")
    target = os.path.join(out, name)
    if not os.path.isdir(os.path.join(target, "src", name)):
        cmd = [RUSTDOC, "--edition", edition, "--crate-name", name, os.path.join(root, folder, "src", "lib.rs"),
               "-Zunstable-options", "--generate-link-to-definition", "-o", target, "--cap-lints", "allow"]
        for flag in flags:
            key, value = flag.split("=", 1)
            if key == "cfg":
                cmd += ["--cfg", value]
            elif key == "extern":
                cmd += ["--extern", value, "-L", os.path.dirname(value.split("=", 1)[1])]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            sys.exit(f"rust_oracle: rustdoc failed on {folder}: {done.stderr[-2000:]}")
    return folder, name, os.path.join(target, "src", name)


def pages(root, specs, out):
    """REL source path -> (html page, crate folder, page folder)."""
    found = {}
    for spec in specs:
        folder, _, page_root = document(root, spec, out)
        for d, _, fs in os.walk(page_root):
            for f in fs:
                if f.endswith(".rs.html"):
                    page = os.path.join(d, f)
                    rel = os.path.join(folder, "src", os.path.relpath(page, page_root)[:-len(".html")])
                    found[rel] = (page, folder, page_root)
    return found


def target_of(href, name, page, folder, page_root, sources):
    if href.startswith("http") or "#" not in href:
        return None
    where, anchor = href.split("#", 1)
    if where:
        other = os.path.normpath(os.path.join(os.path.dirname(page), where))
        if not other.startswith(page_root + os.sep) or not other.endswith(".rs.html"):
            return None  # another crate's pages: not documented here
        rel = os.path.join(folder, "src", os.path.relpath(other, page_root)[:-len(".html")])
    else:
        rel = os.path.join(folder, "src", os.path.relpath(page, page_root)[:-len(".html")])
    first = int(anchor.split("-")[0])
    lines = sources.get(rel)
    kind = "local"
    if lines and first <= len(lines):
        if "-" in anchor or any(m.group(3) == name for m in ITEM.finditer(lines[first - 1])):
            kind = "item"
    return {"file": rel, "line": first, "kind": kind}


def uses(rel, entry, root, sources):
    page, folder, page_root = entry
    text = open(page, encoding="utf-8").read()
    code = text.split("<pre class=\"rust\"><code>", 1)[1].split("</code></pre>", 1)[0]
    found = []
    for raw in code.split("\n"):
        m = LINE.match(raw)
        if not m:
            continue
        line = int(m.group(1))
        column = 1
        previous = ""
        for t in TOKEN.finditer(raw[m.end():]):
            if t.group(1) is not None:
                shown = html.unescape(re.sub(r"<[^>]*>", "", t.group(2)))
                name = shown.split("::")[-1]
                offset = len(shown.encode()) - len(name.encode())
                target = target_of(t.group(1), name, page, folder, page_root, sources)
                if re.fullmatch(r"[A-Za-z_]\w*", name) and name not in ("self", "Self", "crate", "super"):
                    use = {"name": name, "line": line, "column": column + offset,
                           "member": previous.endswith(".") and not previous.endswith(".."),
                           "path": previous.endswith("::") or "::" in shown}
                    if target:
                        use["target"] = target
                    found.append(use)
                column += len(shown.encode())
                previous = shown
            elif t.group(0).startswith("<"):
                continue
            else:
                piece = html.unescape(t.group(0))
                column += len(piece.encode())
                previous = (previous + piece)[-3:] if piece.strip() == "" else piece
    return [u for u in found if "target" not in u or (u["target"]["file"], u["target"]["line"]) != (rel, u["line"])]


def main():
    root = os.path.realpath(sys.argv[1])
    out = os.environ.get("RUST_ORACLE_OUT", "/tmp/rust-oracle")
    found = pages(root, sys.argv[2:], out)
    sources = {}
    for rel in found:
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            sources[rel] = f.read().split("\n")
    for request in sys.stdin:
        ask = json.loads(request)
        if ask.get("files"):
            print(json.dumps(sorted(found)), flush=True)
            continue
        if ask.get("all"):
            every = []
            for rel in sorted(found):
                every += [dict(u, file=rel) for u in uses(rel, found[rel], root, sources)]
            print(json.dumps(every), flush=True)
            continue
        rel = ask["file"]
        print(json.dumps(uses(rel, found[rel], root, sources) if rel in found else []), flush=True)


if __name__ == "__main__":
    main()
