"""Opaque page tokens: URL-safe base64 of a small JSON document naming the last key seen and the
listing it belongs to (a token from one listing is refused by another)."""

from __future__ import annotations

import base64
import hashlib
import json

from fastapi import Query

from catalog.errors import InvalidInputError

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
MAX_TOKEN = 2048

PageSize = Query(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page (1-1000).")
PageToken = Query(None, max_length=MAX_TOKEN, description="`next_page_token` of the previous page.")


def _scope(scope: str) -> str:
    return hashlib.sha256(scope.encode()).hexdigest()[:12]


def encode(scope: str, key) -> str:
    raw = json.dumps({"s": _scope(scope), "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(scope: str, token: str | None, expect: type = str):
    """The key in `token` (None for the first page); InvalidInputError for a token that is not ours."""
    if token is None or token == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("s") != _scope(scope) or type(doc.get("k")) is not expect:
            raise ValueError
        return doc["k"]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise InvalidInputError(
            "invalid page_token (it must be the next_page_token of the same listing)"
        ) from None


def next_token(scope: str, items: list, page_size: int, key) -> str | None:
    """A token for the page after `items` when the page is full (`key(last item)` is remembered)."""
    if len(items) < page_size or not items:
        return None
    return encode(scope, key(items[-1]))


__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "PageSize", "PageToken", "decode", "encode", "next_token"]
