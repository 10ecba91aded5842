"""UC grants mapped to Hive privileges (catalog/sync/grants.py): written with grantor
`unity-catalog` in Hive's privilege tables, kept in step with UC, enforced by the authorizer,
shown over Thrift and REST, and not revocable from our side."""

from __future__ import annotations

import pytest

from catalog.sync import grants as gr
from catalog.sync import mapping as mp
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests.conftest import start_service, thrift_client
from tests.sync.conftest import sync
from tests.sync.test_mirror import populate

T, D = tt.HiveObjectType.TABLE, tt.HiveObjectType.DATABASE


def privs(cl, otype, db, table, principal, ptype) -> set[tuple[str, str]]:
    got = cl.list_privileges(
        principal, ptype, tt.HiveObjectRef(objectType=otype, dbName=db, objectName=table)
    )
    return {(g.grantInfo.privilege, g.grantInfo.grantor) for g in got}


# -- the mapping itself ------------------------------------------------------------------------------
def test_mapping_rules():
    parents = gr.Parents(
        catalog_grants={
            "analysts": ["USE_CATALOG"],
            "ana@x.com": ["ALL_PRIVILEGES"],
            "readers": ["USE_CATALOG", "USE_SCHEMA", "SELECT"],
        },
        schema_grants={"analysts": ["USE_SCHEMA", "CREATE_TABLE"], "etl": ["USE_SCHEMA"]},
        catalog_owner="owner@x.com",
        schema_owner=None,
    )
    assert gr.database_privileges(parents) == {
        "ana@x.com": ["CREATE", "DELETE", "INSERT", "SELECT", "UPDATE"],  # not Hive's ALL (no ALTER/DROP)
        "analysts": ["CREATE"],
        "readers": ["SELECT"],
    }
    table = gr.table_privileges(
        {"analysts": ["SELECT", "APPLY_TAG"], "etl": ["SELECT", "MODIFY"], "owner@x.com": ["MODIFY"]}, parents
    )
    # etl lacks USE_CATALOG: UC would not let it read, so neither do we
    assert table == {"analysts": ["SELECT"], "owner@x.com": ["DELETE", "INSERT", "UPDATE"]}
    assert gr.principal_type("ana@x.com") == "USER"
    assert gr.principal_type("6f1c4b8e-2a3d-4e5f-8a9b-0c1d2e3f4a5b") == "USER"
    assert gr.principal_type("account users") == "GROUP"


# -- through the mirror ------------------------------------------------------------------------------
def test_grants_become_hive_privileges_in_both_catalogs(server, any_fake):
    populate(any_fake)
    any_fake.grant("catalog", "main", "ana@x.com", "USE CATALOG", "USE SCHEMA", "SELECT")
    r = sync(server.service, any_fake)
    assert r.status == "succeeded", r.summary()
    with thrift_client(server.port) as cl:
        for db in ("main__sales", "@main#sales"):
            assert privs(cl, T, db, "orders", "analysts", tt.PrincipalType.GROUP) == {
                ("SELECT", "unity-catalog")
            }
            assert privs(cl, T, db, "orders", "etl", tt.PrincipalType.GROUP) == set()  # no USE_*: not mapped
            assert privs(cl, D, db, None, "ana@x.com", tt.PrincipalType.USER) == {("SELECT", "unity-catalog")}
        assert privs(cl, D, "main__hr", None, "ana@x.com", tt.PrincipalType.USER) == {
            ("SELECT", "unity-catalog")
        }
        t = cl.get_table("main__sales", "orders")
        assert t.parameters[mp.HIVE_PRIVILEGES] == '{"analysts":["SELECT"]}'


def test_revoked_and_new_grants_follow_uc_and_resync_is_a_noop(server, fake):
    populate(fake)
    sync(server.service, fake)
    fake.revoke("table", "main.sales.orders", "analysts", "SELECT")
    fake.grant("table", "main.sales.orders", "analysts", "MODIFY")
    r = sync(server.service, fake)
    assert r.status == "succeeded" and r.counts["updated"] == 1
    with thrift_client(server.port) as cl:
        assert privs(cl, T, "main__sales", "orders", "analysts", tt.PrincipalType.GROUP) == {
            ("INSERT", "unity-catalog"),
            ("UPDATE", "unity-catalog"),
            ("DELETE", "unity-catalog"),
        }
        # revoking USE SCHEMA takes the table privilege away too (through the database's change)
        fake.revoke("schema", "main.sales", "analysts", "USE SCHEMA")
        r = sync(server.service, fake)
        assert r.status == "succeeded"
        assert privs(cl, T, "main__sales", "orders", "analysts", tt.PrincipalType.GROUP) == set()
        assert privs(cl, T, "@main#sales", "orders", "analysts", tt.PrincipalType.GROUP) == set()
    r = sync(server.service, fake)
    assert r.counts["updated"] == 0 and r.counts["hive3"]["updated"] == 0


def test_grants_of_others_are_kept_and_mirror_grants_cannot_be_revoked_here(server, fake):
    populate(fake)
    sync(server.service, fake)
    hobj = tt.HiveObjectRef(objectType=T, dbName="main__sales", objectName="orders")

    def grant(principal, priv):
        return tt.PrivilegeBag(
            privileges=[
                tt.HiveObjectPrivilege(
                    hiveObject=hobj,
                    principalName=principal,
                    principalType=tt.PrincipalType.USER,
                    grantInfo=tt.PrivilegeGrantInfo(
                        privilege=priv,
                        createTime=0,
                        grantor="admin",
                        grantorType=tt.PrincipalType.USER,
                        grantOption=False,
                    ),
                )
            ]
        )

    with thrift_client(server.port) as cl:
        assert cl.grant_privileges(grant("svc", "SELECT"))
        bag = tt.PrivilegeBag(
            privileges=[
                tt.HiveObjectPrivilege(
                    hiveObject=hobj,
                    principalName="analysts",
                    principalType=tt.PrincipalType.GROUP,
                    grantInfo=tt.PrivilegeGrantInfo(privilege="SELECT", createTime=0, grantOption=False),
                )
            ]
        )
        with pytest.raises(tt.MetaException, match="mirrored from Unity Catalog"):
            cl.revoke_privileges(bag)
        fake.revoke("table", "main.sales.orders", "analysts", "SELECT")
        sync(server.service, fake)
        assert privs(cl, T, "main__sales", "orders", "svc", tt.PrincipalType.USER) == {("SELECT", "admin")}
        assert privs(cl, T, "main__sales", "orders", "analysts", tt.PrincipalType.GROUP) == set()


def test_no_grants_option_removes_mapped_privileges(server, fake):
    populate(fake)
    sync(server.service, fake)
    r = sync(server.service, fake, grants=False)
    assert r.status == "succeeded"
    with thrift_client(server.port) as cl:
        assert privs(cl, T, "main__sales", "orders", "analysts", tt.PrincipalType.GROUP) == set()


def test_failed_permission_read_keeps_the_privileges(server, fake):
    populate(fake)
    sync(server.service, fake)
    fake.fail("/permissions/table/main.sales.orders", status=403, times=100)
    r = sync(server.service, fake)
    assert r.status == "partial"
    with thrift_client(server.port) as cl:
        assert privs(cl, T, "main__sales", "orders", "analysts", tt.PrincipalType.GROUP) == {
            ("SELECT", "unity-catalog")
        }


def test_mapped_privileges_are_enforced(server, fake, database_url, tmp_path):
    populate(fake)
    sync(server.service, fake)
    wh = tmp_path / "wh_enforce"
    wh.mkdir()
    rt = start_service(database_url, wh, authorization="enforce")
    try:
        with thrift_client(rt.thrift_port) as cl:
            cl.set_ugi("bob", ["analysts"])
            assert cl.get_table("main__sales", "orders").tableName == "orders"
            assert "orders" in cl.get_all_tables("main__sales")
            assert cl.get_table("@main#sales", "orders").catName == "main"
        with thrift_client(rt.thrift_port) as cl:
            cl.set_ugi("carol", ["nobody"])
            with pytest.raises(tt.MetaException, match="Permission denied"):
                cl.get_table("main__sales", "orders")
            assert cl.get_all_tables("main__sales") == []
    finally:
        rt.stop()


def test_rest_shows_uc_grants_and_the_mapped_privileges(database_url, tmp_path):
    from tests.api.conftest import make_api
    from tests.sync.fake_uc import FakeUnity

    api = make_api(database_url, tmp_path)
    fake = FakeUnity(dialect="databricks").start()
    try:
        populate(fake)
        assert sync(api.service, fake).status == "succeeded"
        c = api.admin()
        for cat, db in (("hive", "main__sales"), ("main", "sales")):
            t = c.get(f"/api/v1/catalogs/{cat}/databases/{db}/tables/orders").json()
            mirror = t["mirror"]
            assert mirror["full_name"] == "main.sales.orders" and mirror["source"].startswith(fake.url)
            assert {g["principal"]: g["privileges"] for g in mirror["grants"]} == {
                "analysts": ["SELECT"],
                "etl": ["MODIFY", "SELECT"],
            }
            assert mirror["hive_privileges"] == [
                {"principal_name": "analysts", "principal_type": "GROUP", "privileges": ["SELECT"]}
            ]
            d = c.get(f"/api/v1/catalogs/{cat}/databases/{db}").json()
            assert {g["principal"]: g["privileges"] for g in d["mirror"]["grants"]} == {
                "analysts": ["USE_SCHEMA"]
            }
            assert {g["principal"]: g["privileges"] for g in d["mirror"]["catalog_grants"]} == {
                "analysts": ["USE_CATALOG"]
            }
            r = c.get(
                "/api/v1/grants",
                params={"object_type": "TABLE", "catalog": cat, "database": db, "table": "orders"},
            ).json()["grants"]
            assert [(g["principal_name"], g["principal_type"], g["privilege"], g["grantor"]) for g in r] == [
                ("analysts", "GROUP", "SELECT", "unity-catalog")
            ]
        # a table of our own has no mirror block
        assert c.get("/api/v1/catalogs/hive/databases/default").json()["mirror"] is None
    finally:
        fake.stop()
        for cl in api.clients:
            cl.close()
        api.runtime.stop()
