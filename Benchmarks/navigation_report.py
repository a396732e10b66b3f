"""The table and misses report that every navigation benchmark prints, so the languages' figures read alike."""


def print_report(language, files, seed, table, answers_line, unjudged, misses, misses_path, oracle):
    """table: kind -> [right, total]; misses: (kind, resolution) -> [example, ...]."""
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
    print(answers_line)
    for reason, n in unjudged.most_common():
        print(f"not judged ({reason}): {n}")
    ranked = sorted(misses.items(), key=lambda kv: -len(kv[1]))
    report = ["# misses, commonest first (kind, indexer's resolution): count, one example"]
    for (kind, resolution), examples in ranked[:20]:
        report.append(f"- {kind}, {resolution}: {len(examples)} — e.g. {examples[0]}")
    if misses_path:
        with open(misses_path, "w") as f:
            f.write("\n".join(report) + "\n")
            for (kind, resolution), examples in ranked:
                f.write(f"\n## {kind}, {resolution}\n" + "\n".join(examples) + "\n")
    print("\n".join(report))
