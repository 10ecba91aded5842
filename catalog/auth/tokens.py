"""Bearer API tokens: random 32 bytes (URL-safe base64), shown once at creation; the database keeps
only their SHA-256 digest. A token is valid until revoked or expired. Tokens are never logged."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from catalog.db import Database
from catalog.errors import AuthenticationError, InvalidInputError, NotFoundError
from catalog.store import tokens as store
from catalog.store.tokens import TokenRecord

PRINCIPAL_RE = re.compile(r"^[A-Za-z0-9_.@\-]{1,128}$")
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_\-]{20,128}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_principal(name: str | None) -> str:
    if not name or not PRINCIPAL_RE.match(name):
        raise InvalidInputError("a principal is 1-128 letters, digits, '_', '.', '@' or '-'")
    return name


class TokenManager:
    def __init__(self, db: Database):
        self.db = db

    def create(
        self,
        principal: str,
        *,
        is_admin: bool = False,
        description: str | None = None,
        expires_in_days: float | None = None,
    ) -> tuple[str, TokenRecord]:
        """Return (the token, its record). The token itself is not kept anywhere."""
        check_principal(principal)
        if description is not None and len(description) > 1000:
            raise InvalidInputError("a token description is at most 1000 characters")
        expires = None
        if expires_in_days is not None:
            if expires_in_days <= 0:
                raise InvalidInputError("--expires-in-days must be positive")
            expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=expires_in_days)
        token = secrets.token_urlsafe(32)
        with self.db.write() as conn:
            rec = store.insert(conn, principal, token_hash(token), is_admin, description, expires)
        return token, rec

    def verify(self, token: str | None) -> TokenRecord:
        """The record of a valid token; AuthenticationError (which never repeats the token) otherwise."""
        if not token or not _TOKEN_RE.match(token):
            raise AuthenticationError("invalid bearer token")
        digest = token_hash(token)
        with self.db.read() as conn:
            rec = store.find_active(conn, digest)
            if rec is None:
                raise AuthenticationError("invalid, revoked or expired bearer token")
            store.touch(conn, rec.id)
        return rec

    def revoke(self, token_id: int | None = None, token: str | None = None) -> int:
        """Revoke by id or by the token itself; return the id."""
        with self.db.write() as conn:
            if token is not None:
                found = store.revoke_by_hash(conn, token_hash(token))
                if found is None:
                    raise NotFoundError("no active token matches")
                return found
            if token_id is None:
                raise InvalidInputError("give a token id or the token")
            if not store.revoke_by_id(conn, token_id):
                if store.get(conn, token_id) is None:
                    raise NotFoundError(f"token {token_id} does not exist")
                raise InvalidInputError(f"token {token_id} is already revoked")
            return token_id

    def list(self, principal: str | None = None, include_inactive: bool = True) -> list[TokenRecord]:
        with self.db.read() as conn:
            return store.list_all(conn, principal, include_inactive)


__all__ = ["PRINCIPAL_RE", "TokenManager", "TokenRecord", "check_principal", "token_hash"]
