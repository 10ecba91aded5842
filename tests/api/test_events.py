"""Change events end to end: every writing call of both doors emits exactly Hive's events, in the
change's own transaction; Thrift consumers read them as Hive's do (and can rebuild the catalog
from them); the REST change feed pages and streams them."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest
from thrift.protocol.TJSONProtocol import TJSONProtocolFactory
from thrift.TSerialization import deserialize

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.service_methods import writing_operations

PROTO = TJSONProtocolFactory()
D = tt.ColumnStatisticsData


def _events(api, after: int = 0) -> list[tt.NotificationEvent]:
    with api.thrift("reader") as c:
        return c.get_next_notification(tt.NotificationEventRequest(lastEvent=after, maxEvents=-1)).events


def _stats(db, table, part=None):
    desc = tt.ColumnStatisticsDesc(isTblLevel=part is None, dbName=db, tableName=table, partName=part)
    return tt.ColumnStatistics(
        desc, [tt.ColumnStatisticsObj("id", "int", D(longStats=tt.LongColumnStatsData(1, 9, 0, 5)))]
    )


def _function(db, name):
    return tt.Function(
        functionName=name,
        dbName=db,
        className="com.example.Upper",
        ownerName="tester",
        ownerType=tt.PrincipalType.USER,
        createTime=0,
        functionType=tt.FunctionType.JAVA,
        resourceUris=[],
    )


def _parts(c, db, table, *values):
    t = c.get_table(db, table)
    return [f.partition(t, [v]) for v in values]


def _with_param(p: tt.Partition, k: str, v: str) -> tt.Partition:
    p.parameters = dict(p.parameters or {}, **{k: v})
    return p


def _alter_two(c):
    ps = c.get_partitions_by_names("sales", "orders", ["dt=2024-01-02", "dt=2024-01-03"])
    c.alter_partitions("sales", "orders", [_with_param(p, "k", "v") for p in ps])


def _rename_partition(c):
    p = c.get_partition("sales", "orders", ["2024-01-03"])
    p.values = ["2024-01-09"]
    c.rename_partition("sales", "orders", ["2024-01-03"], p)


def _rename_table(c):
    t = c.get_table("sales", "orders")
    t.tableName = "orders2"
    c.alter_table("sales", "orders", t)


def _fire_insert(c):
    data = tt.FireEventRequestData(
        insertData=tt.InsertEventRequestData(replace=False, filesAdded=["file:/x/1"])
    )
    c.fire_listener_event(
        tt.FireEventRequest(
            successful=True, data=data, dbName="sales", tableName="orders2", partitionVals=["2024-01-01"]
        )
    )


def _exchange(c):
    c.create_table(f.table("sales", "staging", part_keys=[("dt", "string")]))
    c.add_partitions(_parts(c, "sales", "staging", "2024-02-01"))
    c.exchange_partition({"dt": "2024-02-01"}, "sales", "staging", "sales", "orders2")


def _pk(db: str, table: str, name: str | None, column: str = "id") -> tt.SQLPrimaryKey:
    return tt.SQLPrimaryKey(db, table, column, 1, name, False, False, False)


def _fk(db: str, table: str, ref_db: str, ref_table: str) -> tt.SQLForeignKey:
    return tt.SQLForeignKey(
        ref_db, ref_table, "id", db, table, "id", 1, 0, 0, "fk1", "cust_pk", False, False, False
    )


def _catalog(tmp):
    return tt.Catalog(name="spark", description="d", locationUri=f"file:{tmp}/spark")


# (what the client does, the events it must add: (type, catalog, db, table))
STEPS = [
    (
        "create_catalog",
        lambda c, tmp: c.create_catalog(tt.CreateCatalogRequest(_catalog(tmp))),
        [("CREATE_CATALOG", "spark", None, None), ("CREATE_DATABASE", "spark", "default", None)],
    ),
    (
        "alter_catalog",
        lambda c, tmp: c.alter_catalog(
            tt.AlterCatalogRequest("spark", tt.Catalog("spark", "new", f"file:{tmp}/spark"))
        ),
        [("ALTER_CATALOG", "spark", None, None)],
    ),
    (
        "create_database",
        lambda c, tmp: c.create_database(f.database("sales")),
        [("CREATE_DATABASE", "hive", "sales", None)],
    ),
    (
        "alter_database",
        lambda c, tmp: c.alter_database("sales", f.database("sales", description="d2")),
        [("ALTER_DATABASE", "hive", "sales", None)],
    ),
    (
        "create_table",
        lambda c, tmp: c.create_table(f.table("sales", "orders", part_keys=[("dt", "string")])),
        [("CREATE_TABLE", "hive", "sales", "orders")],
    ),
    (
        "alter_table",
        lambda c, tmp: c.alter_table("sales", "orders", c.get_table("sales", "orders")),
        [("ALTER_TABLE", "hive", "sales", "orders")],
    ),
    (
        "add_partitions (one event for the batch)",
        lambda c, tmp: c.add_partitions(
            _parts(c, "sales", "orders", "2024-01-01", "2024-01-02", "2024-01-03")
        ),
        [("ADD_PARTITION", "hive", "sales", "orders")],
    ),
    (
        "add_partition",
        lambda c, tmp: c.add_partition(_parts(c, "sales", "orders", "2024-01-04")[0]),
        [("ADD_PARTITION", "hive", "sales", "orders")],
    ),
    (
        "alter_partition",
        lambda c, tmp: c.alter_partition(
            "sales", "orders", _with_param(c.get_partition("sales", "orders", ["2024-01-01"]), "a", "b")
        ),
        [("ALTER_PARTITION", "hive", "sales", "orders")],
    ),
    (
        "alter_partitions (one event for the batch)",
        lambda c, tmp: _alter_two(c),
        [("ALTER_PARTITIONS", "hive", "sales", "orders")],
    ),
    (
        "rename_partition",
        lambda c, tmp: _rename_partition(c),
        [("ALTER_PARTITION", "hive", "sales", "orders")],
    ),
    (
        "drop_partition",
        lambda c, tmp: c.drop_partition("sales", "orders", ["2024-01-04"], True),
        [("DROP_PARTITION", "hive", "sales", "orders")],
    ),
    (
        "drop_partitions_req (one event for the batch)",
        lambda c, tmp: c.drop_partitions_req(
            tt.DropPartitionsRequest(
                dbName="sales",
                tblName="orders",
                parts=tt.RequestPartsSpec(names=["dt=2024-01-02", "dt=2024-01-09"]),
            )
        ),
        [("DROP_PARTITION", "hive", "sales", "orders")],
    ),
    (
        "update_table_column_statistics",
        lambda c, tmp: c.update_table_column_statistics(_stats("sales", "orders")),
        [("UPDATE_TBL_COL_STAT_EVENT", "hive", "sales", "orders")],
    ),
    (
        "update_partition_column_statistics",
        lambda c, tmp: c.update_partition_column_statistics(_stats("sales", "orders", "dt=2024-01-01")),
        [("UPDATE_PART_COL_STAT_EVENT", "hive", "sales", "orders")],
    ),
    (
        "delete_partition_column_statistics",
        lambda c, tmp: c.delete_partition_column_statistics("sales", "orders", "dt=2024-01-01", "id"),
        [("DELETE_PART_COL_STAT_EVENT", "hive", "sales", "orders")],
    ),
    (
        "delete_table_column_statistics",
        lambda c, tmp: c.delete_table_column_statistics("sales", "orders", "id"),
        [("DELETE_TBL_COL_STAT_EVENT", "hive", "sales", "orders")],
    ),
    ("rename table", lambda c, tmp: _rename_table(c), [("ALTER_TABLE", "hive", "sales", "orders")]),
    ("fire_listener_event", lambda c, tmp: _fire_insert(c), [("INSERT", "hive", "sales", "orders2")]),
    (
        "exchange_partition",
        lambda c, tmp: _exchange(c),
        [
            ("CREATE_TABLE", "hive", "sales", "staging"),
            ("ADD_PARTITION", "hive", "sales", "staging"),
            ("ADD_PARTITION", "hive", "sales", "orders2"),
            ("DROP_PARTITION", "hive", "sales", "staging"),
        ],
    ),
    (
        "create_table_with_constraints (a default constraint has no Hive 3.1 event)",
        lambda c, tmp: c.create_table_with_constraints(
            f.table("sales", "customers"),
            [_pk("sales", "customers", "cust_pk")],
            [],
            [tt.SQLUniqueConstraint("hive", "sales", "customers", "name", 1, "cust_uk", False, False, False)],
            [tt.SQLNotNullConstraint("hive", "sales", "customers", "name", "cust_nn", False, False, False)],
            [
                tt.SQLDefaultConstraint(
                    "hive", "sales", "customers", "name", "'x'", "cust_dc", False, False, False
                )
            ],
            [],
        ),
        [
            # Hive's create_table_core: CREATE_TABLE, then the constraints' events in this order
            ("CREATE_TABLE", "hive", "sales", "customers"),
            ("ADD_PRIMARYKEY", "hive", "sales", "customers"),
            ("ADD_UNIQUECONSTRAINT", "hive", "sales", "customers"),
            ("ADD_NOTNULLCONSTRAINT", "hive", "sales", "customers"),
        ],
    ),
    (
        "add_foreign_key (named after the referenced table, as Hive names it)",
        lambda c, tmp: c.add_foreign_key(
            tt.AddForeignKeyRequest([_fk("sales", "orders2", "sales", "customers")])
        ),
        [("ADD_FOREIGNKEY", "hive", "sales", "customers")],
    ),
    (
        "add_unique_constraint, add_not_null_constraint",
        lambda c, tmp: (
            c.add_unique_constraint(
                tt.AddUniqueConstraintRequest(
                    [
                        tt.SQLUniqueConstraint(
                            "hive", "sales", "orders2", "name", 1, "o_uk", False, False, False
                        )
                    ]
                )
            ),
            c.add_not_null_constraint(
                tt.AddNotNullConstraintRequest(
                    [tt.SQLNotNullConstraint("hive", "sales", "orders2", "name", "o_nn", False, False, False)]
                )
            ),
        ),
        [
            ("ADD_UNIQUECONSTRAINT", "hive", "sales", "orders2"),
            ("ADD_NOTNULLCONSTRAINT", "hive", "sales", "orders2"),
        ],
    ),
    (
        "add_primary_key, drop_constraint (x2), drop_table",
        lambda c, tmp: (
            c.add_primary_key(tt.AddPrimaryKeyRequest([_pk("sales", "orders2", "pk1")])),
            c.drop_constraint(
                tt.DropConstraintRequest(dbname="sales", tablename="orders2", constraintname="pk1")
            ),
            c.drop_constraint(
                tt.DropConstraintRequest(dbname="sales", tablename="orders2", constraintname="fk1")
            ),
            c.drop_table("sales", "customers", True),
        ),
        [
            ("ADD_PRIMARYKEY", "hive", "sales", "orders2"),
            ("DROP_CONSTRAINT", "hive", "sales", "orders2"),
            ("DROP_CONSTRAINT", "hive", "sales", "orders2"),
            ("DROP_TABLE", "hive", "sales", "customers"),
        ],
    ),
    (
        "truncate_table",
        lambda c, tmp: c.truncate_table("sales", "staging", None),
        [("ALTER_TABLE", "hive", "sales", "staging")],
    ),
    (
        "drop_table",
        lambda c, tmp: c.drop_table("sales", "staging", True),
        [("DROP_TABLE", "hive", "sales", "staging")],
    ),
    (
        "create_function",
        lambda c, tmp: c.create_function(_function("sales", "upper2")),
        [("CREATE_FUNCTION", "hive", "sales", None)],
    ),
    (
        "alter_function (Hive has no event)",
        lambda c, tmp: c.alter_function("sales", "upper2", _function("sales", "upper2")),
        [],
    ),
    (
        "create_role, grant (Hive 3.1 has no event)",
        lambda c, tmp: (
            c.create_role(tt.Role(roleName="r1", ownerName="tester")),
            c.grant_role("r1", "bob", tt.PrincipalType.USER, "tester", tt.PrincipalType.USER, False),
        ),
        [],
    ),
    (
        "drop_database cascade",
        lambda c, tmp: (
            c.create_function(_function("sales", "other")),
            c.drop_function("sales", "other"),
            c.drop_database("sales", True, True),
        ),
        [
            ("CREATE_FUNCTION", "hive", "sales", None),
            ("DROP_FUNCTION", "hive", "sales", None),
            # Hive's drop_database_core: functions first, then tables, then the database
            ("DROP_FUNCTION", "hive", "sales", None),
            ("DROP_TABLE", "hive", "sales", "orders2"),
            ("DROP_DATABASE", "hive", "sales", None),
        ],
    ),
    (
        "drop_catalog",
        lambda c, tmp: c.drop_catalog(tt.DropCatalogRequest("spark")),
        [("DROP_DATABASE", "spark", "default", None), ("DROP_CATALOG", "spark", None, None)],
    ),
]


def test_every_thrift_write_emits_exactly_hives_events(api, tmp_path):
    last = max([e.eventId for e in _events(api)], default=0)
    with api.thrift("tester") as c:
        for name, step, expected in STEPS:
            step(c, tmp_path)
            got = _events(api, last)
            assert [(e.eventType, e.catName, e.dbName, e.tableName) for e in got] == expected, name
            assert [e.eventId for e in got] == list(range(last + 1, last + 1 + len(got))), name
            for e in got:
                assert e.messageFormat == "json-0.2" and json.loads(e.message)["timestamp"] > 0
            last = max([last] + [e.eventId for e in got])


def test_rest_writes_are_roles_and_grants_which_hive_has_no_event_for(api):
    before = len(_events(api))
    r = api.admin().post("/api/v1/roles", json={"name": "analysts"})
    assert r.status_code == 201, r.text
    assert len(_events(api)) == before


# every writing operation of the service and the events it writes ("" = none: Hive 3.1 has no event
# type for it)
SERVICE_WRITES = {
    "create_catalog": "CREATE_CATALOG",
    "alter_catalog": "ALTER_CATALOG",
    "drop_catalog": "DROP_CATALOG",
    "create_database": "CREATE_DATABASE",
    "alter_database": "ALTER_DATABASE",
    "drop_database": "DROP_DATABASE",
    "create_table": "CREATE_TABLE",
    "alter_table": "ALTER_TABLE",
    "drop_table": "DROP_TABLE",
    "replace_table": "DROP_TABLE",
    "truncate_table": "ALTER_TABLE",
    "add_partitions": "ADD_PARTITION",
    "drop_partition": "DROP_PARTITION",
    "drop_partition_by_name": "DROP_PARTITION",
    "drop_partitions_by_names": "DROP_PARTITION",
    "drop_partitions_by_filter": "DROP_PARTITION",
    "alter_partitions": "ALTER_PARTITION",
    "rename_partition": "ALTER_PARTITION",
    "exchange_partitions": "ADD_PARTITION",
    "update_column_stats": "UPDATE_TBL_COL_STAT_EVENT",
    "delete_column_stats": "DELETE_TBL_COL_STAT_EVENT",
    "create_function": "CREATE_FUNCTION",
    "drop_function": "DROP_FUNCTION",
    "alter_function": "",
    "fire_insert_event": "INSERT",
    "drop_constraint": "DROP_CONSTRAINT",
    "add_constraints": "ADD_PRIMARYKEY",  # and ADD_FOREIGNKEY, ADD_UNIQUECONSTRAINT, ADD_NOTNULLCONSTRAINT
    "create_role": "",
    "drop_role": "",
    "grant_role": "",
    "revoke_role": "",
    "grant_privileges": "",
    "revoke_privileges": "",
    "refresh_privileges": "",
}


def test_every_writing_service_method_is_in_the_event_table():
    assert writing_operations() - {"bootstrap_privileges"} == set(SERVICE_WRITES), (
        "add the new writing method to SERVICE_WRITES (and emit its events)"
    )


def test_a_failed_or_rolled_back_change_emits_nothing(api):
    before = _events(api)
    with api.thrift("tester") as c:
        with pytest.raises(tt.NoSuchObjectException):
            c.create_table(f.table("nodb", "t"))
        c.create_database(f.database("d1"))
        with pytest.raises(tt.AlreadyExistsException):
            c.create_database(f.database("d1"))
    fired = []

    def boom(conn):  # fails the next change at commit time, after its event was recorded
        if not fired:
            fired.append(1)
            raise RuntimeError("commit-time failure")

    api.service.db.before_commit.append(boom)
    try:
        with api.thrift("tester") as c, pytest.raises(tt.MetaException):
            c.create_database(f.database("d2"))
    finally:
        api.service.db.before_commit.remove(boom)
    got = _events(api, before[-1].eventId if before else 0)
    assert [(e.eventType, e.dbName) for e in got] == [("CREATE_DATABASE", "d1")]
    with api.thrift("tester") as c:
        c.create_database(f.database("d3"))
        assert c.get_current_notificationEventId().eventId == got[-1].eventId + 1  # no id was lost


def test_thrift_readers_as_hive_and_impala_use_them(api):
    with api.thrift("tester") as c:
        for i in range(5):
            c.create_database(f.database(f"r{i}"))
        c.create_table(f.table("r0", "t"))
        cur = c.get_current_notificationEventId().eventId
        allev = c.get_next_notification(tt.NotificationEventRequest(lastEvent=0)).events
        assert [e.eventId for e in allev] == list(range(1, cur + 1))
        two = c.get_next_notification(tt.NotificationEventRequest(lastEvent=1, maxEvents=2)).events
        assert [e.eventId for e in two] == [2, 3]
        skipped = c.get_next_notification(
            tt.NotificationEventRequest(lastEvent=0, maxEvents=-1, eventTypeSkipList=["CREATE_DATABASE"])
        ).events
        assert [e.eventType for e in skipped] == ["CREATE_TABLE"]
        n = c.get_notification_events_count(tt.NotificationEventsCountRequest(fromEventId=0, dbName="r0"))
        assert n.eventsCount == 2
        assert c.get_config_value("hive.metastore.dml.events", "") == "true"
        assert c.get_config_value("metastore.catalog.default", "") == "hive"
        factory = "org.apache.hadoop.hive.metastore.messaging.json.JSONMessageFactory"
        assert c.get_config_value("hive.metastore.event.message.factory", "") == factory
        assert c.getMetaConf("metastore.event.message.factory") == factory
        assert c.get_config_value("hive.some.unset.key", "dflt") == "dflt"
        with pytest.raises(tt.ConfigValSecurityException):
            c.get_config_value("javax.jdo.option.ConnectionPassword", "")


def test_events_off_writes_none_and_says_so(database_url, tmp_path):
    from tests.api.conftest import make_api

    a = make_api(database_url, tmp_path, events=False)
    try:
        with a.thrift("tester") as c:
            c.create_database(f.database("quiet"))
            assert c.get_current_notificationEventId().eventId == 0
            assert c.get_config_value("hive.metastore.dml.events", "") == "false"
    finally:
        a.runtime.stop()


def _tobj(text: str, cls):
    return deserialize(cls(), text.encode("utf-8"), PROTO)


def test_constraint_events_carry_the_constraints_as_stored(api):
    """A consumer decodes Hive's primaryKeyListJson/foreignKeyListJson into the Thrift structs: the
    names are the stored ones (generated when the client gave none), as get_primary_keys answers."""
    last = max([e.eventId for e in _events(api)], default=0)
    with api.thrift("tester") as c:
        c.create_database(f.database("cons"))
        c.create_table(f.table("cons", "parent"))
        c.create_table(f.table("cons", "child"))
        c.add_primary_key(tt.AddPrimaryKeyRequest([_pk("CONS", "Parent", None)]))
        c.add_foreign_key(tt.AddForeignKeyRequest([_fk("cons", "child", "cons", "parent")]))
        stored = c.get_primary_keys(tt.PrimaryKeysRequest("cons", "parent")).primaryKeys
    got = {e.eventType: e for e in _events(api, last)}
    pk_message = json.loads(got["ADD_PRIMARYKEY"].message)
    assert set(pk_message) == {"server", "servicePrincipal", "timestamp", "primaryKeyListJson"}
    (pk,) = [_tobj(t, tt.SQLPrimaryKey) for t in pk_message["primaryKeyListJson"]]
    assert pk == tt.SQLPrimaryKey("cons", "parent", "id", 1, stored[0].pk_name, False, False, False, "hive")
    assert pk.pk_name and pk.pk_name.startswith("parent_primary_key_")
    (fk,) = [
        _tobj(t, tt.SQLForeignKey) for t in json.loads(got["ADD_FOREIGNKEY"].message)["foreignKeyListJson"]
    ]
    # the referenced primary key's stored name, not the client's guess ("cust_pk")
    assert (fk.pktable_name, fk.fktable_name, fk.fk_name, fk.pk_name) == (
        "parent",
        "child",
        "fk1",
        pk.pk_name,
    )
    assert (got["ADD_FOREIGNKEY"].dbName, got["ADD_FOREIGNKEY"].tableName) == ("cons", "parent")


def test_a_consumer_polling_from_zero_rebuilds_the_catalog(api, tmp_path):
    with api.thrift("tester") as c:
        for step in STEPS[:20]:  # databases, tables, partitions, renames, exchange (not the drops)
            step[1](c, tmp_path)
        c.create_database(f.database("extra"))
        c.create_table(f.table("extra", "plain"))
        c.create_table(f.table("extra", "gone"))
        c.drop_table("extra", "gone", True)
        # what the catalog holds, as a Thrift client lists it
        truth: dict = {}
        for db in c.get_all_databases():
            truth[("hive", db)] = {t: sorted(c.get_partition_names(db, t, -1)) for t in c.get_all_tables(db)}
        truth[("spark", "default")] = {}

        # a consumer: HiveMetaStoreClient's loop (contiguous ids), 7 events a call
        state: dict = {}
        last = 0
        while True:
            got = c.get_next_notification(tt.NotificationEventRequest(lastEvent=last, maxEvents=7)).events
            if not got:
                break
            assert got[0].eventId == last + 1, "Notification events are missing."
            for e in got:
                _apply(state, e)
            last = got[-1].eventId
    assert state == truth


def _apply(state: dict, e: tt.NotificationEvent) -> None:
    m = json.loads(e.message)
    key = (e.catName or "hive", e.dbName)
    if e.eventType == "CREATE_DATABASE":
        state[key] = {}
    elif e.eventType == "DROP_DATABASE":
        state.pop(key)
    elif e.eventType == "CREATE_TABLE":
        state[key][e.tableName] = []
    elif e.eventType == "DROP_TABLE":
        state[key].pop(e.tableName)
    elif e.eventType == "ALTER_TABLE":
        after = _tobj(m["tableObjAfterJson"], tt.Table)
        parts = state[key].pop(e.tableName)
        state[(after.catName, after.dbName)][after.tableName] = parts
    elif e.eventType == "ADD_PARTITION":
        names = ["/".join(f"{k}={v}" for k, v in p.items()) for p in m["partitions"]]
        state[key][e.tableName] = sorted(state[key][e.tableName] + names)
    elif e.eventType == "DROP_PARTITION":
        names = {"/".join(f"{k}={v}" for k, v in p.items()) for p in m["partitions"]}
        state[key][e.tableName] = [n for n in state[key][e.tableName] if n not in names]
    elif e.eventType == "ALTER_PARTITION":
        before = "/".join(f"{k}={v}" for k, v in m["keyValues"].items())
        after = _tobj(m["partitionObjAfterJson"], tt.Partition)
        keys = list(m["keyValues"])
        new = "/".join(f"{k}={v}" for k, v in zip(keys, after.values, strict=True))
        state[key][e.tableName] = sorted([n for n in state[key][e.tableName] if n != before] + [new])


def test_rest_change_feed_pages_and_filters(api):
    with api.thrift("tester") as c:
        c.create_database(f.database("feed"))
        c.create_table(f.table("feed", "a", part_keys=[("dt", "string")]))
        c.create_table(f.table("feed", "b"))
        c.add_partitions(_parts(c, "feed", "a", "1", "2"))
    admin = api.admin()
    r = admin.get("/api/v1/events", params={"since": 0, "database": "feed", "page_size": 2})
    assert r.status_code == 200, r.text
    page = r.json()
    assert [(e["type"], e["table"]) for e in page["events"]] == [
        ("CREATE_DATABASE", None),
        ("CREATE_TABLE", "a"),
    ]
    assert page["events"][0]["message"] is None and page["events"][0]["catalog"] == "hive"
    r = admin.get(
        "/api/v1/events", params={"database": "feed", "page_size": 2, "page_token": page["next_page_token"]}
    )
    assert [(e["type"], e["table"]) for e in r.json()["events"]] == [
        ("CREATE_TABLE", "b"),
        ("ADD_PARTITION", "a"),
    ]
    r = admin.get(
        "/api/v1/events",
        params={"database": "feed", "table": "a", "type": "ADD_PARTITION", "with_message": "true"},
    )
    (ev,) = r.json()["events"]
    assert json.loads(ev["message"])["partitions"] == [{"dt": "1"}, {"dt": "2"}]
    assert admin.get("/api/v1/events", params={"table": "a"}).json()["error"]["code"]
    assert api.client().get("/api/v1/events").status_code == 401
    assert admin.get("/api/v1/events", params={"since": -1}).status_code == 422


def test_sse_stream_delivers_an_event_within_a_second_of_its_commit(api):
    received: list[tuple[str, float]] = []
    ready = threading.Event()

    def listen():
        with httpx.Client(
            base_url=api.url, headers={"Authorization": f"Bearer {api.admin_token}"}, timeout=30
        ) as h:
            with h.stream("GET", "/api/v1/events/stream", params={"database": "live"}) as r:
                assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
                for line in r.iter_lines():
                    ready.set()
                    if line.startswith("data: "):
                        received.append((line[6:], time.monotonic()))
                        if len(received) == 2:
                            return

    t = threading.Thread(target=listen, daemon=True)
    t.start()
    assert ready.wait(10)
    with api.thrift("tester") as c:
        c.create_database(f.database("other"))  # filtered out
        c.create_database(f.database("live"))
        committed = time.monotonic()
        c.create_table(f.table("live", "t"))
    t.join(10)
    assert [json.loads(d)["type"] for d, _ in received] == ["CREATE_DATABASE", "CREATE_TABLE"]
    assert received[0][1] - committed < 1.0


def test_sse_stream_resumes_after_last_event_id(api):
    with api.thrift("tester") as c:
        c.create_database(f.database("r1"))
        c.create_database(f.database("r2"))
    first = _events(api)[-2].eventId
    lines: list[str] = []
    with httpx.Client(
        base_url=api.url, headers={"Authorization": f"Bearer {api.admin_token}"}, timeout=30
    ) as h:
        with h.stream("GET", "/api/v1/events/stream", headers={"Last-Event-ID": str(first - 1)}) as r:
            for line in r.iter_lines():
                if line.startswith("id: "):
                    lines.append(line)
                if len(lines) == 2:
                    break
    assert lines == [f"id: {first}", f"id: {first + 1}"]


def test_sse_stream_refuses_bad_requests_with_the_api_error_shape(api):
    r = api.client().get("/api/v1/events/stream")
    assert r.status_code == 401 and set(r.json()) == {"error"}
    r = api.admin().get("/api/v1/events/stream", headers={"Last-Event-ID": "x1"})
    assert r.status_code == 400 and r.json()["error"]["code"]
    r = api.admin().get("/api/v1/events/stream", params={"table": "t"})
    assert r.status_code == 400 and "database" in r.json()["error"]["message"]
