"""The explorer in headless Chromium against a running service: what a data engineer does with it.
Screenshots go to test-artifacts/explorer/ (ignored by git) for a reviewer to look at."""

from __future__ import annotations

from urllib.parse import urlsplit

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.explorer.conftest import XSS_COMMENT, token


def _wait(b, cond, timeout: float = 20):
    return WebDriverWait(b.driver, timeout).until(lambda d: cond(d))


def _path(b) -> str:
    u = urlsplit(b.driver.current_url)
    return u.path + (f"?{u.query}" if u.query else "")


def _text(b, css: str) -> str:
    return b.driver.find_element(By.CSS_SELECTOR, css).text


def _click_link(b, text: str) -> None:
    before = b.driver.current_url
    b.driver.find_element(By.LINK_TEXT, text).click()
    _wait(b, lambda d: d.current_url != before)


def _sign_in(b, base: str, secret: str, start: str = "/") -> None:
    b.driver.get(base + start)
    _wait(b, lambda d: urlsplit(d.current_url).path == "/signin")
    b.driver.find_element(By.ID, "token").send_keys(secret)
    b.driver.find_element(By.ID, "signin-go").click()
    _wait(b, lambda d: urlsplit(d.current_url).path != "/signin")


def test_sign_in_browse_filter_search_provenance_sign_out(world, browser):
    b, base = browser, world.url
    b.reset()
    b.driver.get(base + "/")
    _wait(b, lambda d: urlsplit(d.current_url).path == "/signin")
    b.shot("01-sign-in")
    b.driver.find_element(By.ID, "token").send_keys(token(world, "erin"))
    b.driver.find_element(By.ID, "signin-go").click()
    _wait(b, lambda d: d.find_elements(By.ID, "catalogs"))
    assert _text(b, "#principal") == "erin"
    rows = {
        r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[1].text
        for r in b.driver.find_elements(By.CSS_SELECTOR, "#catalogs tbody tr")
    }
    assert rows["hive"] == "3"  # default, sales, and the mirrored main__sales
    b.shot("02-catalogs")

    # catalogs -> databases -> tables -> the partitioned table
    _click_link(b, "hive")
    counts = {
        r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[1].text
        for r in b.driver.find_elements(By.CSS_SELECTOR, "#databases tbody tr")
    }
    assert counts["sales"] == "3" and counts["main__sales"] == "1"
    _click_link(b, "sales")
    assert _text(b, "#table-count") == "3"
    b.shot("03-database")
    _click_link(b, "orders")
    assert _path(b) == "/catalogs/hive/databases/sales/tables/orders"
    assert len(b.driver.find_elements(By.CSS_SELECTOR, "#partition-list tbody tr")) == 6
    assert "Where the receipt goes" in _text(b, "#columns")
    assert "SELECT * FROM sales.orders WHERE dt = '2024-01-01' AND region = 'eu' LIMIT 100;" in _text(
        b, "#snippet-1"
    )
    b.shot("04-table")

    # filter partitions in the metastore's filter language
    box = b.driver.find_element(By.ID, "filter-box")
    box.send_keys("dt >= '2024-01-02' AND region = 'eu'")
    box.send_keys(Keys.ENTER)
    _wait(b, lambda d: "filter=" in d.current_url)
    names = [
        r.find_elements(By.TAG_NAME, "td")[0].text
        for r in b.driver.find_elements(By.CSS_SELECTOR, "#partition-list tbody tr")
    ]
    assert names == ["dt=2024-01-02/region=eu", "dt=2024-01-03/region=eu"]
    assert _text(b, "#partition-count") == "(2 matching)"
    b.shot("05-partitions-filtered")

    # an invalid filter: an inline error on the same page, not a 500
    box = b.driver.find_element(By.ID, "filter-box")
    box.clear()
    box.send_keys("dt >>> oops")
    box.send_keys(Keys.ENTER)
    _wait(b, lambda d: d.find_elements(By.ID, "filter-error"))
    assert _text(b, "#filter-error")
    assert _text(b, "#table-name").startswith("orders")
    b.shot("06-partitions-bad-filter")

    # search by a column name, then two clicks to the table: submit, then the result
    b.driver.get(base + "/")
    b.driver.find_element(By.ID, "search-box").send_keys("customer_email")
    b.driver.find_element(By.ID, "search-go").click()  # click 1
    _wait(b, lambda d: d.find_elements(By.ID, "results-column"))
    b.shot("07-search")
    hit = b.driver.find_element(By.CSS_SELECTOR, "#results-column a.hit")
    assert hit.text == "hive.sales.orders.customer_email"
    hit.click()  # click 2
    _wait(b, lambda d: urlsplit(d.current_url).path.endswith("/tables/orders"))
    assert _path(b) == "/catalogs/hive/databases/sales/tables/orders"
    assert urlsplit(b.driver.current_url).fragment == "col-customer_email"

    # a mirrored table: its Unity Catalog provenance
    b.driver.get(base + "/catalogs/hive/databases/main__sales")
    _click_link(b, "orders")
    b.driver.find_element(By.ID, "provenance-link").click()
    _wait(b, lambda d: d.current_url.endswith("#provenance"))
    prov = _text(b, "#provenance")
    assert _text(b, "#unity-full-name") == "main.sales.orders"
    assert _text(b, "#unity-id")
    assert _text(b, "#last-sync").endswith("UTC")
    assert "analysts" in prov and "SELECT" in prov
    b.driver.find_element(By.ID, "provenance").screenshot(str(b.shot("08-provenance")))

    # the sync page shows the run that mirrored it, and its events
    b.driver.get(base + "/sync")
    b.driver.find_element(By.CSS_SELECTOR, "#sync-runs tbody a").click()
    _wait(b, lambda d: d.find_elements(By.ID, "sync-events"))
    events = _text(b, "#sync-events")
    assert "main.sales.orders" in events and "created" in events
    b.shot("09-sync-run")

    # sign out (a POST): every page sends us back to sign-in
    b.driver.find_element(By.ID, "sign-out").click()
    _wait(b, lambda d: urlsplit(d.current_url).path == "/signin")
    b.driver.get(base + "/catalogs/hive/databases/sales/tables/orders")
    assert urlsplit(b.driver.current_url).path == "/signin"
    assert not [c for c in b.driver.get_cookies() if c["name"] == "catalog_session"]
    b.shot("10-signed-out")


def test_a_script_in_a_comment_is_shown_as_text(world, browser):
    b = browser
    b.reset()
    _sign_in(b, world.url, token(world, "erin"), "/catalogs/hive/databases/sales/tables/xss")
    assert _path(b) == "/catalogs/hive/databases/sales/tables/xss"
    assert _text(b, "#table-comment") == XSS_COMMENT
    assert b.driver.title != "pwned"
    assert not b.driver.find_elements(By.CSS_SELECTOR, "#table-comment b, #table-properties i")
    assert XSS_COMMENT in _text(b, "#table-properties")
    # the database page lists the same comment, as text too
    b.driver.get(world.url + "/catalogs/hive/databases/sales")
    assert XSS_COMMENT in _text(b, "#tables") and b.driver.title != "pwned"
    b.shot("11-script-as-text")


def test_iceberg_table_has_a_pyiceberg_snippet(world, browser):
    b = browser
    b.reset()
    _sign_in(b, world.url, token(world, "erin"), "/catalogs/hive/databases/sales/tables/events_ice")
    snippets = _text(b, "#snippets")
    assert "PyIceberg" in snippets
    assert 'catalog.load_table(("sales", "events_ice"))' in snippets
    _sign_in_elsewhere = b.driver.find_elements(By.ID, "snippet-3")
    assert _sign_in_elsewhere


def test_without_a_token_the_browser_lands_on_sign_in(world, browser):
    b = browser
    b.reset()
    for path in ("/", "/catalogs/hive/databases/sales/tables/orders?filter=x", "/search?q=orders", "/sync"):
        b.driver.get(world.url + path)
        _wait(b, lambda d: urlsplit(d.current_url).path == "/signin")
        assert b.driver.find_elements(By.ID, "token")
    # a wrong token is refused on the form, and nothing is kept
    b.driver.find_element(By.ID, "token").send_keys("not-a-real-token-at-all-0123456789")
    b.driver.find_element(By.ID, "signin-go").click()
    _wait(b, lambda d: d.find_elements(By.ID, "signin-error"))
    assert not [c for c in b.driver.get_cookies() if c["name"] == "catalog_session"]
    # after signing in, the page first asked for is the one shown
    b.driver.find_element(By.ID, "token").send_keys(token(world, "erin"))
    b.driver.find_element(By.ID, "signin-go").click()
    _wait(b, lambda d: urlsplit(d.current_url).path == "/sync")
