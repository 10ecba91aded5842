"""Who calls the gRPC door: the REST API's bearer tokens (an API token or an OIDC JWT), sent in the
call's `authorization` metadata as `Bearer <token>`. Verified exactly as for REST
(api.auth.Authenticator); the caller's door is `grpc`."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from api.auth import Authenticator
from catalog.auth.context import GRPC, Caller
from catalog.errors import AuthenticationError


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
    def __init__(self, authenticator: Authenticator):
        self.authenticator = authenticator

    def caller(self, metadata, peer: str | None) -> Caller:
        c = self.authenticator.authenticate(bearer_token(metadata), peer)
        return dataclasses.replace(c, door=GRPC)


__all__ = ["GrpcAuthenticator", "bearer_token"]
