"""The audit log: one record per change through either door, in the change's own transaction;
failures leave a failure record and none of the change; GET /api/v1/audit filters and pages."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from catalog.auth.guarded import RULES, GuardedCatalogService
from catalog.service import CatalogService
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.service_methods import operations, writing_operations


def _records(api, **params):
    r = api.admin().get("/api/v1/audit", params={"page_size": 1000, **params})
    assert r.status_code == 200, r.text
    return r.json()["records"]


def _mine(api, **params):
    return [r for r in _records(api, **params) if r["door"] != "internal"]


def test_thrift_changes_are_recorded_once_each(api):
    with api.thrift("alice", ["eng"]) as c:
        c.create_database(f.database("sales"))
        c.create_table(f.table("sales", "orders", part_keys=[("dt", "string")]))
        t = c.get_table("sales", "orders")
        c.add_partitions([f.partition(t, ["2024-01-01"]), f.partition(t, ["2024-01-02"])])
        c.drop_partition("sales", "orders", ["2024-01-01"], True)  # nested service calls: one record
        c.get_partitions("sales", "orders", -1)  # reads are not recorded
        t.parameters["x"] = "y"
        c.alter_table("sales", "orders", t)
        c.drop_table("sales", "orders", True)
    recs = _mine(api)
    assert [(r["action"], r["object_type"], r["object_name"], r["outcome"]) for r in reversed(recs)] == [
        ("create_database", "DATABASE", "hive.sales", "success"),
        ("create_table", "TABLE", "hive.sales.orders", "success"),
        ("add_partitions", "TABLE", "hive.sales.orders", "success"),
        ("drop_partition", "TABLE", "hive.sales.orders", "success"),
        ("alter_table", "TABLE", "hive.sales.orders", "success"),
        ("drop_table", "TABLE", "hive.sales.orders", "success"),
    ]
    assert {(r["principal"], r["door"]) for r in recs} == {("alice", "thrift")}
    assert recs[3]["detail"] == {"partitions": 2}


def test_failed_change_leaves_a_failure_record_and_no_change(api):
    with api.thrift("bob") as c:
        with pytest.raises(tt.NoSuchObjectException):
            c.create_table(f.table("nodb", "t"))
        c.create_database(f.database("d1"))
        with pytest.raises(tt.AlreadyExistsException):
            c.create_database(f.database("d1"))
    recs = _mine(api)
    assert [(r["action"], r["object_name"], r["outcome"]) for r in reversed(recs)] == [
        ("create_table", "hive.nodb.t", "failure"),
        ("create_database", "hive.d1", "success"),
        ("create_database", "hive.d1", "failure"),
    ]
    assert (
        recs[0]["detail"]["error"] == "AlreadyExistsError"
        and "already exists" in recs[0]["detail"]["message"]
    )


def test_record_and_change_commit_together(api):
    """A failure at commit time (after the audit row was written) rolls back both."""
    svc = api.service

    fired = []

    def boom(conn):  # fails the change's transaction once (not the failure record's)
        if not fired:
            fired.append(1)
            raise RuntimeError("commit-time failure")

    svc.db.before_commit.append(boom)
    try:
        with api.thrift("carol") as c, pytest.raises(tt.MetaException):
            c.create_database(f.database("ghost"))
    finally:
        svc.db.before_commit.remove(boom)
    with svc.db.read() as conn:
        assert conn.execute(text('SELECT count(*) FROM "DBS" WHERE "NAME" = \'ghost\'')).scalar() == 0
        rows = conn.execute(
            text("SELECT outcome FROM catalog.audit_log WHERE object_name = 'hive.ghost'")
        ).all()
    assert [r[0] for r in rows] == ["failure"]  # the success record went with the rolled-back change


def test_rest_changes_are_recorded_with_the_token_principal(api):
    with api.thrift() as c:
        c.create_database(f.database("sales"))
    a = api.client(api.token("dana", admin=True))
    assert a.post("/api/v1/roles", json={"name": "analysts"}).status_code == 201
    r = a.post(
        "/api/v1/grants",
        json={
            "object": {"type": "DATABASE", "database": "sales"},
            "principal_name": "analysts",
            "principal_type": "ROLE",
            "privilege": "SELECT",
        },
    )
    assert r.status_code == 201, r.text
    assert a.post("/api/v1/roles", json={"name": "analysts"}).status_code == 409
    recs = _mine(api, principal="dana")
    assert [(r["door"], r["action"], r["object_name"], r["outcome"]) for r in reversed(recs)] == [
        ("rest", "create_role", "analysts", "success"),
        ("rest", "grant_privileges", "hive.sales", "success"),
        ("rest", "create_role", "analysts", "failure"),
    ]
    assert recs[1]["detail"] == {"grants": ["SELECT on DATABASE hive.sales to ROLE analysts"]}


def test_filters_time_range_and_paging(api):
    with api.thrift("erin") as c:
        for i in range(7):
            c.create_database(f.database(f"db{i}"))
    with api.thrift("frank") as c:
        c.drop_database("db3", True, True)
    assert [r["object_name"] for r in _mine(api, principal="frank")] == ["hive.db3"]
    assert len(_mine(api, action="create_database", door="thrift")) == 7
    assert [r["action"] for r in _mine(api, object="hive.db3")] == ["drop_database", "create_database"]
    assert len(_mine(api, object_prefix="hive.db")) == 8
    assert _mine(api, outcome="failure") == []
    now = dt.datetime.now(dt.UTC)
    assert len(_mine(api, since=(now - dt.timedelta(minutes=5)).isoformat())) == 8
    assert _mine(api, until=(now - dt.timedelta(minutes=5)).isoformat()) == []
    pages, token = [], None
    while True:
        body = (
            api.admin()
            .get(
                "/api/v1/audit",
                params={"page_size": 3, "principal": "erin", **({"page_token": token} if token else {})},
            )
            .json()
        )
        pages.append([r["id"] for r in body["records"]])
        token = body["next_page_token"]
        if not token:
            break
    ids = [i for p in pages for i in p]
    assert ids == sorted(ids, reverse=True) and len(ids) == 7 and [len(p) for p in pages] == [3, 3, 1]
    r = api.admin().get("/api/v1/audit", params={"page_token": token or "bm9wZQ", "principal": "other"})
    assert r.status_code == 400


def test_every_writing_service_method_is_audited():
    writers = writing_operations()
    assert {"create_table", "drop_partitions_by_names", "update_column_stats", "grant_privileges"} <= writers
    exempt = {"bootstrap_privileges"}  # start-up, not a caller's change
    missing = {w for w in writers - exempt if w not in RULES or not RULES[w].audited}
    assert not missing, f"writing methods without an audit rule in catalog/auth/guarded.py: {sorted(missing)}"


def test_the_service_exposes_every_operation_and_guards_exactly_the_rules():
    ops = operations()
    assert set(ops) <= set(dir(CatalogService)), sorted(set(ops) - set(dir(CatalogService)))
    guarded_ops = {
        name
        for name, fn in vars(GuardedCatalogService).items()
        if callable(fn) and getattr(fn, "__wrapped__", None) is getattr(CatalogService, name, None)
    }
    assert guarded_ops == set(RULES), sorted(guarded_ops ^ set(RULES))
