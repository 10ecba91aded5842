"""The catalog explorer served for real (`catalog serve`'s Runtime with the REST port on a free port)
over a catalog holding a partitioned table, a table whose comment is HTML, and objects mirrored from
a fake Unity Catalog server; and headless Chromium driven through Debian's chromium-driver."""

from __future__ import annotations

import itertools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from catalog.auth.tokens import TokenManager
from tests import factories as f
from tests.api.conftest import Api, make_api
from tests.sync.conftest import sync
from tests.sync.fake_uc import FakeUnity, column

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "explorer"
CHROMIUM = os.environ.get("CATALOG_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CATALOG_TEST_CHROMEDRIVER", "/usr/bin/chromedriver")
_worlds = itertools.count()
XSS_COMMENT = "<script>document.title='pwned'</script><b>bold?</b> & \"quotes\""


def populate(api: Api) -> None:
    with api.thrift() as c:
        c.create_database(f.database("sales", description="Sales data", params={"team": "revenue"}))
        t = f.table(
            "sales",
            "orders",
            cols=(("id", "bigint"), ("customer_email", "string"), ("amount", "double")),
            part_keys=[("dt", "string"), ("region", "string")],
            params={"comment": "One row per order", "numRows": "42", "owner_team": "revenue"},
        )
        t.sd.cols[1].comment = "Where the receipt goes"
        c.create_table(t)
        t = c.get_table("sales", "orders")
        c.add_partitions([f.partition(t, [f"2024-01-{d:02d}", r]) for d in (1, 2, 3) for r in ("eu", "us")])
        c.create_table(f.table("sales", "xss", params={"comment": XSS_COMMENT, XSS_COMMENT: "<i>v</i>"}))
        c.create_table(
            f.table(
                "sales",
                "events_ice",
                params={"table_type": "ICEBERG", "metadata_location": "file:/tmp/ice/v1.metadata.json"},
            )
        )


def mirror(api: Api) -> FakeUnity:
    fake = FakeUnity(dialect="oss").start()
    fake.add_catalog("main", comment="the main catalog")
    fake.add_schema("main", "sales", comment="sales data from Unity")
    fake.add_table(
        "main",
        "sales",
        "orders",
        [
            column("id", "bigint", "long"),
            column("amount", "decimal(10,2)"),
            column("dt", "string", partition_index=0),
        ],
        fmt="PARQUET",
        location="s3://bucket/sales/orders",
        comment="all orders, from Unity",
        owner="alice",
    )
    fake.grant("table", "main.sales.orders", "analysts", "SELECT")
    result = sync(api.service, fake)
    assert result.status == "succeeded", result
    return fake


@pytest.fixture(scope="module")
def world(pg_server, template_db, tmp_path_factory):
    url = pg_server.create_database(f"explorer_{os.getpid()}_{next(_worlds)}", template=template_db)
    api = make_api(url, tmp_path_factory.mktemp("explorer"))
    fake = None
    try:
        populate(api)
        fake = mirror(api)
        yield api
    finally:
        if fake is not None:
            fake.stop()
        api.runtime.stop()


def token(api: Api, principal: str, admin: bool = False) -> str:
    secret, _ = TokenManager(api.service.db).create(principal, is_admin=admin)
    return secret


@pytest.fixture
def http(world):
    with httpx.Client(base_url=world.url, timeout=30, follow_redirects=False) as c:
        yield c


_OPEN: list[httpx.Client] = []


def client(base_url: str, **kw) -> httpx.Client:
    """An httpx client closed at the end of the test."""
    c = httpx.Client(base_url=base_url, timeout=30, follow_redirects=False, **kw)
    _OPEN.append(c)
    return c


@pytest.fixture(autouse=True)
def _close_clients():
    yield
    while _OPEN:
        _OPEN.pop().close()


def signed_in_client(base_url: str, secret: str) -> httpx.Client:
    """An httpx client holding the explorer's cookie, as the sign-in form gives it."""
    c = client(base_url)
    r = c.get("/signin")
    r = c.post("/signin", data={"token": secret, "csrf": r.cookies["catalog_signin_csrf"], "next": "/"})
    assert r.status_code == 303, r.text
    return c


# -- the browser ----------------------------------------------------------------------------------
@dataclass
class Browser:
    driver: object

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def reset(self) -> None:
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


@pytest.fixture(scope="session")
def browser():
    # No skip: these tests are part of CI (.ci/run installs Debian's chromium and chromium-driver).
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.exists(path) or shutil.which(path)):
            pytest.fail(f"{path} is missing: apt-get install chromium chromium-driver (what .ci/run does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--disable-extensions",
        "--no-first-run",
    ):
        opts.add_argument(arg)
    from selenium.common.exceptions import WebDriverException

    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    except WebDriverException:  # a start-up that timed out on a loaded machine: once more, then fail
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield Browser(driver)
    finally:
        driver.quit()
