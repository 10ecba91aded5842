"""Roles and privileges over Thrift with Hive's semantics, stored in Hive's own tables, and the same
data through REST (/api/v1/roles, /api/v1/grants)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f

USER, ROLE, GROUP = tt.PrincipalType.USER, tt.PrincipalType.ROLE, tt.PrincipalType.GROUP
GLOBAL, DATABASE, TABLE, PARTITION, COLUMN = (
    tt.HiveObjectType.GLOBAL,
    tt.HiveObjectType.DATABASE,
    tt.HiveObjectType.TABLE,
    tt.HiveObjectType.PARTITION,
    tt.HiveObjectType.COLUMN,
)


def _ref(otype, db=None, table=None, part=None, col=None):
    return tt.HiveObjectRef(objectType=otype, dbName=db, objectName=table, partValues=part, columnName=col)


def _priv(ref, name, ptype, priv, grant_option=False, grantor="tester"):
    return tt.HiveObjectPrivilege(
        hiveObject=ref,
        principalName=name,
        principalType=ptype,
        grantInfo=tt.PrivilegeGrantInfo(
            privilege=priv, createTime=0, grantor=grantor, grantorType=USER, grantOption=grant_option
        ),
        authorizer=None,
    )


def _bag(*privs):
    return tt.PrivilegeBag(privileges=list(privs))


@pytest.fixture
def api(database_url, tmp_path):
    from tests.api.conftest import make_api

    a = make_api(database_url, tmp_path)
    try:
        yield a
    finally:
        for c in a.clients:
            c.close()
        a.runtime.stop()


@pytest.fixture
def hive(api):
    from tests.conftest import thrift_client

    with thrift_client(api.thrift_port) as c:
        c.set_ugi("tester", ["testers"])
        c.create_database(f.database("sales"))
        c.create_table(f.table("sales", "orders", part_keys=[("dt", "string")]))
        t = c.get_table("sales", "orders")
        c.add_partitions([f.partition(t, ["2024-01-01"])])
        yield c


def test_default_roles_are_seeded_like_hive(hive, api):
    assert hive.get_role_names() == ["admin", "public"]
    g = hive.list_privileges("admin", ROLE, _ref(GLOBAL))
    assert [
        (p.principalName, p.grantInfo.privilege, p.grantInfo.grantOption, p.grantInfo.grantor, p.authorizer)
        for p in g
    ] == [("admin", "All", True, "admin", "SQL")]
    with pytest.raises(tt.MetaException, match="can't be dropped"):
        hive.drop_role("admin")
    with pytest.raises(tt.MetaException, match="public"):
        hive.grant_role("public", "alice", USER, "tester", USER, False)
    # a second start does not seed twice
    api.service.bootstrap()
    assert hive.get_role_names() == ["admin", "public"]
    with api.service.db.read() as conn:
        assert (
            conn.execute(
                text(
                    'SELECT "SEQUENCE_NAME" FROM "SEQUENCE_TABLE" WHERE "SEQUENCE_NAME" LIKE '
                    "'%MRole' OR \"SEQUENCE_NAME\" LIKE '%MGlobalPrivilege'"
                )
            )
            .scalars()
            .all()
        )


def test_role_life_cycle(hive):
    assert hive.create_role(tt.Role(roleName="analysts", createTime=0, ownerName="tester"))
    with pytest.raises(tt.MetaException, match="already exists"):
        hive.create_role(tt.Role(roleName="analysts", createTime=0, ownerName="tester"))
    hive.create_role(tt.Role(roleName="seniors", createTime=0, ownerName="tester"))
    assert hive.grant_role("analysts", "alice", USER, "tester", USER, False)
    assert hive.grant_revoke_role(
        tt.GrantRevokeRoleRequest(
            requestType=tt.GrantRevokeType.GRANT,
            roleName="analysts",
            principalName="eng",
            principalType=GROUP,
            grantor="tester",
            grantorType=USER,
            grantOption=True,
        )
    ).success
    hive.grant_role("analysts", "seniors", ROLE, "tester", USER, False)
    with pytest.raises(tt.MetaException, match="cycle"):
        hive.grant_role("seniors", "analysts", ROLE, "tester", USER, False)
    with pytest.raises(tt.MetaException, match="already has the role"):
        hive.grant_role("analysts", "alice", USER, "tester", USER, False)
    assert sorted(r.roleName for r in hive.list_roles("alice", USER)) == ["analysts", "public"]
    members = hive.get_principals_in_role(tt.GetPrincipalsInRoleRequest(roleName="analysts")).principalGrants
    assert sorted((m.principalName, m.principalType, m.grantOption) for m in members) == [
        ("alice", USER, False),
        ("eng", GROUP, True),
        ("seniors", ROLE, False),
    ]
    grants = hive.get_role_grants_for_principal(
        tt.GetRoleGrantsForPrincipalRequest(principal_name="eng", principal_type=GROUP)
    ).principalGrants
    assert [(g.roleName, g.grantorName) for g in grants] == [("analysts", "tester")]
    # revoking the admin option only keeps the membership
    hive.grant_revoke_role(
        tt.GrantRevokeRoleRequest(
            requestType=tt.GrantRevokeType.REVOKE,
            roleName="analysts",
            principalName="eng",
            principalType=GROUP,
            grantOption=True,
        )
    )
    members = hive.get_principals_in_role(tt.GetPrincipalsInRoleRequest(roleName="analysts")).principalGrants
    assert ("eng", False) in [(m.principalName, m.grantOption) for m in members]
    assert hive.revoke_role("analysts", "alice", USER)
    with pytest.raises(tt.MetaException, match="not granted"):
        hive.revoke_role("analysts", "alice", USER)
    assert hive.drop_role("analysts")
    assert hive.get_role_names() == ["admin", "public", "seniors"]
    assert (
        hive.get_role_grants_for_principal(
            tt.GetRoleGrantsForPrincipalRequest(principal_name="seniors", principal_type=ROLE)
        ).principalGrants
        == []
    )


def test_privileges_on_every_level(hive, api):
    hive.create_role(tt.Role(roleName="analysts", createTime=0, ownerName="tester"))
    assert hive.grant_privileges(
        _bag(
            _priv(_ref(GLOBAL), "ops", GROUP, "CREATE"),
            _priv(_ref(DATABASE, "sales"), "analysts", ROLE, "SELECT", grant_option=True),
            _priv(_ref(TABLE, "sales", "orders"), "alice", USER, "SELECT"),
            _priv(_ref(TABLE, "sales", "orders"), "alice", USER, "INSERT"),
            _priv(_ref(PARTITION, "sales", "orders", ["2024-01-01"]), "bob", USER, "SELECT"),
            _priv(_ref(COLUMN, "sales", "orders", None, "name"), "carol", USER, "SELECT"),
            _priv(_ref(COLUMN, "sales", "orders", ["2024-01-01"], "id"), "carol", USER, "SELECT"),
        )
    )
    with pytest.raises(tt.MetaException, match="already granted"):
        hive.grant_privileges(_bag(_priv(_ref(TABLE, "sales", "orders"), "alice", USER, "SELECT")))
    with pytest.raises(tt.MetaException, match="does not exist"):
        hive.grant_privileges(_bag(_priv(_ref(TABLE, "sales", "nope"), "alice", USER, "SELECT")))
    with pytest.raises(tt.MetaException, match="unknown privilege"):
        hive.grant_privileges(_bag(_priv(_ref(TABLE, "sales", "orders"), "alice", USER, "FLY")))

    alice = hive.list_privileges("alice", USER, _ref(TABLE, "sales", "orders"))
    assert sorted(p.grantInfo.privilege for p in alice) == ["INSERT", "SELECT"]
    assert alice[0].hiveObject.dbName == "sales" and alice[0].hiveObject.objectName == "orders"
    part = hive.list_privileges("bob", USER, _ref(PARTITION, "sales", "orders", ["2024-01-01"]))
    assert [(p.hiveObject.objectType, p.hiveObject.partValues) for p in part] == [(PARTITION, ["2024-01-01"])]
    cols = hive.list_privileges("carol", USER, _ref(COLUMN, "sales", "orders"))
    assert [(p.hiveObject.columnName, p.hiveObject.partValues) for p in cols] == [("name", None)]
    everything = hive.list_privileges("carol", USER, None)
    assert sorted(p.hiveObject.columnName for p in everything) == ["id", "name"]
    on_table = hive.list_privileges(None, None, _ref(TABLE, "sales", "orders"))
    assert len(on_table) == 2

    # the privilege set of a user: its own, its groups', its roles' (public and nested included)
    hive.grant_role("analysts", "alice", USER, "tester", USER, False)
    ps = hive.get_privilege_set(_ref(DATABASE, "sales"), "alice", ["ops"])
    assert {k: [i.privilege for i in v] for k, v in ps.rolePrivileges.items()} == {"analysts": ["SELECT"]}
    ps = hive.get_privilege_set(_ref(GLOBAL), "alice", ["ops"])
    assert {k: [i.privilege for i in v] for k, v in ps.groupPrivileges.items()} == {"ops": ["CREATE"]}
    ps = hive.get_privilege_set(_ref(TABLE, "sales", "orders"), "alice", [])
    assert sorted(i.privilege for i in ps.userPrivileges["alice"]) == ["INSERT", "SELECT"]

    # revoke: the grant option only, then the privilege; a second revoke is refused
    hive.grant_revoke_privileges(
        tt.GrantRevokePrivilegeRequest(
            requestType=tt.GrantRevokeType.REVOKE,
            revokeGrantOption=True,
            privileges=_bag(_priv(_ref(DATABASE, "sales"), "analysts", ROLE, "SELECT")),
        )
    )
    [p] = hive.list_privileges("analysts", ROLE, _ref(DATABASE, "sales"))
    assert p.grantInfo.grantOption is False
    assert hive.revoke_privileges(_bag(_priv(_ref(TABLE, "sales", "orders"), "alice", USER, "INSERT")))
    with pytest.raises(tt.MetaException, match="No grant"):
        hive.revoke_privileges(_bag(_priv(_ref(TABLE, "sales", "orders"), "alice", USER, "INSERT")))

    # stored in Hive's own tables, ids from SEQUENCE_TABLE under DataNucleus' class names
    with api.service.db.read() as conn:
        counts = {
            t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
            for t in (
                "GLOBAL_PRIVS",
                "DB_PRIVS",
                "TBL_PRIVS",
                "PART_PRIVS",
                "TBL_COL_PRIVS",
                "PART_COL_PRIVS",
            )
        }
        seqs = set(conn.execute(text('SELECT "SEQUENCE_NAME" FROM "SEQUENCE_TABLE"')).scalars())
    assert counts == {
        "GLOBAL_PRIVS": 2,
        "DB_PRIVS": 1,
        "TBL_PRIVS": 1,
        "PART_PRIVS": 1,
        "TBL_COL_PRIVS": 1,
        "PART_COL_PRIVS": 1,
    }
    m = "org.apache.hadoop.hive.metastore.model."
    assert {
        m + x
        for x in (
            "MRole",
            "MRoleMap",
            "MGlobalPrivilege",
            "MDBPrivilege",
            "MTablePrivilege",
            "MPartitionPrivilege",
            "MTableColumnPrivilege",
            "MPartitionColumnPrivilege",
        )
    } <= seqs

    # dropping the table drops its grants; dropping a role drops the role's grants
    hive.drop_role("analysts")
    assert hive.list_privileges("analysts", ROLE, None) == []
    hive.drop_table("sales", "orders", True)
    assert hive.list_privileges(None, None, None) == hive.list_privileges(None, None, _ref(GLOBAL))


def test_refresh_privileges_replaces_one_authorizers_grants(hive):
    hive.grant_privileges(_bag(_priv(_ref(TABLE, "sales", "orders"), "keep", USER, "SELECT")))
    req = tt.GrantRevokePrivilegeRequest(
        requestType=tt.GrantRevokeType.GRANT,
        privileges=_bag(
            _priv(_ref(TABLE, "sales", "orders"), "alice", USER, "SELECT"),
            _priv(_ref(TABLE, "sales", "orders"), "bob", USER, "ALTER"),
        ),
    )
    for p in req.privileges.privileges:
        p.authorizer = "ranger"
    assert hive.refresh_privileges(_ref(TABLE, "sales", "orders"), "ranger", req).success
    req.privileges.privileges = req.privileges.privileges[1:]
    hive.refresh_privileges(_ref(TABLE, "sales", "orders"), "ranger", req)
    got = hive.list_privileges(None, None, _ref(TABLE, "sales", "orders"))
    assert sorted((p.principalName, p.grantInfo.privilege, p.authorizer) for p in got) == [
        ("bob", "ALTER", "ranger"),
        ("keep", "SELECT", None),
    ]


def test_rest_shows_what_thrift_sees(hive, api):
    hive.create_role(tt.Role(roleName="analysts", createTime=0, ownerName="tester"))
    hive.grant_role("analysts", "alice", USER, "tester", USER, True)
    hive.grant_privileges(_bag(_priv(_ref(TABLE, "sales", "orders"), "analysts", ROLE, "SELECT")))
    a = api.admin()
    assert [r["name"] for r in a.get("/api/v1/roles").json()["roles"]] == ["admin", "analysts", "public"]
    assert a.get("/api/v1/roles/analysts/members").json()["members"] == [
        {
            "role": "analysts",
            "principal_name": "alice",
            "principal_type": "USER",
            "grant_option": True,
            "grant_time": a.get("/api/v1/roles/analysts/members").json()["members"][0]["grant_time"],
            "grantor": "tester",
            "grantor_type": "USER",
        }
    ]
    grants = a.get(
        "/api/v1/grants", params={"object_type": "TABLE", "database": "sales", "table": "orders"}
    ).json()
    assert [(g["principal_name"], g["privilege"], g["object"]["table"]) for g in grants["grants"]] == [
        ("analysts", "SELECT", "orders")
    ]

    # and what REST writes, Thrift sees
    assert a.post("/api/v1/roles", json={"name": "writers"}).status_code == 201
    assert a.post("/api/v1/roles/writers/members", json={"principal_name": "bob"}).status_code == 201
    r = a.post(
        "/api/v1/grants",
        json={
            "object": {"type": "COLUMN", "database": "sales", "table": "orders", "column": "id"},
            "principal_name": "writers",
            "principal_type": "ROLE",
            "privilege": "SELECT",
        },
    )
    assert r.status_code == 201, r.text
    assert "writers" in hive.get_role_names()
    assert [r.roleName for r in hive.list_roles("bob", USER)] == ["public", "writers"]
    [p] = hive.list_privileges("writers", ROLE, None)
    assert (p.hiveObject.objectType, p.hiveObject.columnName, p.grantInfo.grantor) == (COLUMN, "id", "root")
    assert (
        a.delete(
            "/api/v1/grants",
            params={
                "principal_name": "writers",
                "principal_type": "ROLE",
                "privilege": "SELECT",
                "object_type": "COLUMN",
                "database": "sales",
                "table": "orders",
                "column": "id",
            },
        ).status_code
        == 204
    )
    assert hive.list_privileges("writers", ROLE, None) == []
    assert a.delete("/api/v1/roles/writers/members/USER/bob").status_code == 204
    assert a.delete("/api/v1/roles/writers").status_code == 204
    assert "writers" not in hive.get_role_names()
    assert a.delete("/api/v1/roles/writers").status_code == 404
    assert a.delete("/api/v1/roles/admin").status_code == 409
