"""SQL for REST API tokens (catalog.api_tokens). Only the SHA-256 hex digest of a token is stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, text


@dataclass
class TokenRecord:
    id: int
    principal: str
    is_admin: bool
    description: str | None
    created_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None

    @property
    def active(self) -> bool:
        now = dt.datetime.now(dt.UTC)
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


_COLS = "id, principal, is_admin, description, created_at, expires_at, revoked_at, last_used_at"


def insert(
    conn: Connection,
    principal: str,
    token_hash: str,
    is_admin: bool,
    description: str | None,
    expires_at: dt.datetime | None,
) -> TokenRecord:
    r = conn.execute(
        text(
            f"INSERT INTO catalog.api_tokens (principal, token_hash, is_admin, description, "
            f"expires_at) VALUES (:p, :h, :a, :d, :e) RETURNING {_COLS}"
        ),
        {"p": principal, "h": token_hash, "a": is_admin, "d": description, "e": expires_at},
    ).one()
    return TokenRecord(*r)


def find_active(conn: Connection, token_hash: str) -> TokenRecord | None:
    """The token with this hash if it is neither revoked nor expired (by the database's clock)."""
    r = conn.execute(
        text(
            f"SELECT {_COLS} FROM catalog.api_tokens WHERE token_hash = :h "
            "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"
        ),
        {"h": token_hash},
    ).first()
    return TokenRecord(*r) if r else None


def touch(conn: Connection, token_id: int) -> None:
    """Record use, at most once a minute per token (no write on every request)."""
    conn.execute(
        text(
            "UPDATE catalog.api_tokens SET last_used_at = now() WHERE id = :id "
            "AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')"
        ),
        {"id": token_id},
    )


def revoke_by_id(conn: Connection, token_id: int) -> bool:
    return (
        conn.execute(
            text("UPDATE catalog.api_tokens SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL"),
            {"id": token_id},
        ).rowcount
        > 0
    )


def revoke_by_hash(conn: Connection, token_hash: str) -> int | None:
    r = conn.execute(
        text(
            "UPDATE catalog.api_tokens SET revoked_at = now() WHERE token_hash = :h "
            "AND revoked_at IS NULL RETURNING id"
        ),
        {"h": token_hash},
    ).first()
    return r[0] if r else None


def get(conn: Connection, token_id: int) -> TokenRecord | None:
    r = conn.execute(text(f"SELECT {_COLS} FROM catalog.api_tokens WHERE id = :id"), {"id": token_id}).first()
    return TokenRecord(*r) if r else None


def list_all(
    conn: Connection, principal: str | None = None, include_inactive: bool = True
) -> list[TokenRecord]:
    sql = f"SELECT {_COLS} FROM catalog.api_tokens WHERE (CAST(:p AS text) IS NULL OR principal = :p)"
    if not include_inactive:
        sql += " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"
    return [TokenRecord(*r) for r in conn.execute(text(sql + " ORDER BY id"), {"p": principal})]


__all__ = [
    "TokenRecord",
    "find_active",
    "get",
    "insert",
    "list_all",
    "revoke_by_hash",
    "revoke_by_id",
    "touch",
]
