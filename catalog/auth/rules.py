"""The one table of the service's guarded operations: for each, what it acts on (the audit log's
object), the privilege it needs under `--authorization=enforce`, how a listing's result is filtered,
and, for every write, what it changes (the write guard of catalog.provenance: mirrored objects are
read-only, the mirror's markers cannot be forged).

catalog.auth.guarded applies these rules around every CatalogService operation named here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from catalog import provenance as pv
from catalog.auth import context
from catalog.auth.authorizer import ANY, Authorizer
from catalog.domain import names as nm
from catalog.domain.model import DEFAULT_CATALOG, TableColumnStats
from catalog.privileges import DATABASE, GLOBAL, GROUP, ROLE, TABLE, USER, ObjectRef


class Guarded(Protocol):
    """What a rule's check or filter uses of the guarded service."""

    authz: Authorizer


def _cat(c: str | None) -> str:
    return nm.normalize(c or DEFAULT_CATALOG)


def D(catalog: str | None, db: str | None) -> ObjectRef:
    return ObjectRef(DATABASE, _cat(catalog), nm.normalize(db or ""))


def T(catalog: str | None, db: str | None, table: str | None) -> ObjectRef:
    return ObjectRef(TABLE, _cat(catalog), nm.normalize(db or ""), nm.normalize(table or ""))


GLOBAL_OBJ = ObjectRef(GLOBAL)

Check = Callable[[Guarded, context.Caller, dict], None]


@dataclass(frozen=True)
class Rule:
    target: Callable[[dict], tuple[str, str]] | None = None  # (object type, object name) for the audit log
    check: Check | None = None  # raises PermissionDeniedError
    filter: Callable[[Guarded, context.Caller, dict, Any], Any] | None = None
    detail: Callable[[dict], dict] | None = None
    audited: bool = True
    # The write guard (catalog.provenance): what the call changes; every audited rule has one.
    changes: Callable[[dict], pv.Changes] | None = None


def need(privilege: str, obj_fn: Callable[[dict], ObjectRef]) -> Check:
    def check(svc, caller, a):
        svc.authz.require(caller, privilege, obj_fn(a), a["__action__"])

    return check


def all_of(*checks: Check) -> Check:
    def check(svc, caller, a):
        for c in checks:
            c(svc, caller, a)

    return check


def admin(svc, caller, a) -> None:
    svc.authz.require_admin(caller, a["__action__"])


def _self_or_admin(name_key: str, type_key: str) -> Check:
    """Reading a principal's own roles or grants is open; anyone else's needs admin."""

    def check(svc, caller, a):
        name, ptype = a.get(name_key), (a.get(type_key) or "").upper()
        if ptype == USER and name and name == caller.principal:
            return
        if ptype == GROUP and name in caller.groups:
            return
        if ptype == ROLE and name in svc.authz.who(caller).roles:
            return
        svc.authz.require_admin(caller, a["__action__"])

    return check


def _grants_check(svc, caller, a) -> None:
    """Granting or revoking: admins, owners of the object, holders of the privilege WITH GRANT OPTION."""
    for g in a["grants"]:
        svc.authz.require(caller, g.privilege, g.object, a["__action__"], grant_option=True)


def _read_table(a) -> ObjectRef:
    return T(a["catalog"], a["db"], a.get("name") or a.get("table"))


def _filter_dbs(svc, caller, a, names):
    return svc.authz.visible_databases(caller, _cat(a["catalog"]), list(names))


def _filter_tables(svc, caller, a, names):
    return svc.authz.visible_tables(caller, _cat(a["catalog"]), a["db"] or "", list(names))


def _filter_table_objects(svc, caller, a, tables):
    keep = set(
        svc.authz.visible_tables(caller, _cat(a["catalog"]), a["db"] or "", [t.table_name for t in tables])
    )
    return [t for t in tables if t.table_name in keep]


def _filter_summaries(svc, caller, a, page):
    keep = set(
        svc.authz.visible_tables(caller, _cat(a["catalog"]), a["db"] or "", [r.name for r in page.items])
    )
    return page.filtered([r for r in page.items if r.name in keep])


def _filter_database_objects(svc, caller, a, page):
    keep = set(svc.authz.visible_databases(caller, _cat(a["catalog"]), [d.name for d in page.items]))
    return page.filtered([d for d in page.items if d.name in keep])


def _filter_metas(svc, caller, a, metas):
    by_db: dict[tuple[str, str], list[str]] = {}
    for m in metas:
        by_db.setdefault((m.catalog_name, m.db_name), []).append(m.table_name)
    keep = {
        (c, d, t) for (c, d), names in by_db.items() for t in svc.authz.visible_tables(caller, c, d, names)
    }
    return [m for m in metas if (m.catalog_name, m.db_name, m.table_name) in keep]


def _filter_hits(svc, caller, a, page):
    hits = page.items
    out = []
    dbs_seen: dict[tuple[str, str], bool] = {}
    tables_seen: dict[tuple[str, str, str], bool] = {}
    for h in hits:
        if h.table is None:
            key = (h.catalog, h.database)
            if key not in dbs_seen:
                dbs_seen[key] = bool(svc.authz.visible_databases(caller, h.catalog, [h.database]))
            ok = dbs_seen[key]
        else:
            key3 = (h.catalog, h.database, h.table)
            if key3 not in tables_seen:
                tables_seen[key3] = bool(svc.authz.visible_tables(caller, h.catalog, h.database, [h.table]))
            ok = tables_seen[key3]
        if ok:
            out.append(h)
    return page.filtered(out)


def _db_target(a) -> tuple[str, str]:
    return DATABASE, str(D(a["catalog"], a["name"]))


def _table_target(a) -> tuple[str, str]:
    return TABLE, str(_read_table(a))


def _stats_items(a) -> list[TableColumnStats]:
    items = a["items"]
    return [items] if isinstance(items, TableColumnStats) else list(items)


def _update_stats_check(svc: Guarded, caller: context.Caller, a: dict) -> None:
    for i in _stats_items(a):
        svc.authz.require(caller, "UPDATE", T(i.catalog_name, i.db_name, i.table_name), a["__action__"])


def _constrained(a: dict) -> list[tuple[str, str, str]]:
    """The (catalog, db, table) each constraint of an add_constraints call is on."""
    return list(dict.fromkeys((c.catalog, c.db, c.table) for c in a["constraints"]))


def _constraints_check(svc: Guarded, caller: context.Caller, a: dict) -> None:
    for t in _constrained(a):
        svc.authz.require(caller, "ALTER", T(*t), a["__action__"])


def _grants_detail(a) -> dict:
    return {
        "grants": [
            f"{g.privilege} on {g.object.type} {g.object} to {g.principal_type} {g.principal_name}"
            + (" WITH GRANT OPTION" if g.grant_option else "")
            for g in a["grants"][:50]
        ]
    }


def _table_ref(a: dict) -> pv.Ref:
    return pv.table_ref(a["catalog"], a["db"], a.get("name") or a.get("table"))


def _table_changes(a: dict) -> pv.Changes:
    return pv.changes([_table_ref(a)])


def _partitions_changes(a: dict) -> pv.Changes:
    return pv.changes([_table_ref(a)], [p.parameters for p in a["new_parts"] or []])


def _alter_table_changes(a: dict) -> pv.Changes:
    """The table, and the database it is renamed into (which must not be a mirrored one)."""
    target = pv.database_ref(a["catalog"], a["new"].db_name or a["db"])
    return pv.changes([_table_ref(a), target], [a["new"].parameters])


def _grantors(a: dict) -> pv.Changes:
    return pv.changes(grantors=[g.grantor for g in a["grants"]])


def _nothing_mirrored(a: dict) -> pv.Changes:
    return pv.NOTHING_MIRRORED


_READ_TABLE = Rule(check=need(ANY, _read_table), audited=False)

RULES: dict[str, Rule] = {
    # -- catalogs (Hive has no catalog privileges: admins only)
    "create_catalog": Rule(
        target=lambda a: ("CATALOG", nm.normalize(a["cat"].name or "")),
        check=admin,
        changes=lambda a: pv.changes(claims_mirror=a["mirrored_from"] is not None),
    ),
    "alter_catalog": Rule(
        target=lambda a: ("CATALOG", nm.normalize(a["name"] or "")),
        check=admin,
        changes=lambda a: pv.changes([pv.catalog_ref(a["name"])]),
    ),
    "drop_catalog": Rule(
        target=lambda a: ("CATALOG", nm.normalize(a["name"] or "")),
        check=admin,
        changes=lambda a: pv.changes([pv.catalog_ref(a["name"])]),
    ),
    # -- databases
    "create_database": Rule(
        target=lambda a: (DATABASE, str(D(a["db"].catalog_name, a["db"].name))),
        check=need("CREATE", lambda a: GLOBAL_OBJ),
        changes=lambda a: pv.changes([pv.catalog_ref(a["db"].catalog_name)], [a["db"].parameters]),
    ),
    "alter_database": Rule(
        target=_db_target,
        check=need("ALTER", lambda a: D(a["catalog"], a["name"])),
        changes=lambda a: pv.changes([pv.database_ref(a["catalog"], a["name"])], [a["new"].parameters]),
    ),
    "drop_database": Rule(
        target=_db_target,
        check=need("DROP", lambda a: D(a["catalog"], a["name"])),
        detail=lambda a: {"cascade": bool(a["cascade"]), "delete_data": bool(a["delete_data"])},
        changes=lambda a: pv.changes([pv.database_ref(a["catalog"], a["name"])]),
    ),
    "get_database": Rule(check=need(ANY, lambda a: D(a["catalog"], a["name"])), audited=False),
    "get_databases": Rule(filter=_filter_dbs, audited=False),
    "list_databases_page": Rule(filter=_filter_database_objects, audited=False),
    # -- tables
    "create_table": Rule(
        target=lambda a: (TABLE, str(T(a["t"].catalog_name, a["t"].db_name, a["t"].table_name))),
        check=need("CREATE", lambda a: D(a["t"].catalog_name, a["t"].db_name)),
        changes=lambda a: pv.changes(
            [pv.database_ref(a["t"].catalog_name, a["t"].db_name)], [a["t"].parameters]
        ),
    ),
    "alter_table": Rule(
        target=_table_target,
        check=lambda svc, caller, a: _alter_table_check(svc, caller, a),
        detail=lambda a: (
            {"renamed_to": f"{a['new'].db_name or a['db']}.{a['new'].table_name}"}
            if (
                nm.normalize(a["new"].db_name or a["db"] or ""),
                nm.normalize(a["new"].table_name or a["name"] or ""),
            )
            != (nm.normalize(a["db"] or ""), nm.normalize(a["name"] or ""))
            else {}
        ),
        changes=_alter_table_changes,
    ),
    "drop_table": Rule(target=_table_target, check=need("DROP", _read_table), changes=_table_changes),
    "replace_table": Rule(
        target=_table_target,
        check=all_of(need("DROP", _read_table), need("CREATE", lambda a: D(a["catalog"], a["new"].db_name))),
        detail=lambda a: {"replaced_by": f"{a['new'].db_name}.{a['new'].table_name}"},
        changes=lambda a: pv.changes(
            [_table_ref(a), pv.database_ref(a["catalog"], a["new"].db_name)], [a["new"].parameters]
        ),
    ),
    "truncate_table": Rule(target=_table_target, check=need("DELETE", _read_table), changes=_table_changes),
    "get_table": _READ_TABLE,
    "get_tables": Rule(filter=_filter_tables, audited=False),
    "get_table_names_by_filter": Rule(filter=_filter_tables, audited=False),
    "get_table_objects": Rule(filter=_filter_table_objects, audited=False),
    "get_table_meta": Rule(filter=_filter_metas, audited=False),
    "list_tables_page": Rule(filter=_filter_summaries, audited=False),
    # -- partitions
    "add_partitions": Rule(
        target=_table_target,
        check=need("INSERT", _read_table),
        detail=lambda a: {"partitions": len(a["new_parts"] or [])},
        changes=_partitions_changes,
    ),
    "drop_partition": Rule(target=_table_target, check=need("DELETE", _read_table), changes=_table_changes),
    "drop_partition_by_name": Rule(
        target=_table_target,
        check=need("DELETE", _read_table),
        detail=lambda a: {"partition": a["part_name"]},
        changes=_table_changes,
    ),
    "drop_partitions_by_names": Rule(
        target=_table_target,
        check=need("DELETE", _read_table),
        detail=lambda a: {"partitions": len(a["names"] or [])},
        changes=_table_changes,
    ),
    "drop_partitions_by_filter": Rule(
        target=_table_target,
        check=need("DELETE", _read_table),
        detail=lambda a: {"filter": (a["filter_text"] or "")[:500]},
        changes=_table_changes,
    ),
    "alter_partitions": Rule(
        target=_table_target,
        check=need("ALTER", _read_table),
        detail=lambda a: {"partitions": len(a["new_parts"] or [])},
        changes=_partitions_changes,
    ),
    "rename_partition": Rule(
        target=_table_target,
        check=need("ALTER", _read_table),
        changes=lambda a: pv.changes([_table_ref(a)], [a["new"].parameters]),
    ),
    "exchange_partitions": Rule(
        target=lambda a: (TABLE, str(T(a["catalog"], a["src_db"], a["src_table"]))),
        check=all_of(
            need("DELETE", lambda a: T(a["catalog"], a["src_db"], a["src_table"])),
            need("INSERT", lambda a: T(a["catalog"], a["dst_db"], a["dst_table"])),
        ),
        detail=lambda a: {"to": str(T(a["catalog"], a["dst_db"], a["dst_table"]))},
        changes=lambda a: pv.changes(
            [
                pv.table_ref(a["catalog"], a["src_db"], a["src_table"]),
                pv.table_ref(a["catalog"], a["dst_db"], a["dst_table"]),
            ]
        ),
    ),
    **{
        m: _READ_TABLE
        for m in (
            "get_partitions",
            "get_partitions_ps",
            "get_partition_names",
            "get_partition_names_ps",
            "get_partitions_by_filter",
            "get_partition_names_by_filter",
            "get_num_partitions_by_filter",
            "get_partitions_by_names",
            "get_partition",
            "get_partition_by_name",
            "get_partitions_page",
            "stream_partitions",
            "get_table_column_stats",
            "get_partition_column_stats",
            "aggregate_partition_stats",
        )
    },
    # -- column statistics
    "update_column_stats": Rule(
        target=lambda a: (
            TABLE,
            str(T(_stats_items(a)[0].catalog_name, _stats_items(a)[0].db_name, _stats_items(a)[0].table_name))
            if _stats_items(a)
            else "",
        ),
        check=_update_stats_check,
        changes=lambda a: pv.changes(
            [pv.table_ref(i.catalog_name, i.db_name, i.table_name) for i in _stats_items(a)]
        ),
    ),
    "delete_column_stats": Rule(
        target=_table_target, check=need("UPDATE", _read_table), changes=_table_changes
    ),
    # -- functions (reading them is open: a function's definition is not data)
    "create_function": Rule(
        target=lambda a: (
            "FUNCTION",
            f"{_cat(a['f'].catalog_name)}.{a['f'].db_name}.{a['f'].function_name}".lower(),
        ),
        check=need("CREATE", lambda a: D(a["f"].catalog_name, a["f"].db_name)),
        changes=lambda a: pv.changes([pv.database_ref(a["f"].catalog_name, a["f"].db_name)]),
    ),
    "alter_function": Rule(
        target=lambda a: ("FUNCTION", f"{_cat(a['catalog'])}.{a['db']}.{a['name']}".lower()),
        check=need("CREATE", lambda a: D(a["catalog"], a["db"])),
        changes=lambda a: pv.changes(
            [
                pv.database_ref(a["catalog"], a["db"]),
                pv.database_ref(a["catalog"], a["new"].db_name or a["db"]),
            ]
        ),
    ),
    "drop_function": Rule(
        target=lambda a: ("FUNCTION", f"{_cat(a['catalog'])}.{a['db']}.{a['name']}".lower()),
        check=need("CREATE", lambda a: D(a["catalog"], a["db"])),
        changes=lambda a: pv.changes([pv.database_ref(a["catalog"], a["db"])]),
    ),
    # -- table constraints (changing them is altering the table)
    "add_constraints": Rule(
        target=lambda a: (TABLE, str(T(*_constrained(a)[0]))) if a["constraints"] else (TABLE, ""),
        check=_constraints_check,
        detail=lambda a: {"constraints": sorted({c.kind for c in a["constraints"]})},
        changes=lambda a: pv.changes([pv.table_ref(*t) for t in _constrained(a)]),
    ),
    "drop_constraint": Rule(
        target=_table_target,
        check=need("ALTER", _read_table),
        detail=lambda a: {"constraint": a["name"]},
        changes=lambda a: pv.changes([pv.table_ref(a["catalog"], a["db"], a["table"])]),
    ),
    # -- roles and privileges
    "create_role": Rule(target=lambda a: (ROLE, a["role"].name), check=admin, changes=_nothing_mirrored),
    "drop_role": Rule(target=lambda a: (ROLE, a["name"]), check=admin, changes=_nothing_mirrored),
    "grant_role": Rule(
        target=lambda a: (ROLE, a["role"]),
        check=lambda svc, caller, a: svc.authz.require_role_admin(caller, a["role"], a["__action__"]),
        detail=lambda a: {
            "principal": f"{a['principal_type']} {a['principal']}",
            "grant_option": bool(a["grant_option"]),
        },
        changes=_nothing_mirrored,
    ),
    "revoke_role": Rule(
        target=lambda a: (ROLE, a["role"]),
        check=lambda svc, caller, a: svc.authz.require_role_admin(caller, a["role"], a["__action__"]),
        detail=lambda a: {
            "principal": f"{a['principal_type']} {a['principal']}",
            "grant_option_only": bool(a["grant_option_only"]),
        },
        changes=_nothing_mirrored,
    ),
    "grant_privileges": Rule(
        target=lambda a: _grants_target(a["grants"]),
        check=_grants_check,
        detail=_grants_detail,
        changes=_grantors,
    ),
    "revoke_privileges": Rule(
        target=lambda a: _grants_target(a["grants"]),
        check=_grants_check,
        detail=_grants_detail,
        changes=_nothing_mirrored,
    ),
    "refresh_privileges": Rule(
        target=lambda a: (a["obj"].type, str(a["obj"])),
        check=admin,
        detail=lambda a: {"authorizer": a["authorizer"], **_grants_detail(a)},
        changes=_grantors,
    ),
    "get_role_names": Rule(check=admin, audited=False),
    "get_roles": Rule(check=admin, audited=False),
    "get_principals_in_role": Rule(check=admin, audited=False),
    "list_roles": Rule(check=_self_or_admin("principal", "principal_type"), audited=False),
    "get_role_grants_for_principal": Rule(check=_self_or_admin("principal", "principal_type"), audited=False),
    "list_privileges": Rule(check=_self_or_admin("principal", "principal_type"), audited=False),
    "get_privilege_set": Rule(
        check=lambda svc, caller, a: (
            None
            if (a["user"] == caller.principal and set(a["groups"] or ()) <= set(caller.groups))
            else svc.authz.require_admin(caller, a["__action__"])
        ),
        audited=False,
    ),
    # -- REST-only reads
    "search": Rule(filter=_filter_hits, audited=False),
    "audit_records": Rule(check=admin, audited=False),
    # -- change events: reading them needs admin when enforced, as Hive's notification API needs a
    # privileged user (hive.metastore.event.db.notification.api.auth)
    "current_notification_event_id": Rule(check=admin, audited=False),
    "next_notifications": Rule(check=admin, audited=False),
    "notification_events_count": Rule(check=admin, audited=False),
    "events_page": Rule(check=admin, audited=False),
    # an engine reporting an insert: writes an event, changes no object (a mirrored table's too)
    "fire_insert_event": Rule(
        target=lambda a: (TABLE, str(T(a["catalog"], a["db"], a["table"]))),
        check=need("INSERT", lambda a: T(a["catalog"], a["db"], a["table"])),
        changes=lambda a: pv.changes(),
    ),
}


def _grants_target(grants) -> tuple[str, str]:
    if not grants:
        return GLOBAL, ""
    o = grants[0].object
    return o.type, str(o)


def _alter_table_check(svc, caller, a) -> None:
    svc.authz.require(caller, "ALTER", _read_table(a), a["__action__"])
    new_db = a["new"].db_name
    if new_db and nm.normalize(new_db) != nm.normalize(a["db"] or ""):
        svc.authz.require(caller, "CREATE", D(a["catalog"], new_db), a["__action__"])


__all__ = ["RULES", "Check", "Guarded", "Rule"]
