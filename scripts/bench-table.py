#!/usr/bin/env python3
"""Turns the rows the benchmarks of `make bench` recorded (JSON lines, see app/benchkit) into one Markdown table
per section, prints it, and rewrites the figures part of docs/benchmarks.md (between its two `make bench` markers).

Usage: scripts/bench-table.py RESULTS.jsonl [docs/benchmarks.md] [--header TEXT]
"""
import json
import sys

BEGIN = "<!-- make bench: figures begin (rewritten by scripts/bench-table.py; edit around, not inside) -->"
END = "<!-- make bench: figures end -->"


def number(x):
    """A figure with three significant digits, grouped thousands."""
    if x != x:  # NaN
        return "n/a"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


def verdict(row):
    """(ratio text, goal text, met/missed text) for one row."""
    figure = row["figure"]["median"]
    anchor = row.get("anchor")
    ratio = figure / anchor["figure"]["median"] if anchor and anchor["figure"]["median"] else None
    goal = row["goal"]
    kind, limit = goal["kind"], goal.get("limit")
    unit = row["unit"]
    if kind == "none":
        return (f"{ratio:.2f} ×" if ratio is not None else "", "", "")
    if kind == "ratio_at_most":
        met = ratio is not None and ratio <= limit
        text = f"≤ {number(limit)} ×"
    elif kind == "ratio_at_least":
        met = ratio is not None and ratio >= limit
        text = f"≥ {limit:.0%} of the anchor" if limit < 1 else f"≥ {number(limit)} ×"
    elif kind == "at_most":
        met = figure <= limit
        text = f"≤ {number(limit)} {unit}"
    elif kind == "at_least":
        met = figure >= limit
        text = f"≥ {number(limit)} {unit}"
    else:
        raise SystemExit(f"bench-table: unknown goal {kind!r}")
    ratio_text = f"{ratio:.2f} ×" if ratio is not None else ""
    return (ratio_text, text, "met" if met else "**missed**")


def figure_text(f, unit):
    spread = f"{number(f['min'])}–{number(f['max'])}"
    return f"{number(f['median'])} {unit} ({spread}, {f['runs']} runs)"


def tables(rows):
    sections = {}
    for row in rows:
        sections.setdefault(row["section"], []).append(row)
    out = []
    for section, items in sections.items():
        out.append(f"### {section}\n")
        out.append("| measured | figure: median (spread, runs) | anchor, same run | ratio | goal | |")
        out.append("|---|---|---|---|---|---|")
        for row in items:
            anchor = row.get("anchor")
            anchor_text = (
                f"{anchor['what']}: {figure_text(anchor['figure'], row['unit'])}" if anchor else ""
            )
            ratio, goal, met = verdict(row)
            out.append(
                f"| {row['what']} | {figure_text(row['figure'], row['unit'])} | {anchor_text} | {ratio} | {goal} | {met} |"
            )
        out.append("")
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    header = ""
    if "--header" in args:
        i = args.index("--header")
        header = args[i + 1]
        del args[i : i + 2]
    if not args:
        raise SystemExit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    body = (header + "\n\n" if header else "") + tables(rows)
    print(body)
    missed = sum(1 for r in rows if verdict(r)[2] == "**missed**")
    met = sum(1 for r in rows if verdict(r)[2] == "met")
    print(f"{len(rows)} rows: {met} goals met, {missed} missed")
    if len(args) > 1:
        path = args[1]
        with open(path, encoding="utf-8") as f:
            doc = f.read()
        if BEGIN not in doc or END not in doc:
            raise SystemExit(f"bench-table: {path} has no `make bench` markers")
        before, rest = doc.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(before + BEGIN + "\n\n" + body + "\n" + END + after)


if __name__ == "__main__":
    main()
