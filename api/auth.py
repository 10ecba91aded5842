"""Bearer authentication for every route but the health checks: an API token (catalog.api_tokens)
or, when configured, an OIDC JWT. Failures answer 401 with WWW-Authenticate and never any data."""

from __future__ import annotations

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from catalog.auth.context import REST, Caller
from catalog.auth.oidc import OidcVerifier, looks_like_jwt
from catalog.auth.tokens import TokenManager
from catalog.errors import AuthenticationError

bearer = HTTPBearer(
    auto_error=False, description="An API token (`catalog token create`) or an OIDC access token"
)


class Authenticator:
    def __init__(self, tokens: TokenManager, oidc: OidcVerifier | None = None):
        self.tokens = tokens
        self.oidc = oidc

    def authenticate(self, token: str, remote: str | None = None) -> Caller:
        if len(token) > 8192:
            raise AuthenticationError("invalid bearer token")
        if self.oidc is not None and looks_like_jwt(token):
            principal, _claims = self.oidc.verify(token)
            return Caller(principal=principal, door=REST, remote=remote)
        rec = self.tokens.verify(token)
        return Caller(principal=rec.principal, door=REST, is_admin=rec.is_admin, remote=remote)


def require_caller(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> Caller:
    if credentials is None:
        if request.headers.get("authorization"):
            raise AuthenticationError("the Authorization header must be 'Bearer <token>'")
        raise AuthenticationError("authentication required: send 'Authorization: Bearer <token>'")
    if (credentials.scheme or "").lower() != "bearer" or not credentials.credentials:
        raise AuthenticationError("the Authorization header must be 'Bearer <token>'")
    remote = request.client.host if request.client else None
    return request.app.state.ctx.authenticator.authenticate(credentials.credentials.strip(), remote)


__all__ = ["Authenticator", "bearer", "require_caller"]
