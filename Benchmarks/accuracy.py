#!/usr/bin/env python3
"""Compares indexer's definitions with Universal Ctags' on the same tree, matched by (path, name, line).

usage: accuracy.py CTAGS_JSON INDEXER_JSON INDEXER_DB [MISSES_FILE [PATH_PREFIX...]]

With PATH_PREFIXes, only files under them count on either side (the folders ctags was given).

Prints, per language and kind, how many definitions each tool found, how many match, recall (of ctags'
tags, the share indexer found) and precision (of indexer's, the share ctags also found), for the kinds
both tools produce. Writes up to 15 unmatched examples per (language, kind, side) to MISSES_FILE.
"""
import json, os, re, sqlite3, sys
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
        "externvar": {"externvar"},
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


class SourceLines:
    """The lines of the tree's files, read once each (the last few files kept)."""

    def __init__(self, tree):
        self.tree, self.cache, self.branches = tree, {}, {}

    def line(self, path, number):
        if self.tree is None:
            return ""
        if path not in self.cache:
            if len(self.cache) > 64:
                self.cache.clear()
            try:
                with open(os.path.join(self.tree, path), encoding="utf-8", errors="replace") as f:
                    self.cache[path] = f.read().split("\n")
            except OSError:
                self.cache[path] = []
        lines = self.cache[path]
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def unread_by_ctags(self, path, number):
        """Whether the line lies in an #if branch ctags does not read (ctags_unread_branch_lines)."""
        if self.tree is None:
            return False
        if path not in self.branches:
            self.line(path, 1)
            self.branches[path] = ctags_unread_branch_lines(self.cache[path])
        return number in self.branches[path]


DIRECTIVE = re.compile(r"^\s*#\s*(\w+)(.*)")
C_NOISE = re.compile(r'/\*.*?\*/|//.*|"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def ctags_unread_branch_lines(lines):
    """The lines in #if branches that Universal Ctags skips: it reads every branch of a conditional only where
    no statement is open (the last token before it is `;` or `}`); elsewhere (inside a class or namespace,
    after `template<…>` or a bare macro line such as JSON_HEDLEY_DIAGNOSTIC_PUSH) only the first branch,
    and never `#if 0`. We read every branch: what we find in the others is compared on neither side."""
    unread, frames, statement_open, in_comment, i = set(), [], False, False, 0
    while i < len(lines):
        text, first = lines[i], i
        while text.endswith("\\") and i + 1 < len(lines):  # a directive's continuation lines
            i += 1
            text = text[:-1] + " " + lines[i]
        i += 1
        if in_comment:
            if "*/" not in text:
                if frames and frames[-1]["ignoring"]:
                    unread.update(range(first + 1, i + 1))
                continue
            text, in_comment = text[text.index("*/") + 2:], False
        text = C_NOISE.sub(" ", text)
        if "/*" in text:
            text, in_comment = text[:text.index("/*")], True
        ignoring = bool(frames) and frames[-1]["ignoring"]
        m = DIRECTIVE.match(text)
        if m:
            word, rest = m.group(1), m.group(2).strip()
            if word in ("if", "ifdef", "ifndef"):
                if0 = word == "if" and rest == "0"
                frames.append({"single": statement_open, "chosen": not if0, "all": ignoring, "ignoring": ignoring or if0})
            elif word in ("elif", "else") and frames:
                f = frames[-1]
                f["single"] = f["single"] or statement_open
                f["ignoring"] = f["all"] or (f["chosen"] and f["single"])
                f["chosen"] = f["chosen"] or not f["ignoring"]
            elif word == "endif" and frames:
                frames.pop()
            elif ignoring:
                unread.update(range(first + 1, i + 1))
            continue
        if ignoring:
            unread.update(range(first + 1, i + 1))
        elif text.strip():
            statement_open = text.rstrip()[-1] not in ";}"
    return unread


# Words kept as they are in a line's shape; any other identifier is `id`, the tag's own name `NAME`.
SHAPE_WORDS = set("""
abstract async await case class const constexpr constructor declare default def delete enum explicit export exports extends
extern final fn function get impl implements import inline interface let macro_rules mod module namespace new operator override
private protected prototype pub public readonly return self set static struct template this trait type typedef typename union
unsafe using var virtual where
""".split())
SHAPE_TOKEN = re.compile(r"[A-Za-z_$][\w$]*|\d[\w.]*|\"(?:[^\"\\]|\\.)*\"?|'(?:[^'\\]|\\.)*'?|`[^`]*`?|=>|::|->|\.\.\.|\S")


def shape(text, name):
    """A source line as a pattern: keywords and punctuation kept, names abstracted, at most 10 tokens."""
    out = []
    for token in SHAPE_TOKEN.findall(text.strip())[:10]:
        if token == name:
            out.append("NAME")
        elif token[0].isalpha() or token[0] in "_$":
            out.append(token if token in SHAPE_WORDS else "id")
        elif token[0] in "\"'`":
            out.append('"s"')
        elif token[0].isdigit():
            out.append("0")
        else:
            out.append(token)
    return " ".join(out)


UPPER_CALL = re.compile(r"^[A-Z][A-Z0-9_]+\([^{;]*\)\s*(//.*)?\$?/?$")
DEFAULTED = re.compile(r"\)\s*(const\s*)?(noexcept\s*)?=\s*(default|delete)\s*;")


def norm(path):
    return path[2:] if path.startswith("./") else path


def main():
    ctags_path, ours_path, db_path = sys.argv[1:4]
    misses_path = sys.argv[4] if len(sys.argv) > 4 else None
    prefixes = [p.rstrip("/") + "/" for p in sys.argv[5:] if p != "."]
    indexed = {row[0] for row in sqlite3.connect(db_path).execute("SELECT path FROM file WHERE status IN ('indexed', 'lossy-utf8')")}
    if prefixes:
        indexed = {p for p in indexed if any(p.startswith(x) for x in prefixes)}

    # ACCURACY_TREE is the tree (for the source lines of the miss patterns). With ACCURACY_SKIP_MINIFIED=1,
    # minified JavaScript (lines of more than 1,000 characters) is left out on both sides: ctags reads only
    # part of such lines (d3.min.js).
    tree = os.environ.get("ACCURACY_TREE") or None
    skip_minified = os.environ.get("ACCURACY_SKIP_MINIFIED") == "1" and tree is not None
    sources = SourceLines(tree)

    def minified(path, line):
        if not skip_minified or EXT.get(os.path.splitext(path)[1]) != "javascript":
            return False
        return len(sources.line(path, line)) > 1000

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
        line_text = tag.get("pattern", "")[2:].lstrip()
        if tag.get("kind") == "prototype" and lang in ("c", "cpp"):
            # ctags reads a macro call at file level (`MODULE_AUTHOR(x);`, `EXPORT_SYMBOL(f);`) as a prototype;
            # a declaration has a type before its name. Such calls are left out.
            if line_text.startswith(tag["name"] + "("):
                macro_calls[lang] += 1
                continue
        if tag.get("kind") == "function" and lang in ("c", "cpp") and UPPER_CALL.match(line_text) \
                and line_text.startswith(tag["name"] + "("):
            # ...and an upper-case macro call alone on its line, without a body (`EIGEN_EMPTY_STRUCT_CTOR(op)`
            # in a struct), as a function: left out and counted with them.
            macro_calls[lang] += 1
            continue
        if lang in ("c", "cpp") and DEFAULTED.search(line_text):
            continue  # `= default;` / `= delete;` lines are compared on neither side (below)
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
    defaulted = defaultdict(int)
    unread_branches = defaultdict(int)
    beyond_items = defaultdict(set)
    compared_kinds = {lang: set().union(*table.values()) for lang, table in KINDS.items()}

    ours = defaultdict(set)  # (lang, indexer kind) -> {(path, name, line)}
    for line in open(ours_path, encoding="utf-8"):
        s = json.loads(line)
        if "summary" in s or s["path"] not in indexed:
            continue
        # A `.h` file the reader decided is C++ counts with C headers, as EXT files it.
        lang = EXT.get(os.path.splitext(s["path"])[1], s["language"])
        if minified(s["path"], s["line"]):
            continue
        if lang in ("c", "cpp") and DEFAULTED.search(sources.line(s["path"], s["line"])):
            # ctags mostly does not tag special members declared `= default;` or `= delete;`; we do (they
            # are declarations of the class's interface). Such lines are compared on neither side.
            defaulted[lang] += 1
            continue
        if lang in ("c", "cpp") and sources.unread_by_ctags(s["path"], s["line"]):
            unread_branches[lang] += 1
            continue
        if lang == "typescript" and s["line"] > last_line[s["path"]]:
            beyond[lang] += 1
            if s["kind"] in compared_kinds[lang]:
                beyond_items[lang].add((s["path"], s["name"], s["line"]))
            continue
        ours[(lang, s["kind"])].add((s["path"], s["name"], s["line"]))

    print("| language | ctags kind | indexer kind | ctags | indexer | matched | recall | precision |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    # Per language, each definition once (a kind of ours may stand under several ctags kinds: counting it per
    # row would count it several times): ctags' tags, ours of the compared kinds, and the two matched.
    totals = defaultdict(lambda: [set(), set()])
    misses = []
    patterns = defaultdict(lambda: defaultdict(list))  # (lang, side) -> (kind, shape) -> examples
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
    kind_of = {side: {(lang, item): kind for (lang, kind), items in table.items() for item in items}
               for side, table in (("missed", theirs), ("extra", ours))}
    disputed_c = {item[0] for lang, (t, o) in totals.items() if lang in ("c", "cpp") for item in t ^ o}
    referee = Referee([("Babel", os.environ.get("ACCURACY_REFEREE")), ("TypeScript", os.environ.get("ACCURACY_REFEREE_TS"))],
                      clang_referee(tree, disputed_c))
    refereed = []
    for lang, (theirs_all, ours_all) in sorted(totals.items()):
        a, b, m = len(theirs_all), len(ours_all), len(theirs_all & ours_all)
        for side, items in (("missed", theirs_all - ours_all), ("extra", ours_all - theirs_all)):
            for item in items:
                path, name, line = item
                form = shape(sources.line(path, line), name)
                verdict = referee.verdict(lang, item, kind_of[side][(lang, item)])
                label = side if verdict is None else f"{side}, parser {'confirms' if verdict else 'rejects'}"
                patterns[(lang, label)][(kind_of[side][(lang, item)], form)].append((path, line, name))
        print(f"| **{lang}** | all | | {a} | {b} | {m} | {m / a if a else 1:.1%} | {m / b if b else 1:.1%} |")
        if referee.covers(lang):
            kinds = {item: kind_of[side][(lang, item)] for side, items in (("missed", theirs_all), ("extra", ours_all))
                     for item in items if (lang, item) in kind_of[side]}
            refereed.append((lang, theirs_all, ours_all | beyond_items[lang], kinds))
    if refereed:
        print_refereed(refereed, referee)
    for lang, n in sorted(macro_calls.items()):
        print(f"\n({lang}: {n} ctags tags that are macro calls: prototypes at file level such as MODULE_AUTHOR(x);, and upper-case calls alone on a line such as EIGEN_EMPTY_STRUCT_CTOR(op) as functions, left out)")
    for lang, n in sorted(defaulted.items()):
        print(f"\n({lang}: {n} of our declarations on `= default;` / `= delete;` lines, which ctags tags only now and then, not compared on either side)")
    for lang, n in sorted(unread_branches.items()):
        print(f"\n({lang}: {n} of our definitions lie in #if/#elif/#else branches ctags does not read (only the first "
              f"branch where a statement is open, never #if 0): not compared)")
    for lang, n in sorted(skipped_minified.items()):
        print(f"\n({lang}: {n} ctags tags on minified lines (over 1,000 characters) left out, and our symbols there)")
    for lang, n in sorted(beyond.items()):
        print(f"\n({lang}: {n} of our definitions lie past ctags' last tag in their file, where ctags stopped reading: not compared)")
    for lang, n in sorted(anonymous.items()):
        print(f"\n({lang}: {n} ctags tags of anonymous types or functions (__anon…, AnonymousFunction…) left out: indexer invents no names)")
    if misses_path:
        with open(misses_path, "w") as f:
            f.write("\n".join(misses) + "\n")
    if misses_path and tree is not None:
        write_patterns(os.path.splitext(misses_path)[0] + ".patterns.md", patterns, sources)


class Parser:
    """One parser's definitions, as a referee script listed them per file it read."""

    def __init__(self, name, path):
        self.name, self.definitions, self.files, self.failed = name, set(), set(), set()
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            if "error" in d:
                self.failed.add(d["path"])
            else:
                self.files.add(d["path"])
                self.definitions.add((d["path"], d["name"], d["line"]))
        self.files -= self.failed

    def verdict(self, item):
        return None if item[0] not in self.files else item in self.definitions


class Referee:
    """Parsers deciding where the two tools disagree: Babel's and TypeScript's for JavaScript and TypeScript
    (their definitions listed by Benchmarks/referee.js and Benchmarks/ts_referee.js, per file each read), clang's
    AST for C and C++ (Benchmarks/clang_referee.py). Where both script parsers read a file and disagree, neither
    decides (ctags' view stands) and the disagreement is counted."""

    def __init__(self, paths, clang=None):
        self.parsers = [Parser(name, path) for name, path in paths if path]
        self.clang = clang
        self.failed = set.intersection(*(p.failed for p in self.parsers)) if self.parsers else set()
        self.disagreements = {}

    def covers(self, lang):
        if lang in ("c", "cpp"):
            return self.clang is not None and self.clang.covers(lang)
        return any(p.files for p in self.parsers) and lang in ("javascript", "typescript")

    def verdict(self, lang, item, kind=None):
        """True when the parsers find the definition, False when they do not, None where they cannot say."""
        if lang in ("c", "cpp"):
            return None if self.clang is None else self.clang.verdict(item, kind)
        votes = {p.name: v for p in self.parsers if (v := p.verdict(item)) is not None}
        if len(set(votes.values())) > 1:
            self.disagreements[item] = votes
            return None
        return next(iter(votes.values()), None)

    def alone(self, name):
        """A referee of one of the parsers only, for its own row."""
        one = Referee([], self.clang)
        one.parsers = [p for p in self.parsers if p.name == name]
        one.failed = one.parsers[0].failed if one.parsers else set()
        return one


def clang_referee(tree, files):
    """With ACCURACY_CLANG=1, clang judges C/C++ disagreements: ACCURACY_CLANG_FLAGS (default `-std=c++17 -I.`)
    and ACCURACY_CLANG_UNITS, umbrella headers compiled first (each disputed file not covered by them is then
    compiled on its own)."""
    if os.environ.get("ACCURACY_CLANG") != "1" or tree is None or not files:
        return None
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from clang_referee import ClangReferee
    flags = os.environ.get("ACCURACY_CLANG_FLAGS", "-std=c++17 -I.").split()
    return ClangReferee(tree, files, os.environ.get("ACCURACY_CLANG_UNITS", "").split(), flags)


def print_refereed(rows, referee):
    print("\nWith a parser as referee (Babel's and TypeScript's for JS/TS: Benchmarks/referee.js, Benchmarks/ts_referee.js;")
    print("clang's AST for C/C++: Benchmarks/clang_referee.py): a definition counts where two of the three (ctags, indexer,")
    print("parser) find it; where the parser cannot say (a file it cannot read, an inactive #if branch, a macro, the two")
    print("script parsers disagreeing) ctags' view stands. The rows under a language use one script parser alone.\n")
    print("| language | both | ctags only, parser confirms (our misses) | ctags only, parser rejects (ctags wrong) "
          "| indexer only, parser confirms (ctags misses) | indexer only, parser rejects (our extras) | recall | precision |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for lang, theirs_all, ours_all, kinds in rows:
        judges = [(f"**{lang}**", referee)]
        if lang in ("javascript", "typescript") and len(referee.parsers) > 1:
            judges += [(f"{lang}, {p.name} alone", referee.alone(p.name)) for p in referee.parsers]
        for label, judge in judges:
            both = len(theirs_all & ours_all)
            verdicts = {side: [judge.verdict(lang, item, kinds.get(item)) for item in items]
                        for side, items in (("missed", theirs_all - ours_all), ("extra", ours_all - theirs_all))}
            missed_yes = sum(1 for v in verdicts["missed"] if v is not False)  # no verdict: ctags decides
            missed_no = sum(1 for v in verdicts["missed"] if v is False)
            extra_yes = sum(1 for v in verdicts["extra"] if v is True)
            extra_no = sum(1 for v in verdicts["extra"] if v is not True)
            truth = both + missed_yes + extra_yes
            found = both + extra_yes
            print(f"| {label} | {both} | {missed_yes} | {missed_no} | {extra_yes} | {extra_no} "
                  f"| {found / truth if truth else 1:.1%} | {found / len(ours_all) if ours_all else 1:.1%} |")
    for p in referee.parsers:
        if p.failed:
            print(f"\n({len(p.failed)} files {p.name}'s parser could not read, e.g. {sorted(p.failed)[0]})")
    if referee.failed:
        print(f"\n({len(referee.failed)} files neither script parser could read: ctags decides there)")
    if referee.disagreements:
        example = sorted(referee.disagreements.items())[len(referee.disagreements) // 2]
        print(f"\n({len(referee.disagreements)} disputed definitions where Babel's and TypeScript's parsers disagree: ctags decides "
              f"there; e.g. {example[0][0]}:{example[0][2]} `{example[0][1]}`: {example[1]})")
    if referee.clang is not None:
        print(f"\n(clang: {referee.clang.units} translation units compiled; {len(referee.clang.failed)} did not "
              f"compile on their own and give no verdict, e.g. {', '.join(referee.clang.failed[:3])})")


def write_patterns(path, patterns, sources):
    """The 20 commonest shapes of source line among each language's misses and extras, one real example each."""
    with open(path, "w") as f:
        for (lang, side), shapes in sorted(patterns.items()):
            total = sum(len(v) for v in shapes.values())
            title = (side.replace("missed", "missed (ctags only; ctags' kind)", 1) if side.startswith("missed")
                     else side.replace("extra", "extra (indexer only; our kind)", 1))
            f.write(f"## {lang}: {title}, {total} in all\n\n| count | kind | line shape | example |\n| ---: | --- | --- | --- |\n")
            for (kind, form), examples in sorted(shapes.items(), key=lambda kv: -len(kv[1]))[:20]:
                p, line, name = sorted(examples)[len(examples) // 2]
                text = sources.line(p, line).strip()[:100].replace("|", "\\|")
                form = form.replace("|", "\\|")
                f.write(f"| {len(examples)} | {kind} | `{form}` | {p}:{line} `{name}`: `{text}` |\n")
            f.write("\n")
    print(f"\n(the 20 commonest miss and extra patterns per language, with an example each: {path})")


if __name__ == "__main__":
    main()
