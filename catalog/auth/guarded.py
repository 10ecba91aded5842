"""The catalog service as the doors use it: CatalogService with, around every operation named in
`RULES` (catalog/auth/rules.py), authorization (when enforced), the write guard (catalog.provenance:
mirrored objects are read-only to everyone but the mirror), and the audit log (always).

Writes are audited: one record per call, written in the call's own transaction (see
catalog.auth.audit); a write the guard refuses is recorded as a failure. Only the outermost guarded
call is checked and recorded: a service method calling another (drop_partition ->
drop_partitions_by_names) acts under the outer call's decision. `tests/api/test_audit.py` checks
that every writing operation of the service has a rule, and that the operations guarded below are
exactly RULES' keys; `tests/test_write_guard.py` that every write refuses a mirrored object.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar, cast

from catalog import provenance as pv
from catalog.auth import context
from catalog.auth.audit import AuditLog
from catalog.auth.authorizer import Authorizer
from catalog.auth.rules import RULES, Rule
from catalog.db import Database as Db
from catalog.service import CatalogService, ServiceLimits
from catalog.store.ids import IdAllocator
from catalog.warehouse import Warehouse

AUTHORIZATION_MODES = ("off", "enforce")


_depth: contextvars.ContextVar[int] = contextvars.ContextVar("catalog_guard_depth", default=0)

F = TypeVar("F", bound=Callable[..., Any])


def guarded(base: F) -> F:
    """`base` (a CatalogService method) under its rule in RULES: authorization when enforced, the
    audit record for writes."""
    name = base.__name__
    rule = RULES[name]
    sig = inspect.signature(base)

    @functools.wraps(base)
    def method(self: GuardedCatalogService, *args: Any, **kwargs: Any) -> Any:
        if _depth.get():  # nested: the outer call was checked and is being recorded
            return base(self, *args, **kwargs)
        caller = context.current()
        enforce = self.authz.applies_to(caller)
        if not enforce and not rule.audited:  # a read with authorization off: nothing to do
            return base(self, *args, **kwargs)
        token = _depth.set(1)
        try:
            bound = sig.bind(self, *args, **kwargs)
            bound.apply_defaults()
            a = dict(bound.arguments)
            a["__action__"] = name
            if rule.audited:
                otype, oname = rule.target(a) if rule.target else (None, None)
                detail = rule.detail(a) if rule.detail else None
                with self.audit.action(name, otype, oname, detail):
                    if enforce and rule.check:
                        rule.check(self, caller, a)
                    if rule.changes is not None:
                        self.write_guard.check(rule.changes(a))
                    return base(self, *args, **kwargs)
            if enforce and rule.check:
                rule.check(self, caller, a)
            result = base(self, *args, **kwargs)
            if enforce and rule.filter:
                result = rule.filter(self, caller, a, result)
            return result
        finally:
            _depth.reset(token)

    return cast(F, method)


class GuardedCatalogService(CatalogService):
    """CatalogService with every operation of RULES guarded (tests/api/test_audit.py checks that
    the operations below are exactly RULES' keys)."""

    def __init__(
        self,
        db: Db,
        ids: IdAllocator,
        warehouse: Warehouse,
        limits: ServiceLimits | None = None,
        *,
        authorization: str = "off",
        admin_users: tuple[str, ...] = (),
    ):
        super().__init__(db, ids, warehouse, limits)
        if authorization not in AUTHORIZATION_MODES:
            raise ValueError(f"authorization must be one of {AUTHORIZATION_MODES}")
        self.authorization = authorization
        self.admin_users = tuple(admin_users)
        self.audit = AuditLog(self.db)
        self.authz = Authorizer(self.db, enforce=authorization == "enforce")
        self.write_guard = pv.WriteGuard(self.db)

    def bootstrap(self) -> None:
        super().bootstrap()
        self.bootstrap_privileges(self.admin_users)

    create_catalog = guarded(CatalogService.create_catalog)
    alter_catalog = guarded(CatalogService.alter_catalog)
    drop_catalog = guarded(CatalogService.drop_catalog)
    create_database = guarded(CatalogService.create_database)
    alter_database = guarded(CatalogService.alter_database)
    drop_database = guarded(CatalogService.drop_database)
    get_database = guarded(CatalogService.get_database)
    get_databases = guarded(CatalogService.get_databases)
    list_databases_page = guarded(CatalogService.list_databases_page)
    create_table = guarded(CatalogService.create_table)
    alter_table = guarded(CatalogService.alter_table)
    drop_table = guarded(CatalogService.drop_table)
    replace_table = guarded(CatalogService.replace_table)
    truncate_table = guarded(CatalogService.truncate_table)
    get_table = guarded(CatalogService.get_table)
    get_tables = guarded(CatalogService.get_tables)
    get_table_names_by_filter = guarded(CatalogService.get_table_names_by_filter)
    get_table_objects = guarded(CatalogService.get_table_objects)
    get_table_meta = guarded(CatalogService.get_table_meta)
    list_tables_page = guarded(CatalogService.list_tables_page)
    add_partitions = guarded(CatalogService.add_partitions)
    drop_partition = guarded(CatalogService.drop_partition)
    drop_partition_by_name = guarded(CatalogService.drop_partition_by_name)
    drop_partitions_by_names = guarded(CatalogService.drop_partitions_by_names)
    drop_partitions_by_filter = guarded(CatalogService.drop_partitions_by_filter)
    alter_partitions = guarded(CatalogService.alter_partitions)
    rename_partition = guarded(CatalogService.rename_partition)
    exchange_partitions = guarded(CatalogService.exchange_partitions)
    get_partitions = guarded(CatalogService.get_partitions)
    get_partitions_ps = guarded(CatalogService.get_partitions_ps)
    get_partition_names = guarded(CatalogService.get_partition_names)
    get_partition_names_ps = guarded(CatalogService.get_partition_names_ps)
    get_partitions_by_filter = guarded(CatalogService.get_partitions_by_filter)
    get_partition_names_by_filter = guarded(CatalogService.get_partition_names_by_filter)
    get_num_partitions_by_filter = guarded(CatalogService.get_num_partitions_by_filter)
    get_partitions_by_names = guarded(CatalogService.get_partitions_by_names)
    get_partition = guarded(CatalogService.get_partition)
    get_partition_by_name = guarded(CatalogService.get_partition_by_name)
    get_partitions_page = guarded(CatalogService.get_partitions_page)
    stream_partitions = guarded(CatalogService.stream_partitions)
    get_table_column_stats = guarded(CatalogService.get_table_column_stats)
    get_partition_column_stats = guarded(CatalogService.get_partition_column_stats)
    aggregate_partition_stats = guarded(CatalogService.aggregate_partition_stats)
    update_column_stats = guarded(CatalogService.update_column_stats)
    delete_column_stats = guarded(CatalogService.delete_column_stats)
    create_function = guarded(CatalogService.create_function)
    alter_function = guarded(CatalogService.alter_function)
    drop_function = guarded(CatalogService.drop_function)
    add_constraints = guarded(CatalogService.add_constraints)
    drop_constraint = guarded(CatalogService.drop_constraint)
    create_role = guarded(CatalogService.create_role)
    drop_role = guarded(CatalogService.drop_role)
    grant_role = guarded(CatalogService.grant_role)
    revoke_role = guarded(CatalogService.revoke_role)
    grant_privileges = guarded(CatalogService.grant_privileges)
    revoke_privileges = guarded(CatalogService.revoke_privileges)
    refresh_privileges = guarded(CatalogService.refresh_privileges)
    get_role_names = guarded(CatalogService.get_role_names)
    get_roles = guarded(CatalogService.get_roles)
    get_principals_in_role = guarded(CatalogService.get_principals_in_role)
    list_roles = guarded(CatalogService.list_roles)
    get_role_grants_for_principal = guarded(CatalogService.get_role_grants_for_principal)
    list_privileges = guarded(CatalogService.list_privileges)
    get_privilege_set = guarded(CatalogService.get_privilege_set)
    search = guarded(CatalogService.search)
    audit_records = guarded(CatalogService.audit_records)
    current_notification_event_id = guarded(CatalogService.current_notification_event_id)
    next_notifications = guarded(CatalogService.next_notifications)
    notification_events_count = guarded(CatalogService.notification_events_count)
    events_page = guarded(CatalogService.events_page)
    fire_insert_event = guarded(CatalogService.fire_insert_event)


__all__ = ["AUTHORIZATION_MODES", "RULES", "GuardedCatalogService", "Rule", "guarded"]
