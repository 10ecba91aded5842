"""Who calls the gRPC door: the REST API's bearer tokens (an API token or an OIDC JWT), sent in the
call's `authorization` metadata as `Bearer <token>`. Verified exactly as for REST
(api.auth.Authenticator); the caller's door is `grpc`.

A verified token is remembered for `CACHE_SECONDS` (keyed by its SHA-256, never by the token):
verification costs database round trips that would otherwise dominate a small call such as
GetTableReq. So a revoked API token may still be accepted for that long on this door; failures are
never remembered.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Sequence

from api.auth import Authenticator
from catalog.auth.context import GRPC, Caller
from catalog.errors import AuthenticationError

CACHE_SECONDS = 2.0
_CACHE_MAX = 10_000


def bearer_token(metadata: Sequence[tuple[str, str | bytes]] | None) -> str:
    """The token of the call's `authorization: Bearer <token>`; AuthenticationError without one."""
    value = None
    for k, v in metadata or ():
        if k == "authorization":
            value = v.decode("latin-1") if isinstance(v, bytes) else v
            break
    if value is None:
        raise AuthenticationError(
            "authentication required: send the metadata 'authorization: Bearer <token>'"
        )
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationError("the authorization metadata must be 'Bearer <token>'")
    return token.strip()


class GrpcAuthenticator:
    def __init__(self, authenticator: Authenticator, cache_seconds: float = CACHE_SECONDS):
        self.authenticator = authenticator
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[float, Caller]] = {}  # sha256(token) -> (valid until, caller)

    def caller(self, metadata, peer: str | None) -> Caller:
        token = bearer_token(metadata)
        key = hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return dataclasses.replace(hit[1], remote=peer)
        c = dataclasses.replace(self.authenticator.authenticate(token, peer), door=GRPC)
        if self.cache_seconds > 0:
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[key] = (now + self.cache_seconds, c)
        return c


__all__ = ["CACHE_SECONDS", "GrpcAuthenticator", "bearer_token"]
