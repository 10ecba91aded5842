"""Compile a parsed partition filter (catalog.domain.partition_filter) into a SQL Selection.

Integral and date keys compare as numbers and dates, as Hive does; a stored value is cast only
after a pattern check proves it is of the key's type, so a value of another key or table (or the
default partition) can never make the cast fail: it simply does not match.
"""

from __future__ import annotations

import datetime as _dt
import re

from catalog.domain import partition_filter as f
from catalog.errors import InvalidInputError
from catalog.store.partitions import Selection

_INT_RX = r"^[+-]?[0-9]+$"
_DATE_RX = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_SQL_OP = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class _Compiler:
    def __init__(self, key_names: list[str], key_types: list[str]):
        self.names = key_names
        self.kinds = [f.key_kind(t) for t in key_types]
        self.params: dict = {}
        self.keys: set[int] = set()

    def param(self, value) -> str:
        name = f"f{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def col(self, k: int) -> str:
        self.keys.add(k)
        raw = f'pkv{k}."PART_KEY_VAL"'
        kind = self.kinds[k]
        if kind == "int":
            return f"(CASE WHEN {raw} ~ '{_INT_RX}' THEN CAST({raw} AS numeric) END)"
        if kind == "date":
            return f"(CASE WHEN {raw} ~ '{_DATE_RX}' THEN CAST({raw} AS date) END)"
        return raw

    def value(self, k: int, lit: f.Literal) -> str:
        v, kind = lit.value, self.kinds[k]
        if kind == "int":
            if isinstance(v, _dt.date):
                raise InvalidInputError(
                    f"cannot compare integral partition key '{self.names[k]}' with a date"
                )
            try:
                return f"CAST({self.param(str(int(str(v).strip())))} AS numeric)"
            except ValueError:
                raise InvalidInputError(
                    f"'{v}' is not an integer, but partition key '{self.names[k]}' is integral"
                ) from None
        if kind == "date":
            if isinstance(v, int):
                raise InvalidInputError(f"cannot compare date partition key '{self.names[k]}' with a number")
            try:
                d = v if isinstance(v, _dt.date) else _dt.date.fromisoformat(v.strip())
            except ValueError:
                raise InvalidInputError(
                    f"'{v}' is not a date (yyyy-mm-dd), but partition key '{self.names[k]}' is a date"
                ) from None
            return f"CAST({self.param(d.isoformat())} AS date)"
        return f"CAST({self.param(v.isoformat() if isinstance(v, _dt.date) else str(v))} AS text)"

    def compile(self, node) -> str:
        if isinstance(node, f.Compare):
            return f"{self.col(node.key)} {_SQL_OP[node.op]} {self.value(node.key, node.value)}"
        if isinstance(node, f.Between):
            low, high = self.value(node.key, node.low), self.value(node.key, node.high)
            expr = f"{self.col(node.key)} BETWEEN {low} AND {high}"
            return f"NOT ({expr})" if node.negated else expr
        if isinstance(node, f.In):
            vals = ", ".join(self.value(node.key, v) for v in node.values)
            return f"{self.col(node.key)} {'NOT IN' if node.negated else 'IN'} ({vals})"
        if isinstance(node, f.Like):
            # Hive's LIKE in metastore filters is a (Java) regular expression matched against the whole
            # value: Spark sends `dt like "2024-01.*"` for dt LIKE '2024-01%'.
            try:
                re.compile(node.pattern)
            except re.error as e:
                raise InvalidInputError(
                    f"invalid LIKE pattern '{node.pattern}' (a regular expression): {e}"
                ) from None
            self.keys.add(node.key)
            expr = f'pkv{node.key}."PART_KEY_VAL" ~ {self.param("^(?:" + node.pattern + ")$")}'
            return f"NOT ({expr})" if node.negated else expr
        if isinstance(node, f.And):
            return "(" + " AND ".join(self.compile(p) for p in node.parts) + ")"
        if isinstance(node, f.Or):
            return "(" + " OR ".join(self.compile(p) for p in node.parts) + ")"
        if isinstance(node, f.Not):
            return f"NOT ({self.compile(node.part)})"
        raise InvalidInputError(f"unsupported filter node {node!r}")  # pragma: no cover


def compile_filter(text: str, key_names: list[str], key_types: list[str]) -> Selection:
    node = f.parse_filter(text, key_names)
    if node is None:
        return Selection()
    c = _Compiler(key_names, key_types)
    # A comparison that is unknown (NULL: a value not of the key's type, or the default partition)
    # selects nothing, also under NOT, because WHERE treats NULL as false. The clause stays
    # sargable: string comparisons hit the (INTEGER_IDX, PART_KEY_VAL, PART_ID) index.
    return Selection(c.compile(node), c.params, c.keys)
