"""Signing in to the explorer through the OIDC issuer (`--oidc-issuer`): the authorization-code flow
with PKCE (RFC 7636, S256) against the endpoints of the issuer's discovery document.

The flow's state, nonce and code verifier travel in one short-lived cookie, HMAC-signed with a
per-process key; it is SameSite=Lax because the issuer's redirect back to the callback is a
cross-site navigation (a Strict cookie would not be sent with it). The ID token is verified
(signature from the discovery document's jwks_uri, iss, aud = client id, exp, nonce); the session
cookie then holds the access token, which every page verifies like the REST API does (so the API's
`--oidc-audience` applies), or the ID token when only that one is accepted."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt
from jwt import PyJWKClient

from catalog.auth.oidc import ALGORITHMS
from catalog.errors import AuthenticationError

FLOW_COOKIE = "catalog_oidc_flow"
FLOW_PATH = "/auth/oidc"
FLOW_MAX_AGE = 600
CALLBACK_PATH = "/auth/oidc/callback"


class OidcLoginError(Exception):
    pass


@dataclass(frozen=True)
class OidcLoginSettings:
    issuer: str
    client_id: str
    client_secret: str | None = None
    scope: str = "openid profile email"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = _b64(secrets.token_bytes(32))
    return verifier, _b64(hashlib.sha256(verifier.encode()).digest())


class OidcLogin:
    def __init__(self, settings: OidcLoginSettings, timeout: float = 10.0):
        self.settings = settings
        self.timeout = timeout
        self._key = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._discovery: dict[str, Any] | None = None
        self._discovered_at = 0.0
        self._jwks: PyJWKClient | None = None

    # -- discovery ----------------------------------------------------------------------------------
    def discovery(self) -> dict[str, Any]:
        with self._lock:
            if self._discovery is not None and time.monotonic() - self._discovered_at < 3600:
                return self._discovery
        url = self.settings.issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            r = httpx.get(url, timeout=self.timeout)
            r.raise_for_status()
            doc = r.json()
        except (httpx.HTTPError, ValueError) as e:
            raise OidcLoginError(
                f"the issuer's discovery document is unavailable ({type(e).__name__})"
            ) from None
        if not isinstance(doc, dict):
            raise OidcLoginError("the issuer's discovery document is not a JSON object")
        # OpenID Connect Discovery 1.0, section 4.3: the issuer it names must be the one we asked.
        if doc.get("issuer") != self.settings.issuer:
            raise OidcLoginError("the discovery document names another issuer")
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(doc.get(key), str):
                raise OidcLoginError(f"the discovery document has no {key}")
        methods = doc.get("code_challenge_methods_supported")
        if isinstance(methods, list) and "S256" not in methods:
            raise OidcLoginError("the issuer does not support PKCE with S256")
        with self._lock:
            self._discovery, self._discovered_at = doc, time.monotonic()
            self._jwks = PyJWKClient(
                doc["jwks_uri"], cache_keys=True, lifespan=300, timeout=int(self.timeout)
            )
        return doc

    # -- the flow's cookie --------------------------------------------------------------------------
    def _sign(self, payload: dict) -> str:
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        mac = _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
        return f"{body}.{mac}"

    def _unsign(self, value: str | None) -> dict | None:
        if not value or value.count(".") != 1:
            return None
        body, mac = value.split(".")
        want = _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
        if not hmac.compare_digest(mac, want):
            return None
        try:
            doc = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return None
        if not isinstance(doc, dict) or doc.get("exp", 0) < time.time():
            return None
        return doc

    # -- steps --------------------------------------------------------------------------------------
    def start(self, redirect_uri: str, next_url: str) -> tuple[str, str]:
        """(the issuer's authorization URL to redirect to, the flow cookie's value)."""
        doc = self.discovery()
        verifier, challenge = pkce_pair()
        state, nonce = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": self.settings.client_id,
                "redirect_uri": redirect_uri,
                "scope": self.settings.scope,
                "state": state,
                "nonce": nonce,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
        endpoint = doc["authorization_endpoint"]
        url = endpoint + ("&" if "?" in endpoint else "?") + query
        cookie = self._sign(
            {
                "state": state,
                "nonce": nonce,
                "verifier": verifier,
                "next": next_url,
                "exp": int(time.time()) + FLOW_MAX_AGE,
            }
        )
        return url, cookie

    def finish(
        self, flow_cookie: str | None, params: dict[str, str], redirect_uri: str
    ) -> tuple[list[str], str]:
        """Check the callback and redeem the code: ([bearer tokens to try, best first], next URL)."""
        flow = self._unsign(flow_cookie)
        if flow is None:
            raise OidcLoginError("the sign-in took too long or was started elsewhere; start again")
        if not hmac.compare_digest(str(params.get("state") or ""), str(flow["state"])):
            raise OidcLoginError("the issuer's answer does not match this sign-in (state); start again")
        if params.get("error"):
            desc = params.get("error_description") or ""
            raise OidcLoginError(f"the issuer refused the sign-in: {params['error']} {desc}".strip())
        code = params.get("code")
        if not code:
            raise OidcLoginError("the issuer's answer has no authorization code")
        doc = self.discovery()
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": self.settings.client_id,
            "code_verifier": flow["verifier"],
        }
        auth = (self.settings.client_id, self.settings.client_secret) if self.settings.client_secret else None
        try:
            r = httpx.post(
                doc["token_endpoint"],
                data=form,
                auth=auth,
                timeout=self.timeout,
                headers={"Accept": "application/json"},
            )
            body = r.json()
        except (httpx.HTTPError, ValueError) as e:
            raise OidcLoginError(f"the issuer's token endpoint failed ({type(e).__name__})") from None
        if r.status_code != 200 or not isinstance(body, dict):
            err = body.get("error") if isinstance(body, dict) else None
            raise OidcLoginError(f"the issuer refused the authorization code ({err or r.status_code})")
        id_token = body.get("id_token")
        if not isinstance(id_token, str):
            raise OidcLoginError("the issuer's token response has no id_token")
        self._verify_id_token(id_token, flow["nonce"])
        tokens = [t for t in (body.get("access_token"), id_token) if isinstance(t, str) and t]
        return tokens, str(flow.get("next") or "/")

    def _verify_id_token(self, id_token: str, nonce: str) -> dict:
        assert self._jwks is not None  # set by discovery()
        try:
            key = self._jwks.get_signing_key_from_jwt(id_token).key
            claims = jwt.decode(
                id_token,
                key,
                algorithms=ALGORITHMS,
                issuer=self.settings.issuer,
                audience=self.settings.client_id,
                leeway=30,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as e:
            raise OidcLoginError(f"the issuer's ID token is not valid ({type(e).__name__})") from None
        if not hmac.compare_digest(str(claims.get("nonce") or ""), nonce):
            raise OidcLoginError("the ID token's nonce does not match this sign-in")
        return claims


def first_accepted(authenticate, tokens: list[str], remote: str | None):
    """(token, caller) for the first token the API's authenticator accepts."""
    last: AuthenticationError | None = None
    for t in tokens:
        try:
            return t, authenticate(t, remote)
        except AuthenticationError as e:
            last = e
    raise OidcLoginError(
        "the issuer's tokens are not accepted by this service"
        + (f" ({last.message})" if last is not None else "")
    )


__all__ = [
    "CALLBACK_PATH",
    "FLOW_COOKIE",
    "FLOW_MAX_AGE",
    "FLOW_PATH",
    "OidcLogin",
    "OidcLoginError",
    "OidcLoginSettings",
    "first_accepted",
    "pkce_pair",
]
