"""The partition-filter language of `get_partitions_by_filter`, parsed into a small tree.

Grammar (Apache Hive's metastore filter language, with the omissions of its parser fixed):

    expr     := or
    or       := and ( OR and )*
    and      := not ( AND not )*
    not      := NOT not | '(' expr ')' | predicate
    predicate:= key cmp literal | literal cmp key
              | key [NOT] BETWEEN literal AND literal
              | key [NOT] IN '(' literal (',' literal)* ')'   (also '(' key ')' IN ...)
              | key [NOT] LIKE string
    cmp      := = | == | != | <> | < | <= | > | >=
    literal  := 'string' | "string" | integer | [DATE] yyyy-mm-dd | DATE 'yyyy-mm-dd'
    key      := identifier | `quoted identifier`

Keys must be partition keys of the table (case-insensitive). Trailing input is an error. An
unquoted date (`d = 2024-01-15`) is Hive's DateLiteral (`KW_DATE? DateString` in Filter.g).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from catalog.errors import InvalidInputError

INTEGRAL_TYPES = {"tinyint", "smallint", "int", "integer", "bigint"}


@dataclass(frozen=True)
class Literal:
    value: str | int | _dt.date


@dataclass(frozen=True)
class Compare:
    key: int  # index of the partition key
    op: str  # one of = != < <= > >=
    value: Literal


@dataclass(frozen=True)
class Between:
    key: int
    low: Literal
    high: Literal
    negated: bool = False


@dataclass(frozen=True)
class In:
    key: int
    values: tuple[Literal, ...]
    negated: bool = False


@dataclass(frozen=True)
class Like:
    key: int
    pattern: str
    negated: bool = False


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: object


_TOKEN = re.compile(
    r"""
    \s*(?:
      (?P<str>'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")
    | (?P<date>\d{4}-\d{2}-\d{2}(?![\w.-]))
    | (?P<num>[+-]?\d+(?![\w.]))
    | (?P<bq>`(?:[^`]|``)+`)
    | (?P<op>==|!=|<>|<=|>=|=|<|>|\(|\)|,)
    | (?P<word>[A-Za-z_][\w.$]*)
    )""",
    re.VERBOSE,
)

_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!="}


def _unquote(s: str) -> str:
    q = s[0]
    body = s[1:-1].replace(q + q, q)
    return re.sub(r"\\(.)", r"\1", body)


class _Parser:
    def __init__(self, text: str, keys: list[str]):
        self.text = text
        self.keys = [k.lower() for k in keys]
        self.toks: list[tuple[str, str]] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise self.error(f"unexpected character {text[pos:].lstrip()[:1]!r} at position {pos}")
            kind = m.lastgroup or ""  # every alternative is a named group
            self.toks.append((kind, m.group(kind)))
            pos = m.end()
        self.i = 0

    def error(self, why: str) -> InvalidInputError:
        return InvalidInputError(f'Error parsing partition filter "{self.text}": {why}')

    def peek(self, k: int = 0) -> tuple[str, str] | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def is_word(self, w: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t[0] == "word" and t[1].upper() == w

    def is_op(self, o: str, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t[0] == "op" and t[1] == o

    def take(self) -> tuple[str, str]:
        t = self.peek()
        if t is None:
            raise self.error("unexpected end of filter")
        self.i += 1
        return t

    def expect_op(self, o: str) -> None:
        t = self.take()
        if t != ("op", o):
            raise self.error(f"expected '{o}' but found '{t[1]}'")

    def parse(self):
        if not self.toks:
            raise self.error("the filter is empty")
        node = self.parse_or()
        rest = self.peek()
        if rest is not None:
            raise self.error(f"unexpected '{rest[1]}' after a complete filter")
        return node

    def parse_or(self):
        parts = [self.parse_and()]
        while self.is_word("OR"):
            self.i += 1
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self):
        parts = [self.parse_not()]
        while self.is_word("AND"):
            self.i += 1
            parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_not(self):
        if self.is_word("NOT"):
            self.i += 1
            return Not(self.parse_not())
        if self.is_op("("):
            # '(' key ')' IN (...) is Hive's own spelling of IN
            if (
                self._is_key_token(self.peek(1))
                and self.is_op(")", 2)
                and (self.is_word("IN", 3) or (self.is_word("NOT", 3) and self.is_word("IN", 4)))
            ):
                self.i += 1
                key = self.parse_key()
                self.expect_op(")")
                return self.parse_key_predicate(key)
            self.i += 1
            node = self.parse_or()
            self.expect_op(")")
            return node
        return self.parse_predicate()

    def _is_key_token(self, t) -> bool:
        return t is not None and (
            t[0] == "bq"
            or (t[0] == "word" and t[1].upper() not in ("AND", "OR", "NOT", "DATE", "IN", "LIKE", "BETWEEN"))
        )

    def parse_key(self) -> int:
        kind, val = self.take()
        if kind == "bq":
            name = val[1:-1].replace("``", "`")
        elif kind == "word":
            name = val
        else:
            raise self.error(f"expected a partition key but found '{val}'")
        try:
            return self.keys.index(name.lower())
        except ValueError:
            raise self.error(
                f"'{name}' is not a partition key of the table "
                f"(partition keys: {', '.join(self.keys) or 'none'})"
            ) from None

    def parse_literal(self) -> Literal:
        kind, val = self.take()
        if kind == "str":
            return Literal(_unquote(val))
        if kind == "num":
            return Literal(int(val))
        if kind == "date":
            return self._date(val, val)
        if kind == "word" and val.upper() == "DATE":
            k2, v2 = self.take()
            if k2 == "date":
                return self._date(v2, v2)
            if k2 != "str":
                raise self.error("DATE must be followed by a date")
            return self._date(_unquote(v2), v2)
        raise self.error(f"expected a literal value but found '{val}'")

    def _date(self, text: str, shown: str) -> Literal:
        try:
            return Literal(_dt.date.fromisoformat(text))
        except ValueError:
            raise self.error(f"{shown} is not a date of the form yyyy-mm-dd") from None

    def _literal_ahead(self) -> bool:
        t = self.peek()
        return t is not None and (
            t[0] in ("str", "num", "date") or (t[0] == "word" and t[1].upper() == "DATE")
        )

    def parse_predicate(self):
        if self._literal_ahead():  # literal op key
            lit = self.parse_literal()
            kind, op = self.take()
            if kind != "op" or op not in ("=", "==", "!=", "<>", "<", "<=", ">", ">="):
                raise self.error(f"expected a comparison operator but found '{op}'")
            key = self.parse_key()
            op = {"==": "=", "<>": "!="}.get(op, op)
            return Compare(key, _FLIP[op], lit)
        key = self.parse_key()
        return self.parse_key_predicate(key)

    def parse_key_predicate(self, key: int):
        negated = False
        if self.is_word("NOT"):
            self.i += 1
            negated = True
        t = self.peek()
        if t is None:
            raise self.error("unexpected end of filter after a partition key")
        if t[0] == "word" and t[1].upper() == "BETWEEN":
            self.i += 1
            low = self.parse_literal()
            if not self.is_word("AND"):
                raise self.error("BETWEEN needs AND between its bounds")
            self.i += 1
            return Between(key, low, self.parse_literal(), negated)
        if t[0] == "word" and t[1].upper() == "IN":
            self.i += 1
            self.expect_op("(")
            vals = [self.parse_literal()]
            while self.is_op(","):
                self.i += 1
                vals.append(self.parse_literal())
            self.expect_op(")")
            return In(key, tuple(vals), negated)
        if t[0] == "word" and t[1].upper() == "LIKE":
            self.i += 1
            lit = self.parse_literal()
            if not isinstance(lit.value, str):
                raise self.error("LIKE needs a quoted string pattern")
            return Like(key, lit.value, negated)
        if negated:
            raise self.error("NOT after a key must be followed by BETWEEN, IN or LIKE")
        kind, op = self.take()
        if kind != "op" or op not in ("=", "==", "!=", "<>", "<", "<=", ">", ">="):
            raise self.error(f"expected an operator after the partition key but found '{op}'")
        op = {"==": "=", "<>": "!="}.get(op, op)
        return Compare(key, op, self.parse_literal())


def parse_filter(text: str, partition_keys: list[str]):
    """Parse `text` against the table's partition key names; raise InvalidInputError if it does not parse."""
    if text is None or not text.strip():
        return None
    return _Parser(text, partition_keys).parse()


def key_kind(type_name: str) -> str:
    """How values of a partition key compare: 'int', 'date' or 'string' (as Hive does)."""
    t = (type_name or "string").strip().lower()
    if t in INTEGRAL_TYPES:
        return "int"
    if t == "date":
        return "date"
    return "string"
