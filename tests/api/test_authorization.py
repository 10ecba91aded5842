"""--authorization=enforce on both doors: a principal × action × door matrix, filtered listings,
denials that name the missing privilege, and `denied` audit records.

The world: `boss` is in the admin role (--admin-user); `olive` owns database `sales` and its
tables; `rita` holds SELECT on sales.orders; `dora` holds ALL on database sales; `nina` holds
nothing. Everyone has `public`, which owns `default`.
"""

from __future__ import annotations

import itertools
import os

import httpx
import pytest

from catalog.auth.tokens import TokenManager
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.conftest import start_service, thrift_client

PRINCIPALS = ("boss", "olive", "rita", "dora", "nina")
_n = itertools.count()


class World:
    def __init__(self, runtime):
        self.rt = runtime
        tm = TokenManager(runtime.service.db)
        self.tokens = {p: tm.create(p)[0] for p in PRINCIPALS}
        self.url = runtime.http.url

    def thrift(self, user):
        import contextlib

        @contextlib.contextmanager
        def cm():
            with thrift_client(self.rt.thrift.port) as c:
                c.set_ugi(user, [])
                yield c

        return cm()

    def rest(self, user) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.tokens[user]}"}, timeout=30
        )


def _owned(t, owner="olive"):
    t.owner = owner
    return t


@pytest.fixture(scope="module")
def world(pg_server, template_db, tmp_path_factory):
    url = pg_server.create_database(f"authz_{os.getpid()}_{next(_n)}", template=template_db)
    wh = tmp_path_factory.mktemp("authz_wh")
    rt = start_service(url, wh, http_port=0, authorization="enforce", admin_users=("boss",))
    w = World(rt)
    with w.thrift("boss") as c:
        db = f.database("sales")
        db.ownerName = "olive"
        c.create_database(db)
        c.create_table(_owned(f.table("sales", "orders", part_keys=[("dt", "string")])))
        c.create_table(_owned(f.table("sales", "secret")))
        c.grant_privileges(
            tt.PrivilegeBag(
                privileges=[
                    _grant(tt.HiveObjectType.TABLE, "sales", "orders", "rita", "SELECT"),
                    _grant(tt.HiveObjectType.DATABASE, "sales", None, "dora", "ALL"),
                ]
            )
        )
    try:
        yield w
    finally:
        rt.stop()


def _grant(otype, db, table, user, priv, grant_option=False):
    return tt.HiveObjectPrivilege(
        hiveObject=tt.HiveObjectRef(objectType=otype, dbName=db, objectName=table),
        principalName=user,
        principalType=tt.PrincipalType.USER,
        grantInfo=tt.PrivilegeGrantInfo(
            privilege=priv,
            createTime=0,
            grantor="boss",
            grantorType=tt.PrincipalType.USER,
            grantOption=grant_option,
        ),
    )


# ----------------------------------------------------------------------------------- the matrix
def _drop_table(w, c):
    name = f"drop_me_{next(_n)}"
    with w.thrift("boss") as b:
        b.create_table(_owned(f.table("sales", name)))
    c.drop_table("sales", name, True)


def _add_partition(w, c):
    t = f.table("sales", "orders", part_keys=[("dt", "string")])
    c.add_partitions([f.partition(t, [f"2024-{next(_n):05d}"])])


def _grant_and_revoke(w, c):
    who = f"someone_{next(_n)}"
    bag = tt.PrivilegeBag(privileges=[_grant(tt.HiveObjectType.TABLE, "sales", "orders", who, "SELECT")])
    c.grant_privileges(bag)
    c.revoke_privileges(bag)


THRIFT_ACTIONS = {
    "read table": (
        lambda w, c: c.get_table("sales", "orders"),
        {"boss", "olive", "rita", "dora"},
        "any privilege",
    ),
    "read partitions": (
        lambda w, c: c.get_partitions("sales", "orders", -1),
        {"boss", "olive", "rita", "dora"},
        "any privilege",
    ),
    "create table": (
        lambda w, c: c.create_table(f.table("sales", f"new_{next(_n)}")),
        {"boss", "olive", "dora"},
        "CREATE privilege on DATABASE hive.sales",
    ),
    "create table in default": (
        lambda w, c: c.create_table(f.table("default", f"mine_{next(_n)}")),
        set(PRINCIPALS),
        None,
    ),
    "alter table": (
        lambda w, c: c.alter_table("sales", "secret", _owned(f.table("sales", "secret"))),
        {"boss", "olive", "dora"},
        "ALTER privilege on TABLE hive.sales.secret",
    ),
    "drop table": (_drop_table, {"boss", "olive", "dora"}, "DROP privilege"),
    "add partition": (
        _add_partition,
        {"boss", "olive", "dora"},
        "INSERT privilege on TABLE hive.sales.orders",
    ),
    "create database": (
        lambda w, c: c.create_database(f.database(f"db_{next(_n)}")),
        {"boss"},
        "CREATE privilege on the global level",
    ),
    "grant on table": (_grant_and_revoke, {"boss", "olive"}, "SELECT privilege WITH GRANT OPTION"),
    "create role": (
        lambda w, c: c.create_role(tt.Role(roleName=f"r{next(_n)}", createTime=0, ownerName="x")),
        {"boss"},
        "ADMIN privilege",
    ),
}


@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("action", list(THRIFT_ACTIONS))
def test_thrift_matrix(world, principal, action):
    fn, allowed, missing = THRIFT_ACTIONS[action]
    with world.thrift(principal) as c:
        if principal in allowed:
            fn(world, c)
        else:
            with pytest.raises(tt.MetaException) as e:
                fn(world, c)
            assert "Permission denied" in e.value.message and principal in e.value.message
            assert missing in e.value.message, e.value.message


def _rest_grant(w, c):
    who = f"someone_{next(_n)}"
    body = {
        "object": {"type": "TABLE", "database": "sales", "table": "orders"},
        "principal_name": who,
        "principal_type": "USER",
        "privilege": "SELECT",
    }
    r = c.post("/api/v1/grants", json=body)
    if r.status_code == 201:
        r2 = c.delete(
            "/api/v1/grants",
            params={
                "principal_name": who,
                "principal_type": "USER",
                "privilege": "SELECT",
                "object_type": "TABLE",
                "database": "sales",
                "table": "orders",
            },
        )
        assert r2.status_code == 204
    return r


REST_ACTIONS = {
    "read table": (
        lambda w, c: c.get("/api/v1/catalogs/hive/databases/sales/tables/orders"),
        {"boss", "olive", "rita", "dora"},
    ),
    "read partitions": (
        lambda w, c: c.get("/api/v1/catalogs/hive/databases/sales/tables/orders/partitions"),
        {"boss", "olive", "rita", "dora"},
    ),
    "read database": (lambda w, c: c.get("/api/v1/catalogs/hive/databases/sales"), {"boss", "olive", "dora"}),
    "read audit log": (lambda w, c: c.get("/api/v1/audit"), {"boss"}),
    "list roles": (lambda w, c: c.get("/api/v1/roles"), {"boss"}),
    "create role": (lambda w, c: c.post("/api/v1/roles", json={"name": f"rr{next(_n)}"}), {"boss"}),
    "grant on table": (_rest_grant, {"boss", "olive"}),
    "own grants": (
        lambda w, c: c.get("/api/v1/grants", params={"principal_name": "rita", "principal_type": "USER"}),
        {"boss", "rita"},
    ),
}


@pytest.mark.parametrize("principal", PRINCIPALS)
@pytest.mark.parametrize("action", list(REST_ACTIONS))
def test_rest_matrix(world, principal, action):
    fn, allowed = REST_ACTIONS[action]
    with world.rest(principal) as c:
        r = fn(world, c)
    if principal in allowed:
        assert r.status_code in (200, 201), r.text
    else:
        assert r.status_code == 403, r.text
        assert r.json()["error"]["code"] == "permission_denied" and principal in r.json()["error"]["message"]


# ------------------------------------------------------------------------------------ listings
@pytest.mark.parametrize(
    "principal,databases,tables",
    [
        ("boss", {"default", "sales"}, {"orders", "secret"}),
        ("olive", {"default", "sales"}, {"orders", "secret"}),
        ("rita", {"default", "sales"}, {"orders"}),
        ("dora", {"default", "sales"}, {"orders", "secret"}),
        ("nina", {"default"}, set()),
    ],
)
def test_listings_are_filtered_on_both_doors(world, principal, databases, tables):
    with world.thrift(principal) as c:
        assert set(c.get_all_databases()) & {"default", "sales"} == databases
        assert set(c.get_all_tables("sales")) & {"orders", "secret"} == tables
        metas = c.get_table_meta("sales", "*", [])
        assert {m.tableName for m in metas} & {"orders", "secret"} == tables
        objs = c.get_table_objects_by_name("sales", ["orders", "secret"])
        assert {t.tableName for t in objs} == tables
    with world.rest(principal) as r:
        dbs = r.get("/api/v1/catalogs/hive/databases").json()["databases"]
        assert {d["name"] for d in dbs} & {"default", "sales"} == databases
        tl = r.get("/api/v1/catalogs/hive/databases/sales/tables")
        assert {t["name"] for t in tl.json()["tables"]} & {"orders", "secret"} == tables
        hits = r.get("/api/v1/search", params={"q": "secret"}).json()["results"]
        assert ("secret" in tables) == any(h["table"] == "secret" for h in hits)


def test_denials_are_audited(world):
    with world.thrift("nina") as c, pytest.raises(tt.MetaException):
        c.drop_table("sales", "secret", True)
    with world.rest("boss") as r:
        recs = r.get(
            "/api/v1/audit",
            params={"principal": "nina", "action": "drop_table", "object": "hive.sales.secret"},
        ).json()["records"]
    assert [(x["outcome"], x["object_name"], x["door"]) for x in recs] == [
        ("denied", "hive.sales.secret", "thrift")
    ]
    assert "DROP privilege" in recs[0]["detail"]["message"]
    with world.thrift("boss") as c:
        assert c.get_table("sales", "secret").tableName == "secret"  # and nothing happened


def test_admin_tokens_may_do_anything(world):
    secret, _ = TokenManager(world.rt.service.db).create("robot", is_admin=True)
    with httpx.Client(base_url=world.url, headers={"Authorization": f"Bearer {secret}"}) as c:
        assert c.get("/api/v1/catalogs/hive/databases/sales/tables/secret").status_code == 200
        assert c.get("/api/v1/audit").status_code == 200
        assert c.post("/api/v1/roles", json={"name": "robots"}).status_code == 201


def test_granting_a_role_makes_its_privileges_effective(world):
    with world.thrift("boss") as c:
        c.create_role(tt.Role(roleName="secret_readers", createTime=0, ownerName="boss"))
        p = _grant(tt.HiveObjectType.TABLE, "sales", "secret", "secret_readers", "SELECT")
        p.principalType = tt.PrincipalType.ROLE
        c.grant_privileges(tt.PrivilegeBag(privileges=[p]))
    with world.thrift("nina") as c, pytest.raises(tt.MetaException):
        c.get_table("sales", "secret")
    with world.thrift("boss") as c:
        c.grant_role("secret_readers", "nina", tt.PrincipalType.USER, "boss", tt.PrincipalType.USER, False)
    with world.thrift("nina") as c:
        assert c.get_table("sales", "secret").tableName == "secret"
    with world.rest("nina") as r:
        assert r.get("/api/v1/catalogs/hive/databases/sales/tables/secret").status_code == 200
    with world.thrift("boss") as c:
        c.revoke_role("secret_readers", "nina", tt.PrincipalType.USER)
    with world.thrift("nina") as c, pytest.raises(tt.MetaException):
        c.get_table("sales", "secret")
