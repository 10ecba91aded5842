"""Signing in to the explorer through an OIDC issuer (`--oidc-issuer`): the authorization-code flow
with PKCE, in headless Chromium, against a small local issuer (tests/explorer/fake_oidc.py) served
from another site (localhost) than the catalog (127.0.0.1), so the redirects are cross-site."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.api.conftest import make_api
from tests.explorer.conftest import client
from tests.explorer.fake_oidc import FakeIssuer


@pytest.fixture(scope="module")
def issuer():
    f = FakeIssuer(client_id="explorer", audience="hms-catalog-api").start()
    try:
        yield f
    finally:
        f.stop()


@pytest.fixture(scope="module")
def oidc_api(pg_server, template_db, tmp_path_factory, issuer):
    url = pg_server.create_database(f"explorer_oidc_{os.getpid()}", template=template_db)
    api = make_api(
        url,
        tmp_path_factory.mktemp("explorer_oidc"),
        oidc_issuer=issuer.issuer,
        oidc_audience=issuer.audience,
        oidc_client_id=issuer.client_id,
    )
    try:
        yield api
    finally:
        api.runtime.stop()


def _wait(driver, cond, timeout: float = 20):
    return WebDriverWait(driver, timeout).until(lambda d: cond(d))


def test_oidc_sign_in_in_the_browser(oidc_api, issuer, browser):
    d = browser.driver
    browser.reset()
    d.get(oidc_api.url + "/sync")
    _wait(d, lambda d: urlsplit(d.current_url).path == "/signin")
    d.find_element(By.ID, "oidc-login").click()
    _wait(d, lambda d: d.current_url.startswith(issuer.issuer + "/authorize"))
    q = parse_qs(urlsplit(d.current_url).query)
    assert q["response_type"] == ["code"] and q["code_challenge_method"] == ["S256"]
    assert q["client_id"] == ["explorer"] and "openid" in q["scope"][0].split()
    assert q["redirect_uri"] == [oidc_api.url + "/auth/oidc/callback"]
    browser.shot("20-oidc-issuer-login")
    d.find_element(By.ID, "username").send_keys("carol")
    d.find_element(By.ID, "approve").click()
    _wait(d, lambda d: urlsplit(d.current_url).path == "/sync" and d.find_elements(By.ID, "principal"))
    assert d.find_element(By.ID, "principal").text == "carol"
    # the code was redeemed with the PKCE verifier of this sign-in
    req = issuer.token_requests[-1]
    assert req["grant_type"] == "authorization_code" and 43 <= len(req["code_verifier"]) <= 128
    session = [c for c in d.get_cookies() if c["name"] == "catalog_session"]
    assert session and session[0]["httpOnly"] and session[0]["sameSite"] == "Strict"
    assert not [c for c in d.get_cookies() if c["name"] == "catalog_oidc_flow"]  # the flow's cookie is gone
    browser.shot("21-oidc-signed-in")
    d.get(oidc_api.url + "/catalogs/hive")
    assert d.find_element(By.ID, "principal").text == "carol"
    d.find_element(By.ID, "sign-out").click()
    _wait(d, lambda d: urlsplit(d.current_url).path == "/signin")


def test_oidc_refusal_is_shown_on_the_sign_in_page(oidc_api, issuer, browser):
    d = browser.driver
    browser.reset()
    d.get(oidc_api.url + "/signin")
    d.find_element(By.ID, "oidc-login").click()
    _wait(d, lambda d: d.find_elements(By.ID, "deny"))
    d.find_element(By.ID, "deny").click()
    _wait(d, lambda d: d.find_elements(By.ID, "signin-error"))
    assert "access_denied" in d.find_element(By.ID, "signin-error").text
    assert not [c for c in d.get_cookies() if c["name"] == "catalog_session"]


def test_a_callback_that_is_not_from_this_sign_in_is_refused(oidc_api, issuer):
    c = client(oidc_api.url)
    r = c.get("/auth/oidc/login")
    assert r.status_code == 302 and r.headers["location"].startswith(issuer.issuer + "/authorize?")
    state = parse_qs(urlsplit(r.headers["location"]).query)["state"][0]
    # a forged state, and a real state without the flow's cookie: both refused, nothing set
    r = c.get("/auth/oidc/callback", params={"code": "x", "state": "forged"})
    assert r.status_code == 401 and "catalog_session=" not in r.headers.get("set-cookie", "").replace(
        'catalog_session=""', ""
    )
    fresh = client(oidc_api.url)
    r = fresh.get("/auth/oidc/callback", params={"code": "x", "state": state})
    assert r.status_code == 401 and "start again" in r.text
    # the right state with a code the issuer never gave: the token endpoint refuses it
    c2 = client(oidc_api.url)
    r = c2.get("/auth/oidc/login")
    state = parse_qs(urlsplit(r.headers["location"]).query)["state"][0]
    r = c2.get("/auth/oidc/callback", params={"code": "never-issued", "state": state})
    assert r.status_code == 401 and "invalid_grant" in r.text


def test_the_issuers_access_token_also_works_on_the_api(oidc_api, issuer):
    # what the explorer stores is a bearer token the REST API itself accepts
    import time

    now = int(time.time())
    tok = issuer.sign(
        {"iss": issuer.issuer, "sub": "dave", "aud": issuer.audience, "iat": now, "exp": now + 60}
    )
    r = client(oidc_api.url, headers={"Authorization": f"Bearer {tok}"}).get("/api/v1/catalogs")
    assert r.status_code == 200
    wrong_aud = issuer.sign(
        {"iss": issuer.issuer, "sub": "dave", "aud": "other", "iat": now, "exp": now + 60}
    )
    c = client(oidc_api.url)
    page = c.get("/signin")
    r = c.post("/signin", data={"token": wrong_aud, "csrf": page.cookies["catalog_signin_csrf"], "next": "/"})
    assert r.status_code == 401
