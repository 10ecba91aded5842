"""Hive's name patterns (`*` is any sequence, `|` separates alternatives), as PostgreSQL regexes."""

from __future__ import annotations

import re

from catalog.errors import InvalidInputError


def pattern_regex(pattern: str | None) -> str | None:
    """Return an anchored, case-insensitive-ready regex for a Hive pattern, or None for 'all'."""
    if pattern is None or pattern.strip() in ("", "*"):
        return None
    alts = [p.strip().replace("*", ".*") for p in pattern.split("|") if p.strip()]
    if not alts:
        return None
    rx = "^(" + "|".join(alts) + ")$"
    try:
        re.compile(rx)
    except re.error as e:
        raise InvalidInputError(f"invalid name pattern '{pattern}': {e}") from e
    return rx
