"""The UC client against the fake server: paging rules of both dialects, retries, auth, faults."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from catalog.sync import mapping as mp
from catalog.sync import uc_types
from catalog.sync.unity_client import (
    PagingError,
    UnityClient,
    UnityError,
    normalize_privilege,
    split_url,
)
from tests.sync.conftest import client_for
from tests.sync.fake_uc import FakeUnity, column


def many_tables(fake: FakeUnity, n: int) -> None:
    fake.add_catalog("main")
    fake.add_schema("main", "s")
    for i in range(n):
        fake.add_table("main", "s", f"t{i:03d}", [column("id", "int", "integer")])


def test_split_url():
    assert split_url("https://ws.example.com/") == (
        "https://ws.example.com",
        "https://ws.example.com/api/2.1/unity-catalog",
    )
    assert split_url("http://h:8080/api/2.1/unity-catalog") == (
        "http://h:8080",
        "http://h:8080/api/2.1/unity-catalog",
    )
    with pytest.raises(ValueError):
        split_url("ftp://x")


def test_privileges_of_both_servers_normalise():
    assert normalize_privilege("USE CATALOG") == normalize_privilege("USE_CATALOG") == "USE_CATALOG"
    assert normalize_privilege(" all privileges ") == "ALL_PRIVILEGES"


def test_paging_oss_full_last_page_and_databricks_empty_pages(any_fake):
    many_tables(any_fake, 100)  # OSS: two full pages of 50, then an empty page with no token
    with client_for(any_fake) as c:
        names = [t["name"] for t in c.list_tables("main", "s")]
    assert sorted(names) == [f"t{i:03d}" for i in range(100)]
    table_calls = any_fake.requests_to("/tables")
    assert all(q["max_results"] == "50" for _, _, q in table_calls)  # max_results is always sent
    if any_fake.dialect == "oss":
        assert len(table_calls) == 3
    else:  # a token-carrying empty page before the second page is followed, not taken as the end
        assert len(table_calls) == 3 and any_fake.requests_to("/tables")[1][2]["page_token"]


def test_empty_string_token_ends_the_listing(fake):
    many_tables(fake, 3)
    orig = fake._page

    def page(items, key, q, cap):
        status, body = orig(items, key, q, cap)
        body["next_page_token"] = ""  # old OSS servers ended listings with ""
        return status, body

    fake._page = page
    with client_for(fake) as c:
        assert len(list(c.list_tables("main", "s"))) == 3
    assert len(fake.requests_to("/tables")) == 1


def test_repeated_page_token_fails_loudly(fake):
    many_tables(fake, 120)
    fake.fail("/tables", times=-1, repeat_token=True, when=lambda q: bool(q.get("page_token")))
    with client_for(fake) as c, pytest.raises(PagingError, match="repeated page token"):
        list(c.list_tables("main", "s"))
    assert len(fake.requests_to("/tables")) == 2  # the second answer hands back the token just sent


def test_429_with_retry_after_is_honoured(fake):
    many_tables(fake, 2)
    fake.fail("/tables", status=429, retry_after="1", times=2)
    waits: list[float] = []
    with client_for(fake, sleep=waits.append) as c:
        assert len(list(c.list_tables("main", "s"))) == 2
        assert c.retried == 2
    assert waits == [1.0, 1.0]


def test_retry_after_is_bounded_and_http_dates_work(fake):
    many_tables(fake, 1)
    fake.fail("/tables", status=429, retry_after="3600", times=1)
    fake.fail("/schemas", status=503, retry_after="Wed, 21 Oct 2015 07:28:00 GMT", times=1)
    waits: list[float] = []
    with client_for(fake, sleep=waits.append, max_retry_wait=5) as c:
        list(c.list_tables("main", "s"))
        list(c.list_schemas("main"))
    assert waits == [5.0, 0.0]


def test_503_then_success_mid_listing(fake):
    many_tables(fake, 120)
    fake.fail("/tables", status=503, times=2, when=lambda q: bool(q.get("page_token")))
    with client_for(fake) as c:
        assert len(list(c.list_tables("main", "s"))) == 120


def test_retries_are_bounded(fake):
    many_tables(fake, 1)
    fake.fail("/tables", status=503, times=-1)
    with client_for(fake, retries=2) as c, pytest.raises(UnityError, match="after 3 attempts: HTTP 503") as e:
        list(c.list_tables("main", "s"))
    assert e.value.status == 503 and len(fake.requests_to("/tables")) == 3


def test_timeout_mid_listing_is_retried(fake):
    many_tables(fake, 120)
    fake.fail("/tables", delay=1.5, times=1, when=lambda q: bool(q.get("page_token")))
    with client_for(fake, timeout=0.5) as c:
        assert len(list(c.list_tables("main", "s"))) == 120
        assert c.retried == 1


def test_not_found_and_client_errors_are_not_retried(fake):
    with client_for(fake) as c:
        with pytest.raises(UnityError) as e:
            c.get_catalog("nope")
        assert e.value.not_found and e.value.error_code == "NOT_FOUND"
    assert len(fake.log) == 1


def test_bearer_token():
    fake = FakeUnity(token="secret-pat").start()
    try:
        fake.add_catalog("main")
        with UnityClient(fake.url, token="wrong") as c, pytest.raises(UnityError, match="HTTP 401"):
            list(c.list_catalogs())
        with UnityClient(fake.url, token="secret-pat") as c:
            assert [x["name"] for x in c.list_catalogs()] == ["main"]
    finally:
        fake.stop()


def test_databricks_oauth_m2m():
    fake = FakeUnity(dialect="databricks", oauth=("sp-id", "sp-secret")).start()
    try:
        fake.add_catalog("main")
        with UnityClient(fake.url, client_id="sp-id", client_secret="sp-secret") as c:
            assert {x["name"] for x in c.list_catalogs()} == {"system", "main"}
            list(c.list_schemas("main"))
        assert fake.token_requests == 1  # the token is reused until it expires
        fake._issued.clear()  # server-side revocation: one refresh on 401
        with UnityClient(fake.url, client_id="sp-id", client_secret="sp-secret") as c:
            list(c.list_catalogs())
            fake._issued.clear()
            list(c.list_catalogs())
        assert fake.token_requests == 3
        with (
            UnityClient(fake.url, client_id="sp-id", client_secret="bad") as c,
            pytest.raises(UnityError, match="OAuth token request"),
        ):
            list(c.list_catalogs())
    finally:
        fake.stop()


def test_permissions_paged_and_spelled_either_way(any_fake):
    any_fake.add_catalog("main")
    for p in ("a", "b", "c", "d", "e"):
        any_fake.grant("catalog", "main", p, "USE CATALOG", "CREATE SCHEMA")
    with client_for(any_fake) as c:
        g = c.get_permissions("CATALOG", "main")  # the URL wants lowercase
    assert g == {p: ["CREATE_SCHEMA", "USE_CATALOG"] for p in "abcde"}


def test_unknown_enums_and_fields_are_kept(fake):
    fake.add_catalog("main")
    fake.add_schema("main", "s")
    fake.add_table(
        "main",
        "s",
        "f",
        [column("g", "geography", "geography", type_name="GEOGRAPHY")],
        table_type="FOREIGN",
        fmt="SNOWFLAKE_FORMAT",
        brand_new_field={"x": 1},
    )
    with client_for(fake) as c:
        (t,) = list(c.list_tables("main", "s"))
    assert t["table_type"] == "FOREIGN" and t["data_source_format"] == "SNOWFLAKE_FORMAT"
    assert t["columns"][0]["type_name"] == "GEOGRAPHY" and t["brand_new_field"] == {"x": 1}


# -- type mapping (no server) ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,spark,hive,compatible",
    [
        ("int", "integer", "int", True),
        ("BIGINT", "long", "bigint", True),
        ("decimal(10, 2)", "decimal(10,2)", "decimal(10,2)", True),
        (
            "array<map<string,struct<a:int,`b c`:string>>>",
            None,
            "array<map<string,struct<a:int,b c:string>>>",
            True,
        ),
        ("struct<`a,b`:int>", None, "struct<a,b:int>", False),
        ("timestamp_ntz", "timestamp_ntz", "timestamp_ntz", False),
        ("interval day to second", "interval day to second", "interval day to second", False),
        ("interval year", "interval year", "interval year", False),
        ("string collate UTF8_LCASE", "string collate UTF8_LCASE", "string collate UTF8_LCASE", False),
        ("variant", "variant", "variant", False),
        ("char(3)", "char(3)", "char(3)", True),
    ],
)
def test_type_text_parsing(text, spark, hive, compatible):
    t = uc_types.parse_type_text(text)
    if spark is not None:
        assert t == spark
    uc_types.check_type(t)
    assert mp.catalog_string(t) == hive
    assert mp.hive_compatible(t) is compatible


@pytest.mark.parametrize("text", ["geometry", "time", "array", "struct<a:int", "map<string>", "array<foo>"])
def test_unsupported_type_text(text):
    with pytest.raises(mp.Unsupported):
        uc_types.check_type(uc_types.parse_type_text(text))


def test_type_json_wins_over_type_text_and_type_name_is_last():
    t, nullable, meta = mp.column_type(
        {
            "name": "x",
            "type_text": "garbage<",
            "type_json": json.dumps(
                {"name": "x", "type": "long", "nullable": False, "metadata": {"comment": "c"}}
            ),
        }
    )
    assert (t, nullable, meta) == ("long", False, {"comment": "c"})
    assert (
        mp.column_type({"name": "d", "type_name": "DECIMAL", "type_precision": 5, "type_scale": 1})[0]
        == "decimal(5,1)"
    )
    with pytest.raises(mp.Unsupported, match="GEOMETRY"):
        mp.column_type({"name": "g", "type_name": "GEOMETRY"})


def test_schema_json_is_readable_by_pyspark():
    pyspark_types = pytest.importorskip("pyspark.sql.types")
    cols = mp.columns_of(
        {
            "columns": [
                {"name": "a", "type_text": "array<struct<x:int,y:varchar(5)>>"},
                {"name": "b", "type_text": "map<string,decimal(10,2)>", "comment": "money"},
                {"name": "c", "type_text": "timestamp_ntz"},
                {"name": "d", "type_text": "string collate UTF8_LCASE"},
            ]
        }
    )
    st = pyspark_types.StructType.fromJson(json.loads(mp.spark_schema_json(cols)))
    assert [f.name for f in st.fields] == ["a", "b", "c", "d"]
    assert st.fields[1].metadata == {"comment": "money"}
    assert st.fields[0].metadata["__CHAR_VARCHAR_TYPE_STRING"] == "array<struct<x:int,y:varchar(5)>>"


def test_split_and_read_back_large_property():
    params: dict[str, str] = {}
    mp.put_split(params, "k", "x" * 9001)
    assert params["k.numParts"] == "3" and len(params["k.part.2"]) == 1001
    assert mp.read_split(params, "k") == "x" * 9001


def test_http_transport_errors_are_retried():
    calls = {"n": 0}

    def handler(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json={"catalogs": [{"name": "x"}]})

    with UnityClient("http://uc.invalid", transport=httpx.MockTransport(handler), sleep=lambda s: None) as c:
        assert [x["name"] for x in c.list_catalogs()] == ["x"]
    assert calls["n"] == 2


def test_listing_is_fast_enough(fake):
    many_tables(fake, 300)
    t = time.monotonic()
    with client_for(fake) as c:
        assert len(list(c.list_tables("main", "s"))) == 300
    assert time.monotonic() - t < 10
