"""What every navigation benchmark shares: asking indexer for a definition, judging the answer against the
oracle's, and printing the table and the commonest misses, so the languages' figures read alike."""
import collections
import functools
import json
import os
import random
import subprocess


def files_with_uses(root, relatives, files, per_file, uses_of):
    """(relative path, path, source, uses) for the first `files` of `relatives` that read as UTF-8 and whose
    `uses_of(source)` has at least `per_file` uses."""
    chosen = 0
    for rel in relatives:
        if chosen >= files:
            return
        path = os.path.join(root, rel)
        try:
            source = open(path, encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            continue
        uses = uses_of(source)
        if len(uses) >= per_file:
            chosen += 1
            yield rel, path, source, uses


def records(stdout):
    """The records of a query's JSON Lines answer, without the `{"summary": …}` line that ends it."""
    return [o for o in (json.loads(l) for l in stdout.splitlines() if l.strip()) if "summary" not in o]


def indexer_definitions(indexer, root, rel, line, column):
    """`indexer query def REL:LINE:COLUMN --json`, as a list of answers (first is indexer's pick)."""
    result = subprocess.run([indexer, "query", "def", f"{rel}:{line}:{column}", "--json", "--root", root],
                            capture_output=True, text=True)
    return records(result.stdout)


@functools.lru_cache(maxsize=None)
def indexer_outline(indexer, root, rel):
    """`indexer query file REL --json`: the file's symbols, for classifying an oracle's targets (read once per file;
    callers do not change the list)."""
    result = subprocess.run([indexer, "query", "file", rel, "--json", "--root", root], capture_output=True, text=True)
    return [json.loads(l) for l in result.stdout.splitlines() if l.strip()]


def indexer_references(indexer, root, rel, line, column):
    """`indexer query refs --at REL:LINE:COLUMN --json`: the resolved occurrences as (path, line, column), and
    how many it marked `name` (members whose receiver the rules could not type)."""
    result = subprocess.run([indexer, "query", "refs", "--at", f"{rel}:{line}:{column}", "--json", "--root", root],
                            capture_output=True, text=True)
    ours, marked = set(), 0
    for o in records(result.stdout):
        if o["resolution"] == "name":
            marked += 1
        else:
            ours.add((o["path"], o["line"], o["column"]))
    return ours, marked


def name_position(answer):
    """(path, line, column) of the defining name in one of indexer's answers."""
    return answer["path"], answer.get("nameLine", answer["line"]), answer.get("nameColumn", answer["column"])


def judge_line_oracle(oracle, relatives, root, indexer, files, uses, seed, classify, oracle_name, unjudged):
    """Samples uses from an oracle process that answers each line `{"file": REL}` with one line: a JSON list of
    that file's uses (`name`, `line`, `column`, `member`, and `target` with `file`, `line`, `kind` when it
    is in the tree). Takes `files` files with enough uses, `uses // files` uses of each, asks indexer for
    every use, and returns the Tally and the number of files."""
    rng = random.Random(seed)
    per_file = max(1, uses // files)
    tally = Tally()
    chosen = 0
    for rel in relatives(rng):
        if chosen >= files:
            break
        oracle.stdin.write(json.dumps({"file": rel}) + "\n")
        oracle.stdin.flush()
        found = json.loads(oracle.stdout.readline())
        if len(found) < per_file:
            continue
        chosen += 1
        for use in rng.sample(found, per_file):
            target = use.get("target")
            if not target:
                tally.unjudged[unjudged] += 1
                continue
            line, col, name = use["line"], use["column"], use["name"]
            kind = classify(rel, use, target)
            answers = indexer_definitions(indexer, root, rel, line, col)
            got = name_position(answers[0]) if answers else None
            right = got is not None and got[:2] == (target["file"], target["line"])
            tally.judge(kind, answers, right, f"{rel}:{line}:{col} `{name}`",
                        f"{oracle_name} {target['file']}:{target['line']} ({target['kind']})")
    oracle.stdin.close()
    oracle.wait()
    return tally, chosen


class Tally:
    """Judged requests by target kind, the answers per request, and the misses with examples."""

    def __init__(self):
        self.table = collections.defaultdict(lambda: [0, 0])  # kind -> [right, total]
        self.misses = collections.defaultdict(list)  # (kind, resolution) -> [example, ...]
        self.unjudged = collections.Counter()
        self.requests = self.answers = 0
        self.guessed = [0, 0]  # requests the rules did not resolve, and their answers

    def judge(self, kind, answers, right, use, oracle):
        """One request: `use` says where (`path:line:col \\`name\\``), `oracle` what the oracle answered."""
        self.requests += 1
        self.answers += len(answers)
        first = answers[0] if answers else None
        resolution = first["resolution"] if first else "none"
        if resolution in ("name", "none"):
            self.guessed[0] += 1
            self.guessed[1] += len(answers)
        # A member whose receiver our rules could not type (indexer says `name`, or has nothing) needs
        # inference beyond what is written: the issue counts those as their own class.
        if kind == "member" and resolution in ("name", "none"):
            kind = "member, inferred receiver"
        self.table[kind][1] += 1
        if right:
            self.table[kind][0] += 1
        else:
            got = name_position(first) if first else None
            self.misses[(kind, resolution)].append(
                f"{use} → indexer {got[0] + ':' + str(got[1]) if got else 'nothing'} ({resolution}), {oracle}")

    def report(self, language, files, seed, oracle, misses_path):
        table = self.table
        right = sum(v[0] for v in table.values())
        total = sum(v[1] for v in table.values())
        print(f"{language}: {files} files, {total} judged uses (seed {seed}), oracle {oracle}")
        print(f"{'target kind':<26} {'right':>6} {'of':>6} {'%':>7}")
        for kind in sorted(table, key=lambda k: -table[k][1]):
            r, t = table[kind]
            print(f"{kind:<26} {r:>6} {t:>6} {100.0 * r / t:>6.1f}%")
        print(f"{'all':<26} {right:>6} {total:>6} {100.0 * right / max(total, 1):>6.1f}%")
        inferred = table.get("member, inferred receiver", [0, 0])
        written = (right - inferred[0], total - inferred[1])
        print(f"{'all but inferred':<26} {written[0]:>6} {written[1]:>6} {100.0 * written[0] / max(written[1], 1):>6.1f}%")
        print(f"answers per definition request: {self.answers / max(self.requests, 1):.2f}"
              f" ({self.requests - self.guessed[0]} resolved requests with one answer each; {self.guessed[0]} left to the"
              f" name search with {self.guessed[1] / max(self.guessed[0], 1):.1f} on average)")
        for reason, n in self.unjudged.most_common():
            print(f"not judged ({reason}): {n}")
        ranked = sorted(self.misses.items(), key=lambda kv: -len(kv[1]))
        lines = ["# misses, commonest first (kind, indexer's resolution): count, one example"]
        for (kind, resolution), examples in ranked[:20]:
            lines.append(f"- {kind}, {resolution}: {len(examples)} — e.g. {examples[0]}")
        if misses_path:
            with open(misses_path, "w") as f:
                f.write("\n".join(lines) + "\n")
                for (kind, resolution), examples in ranked:
                    f.write(f"\n## {kind}, {resolution}\n" + "\n".join(examples) + "\n")
        print("\n".join(lines))


def print_reference_totals(title, oracle, shared, ours, theirs, marked, skipped):
    """The references benchmarks' summary: precision and recall of indexer's resolved occurrences against the
    oracle's, the occurrences it left marked `name`, and the requests not judged."""
    print(title)
    print(f"shared {shared}, indexer {ours}, {oracle} {theirs}: precision "
          f"{100.0 * shared / max(ours, 1):.1f}%, recall {100.0 * shared / max(theirs, 1):.1f}%")
    print(f"indexer's occurrences marked name (untyped receivers, not counted above): {marked}")
    for reason, n in skipped.most_common():
        print(f"not judged ({reason}): {n}")


def print_disagreements(worst):
    """The references benchmarks' largest differences, biggest first."""
    print("# largest disagreements")
    for _, text in sorted(worst, reverse=True)[:12]:
        print("- " + text)


class ReferenceTally:
    """References from a place against an oracle's: the occurrences both found, each side's count, the ones
    indexer left marked `name`, and the largest disagreements."""

    def __init__(self, oracle):
        self.oracle = oracle
        self.shared = self.ours = self.theirs = self.marked = 0
        self.worst = []

    def add(self, use, ours, marked, theirs):
        """One request: `use` says where (`path:line:col \`name\``); `ours`/`theirs` are sets of (path, line, col)."""
        self.marked += marked
        self.shared += len(ours & theirs)
        self.ours += len(ours)
        self.theirs += len(theirs)
        if ours != theirs:
            self.worst.append((len(ours ^ theirs), f"{use}: indexer {len(ours)}, {self.oracle} {len(theirs)}, shared "
                               f"{len(ours & theirs)}; e.g. only indexer {sorted(ours - theirs)[:2]}, only {self.oracle} "
                               f"{sorted(theirs - ours)[:2]}"))

    def report(self, title, skipped):
        print_reference_totals(title, self.oracle, self.shared, self.ours, self.theirs, self.marked, skipped)
        print_disagreements(self.worst)


def lsp_locations(locations, root, keep=lambda path: True):
    """An LSP answer's locations (Location or LocationLink, one or a list) inside `root` that `keep` accepts, as
    (relative path, line, column), 1-based; and whether any was left out."""
    import urllib.parse
    if isinstance(locations, dict):
        locations = [locations]
    found, left_out = [], False
    for loc in locations or []:
        uri = loc.get("uri") or loc.get("targetUri", "")
        span = loc.get("range") or loc.get("targetSelectionRange")
        path = os.path.realpath(urllib.parse.unquote(uri.replace("file://", "")))
        if path.startswith(root + os.sep) and keep(path):
            found.append((os.path.relpath(path, root), span["start"]["line"] + 1, span["start"]["character"] + 1))
        else:
            left_out = True
    return found, left_out
