"""The write guard: objects the Unity Catalog mirror owns are read-only for every caller but the
mirror, and nobody else can mark an object as mirrored.

`test_every_writing_operation_refuses_mirrored_objects` enumerates every writing operation of the
service (as the audit test does) and, for each, makes one call that would change a mirrored object
(or forge the mirror's provenance) and one that changes an ordinary object: the first is refused
with nothing written, the second works.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable

import pytest
from sqlalchemy import text

from catalog.auth.rules import RULES
from catalog.constraints import Constraint
from catalog.domain.model import (
    Catalog,
    ColumnStats,
    Database,
    FieldSchema,
    Function,
    Partition,
    StorageDescriptor,
    Table,
    TableColumnStats,
)
from catalog.errors import CatalogError, InvalidObjectError, InvalidOperationError
from catalog.privileges import TABLE, USER, Grant, ObjectRef, Role
from catalog.provenance import MIRROR_GRANTOR, NOTHING_MIRRORED, SOURCE, mirror_writes
from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f
from tests.service_methods import writing_operations

UC = "http://uc.example:8080/api/2.1/unity-catalog"

# What "nothing was written" compares: every catalog table a refused call could have touched.
_FINGERPRINTED = (
    '"CTLGS"',
    '"DBS"',
    '"DATABASE_PARAMS"',
    '"TBLS"',
    '"TABLE_PARAMS"',
    '"PARTITIONS"',
    '"PARTITION_PARAMS"',
    '"PARTITION_KEY_VALS"',
    '"SDS"',
    '"FUNCS"',
    '"TAB_COL_STATS"',
    '"PART_COL_STATS"',
    '"GLOBAL_PRIVS"',
    '"DB_PRIVS"',
    '"TBL_PRIVS"',
    '"ROLES"',
    '"ROLE_MAP"',
    '"KEY_CONSTRAINTS"',
    "catalog.mirrored_catalogs",
)


def _fingerprint(svc) -> list[str]:
    with svc.db.read() as conn:
        return [
            conn.execute(
                text(f"SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM {t} x")
            ).scalar()
            for t in _FINGERPRINTED
        ]


def _table(db: str, name: str, params: dict | None = None) -> Table:
    return Table(
        db_name=db,
        table_name=name,
        sd=StorageDescriptor(cols=[FieldSchema("a", "int")]),
        partition_keys=[FieldSchema("dt", "string")],
        parameters=dict(params or {}),
    )


def _part(db: str, table: str, value: str, params: dict | None = None) -> Partition:
    return Partition(db_name=db, table_name=table, values=[value], parameters=dict(params or {}))


def _stats(db: str, table: str, partition: str | None = None) -> TableColumnStats:
    return TableColumnStats(
        db, table, [ColumnStats("a", "int", "long", num_nulls=1, low=1, high=9)], partition
    )


def _pk(db: str, table: str, name: str) -> Constraint:
    return Constraint("PRIMARY_KEY", "hive", db, table, "a", name=name)


def _grant(db: str, table: str, grantor: str | None = "admin", who: str = "bob") -> Grant:
    return Grant(ObjectRef(TABLE, "hive", db, table), who, USER, "SELECT", grantor, "USER")


class World:
    """Mirrored objects (written as the mirror writes them) and fresh ordinary ones on demand."""

    def __init__(self, svc, warehouse):
        self.s = svc
        self.wh = warehouse
        self.n = itertools.count()
        marker = {SOURCE: UC}
        with mirror_writes():
            svc.create_catalog(
                Catalog("ucm", None, f"file:{warehouse}/ucm"),
                default_database=False,
                mirrored_from=(UC, "ucm", "1"),
            )
            svc.create_database(Database("m", parameters=dict(marker)))
            svc.create_table(_table("m", "t", marker))
            svc.add_partitions("hive", "m", "t", [_part("m", "t", "1"), _part("m", "t", "2")])
            svc.update_column_stats([_stats("m", "t"), _stats("m", "t", "dt=1")])
            svc.create_function(Function("g", "m", "com.example.G"))
            svc.grant_privileges([_grant("m", "t", MIRROR_GRANTOR, "carol")])
            svc.add_constraints([_pk("m", "t", "m_pk")])
        svc.create_database(Database("n"))
        # ordinary objects the refused calls would move into (or out of) mirrored ones
        svc.create_table(_table("n", "plain"))
        svc.add_partitions("hive", "n", "plain", [_part("n", "plain", v) for v in ("1", "2", "5")])
        svc.create_table(_table("n", "empty"))
        svc.create_function(Function("f0", "n", "com.example.F"))

    def name(self, prefix: str) -> str:
        return f"{prefix}{next(self.n)}"

    def table(self, with_parts: bool = True) -> str:
        name = self.name("t")
        self.s.create_table(_table("n", name))
        if with_parts:
            self.s.add_partitions("hive", "n", name, [_part("n", name, "1"), _part("n", name, "2")])
        return name

    def catalog(self) -> str:
        name = self.name("c")
        self.s.create_catalog(Catalog(name, None, f"file:{self.wh}/{name}"), default_database=False)
        return name

    def function(self) -> str:
        name = self.name("f")
        self.s.create_function(Function(name, "n", "com.example.F"))
        return name


def _renamed(t: Table, db: str, name: str) -> Table:
    out = copy.deepcopy(t)
    out.db_name, out.table_name = db, name
    return out


def _with_param(t, key: str = "k", value: str = "v"):
    out = copy.deepcopy(t)
    out.parameters[key] = value
    return out


Case = tuple[list[Callable[[World], object]], Callable[[World], object]]

# operation -> (calls that would change a mirrored object or forge a marker, a call on an ordinary object)
CASES: dict[str, Case] = {
    "create_catalog": (
        [
            lambda w: w.s.create_catalog(
                Catalog("forged", None, f"file:{w.wh}/x"), mirrored_from=(UC, "x", None)
            )
        ],
        lambda w: w.catalog(),
    ),
    "alter_catalog": (
        [lambda w: w.s.alter_catalog("ucm", Catalog("ucm", "changed", None))],
        lambda w: w.s.alter_catalog(w.catalog(), Catalog("", "changed", None)),
    ),
    "drop_catalog": ([lambda w: w.s.drop_catalog("ucm")], lambda w: w.s.drop_catalog(w.catalog())),
    "create_database": (
        [
            lambda w: w.s.create_database(Database("inside", catalog_name="ucm")),
            lambda w: w.s.create_database(Database("forged", parameters={SOURCE: "unity"})),
        ],
        lambda w: w.s.create_database(Database(w.name("d"))),
    ),
    "alter_database": (
        [
            lambda w: w.s.alter_database("hive", "m", Database("m", description="changed")),
            lambda w: w.s.alter_database("hive", "n", Database("n", parameters={"catalog.mirror.hash": "x"})),
        ],
        lambda w: w.s.alter_database("hive", "n", Database("n", description="changed")),
    ),
    "drop_database": (
        [lambda w: w.s.drop_database("hive", "m", False, True)],
        lambda w: (w.s.create_database(Database("gone")), w.s.drop_database("hive", "gone", True, True)),
    ),
    "create_table": (
        [
            lambda w: w.s.create_table(_table("m", "new")),
            lambda w: w.s.create_table(_table("n", "forged", {SOURCE: "unity"})),
        ],
        lambda w: w.table(with_parts=False),
    ),
    "alter_table": (
        [
            lambda w: w.s.alter_table("hive", "m", "t", _with_param(w.s.get_table("hive", "m", "t"))),
            lambda w: w.s.alter_table(
                "hive", "m", "t", _renamed(w.s.get_table("hive", "m", "t"), "n", "moved")
            ),
            lambda w: w.s.alter_table(
                "hive", "n", "plain", _renamed(w.s.get_table("hive", "n", "plain"), "m", "plain")
            ),
            lambda w: w.s.alter_table(
                "hive", "n", "plain", _with_param(w.s.get_table("hive", "n", "plain"), SOURCE)
            ),
        ],
        lambda w: (lambda t: w.s.alter_table("hive", "n", t, _with_param(w.s.get_table("hive", "n", t))))(
            w.table()
        ),
    ),
    "drop_table": (
        [lambda w: w.s.drop_table("hive", "m", "t", True)],
        lambda w: w.s.drop_table("hive", "n", w.table(), True),
    ),
    "replace_table": (
        [
            lambda w: w.s.replace_table("hive", "m", "t", _table("m", "t")),
            lambda w: w.s.replace_table("hive", "n", "plain", _table("m", "plain")),
            lambda w: w.s.replace_table("hive", "n", "plain", _table("n", "plain", {SOURCE: "unity"})),
        ],
        lambda w: (lambda t: w.s.replace_table("hive", "n", t, _table("n", t)))(w.table()),
    ),
    "truncate_table": (
        [lambda w: w.s.truncate_table("hive", "m", "t", None)],
        lambda w: w.s.truncate_table("hive", "n", w.table(), None),
    ),
    "add_partitions": (
        [
            lambda w: w.s.add_partitions("hive", "m", "t", [_part("m", "t", "3")]),
            lambda w: w.s.add_partitions("hive", "n", "plain", [_part("n", "plain", "3", {SOURCE: "x"})]),
        ],
        lambda w: (lambda t: w.s.add_partitions("hive", "n", t, [_part("n", t, "3")]))(w.table()),
    ),
    "drop_partition": (
        [lambda w: w.s.drop_partition("hive", "m", "t", ["1"], True)],
        lambda w: w.s.drop_partition("hive", "n", w.table(), ["1"], True),
    ),
    "drop_partition_by_name": (
        [lambda w: w.s.drop_partition_by_name("hive", "m", "t", "dt=1", True)],
        lambda w: w.s.drop_partition_by_name("hive", "n", w.table(), "dt=1", True),
    ),
    "drop_partitions_by_names": (
        [lambda w: w.s.drop_partitions_by_names("hive", "m", "t", ["dt=1", "dt=2"], True)],
        lambda w: w.s.drop_partitions_by_names("hive", "n", w.table(), ["dt=1", "dt=2"], True),
    ),
    "drop_partitions_by_filter": (
        [lambda w: w.s.drop_partitions_by_filter("hive", "m", "t", "dt > '0'", True)],
        lambda w: w.s.drop_partitions_by_filter("hive", "n", w.table(), "dt > '0'", True),
    ),
    "alter_partitions": (
        [
            lambda w: w.s.alter_partitions("hive", "m", "t", [_part("m", "t", "1", {"k": "v"})]),
            lambda w: w.s.alter_partitions("hive", "n", "plain", [_part("n", "plain", "1", {SOURCE: "x"})]),
        ],
        lambda w: (lambda t: w.s.alter_partitions("hive", "n", t, [_part("n", t, "1", {"k": "v"})]))(
            w.table()
        ),
    ),
    "rename_partition": (
        [lambda w: w.s.rename_partition("hive", "m", "t", ["1"], _part("m", "t", "9"))],
        lambda w: (lambda t: w.s.rename_partition("hive", "n", t, ["1"], _part("n", t, "9")))(w.table()),
    ),
    "exchange_partitions": (
        [  # out of a mirrored table, and into one
            lambda w: w.s.exchange_partitions("hive", {"dt": "1"}, "m", "t", "n", "empty"),
            lambda w: w.s.exchange_partitions("hive", {"dt": "5"}, "n", "plain", "m", "t"),
        ],
        lambda w: w.s.exchange_partitions(
            "hive", {"dt": "1"}, "n", w.table(), "n", w.table(with_parts=False)
        ),
    ),
    "update_column_stats": (
        [
            lambda w: w.s.update_column_stats(_stats("m", "t")),
            lambda w: w.s.update_column_stats(_stats("m", "t", "dt=2")),
        ],
        lambda w: w.s.update_column_stats(_stats("n", w.table(), "dt=1")),
    ),
    "delete_column_stats": (
        [lambda w: w.s.delete_column_stats("hive", "m", "t", None, "a")],
        lambda w: (
            lambda t: (
                w.s.update_column_stats(_stats("n", t)),
                w.s.delete_column_stats("hive", "n", t, None, "a"),
            )
        )(w.table()),
    ),
    "create_function": (
        [lambda w: w.s.create_function(Function("h", "m", "com.example.H"))],
        lambda w: w.function(),
    ),
    "alter_function": (
        [
            lambda w: w.s.alter_function("hive", "m", "g", Function("g", "m", "com.example.Other")),
            lambda w: w.s.alter_function("hive", "n", "f0", Function("f0", "m", "com.example.F")),
        ],
        lambda w: (lambda fn: w.s.alter_function("hive", "n", fn, Function(fn, "n", "com.example.Other")))(
            w.function()
        ),
    ),
    "drop_function": (
        [lambda w: w.s.drop_function("hive", "m", "g")],
        lambda w: w.s.drop_function("hive", "n", w.function()),
    ),
    "grant_privileges": (
        [lambda w: w.s.grant_privileges([_grant("n", "plain", MIRROR_GRANTOR)])],
        lambda w: w.s.grant_privileges([_grant("n", w.table(with_parts=False))]),
    ),
    "revoke_privileges": (
        [lambda w: w.s.revoke_privileges([_grant("m", "t", MIRROR_GRANTOR, "carol")])],
        lambda w: (
            lambda t: (w.s.grant_privileges([_grant("n", t)]), w.s.revoke_privileges([_grant("n", t)]))
        )(w.table(with_parts=False)),
    ),
    "refresh_privileges": (
        [
            lambda w: w.s.refresh_privileges(
                ObjectRef(TABLE, "hive", "m", "t"), None, [_grant("m", "t", MIRROR_GRANTOR, "dave")]
            )
        ],
        lambda w: (
            lambda t: w.s.refresh_privileges(ObjectRef(TABLE, "hive", "n", t), "SQL", [_grant("n", t)])
        )(w.table(with_parts=False)),
    ),
    "add_constraints": (
        [lambda w: w.s.add_constraints([Constraint("NOT_NULL", "hive", "m", "t", "a", name="nn")])],
        lambda w: w.s.add_constraints([_pk("n", w.table(), w.name("pk"))]),
    ),
    "drop_constraint": (
        [lambda w: w.s.drop_constraint("hive", "m", "t", "m_pk")],
        lambda w: (
            lambda t, pk: (w.s.add_constraints([_pk("n", t, pk)]), w.s.drop_constraint("hive", "n", t, pk))
        )(w.table(), w.name("pk")),
    ),
    # an INSERT event is a notification, not a change of the table (its rule says so); nor do roles
    "fire_insert_event": (
        [],
        lambda w: w.s.fire_insert_event("hive", "n", w.table(), ["1"], False, [f"file:{w.wh}/n.db/f1"]),
    ),
    # roles concern no mirrored object (their rules say so); the ordinary call must still work
    "create_role": ([], lambda w: w.s.create_role(Role(w.name("r")))),
    "drop_role": ([], lambda w: (lambda r: (w.s.create_role(Role(r)), w.s.drop_role(r)))(w.name("r"))),
    "grant_role": (
        [],
        lambda w: (lambda r: (w.s.create_role(Role(r)), w.s.grant_role(r, "bob", USER)))(w.name("r")),
    ),
    "revoke_role": (
        [],
        lambda w: (
            lambda r: (
                w.s.create_role(Role(r)),
                w.s.grant_role(r, "bob", USER),
                w.s.revoke_role(r, "bob", USER),
            )
        )(w.name("r")),
    ),
}


def test_the_cases_cover_every_writing_operation():
    assert set(CASES) == writing_operations() - {"bootstrap_privileges"}


def test_every_writing_operation_declares_what_it_changes():
    writers = writing_operations() - {"bootstrap_privileges"}
    assert {w for w in writers if RULES[w].changes is None} == set()
    for op, (refused, _) in CASES.items():
        if not refused:  # no mirrored object concerned: the rule must say so explicitly
            assert RULES[op].changes({}) == NOTHING_MIRRORED, op


def test_every_writing_operation_refuses_mirrored_objects(server):
    svc = server.service
    world = World(svc, server.warehouse)
    for op, (refused, allowed) in CASES.items():
        for i, call in enumerate(refused):
            before = _fingerprint(svc)
            with pytest.raises((InvalidOperationError, InvalidObjectError)) as e:
                call(world)
            assert "mirror" in e.value.message.lower(), (op, i, e.value.message)
            assert _fingerprint(svc) == before, (op, i)
        try:
            allowed(world)
        except CatalogError as e:  # pragma: no cover - the message says which operation broke
            pytest.fail(f"{op} refused an ordinary object: {e.message}")
    # the mirrored objects are all still there, unchanged
    t = svc.get_table("hive", "m", "t")
    assert t.parameters[SOURCE] == UC and "k" not in t.parameters
    assert svc.get_partition_names("hive", "m", "t") == ["dt=1", "dt=2"]
    assert svc.get_function("hive", "m", "g").class_name == "com.example.G"
    assert svc.get_catalog("ucm").description is None
    assert svc.get_partition_names("hive", "n", "plain") == ["dt=1", "dt=2", "dt=5"]


def test_the_mirror_itself_still_changes_its_objects(server):
    svc = server.service
    World(svc, server.warehouse)
    with mirror_writes():
        t = _with_param(svc.get_table("hive", "m", "t"), "catalog.mirror.hash", "h2")
        svc.alter_table("hive", "m", "t", t)
        svc.drop_partition("hive", "m", "t", ["1"], False)
        svc.drop_function("hive", "m", "g")
    assert svc.get_table("hive", "m", "t").parameters["catalog.mirror.hash"] == "h2"
    assert svc.get_partition_names("hive", "m", "t") == ["dt=2"]


def test_a_forged_marker_is_refused_over_thrift(client, server):
    """The probe of issue 13: a Thrift client creating a table that claims to be mirrored."""
    client.create_database(f.database("sales"))
    forged = f.table("sales", "orders")
    forged.parameters = {SOURCE: "unity"}
    with pytest.raises(tt.InvalidObjectException, match="reserved"):
        client.create_table(forged)
    assert client.get_all_tables("sales") == []
    client.create_table(f.table("sales", "orders"))  # without the marker it is an ordinary table
    client.drop_table("sales", "orders", True)


def test_exchanging_partitions_into_a_mirrored_table_is_refused_over_thrift(client, server):
    World(server.service, server.warehouse)
    client.create_table(f.table("n", "src", part_keys=[("dt", "string")], cols=(("a", "int"),)))
    src = client.get_table("n", "src")
    client.add_partitions([f.partition(src, ["7"])])
    with pytest.raises(tt.MetaException, match="mirrored from Unity Catalog"):
        client.exchange_partition({"dt": "7"}, "n", "src", "m", "t")
    assert client.get_partition_names("n", "src", -1) == ["dt=7"]
    assert client.get_partition_names("m", "t", -1) == ["dt=1", "dt=2"]
