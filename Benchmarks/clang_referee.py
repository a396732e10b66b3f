"""Clang as a third opinion on C and C++ definitions where indexer and ctags disagree (used by accuracy.py).

Each translation unit is a header of the tree compiled on its own, or an umbrella header (Eigen/Dense) that
includes many. `clang -E` says which lines of each file were active (an inactive #if branch gets no
verdict), and `clang -Xclang -ast-dump` lists the declarations. A declaration that names something at file,
namespace or class scope counts as a definition (functions and methods with or without a body, types,
fields, enumerators, typedefs and aliases, variables outside function bodies); locals and parameters do
not. A unit with a compile error gives no verdicts at all, and macros never get one (the AST has none).

usage (standalone): clang_referee.py TREE FILE... — prints the definitions found, one JSON per line.
"""
import json, os, re, subprocess, sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import partial

DEFINITION_NODES = {
    "NamespaceDecl", "CXXRecordDecl", "RecordDecl", "ClassTemplatePartialSpecializationDecl",
    "ClassTemplateSpecializationDecl", "EnumDecl", "EnumConstantDecl", "FieldDecl", "VarDecl", "TypedefDecl",
    "TypeAliasDecl", "FunctionDecl", "CXXMethodDecl", "CXXConstructorDecl", "CXXDestructorDecl",
    "CXXConversionDecl", "ConceptDecl",
}
# Words the dumper prints between a declaration's location and its name.
FLAGS = {
    "implicit", "used", "referenced", "invalid", "imported", "constexpr", "consteval", "constinit", "inline",
    "class", "struct", "union", "enum", "interface", "__module_private__", "hidden", "nested", "static", "extern",
}
QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'")
ADDRESS = re.compile(r"\b(?:parent |prev )?0x[0-9a-f]+\b")
LOCATION = re.compile(r"line:(\d+):\d+|col:\d+|<invalid sloc>|(<scratch space>|<built-in>|[^\s<>,]+):(\d+):\d+")
LINE_MARKER = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"')


CONVERSION = "operator <conversion>"


def normalize(name):
    return re.sub(r"\s+", "", name)


class DumpReader:
    """Follows the text dumper's location shorthand (file and line are printed only when they change)."""

    def __init__(self, tree):
        self.tree, self.file, self.line = tree, None, 0
        self.definitions = defaultdict(set)  # path -> {(line, normalized name)}

    def location(self, text):
        for m in LOCATION.finditer(text):
            if m.group(1):
                self.line = int(m.group(1))
            elif m.group(3):
                self.file, self.line = m.group(2), int(m.group(3))

    def read(self, stream):
        ancestors = []  # node kinds by depth
        for raw in stream:
            body = raw.lstrip("| `-")
            depth = (len(raw) - len(body)) // 2
            kind = body.split(" ", 1)[0]
            del ancestors[depth:]
            ancestors.append(kind)
            rest = QUOTED.sub("''", ADDRESS.sub("", body[len(kind):]))
            start = rest.find("<")
            if start < 0:
                self.location(rest)
                continue
            end, level = start, 0
            for end in range(start, len(rest)):
                level += {"<": 1, ">": -1}.get(rest[end], 0)
                if level == 0:
                    break
            self.location(rest[start:end + 1])
            after = rest[end + 1:].lstrip()
            m = LOCATION.match(after)
            if not m:
                continue
            self.location(m.group(0))
            if kind not in DEFINITION_NODES or self.file is None:
                continue
            if kind == "VarDecl" and any(a.endswith(("Stmt", "Expr", "Operator")) for a in ancestors[:-1]):
                continue  # a local variable
            words = [w for w in after[m.end():].split() if w != "''"]
            if "implicit" in words[:3] or (kind == "ClassTemplateSpecializationDecl" and "implicit_instantiation" in words):
                continue
            while words and words[0] in FLAGS:
                words.pop(0)
            if not words:
                continue
            path = os.path.relpath(os.path.normpath(os.path.join(self.tree, self.file)), self.tree)
            name = words[0]
            if kind == "CXXConversionDecl":
                # Printed with the canonical type (`operator type-parameter-0-0`), not as spelled.
                self.definitions[path].add((self.line, CONVERSION))
                continue
            if name == "operator" and len(words) > 1:  # operator new, operator delete
                name += words[1]
            self.definitions[path].add((self.line, normalize(name)))
            if not name.startswith("operator") and "<" in name:  # a specialization: `output_adapter_protocol<CharType>`
                self.definitions[path].add((self.line, name.split("<", 1)[0]))


def active_lines(text, tree):
    """path -> the lines that produced tokens in `clang -E` output (so were in an active branch)."""
    lines, path, number = defaultdict(set), None, 0
    for out in text.split("\n"):
        m = LINE_MARKER.match(out)
        if m:
            number, name = int(m.group(1)), m.group(2)
            path = None if name.startswith("<") else os.path.relpath(os.path.normpath(os.path.join(tree, name)), tree)
            continue
        if path is not None and out.strip():
            lines[path].add(number)
        number += 1
    return lines


def compile_unit(tree, unit, flags):
    """(active lines, definitions) by path for one translation unit, or None when it does not compile."""
    base = ["clang++", "-x", "c++", *flags, unit]
    try:
        pre = subprocess.run(base[:1] + ["-E"] + base[1:], cwd=tree, capture_output=True, text=True, errors="replace", timeout=300)
        if pre.returncode != 0:
            return None
        dump = subprocess.Popen(base[:1] + ["-fsyntax-only", "-fno-color-diagnostics", "-Xclang", "-ast-dump"] + base[1:],
                                cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
        reader = DumpReader(tree)
        reader.read(dump.stdout)
        errors = dump.stderr.read()
        if dump.wait() != 0 or " error: " in errors:
            return None
    except (OSError, subprocess.TimeoutExpired):
        return None
    return active_lines(pre.stdout, tree), reader.definitions


class ClangReferee:
    """Verdicts on (path, name, line) from the units that compiled: umbrellas first, then each file left."""

    def __init__(self, tree, files, umbrellas=(), flags=("-std=c++17", "-I.")):
        self.active, self.definitions, self.units, self.failed = {}, {}, 0, []
        pending = [u for u in umbrellas if os.path.exists(os.path.join(tree, u))]
        # A file below an umbrella's folder (Eigen/src/Core/Matrix.h under Eigen/) is judged only through
        # umbrellas: such files are not meant to compile alone.
        folders = tuple(os.path.dirname(u) + "/" for u in pending)
        rest = sorted(f for f in set(files) if not f.startswith(folders))
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            for batch in (pending, None):
                if batch is None:
                    batch = [f for f in rest if f not in self.active]
                for unit, result in zip(batch, pool.map(partial(compile_unit, tree, flags=list(flags)), batch)):
                    if result is None:
                        self.failed.append(unit)
                        continue
                    self.units += 1
                    for path, lines in result[0].items():
                        if path not in self.active:
                            self.active[path], self.definitions[path] = lines, result[1].get(path, set())

    def covers(self, lang):
        return bool(self.active) and lang in ("c", "cpp")

    def verdict(self, item, kind=None):
        """True when clang declares the name on that line, False when not, None where it cannot say."""
        path, name, line = item
        if kind == "macro" or line not in self.active.get(path, ()):
            return None
        name = normalize(name)
        if re.match(r"operator[A-Za-z_]", name) and not re.match(r"operator(new|delete)\b", name):
            name = CONVERSION
        return (line, name) in self.definitions[path]


if __name__ == "__main__":
    tree = sys.argv[1]
    referee = ClangReferee(tree, sys.argv[2:])
    for path, defs in sorted(referee.definitions.items()):
        for line, name in sorted(defs):
            print(json.dumps({"path": path, "line": line, "name": name}))
    print(f"({referee.units} units compiled, failed: {referee.failed})", file=sys.stderr)
