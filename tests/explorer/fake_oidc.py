"""A small OpenID Connect issuer for the explorer's sign-in tests, faithful to the parts of the specs
the explorer uses: Discovery 1.0 (`/.well-known/openid-configuration`), a JWKS, the authorization
endpoint of the authorization-code flow (with a login form where a user types a name), and the token
endpoint with PKCE (RFC 7636, S256 only). Codes are single-use and short-lived, bound to the
client, the redirect URI and the code challenge; ID tokens carry iss, sub, aud (the client id),
exp, iat and the nonce; access tokens are JWTs for the API audience. Everything is RS256."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


@dataclass
class FakeIssuer:
    client_id: str = "explorer"
    audience: str = "hms-catalog-api"
    host: str = "localhost"  # another site than the catalog's 127.0.0.1: the redirects are cross-site
    redirect_uris: set[str] = field(default_factory=set)  # empty: any http URI (registered on first use)
    codes: dict[str, dict] = field(default_factory=dict)
    token_requests: list[dict] = field(default_factory=list)

    def __post_init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self._lock = threading.Lock()

    # -- lifecycle --------------------------------------------------------------------------------
    def start(self) -> FakeIssuer:
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                issuer._get(self)

            def do_POST(self):
                issuer._post(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def issuer(self) -> str:
        return f"http://{self.host}:{self._server.server_address[1]}"

    # -- documents ----------------------------------------------------------------------------------
    def discovery(self) -> dict:
        i = self.issuer
        return {
            "issuer": i,
            "authorization_endpoint": i + "/authorize",
            "token_endpoint": i + "/token",
            "jwks_uri": i + "/.well-known/jwks.json",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "grant_types_supported": ["authorization_code"],
            "token_endpoint_auth_methods_supported": ["none", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict:
        pub = self.key.public_key().public_numbers()

        def b(n: int) -> str:
            return _b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))

        return {
            "keys": [
                {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid, "n": b(pub.n), "e": b(pub.e)}
            ]
        }

    def sign(self, claims: dict) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    # -- HTTP -----------------------------------------------------------------------------------------
    def _get(self, h: BaseHTTPRequestHandler) -> None:
        url = urlsplit(h.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return _json(h, 200, self.discovery())
        if url.path == "/.well-known/jwks.json":
            return _json(h, 200, self.jwks())
        if url.path == "/authorize":
            return self._authorize_form(h, q)
        _json(h, 404, {"error": "not_found"})

    def _post(self, h: BaseHTTPRequestHandler) -> None:
        n = int(h.headers.get("content-length") or 0)
        form = {k: v[0] for k, v in parse_qs(h.rfile.read(n).decode()).items()}
        path = urlsplit(h.path).path
        if path == "/authorize":
            return self._authorize_submit(h, form)
        if path == "/token":
            return self._token(h, form)
        _json(h, 404, {"error": "not_found"})

    def _check_authorize(self, q: dict) -> str | None:
        """The OAuth error for a bad authorization request, or None."""
        if q.get("client_id") != self.client_id:
            return "unauthorized_client"
        if q.get("response_type") != "code":
            return "unsupported_response_type"
        if "openid" not in (q.get("scope") or "").split():
            return "invalid_scope"
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return "invalid_request"  # this issuer requires PKCE
        if not q.get("state") or not q.get("nonce"):
            return "invalid_request"
        return None

    def _authorize_form(self, h, q: dict) -> None:
        redirect_uri = q.get("redirect_uri") or ""
        if not redirect_uri.startswith("http") or (
            self.redirect_uris and redirect_uri not in self.redirect_uris
        ):
            return _html(h, 400, "<p>invalid redirect_uri</p>")  # never redirect to an unknown URI
        err = self._check_authorize(q)
        if err:
            return _redirect(h, redirect_uri + "?" + urlencode({"error": err, "state": q.get("state", "")}))
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in q.items()
        )
        _html(
            h,
            200,
            "<!doctype html><title>Fake issuer login</title><h1>Fake issuer</h1>"
            f'<form method="post" action="/authorize">{hidden}'
            '<label>User <input id="username" name="username"></label>'
            '<button id="approve" type="submit">Sign in</button>'
            '<button id="deny" type="submit" name="deny" value="1">Deny</button></form>',
        )

    def _authorize_submit(self, h, form: dict) -> None:
        redirect_uri = form.get("redirect_uri") or ""
        err = self._check_authorize(form)
        if err or not redirect_uri.startswith("http"):
            return _html(h, 400, "<p>bad request</p>")
        if form.get("deny"):
            return _redirect(
                h, redirect_uri + "?" + urlencode({"error": "access_denied", "state": form["state"]})
            )
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.codes[code] = {
                "client_id": form["client_id"],
                "redirect_uri": redirect_uri,
                "challenge": form["code_challenge"],
                "nonce": form["nonce"],
                "sub": form.get("username") or "anonymous",
                "exp": time.time() + 60,
            }
        _redirect(h, redirect_uri + "?" + urlencode({"code": code, "state": form["state"]}))

    def _token(self, h, form: dict) -> None:
        self.token_requests.append(dict(form))
        client_id = form.get("client_id")
        auth = h.headers.get("authorization") or ""
        if auth.lower().startswith("basic "):
            client_id = base64.b64decode(auth[6:]).decode().split(":", 1)[0]
        if form.get("grant_type") != "authorization_code":
            return _json(h, 400, {"error": "unsupported_grant_type"})
        with self._lock:
            grant = self.codes.pop(form.get("code") or "", None)  # single use
        if grant is None or grant["exp"] < time.time():
            return _json(h, 400, {"error": "invalid_grant"})
        if client_id != grant["client_id"] or form.get("redirect_uri") != grant["redirect_uri"]:
            return _json(h, 400, {"error": "invalid_grant"})
        verifier = form.get("code_verifier") or ""
        if (
            not (43 <= len(verifier) <= 128)
            or _b64(hashlib.sha256(verifier.encode()).digest()) != grant["challenge"]
        ):
            return _json(h, 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
        now = int(time.time())
        base = {"iss": self.issuer, "sub": grant["sub"], "iat": now, "exp": now + 600}
        body = {
            "access_token": self.sign({**base, "aud": self.audience, "scope": "openid"}),
            "id_token": self.sign({**base, "aud": self.client_id, "nonce": grant["nonce"], "auth_time": now}),
            "token_type": "Bearer",
            "expires_in": 600,
        }
        _json(h, 200, body, {"Cache-Control": "no-store", "Pragma": "no-cache"})


def _send(h, status: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def _json(h, status: int, doc: dict, headers: dict | None = None) -> None:
    _send(h, status, json.dumps(doc).encode(), "application/json", headers)


def _html(h, status: int, text: str) -> None:
    _send(h, status, text.encode(), "text/html; charset=utf-8")


def _redirect(h, location: str) -> None:
    h.send_response(302)
    h.send_header("Location", location)
    h.send_header("Content-Length", "0")
    h.end_headers()
