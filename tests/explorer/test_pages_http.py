"""The explorer over plain HTTP: sign-in and its cookie, CSRF, the security headers, escaping, and
what a user sees under --authorization=enforce (the same as the REST API shows them)."""

from __future__ import annotations

import os

import httpx
import pytest

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.api.conftest import make_api
from tests.explorer.conftest import XSS_COMMENT, client, signed_in_client, token

PAGES = [
    "/",
    "/catalogs/hive",
    "/catalogs/hive/databases/sales",
    "/catalogs/hive/databases/sales/tables/orders",
    "/catalogs/hive/databases/sales/tables/orders?filter=dt%3D%272024-01-01%27",
    "/catalogs/hive/databases/nope/tables/nothing",
    "/search?q=orders",
    "/sync",
    "/sync/runs/1",
]


@pytest.mark.parametrize("path", PAGES)
def test_without_a_valid_cookie_every_page_redirects_to_sign_in(world, http, path):
    r = http.get(path)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/signin")
    assert "<html" not in r.text  # nothing of the page
    # a cookie that does not sign in is dropped on the way
    with httpx.Client(base_url=world.url, cookies={"catalog_session": "x" * 43}) as stale:
        r = stale.get(path)
    assert r.status_code == 303 and r.headers["location"].startswith("/signin")
    assert 'catalog_session=""' in r.headers.get("set-cookie", "")
    # a bearer header is the API's credential, not the pages'
    r = http.get(path, headers={"Authorization": f"Bearer {world.admin_token}"})
    assert r.status_code == 303


def test_sign_in_returns_to_the_page_asked_for_and_never_off_site(world, http):
    r = http.get("/catalogs/hive/databases/sales?page_size=5")
    assert r.headers["location"] == "/signin?next=%2Fcatalogs%2Fhive%2Fdatabases%2Fsales%3Fpage_size%3D5"
    form = http.get(r.headers["location"])
    assert 'value="/catalogs/hive/databases/sales?page_size=5"' in form.text
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        c = client(world.url)
        page = c.get("/signin", params={"next": evil})
        r = c.post(
            "/signin",
            data={"token": world.admin_token, "csrf": page.cookies["catalog_signin_csrf"], "next": evil},
        )
        assert r.status_code == 303 and r.headers["location"] == "/", evil


def test_the_session_cookie_is_httponly_samesite_strict_and_secure_over_https(world, http):
    page = http.get("/signin")
    csrf = page.cookies["catalog_signin_csrf"]
    r = http.post("/signin", data={"token": world.admin_token, "csrf": csrf, "next": "/"})
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and "catalog_session=" in v)
    attrs = {a.strip().split("=")[0].lower() for a in cookie.split(";")}
    assert {"httponly", "path", "samesite"} <= attrs and "secure" not in attrs
    assert "samesite=strict" in cookie.lower()
    # behind a TLS-terminating proxy on this host (uvicorn trusts X-Forwarded-Proto from 127.0.0.1);
    # the Secure cookies are sent back by hand, as a browser would over https
    https = {"X-Forwarded-Proto": "https"}
    page = http.get("/signin", headers=https)
    assert "secure" in page.headers["set-cookie"].lower()
    csrf = page.cookies["catalog_signin_csrf"]
    r = httpx.post(
        world.url + "/signin",
        headers={**https, "Cookie": f"catalog_signin_csrf={csrf}"},
        data={"token": world.admin_token, "csrf": csrf, "next": "/"},
    )
    cookie = next(v for k, v in r.headers.multi_items() if k == "set-cookie" and "catalog_session=" in v)
    assert "secure" in cookie.lower()


def test_sign_in_needs_the_forms_csrf_token(world, http):
    r = http.post("/signin", data={"token": world.admin_token, "next": "/"})
    assert r.status_code == 403 and "catalog_session=" not in r.headers.get("set-cookie", "")
    page = http.get("/signin")
    r = http.post(
        "/signin",
        headers={"Origin": "https://evil.example"},
        data={"token": world.admin_token, "csrf": page.cookies["catalog_signin_csrf"], "next": "/"},
    )
    assert r.status_code == 403 and "catalog_session=" not in r.headers.get("set-cookie", "")
    r = http.post(
        "/signin",
        data={"token": "wrong-token-wrong-token-wrong", "csrf": page.cookies["catalog_signin_csrf"]},
    )
    assert r.status_code == 401 and "invalid" in r.text


def test_sign_out_is_a_post_with_a_csrf_token(world):
    c = signed_in_client(world.url, token(world, "erin"))
    assert c.get("/signout").status_code == 405  # no state-changing GET
    r = c.post("/signout", data={})
    assert r.status_code == 403
    assert c.get("/").status_code == 200  # still signed in
    home = c.get("/").text
    csrf = home.split('name="csrf" value="')[1].split('"')[0]
    r = c.post("/signout", data={"csrf": csrf})
    assert r.status_code == 303 and r.headers["location"] == "/signin"
    assert 'catalog_session=""' in r.headers["set-cookie"]
    assert c.get("/").status_code == 303


def test_a_revoked_token_signs_the_browser_out(world):
    from catalog.auth.tokens import TokenManager

    secret = token(world, "temp")
    c = signed_in_client(world.url, secret)
    assert c.get("/").status_code == 200
    TokenManager(world.service.db).revoke(token=secret)
    r = c.get("/")
    assert r.status_code == 303 and r.headers["location"] == "/signin"


def test_pages_carry_a_strict_content_security_policy(world):
    c = signed_in_client(world.url, token(world, "erin"))
    for path in [*PAGES, "/signin", "/static/explorer.css"]:
        r = c.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp  # no script may run at all
        assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        if path != "/static/explorer.css":
            assert r.headers["cache-control"] == "no-store"
    # nothing is loaded from elsewhere: every src/href is local
    html = c.get("/catalogs/hive/databases/sales/tables/orders").text
    assert "http://" not in html.split("<main>")[0] and "https://" not in html.split("<main>")[0]
    assert c.get("/static/nothing.js").status_code == 404


def test_user_text_is_escaped(world):
    c = signed_in_client(world.url, token(world, "erin"))
    html = c.get("/catalogs/hive/databases/sales/tables/xss").text
    assert "<script>" not in html and "<b>bold" not in html and "<i>v</i>" not in html
    assert (
        "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&lt;b&gt;bold?&lt;/b&gt; &amp; &#34;quotes&#34;"
        in html
    )
    # in attributes too: the search box echoes the query
    html = c.get("/search", params={"q": '"><script>x</script>'}).text
    assert '"><script>' not in html and "&#34;&gt;&lt;script&gt;" in html
    assert XSS_COMMENT not in html


def test_bad_input_is_a_page_not_a_500(world):
    c = signed_in_client(world.url, token(world, "erin"))
    r = c.get("/catalogs/hive/databases/nope")
    assert r.status_code == 404 and "database hive.nope does not exist" in r.text and "<html" in r.text
    r = c.get("/catalogs/hive/databases/sales/tables/orders", params={"filter": "dt >>> 1"})
    assert r.status_code == 200 and 'id="filter-error"' in r.text
    r = c.get("/catalogs/hive/databases/sales/tables/orders", params={"filter": "nosuchkey = 1"})
    assert r.status_code == 200 and 'id="filter-error"' in r.text and "nosuchkey" in r.text
    r = c.get("/catalogs/hive/databases/sales/tables/orders", params={"page_token": "garbage"})
    assert r.status_code == 200 and 'id="filter-error"' in r.text
    r = c.get("/sync/runs/999999")
    assert r.status_code == 404


def test_partition_paging_follows_the_next_link(world):
    with world.thrift() as t:
        t.create_table(f.table("sales", "many_parts", part_keys=[("n", "int")]))
        tbl = t.get_table("sales", "many_parts")
        t.add_partitions([f.partition(tbl, [str(i)]) for i in range(120)])
    c = signed_in_client(world.url, token(world, "erin"))
    seen, url = [], "/catalogs/hive/databases/sales/tables/many_parts?filter=n+%3E%3D+10"
    while url:
        html = c.get(url).text
        seen += [row.split("</td>")[0] for row in html.split('<tr><td class="mono">n=')[1:]]
        nxt = html.split('id="next-partitions" href="')
        url = nxt[1].split('"')[0].replace("&amp;", "&") if len(nxt) > 1 else None
    assert len(seen) == 110 and len(set(seen)) == 110
    assert (
        "(110 matching)" in c.get("/catalogs/hive/databases/sales/tables/many_parts?filter=n+%3E%3D+10").text
    )


# -- --authorization=enforce ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def enforced(pg_server, template_db, tmp_path_factory):
    url = pg_server.create_database(f"explorer_authz_{os.getpid()}", template=template_db)
    api = make_api(
        url, tmp_path_factory.mktemp("explorer_authz"), authorization="enforce", admin_users=("boss",)
    )
    with api.thrift("boss") as c:
        c.create_database(f.database("sales"))
        c.create_database(f.database("hr"))
        c.create_table(f.table("sales", "orders", cols=(("id", "int"), ("visible_col", "string"))))
        c.create_table(f.table("sales", "salaries", cols=(("id", "int"), ("secret_col", "string"))))
        c.create_table(f.table("hr", "people"))
        priv = tt.HiveObjectPrivilege(
            hiveObject=tt.HiveObjectRef(
                objectType=tt.HiveObjectType.TABLE, dbName="sales", objectName="orders"
            ),
            principalName="rita",
            principalType=tt.PrincipalType.USER,
            grantInfo=tt.PrivilegeGrantInfo("SELECT", 0, "boss", tt.PrincipalType.USER, False),
        )
        c.grant_privileges(tt.PrivilegeBag(privileges=[priv]))
    try:
        yield api
    finally:
        api.runtime.stop()


def test_under_enforce_a_user_sees_what_the_api_shows_them(enforced):
    secret = token(enforced, "rita")
    c = signed_in_client(enforced.url, secret)
    api = httpx.Client(base_url=enforced.url, headers={"Authorization": f"Bearer {secret}"})
    api_dbs = [d["name"] for d in api.get("/api/v1/catalogs/hive/databases").json()["databases"]]
    api_tables = [t["name"] for t in api.get("/api/v1/catalogs/hive/databases/sales/tables").json()["tables"]]
    assert api_dbs == ["default", "sales"] and api_tables == ["orders"]  # default: owned by public

    home = c.get("/").text
    assert '<td class="num">2</td>' in home  # the databases visible in hive: default and sales
    dbs = c.get("/catalogs/hive").text
    assert ">sales</a>" in dbs and ">hr</a>" not in dbs
    db = c.get("/catalogs/hive/databases/sales").text
    assert ">orders</a>" in db and "salaries" not in db and '<td id="table-count">1</td>' in db
    r = c.get("/catalogs/hive/databases/sales/tables/salaries")
    assert r.status_code == 403 and "Permission denied" in r.text and "secret_col" not in r.text
    assert c.get("/catalogs/hive/databases/hr").status_code == 403
    found = c.get("/search", params={"q": "_col"}).text
    assert "visible_col" in found and "secret_col" not in found
    table = c.get("/catalogs/hive/databases/sales/tables/orders").text
    assert "Only admins see every grant" in table and "The audit log is open to admins only." in table
    assert ">rita <" in table  # rita's own SELECT grant is listed

    boss = signed_in_client(enforced.url, token(enforced, "boss"))
    table = boss.get("/catalogs/hive/databases/sales/tables/orders").text
    assert "Only admins see every grant" not in table and ">rita <" in table
    assert "grant_privileges" in table or "create_table" in table  # the table's audit history
    assert ">hr</a>" in boss.get("/catalogs/hive").text


def test_views_and_hive3_catalogs_have_their_pages(world):
    with world.thrift() as t:
        view = f.table("sales", "big_orders", table_type="VIRTUAL_VIEW")
        view.viewOriginalText = "SELECT * FROM orders WHERE amount > 100"
        view.viewExpandedText = "SELECT `orders`.`id` FROM `sales`.`orders` WHERE `orders`.`amount` > 100"
        view.sd.location = None
        t.create_table(view)
    c = signed_in_client(world.url, token(world, "erin"))
    html = c.get("/catalogs/hive/databases/sales/tables/big_orders").text
    assert 'id="view"' in html and "SELECT * FROM orders WHERE amount &gt; 100" in html
    assert "A view has no storage." in html
    # the mirror's Hive 3 catalog 'main' holds the Unity schema under its own name
    assert ">main</a>" in c.get("/").text
    html = c.get("/catalogs/main/databases/sales/tables/orders").text
    assert 'id="provenance"' in html and "main.sales.orders" in html
    assert "spark.hadoop.metastore.catalog.default&#34;, &#34;main&#34;" in html
