"""Unity Catalog column types -> Spark types: UC's `type_json` (a Spark StructField JSON),
`type_text` (Spark's catalogString) or `type_name` with precision and scale, checked against what
Spark (and Hive) can represent. Anything that cannot be represented raises `Unsupported` with the
reason."""

from __future__ import annotations

import json
import re
from typing import Any


class Unsupported(Exception):
    """The UC object cannot be mirrored; the message is the reason recorded for the skip."""


# ==================================================================================================
# Spark data types. A type is Spark's JSON form: a string ("integer", "decimal(10,2)") or a dict
# ({"type": "array", ...}); these helpers read, check and print it.
# ==================================================================================================
_PRIMITIVE_JSON = {
    "boolean",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "string",
    "binary",
    "date",
    "timestamp",
    "timestamp_ntz",
    "void",
    "variant",
}
_CATALOG_STRING = {"byte": "tinyint", "short": "smallint", "integer": "int", "long": "bigint"}
_DDL_ALIASES = {
    "boolean": "boolean",
    "bool": "boolean",
    "tinyint": "byte",
    "byte": "byte",
    "smallint": "short",
    "short": "short",
    "int": "integer",
    "integer": "integer",
    "bigint": "long",
    "long": "long",
    "float": "float",
    "real": "float",
    "double": "double",
    "string": "string",
    "binary": "binary",
    "date": "date",
    "timestamp": "timestamp",
    "timestamp_ltz": "timestamp",
    "timestamp_ntz": "timestamp_ntz",
    "void": "void",
    "null": "void",
    "variant": "variant",
}
_DEC = re.compile(r"^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$")
_CHAR = re.compile(r"^(char|varchar)\(\s*(\d+)\s*\)$")
_COLLATED = re.compile(r"^string\s+collate\s+([\w.]+)$", re.I)
_INTERVAL = re.compile(
    r"^interval( (year|month|day|hour|minute|second)( to (year|month|day|hour|minute|second))?)?$"
)


def check_type(t: Any, path: str = "") -> None:
    """Raise Unsupported unless open-source Spark can read the type from its JSON."""
    where = f" (in {path})" if path else ""
    if isinstance(t, str):
        s = t.lower()
        if (
            s in _PRIMITIVE_JSON
            or _DEC.match(s)
            or _CHAR.match(s)
            or _COLLATED.match(s)
            or _INTERVAL.match(s)
        ):
            return
        raise Unsupported(f"type '{t}'{where} has no open-source Spark equivalent")
    if not isinstance(t, dict):
        raise Unsupported(f"malformed type {t!r}{where}")
    kind = t.get("type")
    if kind == "array":
        if "elementType" not in t:
            raise Unsupported(f"incomplete array type{where} (no element type)")
        check_type(t["elementType"], path + "[]")
    elif kind == "map":
        if "keyType" not in t or "valueType" not in t:
            raise Unsupported(f"incomplete map type{where}")
        check_type(t["keyType"], path + ".key")
        check_type(t["valueType"], path + ".value")
    elif kind == "struct":
        fields = t.get("fields")
        if not isinstance(fields, list):
            raise Unsupported(f"incomplete struct type{where} (no fields)")
        for f in fields:
            if not isinstance(f, dict) or not f.get("name") or "type" not in f:
                raise Unsupported(f"malformed struct field {f!r}{where}")
            check_type(f["type"], f"{path}.{f['name']}" if path else f["name"])
    else:
        raise Unsupported(f"type {json.dumps(t)[:200]}{where} has no open-source Spark equivalent")


def catalog_string(t: Any) -> str:
    """Spark's DataType.catalogString: the Hive type string of a column."""
    if isinstance(t, str):
        s = t.lower()
        m = _COLLATED.match(t)
        if m:
            return f"string collate {m.group(1)}"
        return _CATALOG_STRING.get(s, s)
    kind = t["type"]
    if kind == "array":
        return f"array<{catalog_string(t['elementType'])}>"
    if kind == "map":
        return f"map<{catalog_string(t['keyType'])},{catalog_string(t['valueType'])}>"
    return "struct<" + ",".join(f"{f['name']}:{catalog_string(f['type'])}" for f in t["fields"]) + ">"


def hive_compatible(t: Any) -> bool:
    """Spark's HiveExternalCatalog.isHiveCompatibleDataType, plus Hive's own name rules for nested
    fields (no ',', ':' or ';') and void, which Hive cannot store either."""
    if isinstance(t, str):
        s = t.lower()
        return not (s in ("timestamp_ntz", "variant", "void") or _INTERVAL.match(s) or _COLLATED.match(t))
    kind = t["type"]
    if kind == "array":
        return hive_compatible(t["elementType"])
    if kind == "map":
        return hive_compatible(t["keyType"]) and hive_compatible(t["valueType"])
    return all(not re.search(r"[,:;]", f["name"]) and hive_compatible(f["type"]) for f in t["fields"])


def _has_char_varchar(t: Any) -> bool:
    if isinstance(t, str):
        return bool(_CHAR.match(t.lower()))
    kind = t["type"]
    if kind == "array":
        return _has_char_varchar(t["elementType"])
    if kind == "map":
        return _has_char_varchar(t["keyType"]) or _has_char_varchar(t["valueType"])
    return any(_has_char_varchar(f["type"]) for f in t["fields"])


def _replace_char_varchar(t: Any) -> Any:
    """CharVarcharUtils.replaceCharVarcharWithString: what Spark stores in its schema property."""
    if isinstance(t, str):
        return "string" if _CHAR.match(t.lower()) else t
    kind = t["type"]
    if kind == "array":
        return {**t, "elementType": _replace_char_varchar(t["elementType"])}
    if kind == "map":
        return {
            **t,
            "keyType": _replace_char_varchar(t["keyType"]),
            "valueType": _replace_char_varchar(t["valueType"]),
        }
    return {**t, "fields": [spark_field(f) for f in t["fields"]]}


def spark_field(f: dict) -> dict:
    t = f["type"]
    meta = dict(f.get("metadata") or {})
    if _has_char_varchar(t):
        meta["__CHAR_VARCHAR_TYPE_STRING"] = catalog_string(t)
        t = _replace_char_varchar(t)
    elif isinstance(t, dict) and t.get("type") in ("struct", "array", "map"):
        t = _replace_char_varchar(t)
    return {"name": f["name"], "type": t, "nullable": bool(f.get("nullable", True)), "metadata": meta}


class _DDL:
    """A small parser of Spark's type strings (`type_text`): catalogString and the DDL forms."""

    def __init__(self, text: str):
        self.s, self.i = text, 0

    def fail(self, what: str) -> Unsupported:
        return Unsupported(f"cannot parse type '{self.s}': {what} at position {self.i}")

    def ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1

    def peek(self, c: str) -> bool:
        self.ws()
        return self.s.startswith(c, self.i)

    def eat(self, c: str) -> None:
        if not self.peek(c):
            raise self.fail(f"expected '{c}'")
        self.i += len(c)

    def word(self) -> str:
        self.ws()
        m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*").match(self.s, self.i)
        if not m:
            raise self.fail("expected a name")
        self.i = m.end()
        return m.group(0)

    def ident(self) -> str:
        self.ws()
        if self.peek("`"):
            self.i += 1
            out = []
            while self.i < len(self.s):
                c = self.s[self.i]
                if c == "`":
                    if self.s.startswith("``", self.i):
                        out.append("`")
                        self.i += 2
                        continue
                    self.i += 1
                    return "".join(out)
                out.append(c)
                self.i += 1
            raise self.fail("unterminated `name`")
        m = re.compile(r"[^\s:<>,`]+").match(self.s, self.i)
        if not m:
            raise self.fail("expected a field name")
        self.i = m.end()
        return m.group(0)

    def number(self) -> int:
        self.ws()
        m = re.compile(r"-?\d+").match(self.s, self.i)
        if not m:
            raise self.fail("expected a number")
        self.i = m.end()
        return int(m.group(0))

    def string_literal(self) -> str:
        self.ws()
        q = self.s[self.i : self.i + 1]
        if q not in ("'", '"'):
            raise self.fail("expected a quoted string")
        self.i += 1
        out = []
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "\\" and self.i + 1 < len(self.s):
                out.append(self.s[self.i + 1])
                self.i += 2
                continue
            if c == q:
                self.i += 1
                return "".join(out)
            out.append(c)
            self.i += 1
        raise self.fail("unterminated string")

    def parse(self) -> Any:
        t = self.type()
        self.ws()
        if self.i != len(self.s):
            raise self.fail("unexpected text")
        return t

    def type(self) -> Any:
        w = self.word().lower()
        if w == "array":
            self.eat("<")
            e = self.type()
            self.eat(">")
            return {"type": "array", "elementType": e, "containsNull": True}
        if w == "map":
            self.eat("<")
            k = self.type()
            self.eat(",")
            v = self.type()
            self.eat(">")
            return {"type": "map", "keyType": k, "valueType": v, "valueContainsNull": True}
        if w == "struct":
            self.eat("<")
            fields = []
            if not self.peek(">"):
                while True:
                    name = self.ident()
                    self.ws()
                    if self.peek(":"):
                        self.eat(":")
                    ft = self.type()
                    nullable, meta = True, {}
                    while True:
                        self.ws()
                        rest = self.s[self.i :].lower()
                        if rest.startswith("not null"):
                            self.i += len("not null")
                            nullable = False
                        elif rest.startswith("comment"):
                            self.i += len("comment")
                            meta["comment"] = self.string_literal()
                        else:
                            break
                    fields.append({"name": name, "type": ft, "nullable": nullable, "metadata": meta})
                    if self.peek(","):
                        self.eat(",")
                        continue
                    break
            self.eat(">")
            return {"type": "struct", "fields": fields}
        if w in ("decimal", "dec", "numeric"):
            if self.peek("("):
                self.eat("(")
                p = self.number()
                s = 0
                if self.peek(","):
                    self.eat(",")
                    s = self.number()
                self.eat(")")
                return f"decimal({p},{s})"
            return "decimal(10,0)"
        if w in ("char", "varchar", "character"):
            self.eat("(")
            n = self.number()
            self.eat(")")
            return f"{'char' if w == 'character' else w}({n})"
        if w == "string" and re.compile(r"\s+collate\s", re.I).match(self.s, self.i):
            self.word()
            return f"string collate {self.word()}"
        if w == "interval":
            m = re.compile(
                r"\s+(year|month|day|hour|minute|second)(\s+to\s+(year|month|day|hour|minute|second))?", re.I
            ).match(self.s, self.i)
            if not m:
                return "interval"  # CalendarIntervalType: Spark cannot store it in a table
            self.i = m.end()
            start, end = m.group(1).lower(), (m.group(3) or "").lower()
            return f"interval {start} to {end}" if end and end != start else f"interval {start}"
        if w in _DDL_ALIASES:
            return _DDL_ALIASES[w]
        raise Unsupported(f"type '{self.s}' has no open-source Spark equivalent ('{w}')")


def parse_type_text(text: str) -> Any:
    return _DDL(text).parse()


_BY_TYPE_NAME = {
    "BOOLEAN": "boolean",
    "BYTE": "byte",
    "SHORT": "short",
    "INT": "integer",
    "LONG": "long",
    "FLOAT": "float",
    "DOUBLE": "double",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "TIMESTAMP_NTZ": "timestamp_ntz",
    "STRING": "string",
    "BINARY": "binary",
    "NULL": "void",
    "VARIANT": "variant",
}


def column_type(col: dict) -> tuple[Any, bool, dict]:
    """(Spark JSON type, nullable, field metadata) of a UC ColumnInfo; raises Unsupported."""
    name = col.get("name")
    nullable = col.get("nullable")
    nullable = True if nullable is None else bool(nullable)
    tj = col.get("type_json")
    if tj:
        try:
            parsed = json.loads(tj) if isinstance(tj, str) else tj
        except ValueError as e:
            raise Unsupported(f"column {name}: type_json is not JSON: {e}") from e
        meta: dict = {}
        if isinstance(parsed, dict) and "name" in parsed and "type" in parsed:  # a StructField
            meta = dict(parsed.get("metadata") or {})
            if parsed.get("nullable") is not None:
                nullable = bool(parsed["nullable"])
            parsed = parsed["type"]
        if parsed in ("", None):
            raise Unsupported(f"column {name}: empty type_json")
        t = parsed
        if isinstance(t, str) and t.lower() == "decimal":
            t = _decimal_from(col)
        _check_column(name, t)
        return t, nullable, meta
    text = (col.get("type_text") or "").strip()
    if text:
        try:
            t = parse_type_text(text)
        except Unsupported as e:
            raise Unsupported(f"column {name}: {e}") from None
        _check_column(name, t)
        return t, nullable, {}
    tn = (col.get("type_name") or "").upper()
    if tn == "DECIMAL":
        t = _decimal_from(col)
    elif tn == "CHAR":
        t = "string"
    elif tn in _BY_TYPE_NAME:
        t = _BY_TYPE_NAME[tn]
    else:
        raise Unsupported(f"column {name}: type {tn or '(none)'} has no open-source Spark equivalent")
    _check_column(name, t)
    return t, nullable, {}


def _decimal_from(col: dict) -> str:
    p, s = col.get("type_precision"), col.get("type_scale")
    if not p:
        raise Unsupported(f"column {col.get('name')}: decimal without precision")
    return f"decimal({int(p)},{int(s or 0)})"


def _check_column(name: Any, t: Any) -> None:
    try:
        check_type(t)
    except Unsupported as e:
        raise Unsupported(f"column {name}: {e}") from None
    if isinstance(t, str) and t.lower() == "interval":
        raise Unsupported(f"column {name}: calendar intervals cannot be stored in a table")
