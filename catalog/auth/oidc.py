"""OIDC / JWT bearer tokens: signature checked against the issuer's JWKS, and `iss`, `aud`, `exp`
(and `nbf`, `iat`) verified. The principal is a configurable claim (`sub` by default)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import jwt
from jwt import PyJWKClient

from catalog.errors import AuthenticationError

log = logging.getLogger(__name__)

ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"]


@dataclass
class OidcSettings:
    issuer: str
    audience: str | None = None
    jwks_url: str | None = None  # default: <issuer>/.well-known/jwks.json
    principal_claim: str = "sub"
    leeway_seconds: int = 30


class OidcVerifier:
    def __init__(self, settings: OidcSettings):
        self.settings = settings
        url = settings.jwks_url or settings.issuer.rstrip("/") + "/.well-known/jwks.json"
        self._jwks = PyJWKClient(url, cache_keys=True, lifespan=300, timeout=10)

    def verify(self, token: str) -> tuple[str, dict]:
        """(principal, claims) of a valid JWT; AuthenticationError otherwise (the token is never logged)."""
        s = self.settings
        try:
            key = self._jwks.get_signing_key_from_jwt(token).key
            claims = jwt.decode(
                token,
                key,
                algorithms=ALGORITHMS,
                issuer=s.issuer,
                audience=s.audience,
                leeway=s.leeway_seconds,
                options={"require": ["exp", "iss"], "verify_aud": s.audience is not None},
            )
        except jwt.PyJWKClientError as e:
            log.warning("OIDC: could not get a signing key: %s", type(e).__name__)
            raise AuthenticationError(
                "the token's signing key is not known to the configured issuer"
            ) from None
        except jwt.InvalidTokenError as e:
            raise AuthenticationError(f"invalid OIDC token: {type(e).__name__}") from None
        principal = claims.get(s.principal_claim)
        if not isinstance(principal, str) or not principal:
            raise AuthenticationError(f"the OIDC token has no '{s.principal_claim}' claim")
        return principal, claims


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


__all__ = ["OidcSettings", "OidcVerifier", "looks_like_jwt"]
