#!/usr/bin/env python3
"""Go-to-definition against a resolving oracle: how often indexer's first answer is the oracle's definition.

Python, oracle jedi (goto with follow_imports). Samples uses at random (seeded) from random files of a
workspace that indexer has indexed, asks `indexer query def PATH:LINE:COL --json` and jedi for each, and
prints a table by target kind, the average number of answers per request, and the commonest misses with
one real example each. Uses jedi cannot resolve into the workspace (builtins, C modules, names it cannot
infer) are counted apart: no tool can be judged on them.

  navigation.py --root TREE --indexer BIN [--files 40] [--uses 600] [--seed 1] [--misses FILE]
"""
import argparse
import io
import keyword
import os
import random
import sysconfig
import tokenize

import jedi

from navigation_report import Tally, files_with_uses, indexer_definitions, name_position


def name_tokens(source):
    """Every NAME token that is not a keyword, with the token before it (to tell a member from a bare name)."""
    out = []
    previous = None
    statement_start = True
    tokens = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    skipped = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
    for i, tok in enumerate(tokens):
        following = next((t for t in tokens[i + 1:] if t.type not in skipped), None)
        # A `def`/`class` name, and the single target of a plain assignment (`x = 1` as a statement), are
        # definitions, not uses: go-to-definition there is not the question.
        defines = previous is not None and previous.string in ("def", "class")
        assigned = statement_start and following is not None and following.string == "="
        if tok.type == tokenize.NAME and not keyword.iskeyword(tok.string) and tok.string not in ("match", "case", "_") \
                and not defines and not assigned:
            out.append((tok.start[0], tok.start[1], tok.string, previous))
        if tok.type not in skipped:
            statement_start = tok.type == tokenize.NEWLINE or (tok.type == tokenize.OP and tok.string == ";")
            if tok.type != tokenize.NEWLINE:
                previous = tok
    return out


def python_files(root, rng):
    """The tree's .py files (relative, outside .indexer/ and .git/), shuffled by `rng`."""
    files = sorted(
        os.path.relpath(os.path.join(d, f), root)
        for d, _, fs in os.walk(root)
        if "/.indexer" not in d + "/" and "/.git" not in d + "/"
        for f in fs
        if f.endswith(".py"))
    rng.shuffle(files)
    return files


def sampled_uses(root, rng, files, per_file):
    """(relative path, path, source, sampled uses) for the first `files` readable files with enough uses."""
    for rel, path, source, uses in files_with_uses(root, python_files(root, rng), files, per_file, name_tokens):
        yield rel, path, source, rng.sample(uses, per_file)


def classify(use, definition, path):
    """The target kind: what the oracle's definition is, and whether the use is a member (after a dot)."""
    line, col, name, previous = use
    member = previous is not None and previous.string == "."
    kind = definition.type
    if member:
        return "member"
    if kind == "param":
        return "parameter"
    if kind == "module":
        return "module"
    if kind == "class":
        return "class"
    if kind == "function":
        return "function"
    if definition.module_path and os.path.samefile(str(definition.module_path), path):
        parent = definition.parent()
        if parent is not None and parent.type == "function":
            return "local"
    return "module-level name"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--indexer", required=True)
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--uses", type=int, default=600)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--misses", default="")
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    installed = os.path.realpath(sysconfig.get_paths()["stdlib"])

    def relative(p):
        """A definition's path as the workspace names it: inside the tree, or the tree's copy of the stdlib."""
        if p is None:
            return None
        p = os.path.realpath(str(p))
        for base in (root, installed):
            if p.startswith(base + os.sep):
                rel = os.path.relpath(p, base)
                if os.path.exists(os.path.join(root, rel)):
                    return rel
        return None

    rng = random.Random(args.seed)
    project = jedi.Project(root, smart_sys_path=False, added_sys_path=[root])
    per_file = max(1, args.uses // args.files)
    tally = Tally()
    chosen_files = 0
    for rel, path, source, uses in sampled_uses(root, rng, args.files, per_file):
        chosen_files += 1
        script = jedi.Script(source, path=path, project=project)
        for use in uses:
            line, col, name, _ = use
            try:
                found = script.goto(line, col, follow_imports=True)
            except Exception:  # jedi's own failures are not ours to judge
                tally.unjudged["jedi error"] += 1
                continue
            found = [d for d in found if d.line is not None]
            # jedi may answer several (a name bound in both branches of an `if`): any one of them is right.
            targets = [(relative(d.module_path), d.line, d.column + 1, d) for d in found]
            targets = [t for t in targets if t[0] is not None]
            if not targets:
                tally.unjudged["outside the tree or unresolved by jedi" if not found else "outside the tree"] += 1
                continue
            kind = classify(use, targets[0][3], path)
            answers = indexer_definitions(args.indexer, root, rel, line, col + 1)
            got = name_position(answers[0]) if answers else None
            # A module's definition is the file: any line of it is the file itself for jedi (line 1).
            right = got is not None and any(
                got[0] == t[0] and (got[1] == t[1] or classify(use, t[3], path) == "module") for t in targets)
            tally.judge(kind, answers, right, f"{rel}:{line}:{col + 1} `{name}`", f"jedi {targets[0][0]}:{targets[0][1]}")
    tally.report("python", chosen_files, args.seed, "jedi " + jedi.__version__, args.misses)

if __name__ == "__main__":
    main()
