"""Bearer authentication: the token life cycle through the `catalog token` commands, what the
database keeps, 401s that never carry data, and OIDC JWTs checked against a local JWKS server."""

from __future__ import annotations

import hashlib
import http.server
import json
import logging
import os
import subprocess
import sys
import threading
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import text

from tests.api.conftest import make_api

CATALOG = [sys.executable, "-m", "catalog.cli"]
PROTECTED = [
    "/api/v1/catalogs",
    "/api/v1/catalogs/hive/databases",
    "/api/v1/catalogs/hive/databases/default",
    "/api/v1/catalogs/hive/databases/default/tables",
    "/api/v1/search?q=abc",
    "/api/v1/audit",
    "/api/v1/roles",
    "/api/v1/grants",
]


def _cli(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, CATALOG_DATABASE_URL=url)
    return subprocess.run(
        [*CATALOG, "token", *args], env=env, capture_output=True, text=True, check=check, timeout=120
    )


def test_token_life_cycle_through_the_cli(api, database_url):
    created = _cli(database_url, "create", "--principal", "alice", "--description", "laptop")
    token = created.stdout.strip()
    assert len(token) >= 40 and "\n" not in token and "shown only now" in created.stderr
    with api.service.db.read() as conn:
        rows = conn.execute(
            text(
                "SELECT principal, token_hash, is_admin, description FROM catalog.api_tokens "
                "WHERE principal = 'alice'"
            )
        ).all()
        dump = conn.execute(text("SELECT string_agg(t::text, ' ') FROM catalog.api_tokens t")).scalar()
    assert rows == [("alice", hashlib.sha256(token.encode()).hexdigest(), False, "laptop")]
    assert token not in dump  # only the digest is stored

    c = api.client(token)
    assert c.get("/api/v1/catalogs").status_code == 200
    listing = _cli(database_url, "list").stdout
    line = next(x for x in listing.splitlines() if "\talice\t" in x)
    assert "\tactive\t" in line and token not in listing
    token_id = line.split("\t")[0]

    assert _cli(database_url, "revoke", token_id).stdout.strip() == f"revoked token {token_id}"
    r = c.get("/api/v1/catalogs")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
    assert "revoked" in next(x for x in _cli(database_url, "list").stdout.splitlines() if "\talice\t" in x)
    again = _cli(database_url, "revoke", token_id, check=False)
    assert again.returncode != 0 and "already revoked" in again.stderr

    second = _cli(
        database_url, "create", "--principal", "bob", "--admin", "--expires-in-days", "30"
    ).stdout.strip()
    assert api.client(second).get("/api/v1/audit").status_code == 200
    assert _cli(database_url, "revoke", "--token", second).stdout.startswith("revoked token ")
    assert api.client(second).get("/api/v1/audit").status_code == 401
    bad = _cli(database_url, "create", "--principal", "no spaces allowed", check=False)
    assert bad.returncode != 0


def test_expired_tokens_are_refused(api):
    token = api.token("carol", expires_in_days=1)
    c = api.client(token)
    assert c.get("/api/v1/catalogs").status_code == 200
    with api.service.db.write() as conn:
        conn.execute(
            text(
                "UPDATE catalog.api_tokens SET expires_at = now() - interval '1 second' "
                "WHERE principal = 'carol'"
            )
        )
    r = c.get("/api/v1/catalogs")
    assert r.status_code == 401 and "expired" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer  x y",
        "Basic dXNlcjpwdw==",
        "Bearer nope",
        "Bearer " + "A" * 43,
        "Bearer a.b.c",
        "Bearer " + "x" * 9000,
    ],
)
def test_missing_or_invalid_credentials_get_401_and_no_data(api, header):
    import httpx

    with httpx.Client(base_url=api.url) as c:
        for path in PROTECTED:
            r = c.get(path, headers={"Authorization": header} if header is not None else {})
            assert r.status_code == 401, (path, r.text)
            assert set(r.json()) == {"error"} and r.json()["error"]["code"] == "unauthenticated"
            assert r.headers["www-authenticate"].startswith('Bearer realm="catalog"')
            assert ("invalid_token" in r.headers["www-authenticate"]) == (header is not None)
        assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200


def test_tokens_never_reach_the_logs(api, caplog):
    token = api.token("dave")
    caplog.set_level(logging.DEBUG)
    api.client(token).get("/api/v1/catalogs")
    api.client(token + "x").get("/api/v1/catalogs")
    with api.service.db.write() as conn:
        conn.execute(text("UPDATE catalog.api_tokens SET revoked_at = now() WHERE principal = 'dave'"))
    api.client(token).get("/api/v1/catalogs")
    assert token not in caplog.text and token[:20] not in caplog.text


# ------------------------------------------------------------------------------------------ OIDC
ISSUER = "https://issuer.example.test"


class _Jwks(http.server.BaseHTTPRequestHandler):
    body = b"{}"

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def oidc(database_url, tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update(kid="k1", use="sig", alg="RS256")
    handler = type("Jwks", (_Jwks,), {"body": json.dumps({"keys": [jwk]}).encode()})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    a = make_api(
        database_url,
        tmp_path,
        oidc_issuer=ISSUER,
        oidc_audience="catalog",
        oidc_jwks_url=f"http://127.0.0.1:{httpd.server_address[1]}/jwks.json",
    )
    try:
        yield a, key
    finally:
        for c in a.clients:
            c.close()
        a.runtime.stop()
        httpd.shutdown()


def _jwt(key, kid="k1", **claims):
    now = int(time.time())
    body = {
        "iss": ISSUER,
        "aud": "catalog",
        "sub": "erin@example.test",
        "iat": now,
        "exp": now + 300,
        **claims,
    }
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})


def test_oidc_tokens_are_verified_against_the_jwks(oidc):
    api, key = oidc
    ok = api.client(_jwt(key)).get("/api/v1/catalogs")
    assert ok.status_code == 200
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    for bad in (
        _jwt(key, aud="someone-else"),
        _jwt(key, iss="https://evil.example.test"),
        _jwt(key, exp=now - 120, iat=now - 600),
        _jwt(other),
        _jwt(key, kid="unknown"),
        _jwt(key, sub=""),
        jwt.encode(
            {"iss": ISSUER, "aud": "catalog", "sub": "x", "exp": now + 60},
            "s" * 32,
            algorithm="HS256",
            headers={"kid": "k1"},
        ),
    ):
        r = api.client(bad).get("/api/v1/catalogs")
        assert r.status_code == 401, r.text
        assert 'error="invalid_token"' in r.headers["www-authenticate"]
    # API tokens keep working beside OIDC
    assert api.admin().get("/api/v1/catalogs").status_code == 200


def test_oidc_principal_is_the_audited_caller(oidc):
    api, key = oidc
    with api.service.db.write() as conn:  # let erin create roles: put her in the admin role
        from catalog.store import roles

        roles.insert_role_map(
            conn,
            api.service.ids,
            roles.get_role(conn, "admin").role_id,
            "erin@example.test",
            "USER",
            "admin",
            "ROLE",
            False,
            0,
        )
    r = api.client(_jwt(key)).post("/api/v1/roles", json={"name": "oidc_role"})
    assert r.status_code == 201
    recs = api.admin().get("/api/v1/audit", params={"action": "create_role"}).json()["records"]
    assert [(x["principal"], x["door"]) for x in recs] == [("erin@example.test", "rest")]
