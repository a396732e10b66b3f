#!/usr/bin/env bash
# Pathological inputs through the real binary: a 50 MB minified (one-line) file per C-family language and
# Python, and 10,000 levels of nesting. Each must index without crashing, in time linear in its size
# (the seconds per MB are printed so a quadratic path shows), with bounded memory.
#
#   Benchmarks/robustness.sh        # needs the release binary (make build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
bin=${INDEXER:-$repo/.build-release/release/indexer}
work=$(mktemp -d /tmp/indexer-robust.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -x "$bin" ] || { echo "no release binary at $bin — run 'make build' first" >&2; exit 2; }

python3 - "$work" <<'PY'
import os, sys
out = sys.argv[1]
mb = 50 * 1024 * 1024
units = {
    "min.js": "function f%d(a){return a.map(x=>`${x}/2`).filter(y=>/a[/]b/.test(y))}var v%d={k:[1,2,{z:'}'}]};class C%d{m(){}};",
    "min.ts": "export function f%d(a:number):string{return `${a}`}interface I%d{x:number}enum E%d{A,B};",
    "min.c": "static int f%d(int a){return a+'}';}struct s%d{int x;};enum e%d{A%d};",
    "min.go": "func f%d(a int) int { return a }; type T%d struct{ x int }; var v%d = `}`;",
    "min.rs": "fn f%d(a: &'static str) -> u8 { 0 } struct S%d { x: u8 } const C%d: &str = r#\"}\"#;",
    "min.java": "class A%d { int f(int a) { return a; } String s = \"}\"; } interface I%d {} enum E%d {X}",
    "min.py": "f%d = lambda a: a; x%d = {'k': [1, 2, (3,)]}; y%d = '}';",
}
for name, unit in units.items():
    parts, size, i = [], 0, 0
    while size < mb:
        n = unit.count("%d")
        piece = unit % tuple([i] * n)
        parts.append(piece); size += len(piece); i += 1
    os.makedirs(f"{out}/big", exist_ok=True)
    open(f"{out}/big/{name}", "w").write("".join(parts) + "\n")
n = 10000
deep = {
    "deep.c": "int f() " + "{" * n + "}" * n + "\nstruct s " + "{ struct t " * n + "{ int x; }" + " } " * n + ";\n",
    "deep.cpp": "namespace a { " * n + "class C { void f(); };" + " }" * n + "\n",
    "deep.java": "class A { " * n + "int x;" + " }" * n + "\n",
    "deep.rs": "mod m { " * n + "fn f() {}" + " }" * n + "\n",
    "deep.ts": "namespace N { " * n + "class C { m() {} }" + " }" * n + "\n",
    "deep.js": "const a = " + "[" * n + "]" * n + ";\n",
    "deep.go": "package p\nfunc f() { " + "{ " * n + "}" * n + " }\n",
    "deep.py": "x = " + "(" * n + ")" * n + "\n",
    "deep.swift": "struct S { " * n + "var x = 1" + " }" * n + "\n",
}
os.makedirs(f"{out}/deep", exist_ok=True)
for name, text in deep.items():
    open(f"{out}/deep/{name}", "w").write(text)
PY

echo "| input | size | seconds | s/MB | peak RSS | symbols |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for f in "$work"/big/* ; do
  name=$(basename "$f"); d="$work/one-$name"; mkdir -p "$d"; mv "$f" "$d/"
  size=$(stat -c %s "$d/$name")
  start=$(date +%s.%N)
  rss=$(/usr/bin/time -f "%M" "$bin" index "$d" --db "$work/$name.sqlite" --quiet --max-file-size 64M 2>&1 >/dev/null | tail -n 1)
  end=$(date +%s.%N)
  symbols=$("$bin" stats --db "$work/$name.sqlite" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["symbols"])')
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); mb=int(sys.argv[3])/1e6; print(f'| {sys.argv[4]} | {mb:.0f} MB | {s:.1f} | {s/mb:.3f} | {int(sys.argv[5])//1024} MB | {sys.argv[6]} |')" \
    "$start" "$end" "$size" "$name" "$rss" "$symbols"
done
start=$(date +%s.%N)
"$bin" index "$work/deep" --db "$work/deep.sqlite" --quiet
end=$(date +%s.%N)
echo
echo "10,000 levels of nesting, one file per language: indexed in $(python3 -c "print(f'{$end-$start:.2f}')") s, $("$bin" stats --db "$work/deep.sqlite" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["files"], "files,", d["symbols"], "symbols")')"
