"""Identifier rules and Hive's partition-name encoding.

Names are case-insensitive and stored lower-case, as in Hive. Partition names follow Hive's
`FileUtils.makePartName`: `key=value` pairs joined by `/`, with Hive's path escaping.
"""

from __future__ import annotations

import re

from catalog.errors import InvalidInputError, InvalidObjectError

# Hive's MetaStoreUtils.validateName: [\w_]+ with ASCII word characters.
_NAME_RE = re.compile(r"^[A-Za-z0-9_]+$")

# Column sizes of Hive's 3.1.0 schema: what the edge must refuse before SQL would.
MAX_CATALOG_NAME = 256
MAX_DB_NAME = 128
MAX_TABLE_NAME = 256
MAX_COLUMN_NAME = 767
MAX_PARTITION_NAME = 767
MAX_PARTITION_VALUE = 256
MAX_FUNCTION_NAME = 128
MAX_PARAM_KEY = 256
MAX_LOCATION = 4000

DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__"

_ESCAPED = set(range(0x00, 0x20)) | {ord(c) for c in "\"#%'*/:=?\\\x7f{[]^"}


def normalize(name: str) -> str:
    return name.strip().lower()


def check_name(kind: str, name: str | None, max_len: int) -> str:
    """Return the normalised name, or raise InvalidObjectError saying what is wrong with it."""
    if name is None or not name.strip():
        raise InvalidObjectError(f"{kind} name must not be empty")
    n = normalize(name)
    if len(n) > max_len:
        raise InvalidObjectError(f"{kind} name '{name[:64]}…' is longer than {max_len} characters")
    if not _NAME_RE.match(n):
        raise InvalidObjectError(
            f"{kind} name '{name}' is not valid: use letters, digits and underscores only"
        )
    return n


def check_catalog_name(name: str | None) -> str:
    return check_name("catalog", name, MAX_CATALOG_NAME)


def check_db_name(name: str | None) -> str:
    return check_name("database", name, MAX_DB_NAME)


def check_table_name(name: str | None) -> str:
    return check_name("table", name, MAX_TABLE_NAME)


def check_function_name(name: str | None) -> str:
    return check_name("function", name, MAX_FUNCTION_NAME)


# Each escaped character and its %XX form (str.translate: one C pass over the value).
_ESCAPE_TABLE = {c: f"%{c:02X}" for c in _ESCAPED}


def escape_path_name(value: str) -> str:
    """Hive's FileUtils.escapePathName (non-Windows)."""
    return value.translate(_ESCAPE_TABLE)


def unescape_path_name(path: str) -> str:
    """Hive's FileUtils.unescapePathName: decode %XX, keep a stray % literally."""
    out = []
    i, n = 0, len(path)
    while i < n:
        c = path[i]
        if c == "%" and i + 2 < n:
            hex2 = path[i + 1 : i + 3]
            code = int(hex2, 16) if re.fullmatch(r"[+]?[0-9A-Fa-f]+", hex2) else -1
            if code >= 0:
                out.append(chr(code))
                i += 3
                continue
        out.append(c)
        i += 1
    return "".join(out)


def make_part_name(keys: list[str], values: list[str]) -> str:
    parts = []
    for k, v in zip(keys, values, strict=False):
        v = DEFAULT_PARTITION_NAME if v is None or v == "" else v
        parts.append(f"{escape_path_name(k.lower())}={escape_path_name(v)}")
    return "/".join(parts)


def parse_part_name(name: str) -> list[tuple[str, str]]:
    """Split `a=1/b=x%2Fy` into [(a, 1), (b, x/y)]; raise InvalidObjectError if malformed."""
    pairs = []
    for piece in name.split("/"):
        if "=" not in piece:
            raise InvalidObjectError(f"partition name '{name}' is not of the form key=value/...")
        k, v = piece.split("=", 1)
        if not k:
            raise InvalidObjectError(f"partition name '{name}' has an empty key")
        pairs.append((unescape_path_name(k), unescape_path_name(v)))
    return pairs


def values_from_part_name(keys: list[str], name: str) -> list[str]:
    pairs = parse_part_name(name)
    if [k.lower() for k, _ in pairs] != [k.lower() for k in keys]:
        raise InvalidObjectError(
            f"partition name '{name}' does not match the partition keys ({', '.join(keys)})"
        )
    return [v for _, v in pairs]


def first_value_not_matching(values: list[str], pattern: str | None) -> str | None:
    """The first partition value the whole of which `pattern` does not match (Hive's
    `metastore.partition.name.whitelist.pattern`; empty or None: every value is valid)."""
    if not pattern:
        return None
    try:
        rx = re.compile(pattern)
    except re.error as e:
        raise InvalidInputError(f"invalid partition name whitelist pattern '{pattern}': {e}") from None
    return next((v for v in values if v is None or rx.fullmatch(v) is None), None)
