"""GET /api/v1/search: relevance on a realistic catalog, paging, and PostgreSQL plans that use the
trigram indexes of migration 0004 rather than scans."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from catalog.store import search as search_store
from tests import factories as f


def _col(name, typ, comment=None):
    from catalog.thrift_gen.hive_metastore import ttypes as tt

    return tt.FieldSchema(name=name, type=typ, comment=comment)


def _catalog(api):
    """A small but realistic catalog: a few domains, comments, owners, properties."""
    with api.thrift() as c:
        c.create_database(f.database("sales", description="Orders, invoices and customers"))
        c.create_database(f.database("marketing", description="Campaigns and attribution"))
        c.create_database(f.database("customers", description="Customer master data"))
        t = f.table(
            "sales",
            "orders",
            cols=(("order_id", "bigint"), ("customer_id", "bigint"), ("amount", "double")),
            params={"comment": "One row per customer order", "owner_team": "revenue-analytics"},
        )
        c.create_table(t)
        t = f.table(
            "sales",
            "invoices",
            cols=(("invoice_id", "bigint"), ("order_ref", "bigint")),
            params={"comment": "Invoices sent for orders"},
        )
        t.sd.cols[1].comment = "The order this invoice bills"
        c.create_table(t)
        t = f.table("sales", "order_items", cols=(("order_id", "bigint"), ("sku", "string")))
        c.create_table(t)
        c.create_table(f.table("sales", "backorders", cols=(("sku", "string"), ("qty", "int"))))
        t = f.table(
            "marketing",
            "campaigns",
            cols=(("campaign_id", "int"), ("budget", "double")),
            params={"comment": "Paid campaigns", "pii": "none"},
        )
        t.sd.cols[1].comment = "Budget in EUR, excluding orders refunded"
        c.create_table(t)
        t = f.table(
            "marketing", "customer_orders_attribution", cols=(("campaign_id", "int"), ("orders", "int"))
        )
        c.create_table(t)
        t = f.table(
            "customers",
            "profiles",
            cols=(("customer_id", "bigint"), ("email", "string")),
            params={"comment": "Customer profiles", "pii": "email"},
            part_keys=[("country", "string")],
        )
        c.create_table(t)


def _search(api, q, **params):
    r = api.admin().get("/api/v1/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()


def test_exact_table_name_ranks_first(api):
    _catalog(api)
    hits = _search(api, "orders")["results"]
    keys = [(h["kind"], h["database"], h["table"], h["column"], h["matched"]) for h in hits]
    assert keys[0] == ("table", "sales", "orders", None, "name")
    # whole word in a table name > exact column name > a table name merely containing the term
    pos = {k[:4]: i for i, k in enumerate(keys)}
    assert (
        pos[("table", "marketing", "customer_orders_attribution", None)]
        < pos[("column", "marketing", "customer_orders_attribution", "orders")]
        < pos[("table", "sales", "backorders", None)]
    )
    # any name match ranks above comment matches
    first_comment = min(i for i, k in enumerate(keys) if k[4] == "comment")
    last_table_name = max(i for i, k in enumerate(keys) if k[0] == "table" and k[4] == "name")
    assert last_table_name < first_comment
    # a column comment match is found, below the names
    assert ("column", "marketing", "campaigns", "budget", "comment") in keys
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_prefix_beats_substring_and_each_object_once(api):
    _catalog(api)
    hits = _search(api, "order")["results"]
    names = [(h["kind"], h["table"], h["column"]) for h in hits]
    assert len(names) == len(set(names))  # one hit per object: the best one
    tables = [h["table"] for h in hits if h["kind"] == "table" and h["matched"] == "name"]
    assert tables.index("orders") < tables.index("customer_orders_attribution")
    assert tables.index("order_items") < tables.index("customer_orders_attribution")


def test_databases_properties_kinds_and_catalog_filter(api):
    _catalog(api)
    hits = _search(api, "customer")["results"]
    # prefixes: a table name (10 x 0.8) before a database name (9 x 0.8)
    assert [(h["kind"], h["database"], h["table"]) for h in hits[:2]] == [
        ("table", "marketing", "customer_orders_attribution"),
        ("database", "customers", None),
    ]
    props = _search(api, "revenue-analytics")["results"]
    assert [(h["kind"], h["table"], h["matched"], h["text"]) for h in props] == [
        ("table", "orders", "property", "owner_team revenue-analytics")
    ]
    only_cols = _search(api, "customer_id", kind="column")["results"]
    assert {(h["table"], h["column"]) for h in only_cols} == {
        ("orders", "customer_id"),
        ("profiles", "customer_id"),
    }
    assert all(h["score"] == only_cols[0]["score"] for h in only_cols)
    assert _search(api, "country", kind="column")["results"][0]["column"] == "country"  # partition keys too
    assert _search(api, "orders", catalog="nocatalog")["results"] == []
    # machinery properties are not searched
    assert _search(api, "transient_lastDdlTime")["results"] == []
    # LIKE wildcards are literal
    assert _search(api, "%%")["results"] == [] and _search(api, "o_d")["results"] == []


def test_paging_is_stable_and_complete(api):
    _catalog(api)
    everything = _search(api, "or", page_size=1000)["results"]
    assert len(everything) > 6
    seen, token = [], None
    while True:
        body = _search(api, "or", page_size=4, **({"page_token": token} if token else {}))
        seen += body["results"]
        token = body["next_page_token"]
        if not token:
            break
    assert seen == everything


@pytest.mark.parametrize("q,status", [("", 422), ("x", 422), ("y" * 201, 422)])
def test_query_is_validated(api, q, status):
    r = api.admin().get("/api/v1/search", params={"q": q})
    assert r.status_code == status and r.json()["error"]["code"] == "invalid_request"


N = 100_000


def _search_indexes():
    import importlib

    return importlib.import_module("migrations.versions.0004_rest_catalog").SEARCH_INDEXES


def _bulk(conn, db_id: int) -> None:
    """N more tables, columns, comments, properties, partition keys and databases. The trigram
    indexes are dropped and rebuilt around the load (as one would for a bulk import): building a GIN
    index once is much faster than growing it row by row."""
    for name, *_ in _search_indexes():
        conn.execute(text(f'DROP INDEX "{name}"'))
    base = 10_000_000
    p = {"n": N, "b": base, "db": db_id}
    h = "left(md5((g * {k})::text), 10)"
    conn.execute(text('INSERT INTO "CDS" SELECT :b + g FROM generate_series(1, :n) g'), p)
    conn.execute(
        text(
            'INSERT INTO "SDS" ("SD_ID", "CD_ID", "IS_COMPRESSED", "NUM_BUCKETS", '
            '"IS_STOREDASSUBDIRECTORIES") SELECT :b + g, :b + g, false, -1, false '
            "FROM generate_series(1, :n) g"
        ),
        p,
    )
    conn.execute(
        text(
            'INSERT INTO "TBLS" ("TBL_ID", "CREATE_TIME", "DB_ID", "LAST_ACCESS_TIME", "OWNER", '
            f'"RETENTION", "SD_ID", "TBL_NAME", "TBL_TYPE") SELECT :b + g, 0, :db, 0, \'etl\', 0, :b + g, '
            f"'t_' || {h.format(k=1)}, 'MANAGED_TABLE' FROM generate_series(1, :n) g"
        ),
        p,
    )
    conn.execute(
        text(
            'INSERT INTO "COLUMNS_V2" ("CD_ID", "COMMENT", "COLUMN_NAME", "TYPE_NAME", "INTEGER_IDX") '
            f"SELECT :b + g, 'note ' || {h.format(k=3)}, 'c_' || {h.format(k=7)}, "
            "'string', 0 FROM generate_series(1, :n) g"
        ),
        p,
    )
    conn.execute(
        text(
            f"INSERT INTO \"TABLE_PARAMS\" SELECT :b + g, 'comment', 'table ' || {h.format(k=5)} "
            "FROM generate_series(1, :n) g"
        ),
        p,
    )
    conn.execute(
        text(
            f"INSERT INTO \"TABLE_PARAMS\" SELECT :b + g, 'owner_team', 'team ' || {h.format(k=11)} "
            "FROM generate_series(1, :n) g"
        ),
        p,
    )
    conn.execute(
        text(
            f"INSERT INTO \"PARTITION_KEYS\" SELECT :b + g, NULL, 'k_' || {h.format(k=13)}, "
            "'string', 0 FROM generate_series(1, :n) g"
        ),
        p,
    )
    conn.execute(
        text(
            'INSERT INTO "DBS" ("DB_ID", "DESC", "DB_LOCATION_URI", "NAME", "OWNER_NAME", "OWNER_TYPE", '
            f"\"CTLG_NAME\") SELECT :b + g, 'db ' || {h.format(k=17)}, 'file:/x', "
            f"'d_' || {h.format(k=19)}, 'etl', 'USER', 'hive' FROM generate_series(1, :n) g"
        ),
        p,
    )
    for name, table, expr, where in _search_indexes():
        conn.execute(
            text(
                f'CREATE INDEX "{name}" ON "{table}" USING gin (({expr}) gin_trgm_ops)'
                + (f" WHERE {where}" if where else "")
            )
        )


ALL_TRGM = {
    "CATALOG_DBS_NAME_TRGM",
    "CATALOG_DBS_DESC_TRGM",
    "CATALOG_TBLS_NAME_TRGM",
    "CATALOG_COLUMNS_V2_NAME_TRGM",
    "CATALOG_COLUMNS_V2_COMMENT_TRGM",
    "CATALOG_PARTITION_KEYS_NAME_TRGM",
    "CATALOG_TABLE_PARAMS_COMMENT_TRGM",
    "CATALOG_TABLE_PARAMS_PROPERTY_TRGM",
}


def _plan(conn, term: str) -> str:
    return "\n".join(
        r[0]
        for r in conn.execute(
            text("EXPLAIN " + search_store.ranked_sql()),
            {
                "pat": search_store.like_pattern(term),
                "q": term,
                "word": term,
                "cat_filter": None,
                "limit": 100,
                "offset": 0,
            },
        )
    )


def test_search_uses_the_trigram_indexes(api):
    """On a metastore of N tables (N columns, comments, properties, partition keys, databases),
    every branch of the search is answered from its trigram index, none by a sequential scan."""
    _catalog(api)
    svc = api.service
    with svc.db.write() as conn:
        db_id = conn.execute(text('SELECT "DB_ID" FROM "DBS" WHERE "NAME" = \'sales\'')).scalar()
        _bulk(conn, db_id)
    with svc.db.read() as conn:
        for t in ("CDS", "SDS", "TBLS", "COLUMNS_V2", "TABLE_PARAMS", "PARTITION_KEYS", "DBS"):
            conn.execute(text(f'ANALYZE "{t}"'))
        plan = _plan(conn, "orders")
    assert set(re.findall(r'Index Scan on "(CATALOG_[A-Z0-9_]+_TRGM)"', plan)) == ALL_TRGM, plan
    for big in ("DBS", "TBLS", "COLUMNS_V2", "TABLE_PARAMS", "PARTITION_KEYS"):
        assert f'Seq Scan on "{big}"' not in plan, plan
    # and the API still ranks right on the big catalog
    assert _search(api, "orders")["results"][0]["table"] == "orders"
