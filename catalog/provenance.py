"""Provenance: which objects the Unity Catalog mirror owns, and the rule that they are read-only
for every caller except the mirror itself.

A database or table mirrored from Unity Catalog carries the Hive parameter `catalog.mirror.source`.
The sync worker runs its writes inside `mirror_writes()` (a context variable, so it never leaks into
Thrift or REST worker threads) and is the only caller allowed past the checks.

This module is part of the core (the service and the mirror both import it); it imports nothing
but the error types.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Mapping

from catalog.errors import InvalidOperationError

SOURCE = "catalog.mirror.source"
MIRROR_GRANTOR = "unity-catalog"  # GRANTOR of the privileges the mirror maps from UC grants

_bypass: contextvars.ContextVar[bool] = contextvars.ContextVar("catalog_mirror_writes", default=False)


@contextlib.contextmanager
def mirror_writes() -> Iterator[None]:
    """Let the calls made inside this block change mirrored objects (the sync worker only)."""
    token = _bypass.set(True)
    try:
        yield
    finally:
        _bypass.reset(token)


def check_revocable(grantors) -> None:
    """Refuse revoking a privilege the mirror granted: UC owns it (revoke it there)."""
    if MIRROR_GRANTOR in grantors and not _bypass.get():
        raise InvalidOperationError(
            f"this privilege is mirrored from Unity Catalog (grantor '{MIRROR_GRANTOR}'); revoke it there"
        )


def check_writable(kind: str, name: str, parameters: Mapping[str, str] | None) -> None:
    """Refuse a change to an object that carries the mirror's provenance marker."""
    source = (parameters or {}).get(SOURCE)
    if source and not _bypass.get():
        raise InvalidOperationError(
            f"{kind} {name} is mirrored from Unity Catalog (source {source}); change it there"
        )
