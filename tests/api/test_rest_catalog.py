"""The REST API's catalog reads over a real socket: shapes, paging, filters, errors, health."""

from __future__ import annotations

import httpx
import psycopg
import pytest
from sqlalchemy.engine import make_url

from catalog.domain.model import ColumnStats, TableColumnStats
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f

V1 = "/api/v1/catalogs/hive"


def _populate(api):
    with api.thrift() as c:
        c.create_database(f.database("sales", description="Sales data", params={"team": "revenue"}))
        t = f.table(
            "sales",
            "orders",
            cols=(("id", "bigint"), ("amount", "double")),
            part_keys=[("dt", "string")],
            params={"comment": "One row per order", "numRows": "42", "totalSize": "2048", "numFiles": "3"},
        )
        t.sd.cols[1].comment = "Order total in EUR"
        c.create_table(t)
        t = c.get_table("sales", "orders")
        c.add_partitions([f.partition(t, [f"2024-01-{d:02d}"]) for d in range(1, 8)])
        view = f.table("sales", "big_orders", table_type="VIRTUAL_VIEW")
        view.viewOriginalText = "SELECT * FROM orders WHERE amount > 100"
        view.viewExpandedText = "SELECT `orders`.`id` FROM `sales`.`orders` WHERE `orders`.`amount` > 100"
        view.sd.location = None
        c.create_table(view)
        c.create_function(
            tt.Function(
                functionName="to_eur",
                dbName="sales",
                className="com.example.ToEur",
                ownerName="tester",
                ownerType=tt.PrincipalType.USER,
                createTime=0,
                functionType=tt.FunctionType.JAVA,
                resourceUris=[tt.ResourceUri(tt.ResourceType.JAR, "file:/tmp/eur.jar")],
            )
        )
    api.service.update_column_stats(
        TableColumnStats(
            "sales",
            "orders",
            [
                ColumnStats(
                    column="amount",
                    type="double",
                    kind="double",
                    num_nulls=1,
                    num_dvs=40,
                    low=0.5,
                    high=999.0,
                )
            ],
        )
    )


def test_lists_and_gets_catalog_objects(api):
    _populate(api)
    a = api.admin()
    assert a.get("/api/v1/catalogs").json()["catalogs"][0]["name"] == "hive"
    dbs = a.get(f"{V1}/databases").json()
    assert [d["name"] for d in dbs["databases"]] == ["default", "sales"] and dbs["next_page_token"] is None
    db = a.get(f"{V1}/databases/sales").json()
    assert (
        db["description"] == "Sales data"
        and db["parameters"] == {"team": "revenue"}
        and db["owner"] == "tester"
    )
    tables = a.get(f"{V1}/databases/sales/tables").json()["tables"]
    assert [(t["name"], t["type"]) for t in tables] == [
        ("big_orders", "VIRTUAL_VIEW"),
        ("orders", "MANAGED_TABLE"),
    ]
    assert tables[1]["comment"] == "One row per order"

    t = a.get(f"{V1}/databases/sales/tables/orders").json()
    assert t["columns"] == [
        {"name": "id", "type": "bigint", "comment": None},
        {"name": "amount", "type": "double", "comment": "Order total in EUR"},
    ]
    assert t["partition_keys"] == [{"name": "dt", "type": "string", "comment": None}]
    assert t["owner"] == "tester" and t["comment"] == "One row per order"
    assert t["storage"]["serde"]["serialization_lib"] == f.PARQUET_SERDE
    assert t["storage"]["location"].endswith("/sales.db/orders")
    st = t["statistics"]
    assert (st["num_rows"], st["total_size"], st["num_files"]) == (42, 2048, 3)
    assert st["columns"] == [
        {
            "column": "amount",
            "type": "double",
            "kind": "double",
            "num_nulls": 1,
            "num_distinct_values": 40,
            "low": 0.5,
            "high": 999.0,
            "avg_length": None,
            "max_length": None,
            "num_trues": None,
            "num_falses": None,
        }
    ]
    assert t["view"] is None

    v = a.get(f"{V1}/databases/sales/tables/big_orders").json()
    assert v["view"]["original_text"] == "SELECT * FROM orders WHERE amount > 100"
    assert "`sales`.`orders`" in v["view"]["expanded_text"] and v["storage"] is None

    fns = a.get(f"{V1}/databases/sales/functions").json()["functions"]
    assert fns == [
        {
            "catalog": "hive",
            "database": "sales",
            "name": "to_eur",
            "class_name": "com.example.ToEur",
            "owner": "tester",
            "owner_type": "USER",
            "create_time": fns[0]["create_time"],
            "resources": [{"type": "JAR", "uri": "file:/tmp/eur.jar"}],
        }
    ]


def test_partitions_page_and_filter(api):
    _populate(api)
    a = api.admin()
    url = f"{V1}/databases/sales/tables/orders/partitions"
    seen, token = [], None
    while True:
        body = a.get(url, params={"page_size": 3, **({"page_token": token} if token else {})}).json()
        seen += [p["name"] for p in body["partitions"]]
        token = body["next_page_token"]
        if not token:
            break
    assert seen == [f"dt=2024-01-{d:02d}" for d in range(1, 8)]
    body = a.get(url, params={"filter": "dt >= '2024-01-03' and dt < '2024-01-06'", "page_size": 2}).json()
    assert [p["values"] for p in body["partitions"]] == [["2024-01-03"], ["2024-01-04"]]
    nxt = a.get(
        url,
        params={
            "filter": "dt >= '2024-01-03' and dt < '2024-01-06'",
            "page_size": 2,
            "page_token": body["next_page_token"],
        },
    ).json()
    assert [p["name"] for p in nxt["partitions"]] == ["dt=2024-01-05"] and nxt["next_page_token"] is None
    # a token belongs to its listing (here: another filter)
    r = a.get(url, params={"filter": "dt > '2024'", "page_token": body["next_page_token"]})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_argument"
    bad = a.get(url, params={"filter": "dt >>> 3"})
    assert bad.status_code == 400 and set(bad.json()) == {"error"}
    assert a.get(url, params={"filter": "nokey = '1'"}).status_code == 400


@pytest.mark.parametrize(
    "path,status,code",
    [
        (f"{V1}/databases/nope", 404, "not_found"),
        (f"{V1}/databases/nope/tables", 404, "not_found"),
        (f"{V1}/databases/default/tables/nope", 404, "not_found"),
        (f"{V1}/databases/default/tables/nope/partitions", 404, "not_found"),
        ("/api/v1/catalogs/nocat/databases", 404, "not_found"),
        (f"{V1}/databases/bad-name!", 422, "invalid_request"),
        (f"{V1}/databases/{'x' * 129}", 422, "invalid_request"),
        (f"{V1}/databases?page_size=0", 422, "invalid_request"),
        (f"{V1}/databases?page_size=1001", 422, "invalid_request"),
        (f"{V1}/databases?page_token=garbage", 400, "invalid_argument"),
        ("/api/v1/nothing-here", 404, "not_found"),
    ],
)
def test_one_error_shape(api, path, status, code):
    r = api.admin().get(path)
    assert r.status_code == status
    assert r.json() == {"error": {"code": code, "message": r.json()["error"]["message"]}}
    assert r.json()["error"]["message"]


def test_page_size_is_bounded_and_default(api):
    with api.thrift() as c:
        c.create_database(f.database("many"))
        for i in range(105):
            c.create_table(f.table("many", f"t{i:03d}"))
    a = api.admin()
    first = a.get(f"{V1}/databases/many/tables").json()
    assert len(first["tables"]) == 100 and first["next_page_token"]
    rest = a.get(f"{V1}/databases/many/tables", params={"page_token": first["next_page_token"]}).json()
    assert [t["name"] for t in rest["tables"]] == [f"t{i:03d}" for i in range(100, 105)]
    assert rest["next_page_token"] is None


def test_openapi_and_docs_are_served(api):
    with httpx.Client(base_url=api.url) as c:
        spec = c.get("/openapi.json").json()
        assert "/api/v1/catalogs/{catalog}/databases/{db}/tables/{table}/partitions" in spec["paths"]
        assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
        assert c.get("/docs").status_code == 200


def test_health_and_readiness(database_url, pg_server, tmp_path):
    from tests.api.conftest import make_api

    a = make_api(database_url, tmp_path)
    try:
        with httpx.Client(base_url=a.url) as c:
            assert c.get("/healthz").json() == {"status": "ok"}
            assert c.get("/readyz").json() == {"status": "ready"}
            u = make_url(database_url)
            with psycopg.connect(
                host=u.host,
                port=u.port,
                user=u.username,
                password=u.password,
                dbname="postgres",
                autocommit=True,
            ) as conn:
                conn.execute(f'DROP DATABASE "{u.database}" WITH (FORCE)')
            r = c.get("/readyz")
            assert r.status_code == 503 and r.json()["error"]["code"] == "unavailable"
            assert c.get("/healthz").status_code == 200
    finally:
        a.runtime.stop()
