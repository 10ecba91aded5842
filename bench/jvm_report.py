"""The JVM client's results in `python -m bench`'s printout and docs/benchmarks.md: ours, Hive and the
floor (our reply bytes replayed from memory), ours/Hive beside ours/floor, time to first and last byte,
and the Python client's ours/Hive of the same operation beside them."""

from __future__ import annotations

import math

from bench.jvm_ops import JvmRow


def _num(v: float) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def verdict(row: JvmRow, targets: dict) -> tuple[str, str]:
    """(the target as text, 'met' / 'MISSED' / '')."""
    t = targets.get(row.name)
    if t is None:
        return "", ""
    op, v, floor_max = t
    text = f"{'≤' if op == '<=' else '≥'}{v:g}" + (f", ≤{floor_max:g}× floor" if floor_max else "")
    r = row.ratio("ours", "hive")
    if math.isnan(r):
        return text, ""
    good = r <= v if op == "<=" else r >= v
    if floor_max:
        f = row.ratio("ours", "floor")
        good = good and not math.isnan(f) and f <= floor_max
    return text, "met" if good else "MISSED"


def _ratio(row: JvmRow, a: str, b: str) -> str:
    r = row.ratio(a, b)
    return "-" if math.isnan(r) else _num(r)


def _first_last(row: JvmRow, label: str) -> str:
    if label not in row.ttfb:
        return ""
    return f"{_num(row.ttfb[label].median)} / {_num(row.ttlb[label].median)}"


def table_lines(rows: list[JvmRow], python_ratio: dict[str, float], targets: dict) -> list[str]:
    head = [
        "Operation",
        "unit",
        "ours",
        "Hive",
        "floor",
        "ours/Hive (JVM)",
        "ours/floor (JVM)",
        "ours/Hive (Python)",
        "first / last byte: ours",
        "Hive",
        "floor",
        "reply KB",
        "target",
        "",
    ]
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for row in rows:
        if row.error:
            out.append(f"| `{row.name}` | {row.unit} | error: {row.error} |" + " |" * (len(head) - 3))
            continue
        t, v = verdict(row, targets)
        py = python_ratio.get(row.name, math.nan)
        cells = [
            f"`{row.name}`",
            row.unit,
            _num(row.median("ours")),
            _num(row.median("hive")),
            _num(row.median("floor")),
            _ratio(row, "ours", "hive"),
            _ratio(row, "ours", "floor"),
            _num(py),
            _first_last(row, "ours"),
            _first_last(row, "hive"),
            _first_last(row, "floor"),
            _num(row.reply_bytes.get("ours", math.nan) / 1024) if row.reply_bytes else "",
            t,
            v,
        ]
        out.append("| " + " | ".join(cells) + " |")
    return out


def print_table(rows: list[JvmRow], python_ratio: dict[str, float], targets: dict) -> None:
    head = (
        f"{'operation (JVM client)':<32} {'ours':>9} {'hive':>9} {'floor':>9} {'o/h JVM':>8} "
        f"{'o/floor':>8} {'o/h Py':>8} {'ours 1st/last byte':>19} {'target':>16}"
    )
    print(head)
    print("-" * len(head))
    for row in rows:
        if row.error:
            print(f"{row.name:<32} ERROR {row.error}")
            continue
        t, v = verdict(row, targets)
        print(
            f"{row.name:<32} {_num(row.median('ours')):>9} {_num(row.median('hive')):>9} "
            f"{_num(row.median('floor')):>9} {_ratio(row, 'ours', 'hive'):>8} "
            f"{_ratio(row, 'ours', 'floor'):>8} "
            f"{_num(python_ratio.get(row.name, math.nan)):>8} {_first_last(row, 'ours'):>19} {t:>16} {v}"
        )


def to_json(rows: list[JvmRow]) -> list[dict]:
    return [
        {
            "name": r.name,
            "unit": r.unit,
            "error": r.error,
            "results": {k: v.to_dict() for k, v in r.results.items()},
            "ttfb": {k: v.median for k, v in r.ttfb.items()},
            "ttlb": {k: v.median for k, v in r.ttlb.items()},
            "reply_bytes": r.reply_bytes,
        }
        for r in rows
    ]
