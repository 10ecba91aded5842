"""gRPC methods for the session, catalogs, databases, tables, functions, roles and privileges."""

from __future__ import annotations

from catalog.auth import context
from catalog.grpc.methods import dicts, env, opt, qdb, rpc, whole_requests
from catalog.grpc.wire import limit, text, to_thrift
from catalog.grpc_gen import hive_metastore_pb2 as pb
from catalog.thrift_gen.hive_metastore import ttypes as tt


# -- session ----------------------------------------------------------------------------------------
@rpc("GetMetaConf")
def get_meta_conf(h, r):
    return {"response": h.getMetaConf(r.key)}


@rpc("SetMetaConf")
def set_meta_conf(h, r):
    h.setMetaConf(r.key, r.value)


@rpc("SetUgi")
def set_ugi(h, r):
    # Hive's answer; it does not change the caller, who is the bearer token's principal.
    return {"responses": list(r.group_names) + [r.user_name]}


@rpc("GetCurrentNotificationEventId")
def get_current_notification_event_id(h, r):
    return h.get_current_notificationEventId()


# -- catalogs ---------------------------------------------------------------------------------------
whole_requests(
    ("CreateCatalog", "create_catalog", tt.CreateCatalogRequest),
    ("AlterCatalog", "alter_catalog", tt.AlterCatalogRequest),
    answers=False,
)


@rpc("GetCatalog")
def get_catalog(h, r):
    return h.get_catalog(tt.GetCatalogRequest(name=r.name))


@rpc("GetCatalogs")
def get_catalogs(h, r):
    return h.get_catalogs()


@rpc("DropCatalog")
def drop_catalog(h, r):
    h.drop_catalog(tt.DropCatalogRequest(name=r.name))


# -- databases --------------------------------------------------------------------------------------
whole_requests(
    ("GetDatabaseReq", "get_database_req", tt.GetDatabaseRequest),
)
whole_requests(
    ("CreateDatabase", "create_database", tt.Database),
    ("DropDatabaseReq", "drop_database_req", tt.DropDatabaseRequest),
    answers=False,
)


@rpc("GetDatabases")
def get_databases(h, r):
    return {"string_lists": h.get_databases(text(r.pattern))}


@rpc("GetAllDatabases")
def get_all_databases(h, r):
    return {"string_lists": h.get_all_databases()}


@rpc("AlterDatabase")
def alter_database(h, r):
    h.alter_database(r.dbname, to_thrift(r.db, tt.Database))


# -- tables -----------------------------------------------------------------------------------------
whole_requests(
    ("GetFieldsReq", "get_fields_req", tt.GetFieldsRequest),
    ("GetSchemaReq", "get_schema_req", tt.GetSchemaRequest),
    ("GetTableReq", "get_table_req", tt.GetTableRequest),
    ("GetTableObjectsByNameReq", "get_table_objects_by_name_req", tt.GetTablesRequest),
)


def _table_in(msg) -> tt.Table:
    return to_thrift(msg, tt.Table) if msg is not None else tt.Table()


@rpc("CreateTableReq")
def create_table(h, r):
    req = to_thrift(r, tt.CreateTableRequest)
    if req.table is not None:
        # Hive's protobuf Table has no `owner` field: a table created through this door is owned by
        # the authenticated caller (what Hive's own clients put in the Thrift `owner`).
        req.table.owner = context.current().principal
    h.create_table_req(req)


@rpc("AlterTableReq")
def alter_table(h, r):
    req = to_thrift(r, tt.AlterTableRequest)
    if req.table is not None:
        # Without an `owner` field on the wire, an alteration keeps the table's owner (and its type,
        # unless the request names one).
        old = h.get_table(qdb(r.cat_name, r.db_name), r.table_name)
        req.table.owner = old.owner
        if req.table.ownerType is None:
            req.table.ownerType = old.ownerType
    h.alter_table_req(req)


@rpc("DropTable")
def drop_table(h, r):
    h.drop_table(r.dbname, r.name, r.delete_data)


@rpc("DropTableWithEnvironmentContext")
def drop_table_with_environment_context(h, r):
    h.drop_table_with_environment_context(r.dbname, r.name, r.delete_data, env(r))


@rpc("TruncateTable")
def truncate_table(h, r):
    h.truncate_table(r.db_name, r.table_name, list(r.part_names) or None)


@rpc("GetTables")
def get_tables(h, r):
    return {"responses": h.get_tables(r.db_name, text(r.pattern))}


@rpc("GetTablesByType")
def get_tables_by_type(h, r):
    return {"responses": h.get_tables_by_type(r.db_name, text(r.pattern), text(r.table_type))}


@rpc("GetTableMeta")
def get_table_meta(h, r):
    metas = h.get_table_meta(text(r.db_patterns), text(r.tbl_patterns), list(r.tbl_types))
    return {"responses": dicts(metas, pb.TableMeta, tt.TableMeta)}


@rpc("GetAllTables")
def get_all_tables(h, r):
    return {"responses": h.get_all_tables(r.db_name)}


@rpc("GetTablesExt")
def get_tables_ext(h, r):
    req = to_thrift(r, tt.GetTablesExtRequest)
    req.limit = r.limit or None  # proto3's 0 is "not set": no limit
    return {"responses": dicts(h.get_tables_ext(req), pb.ExtendedTableInfo, tt.ExtendedTableInfo)}


# -- functions --------------------------------------------------------------------------------------
whole_requests(
    ("CreateFunction", "create_function", tt.Function),
    answers=False,
)


@rpc("DropFunction")
def drop_function(h, r):
    h.drop_function(r.db_name, r.func_name)


@rpc("AlterFunction")
def alter_function(h, r):
    h.alter_function(r.db_name, r.func_name, opt(r, "new_func", tt.Function))


@rpc("GetFunctions")
def get_functions(h, r):
    return {"responses": h.get_functions(r.db_name, text(r.pattern))}


@rpc("GetFunction")
def get_function(h, r):
    return h.get_function(r.db_name, r.func_name)


@rpc("GetAllFunctions")
def get_all_functions(h, r):
    return h.get_all_functions()


# -- roles and privileges ---------------------------------------------------------------------------
whole_requests(
    ("GrantRevokeRole", "grant_revoke_role", tt.GrantRevokeRoleRequest),
    ("GetRoleGrantsForPrincipal", "get_role_grants_for_principal", tt.GetRoleGrantsForPrincipalRequest),
    ("GrantRevokePrivileges", "grant_revoke_privileges", tt.GrantRevokePrivilegeRequest),
)


@rpc("CreateRole")
def create_role(h, r):
    return {"response": h.create_role(to_thrift(r, tt.Role))}


@rpc("DropRole")
def drop_role(h, r):
    return {"response": h.drop_role(r.role_name)}


@rpc("GetRoleNames")
def get_role_names(h, r):
    return {"responses": h.get_role_names()}


@rpc("ListRoles")
def list_roles(h, r):
    roles = h.list_roles(text(r.principal_name), r.principal_type or None)
    return {"responses": dicts(roles, pb.Role, tt.Role)}


@rpc("GetPrincipalsInRole")
def get_principals_in_role(h, r):
    return h.get_principals_in_role(tt.GetPrincipalsInRoleRequest(roleName=r.role_name))


@rpc("GetPrivilegeSet")
def get_privilege_set(h, r):
    return h.get_privilege_set(
        opt(r, "hive_object", tt.HiveObjectRef), text(r.user_name), list(r.group_names)
    )


@rpc("ListPrivileges")
def list_privileges(h, r):
    grants = h.list_privileges(
        text(r.principal_name), r.principal_type or None, opt(r, "hive_object", tt.HiveObjectRef)
    )
    return {"responses": dicts(grants, pb.HiveObjectPrivilege, tt.HiveObjectPrivilege)}


@rpc("RefreshPrivileges")
def refresh_privileges(h, r):
    return h.refresh_privileges(
        opt(r, "obj_to_refresh", tt.HiveObjectRef),
        text(r.authorizer),
        opt(r, "grant_request", tt.GrantRevokePrivilegeRequest),
    )


# -- locks ------------------------------------------------------------------------------------------
whole_requests(
    ("CheckLock", "check_lock", tt.CheckLockRequest),
    ("ShowLocks", "show_locks", tt.ShowLocksRequest),
    ("HeartbeatTxnRange", "heartbeat_txn_range", tt.HeartbeatTxnRangeRequest),
)
whole_requests(
    ("Unlock", "unlock", tt.UnlockRequest),
    ("Heartbeat", "heartbeat", tt.HeartbeatRequest),
    answers=False,
)


@rpc("Lock")
def lock(h, r):
    req = to_thrift(r, tt.LockRequest)
    # Over Thrift a request without a user locks as the set_ugi user; here, as the caller.
    req.user = req.user or context.current().principal
    return h.lock(req)


@rpc("GetTableNamesByFilter")
def get_table_names_by_filter(h, r):
    return {"responses": h.get_table_names_by_filter(r.dbname, r.filter, limit(r.max_tables))}


@rpc("GetMetastoreDbUuid")
def get_metastore_db_uuid(h, r):
    return {"response": h.get_metastore_db_uuid()}


# -- table constraints ------------------------------------------------------------------------------
whole_requests(
    ("GetPrimaryKeys", "get_primary_keys", tt.PrimaryKeysRequest),
    ("GetForeignKeys", "get_foreign_keys", tt.ForeignKeysRequest),
    ("GetUniqueConstraints", "get_unique_constraints", tt.UniqueConstraintsRequest),
    ("GetNotNullConstraints", "get_not_null_constraints", tt.NotNullConstraintsRequest),
    ("GetDefaultConstraints", "get_default_constraints", tt.DefaultConstraintsRequest),
    ("GetCheckConstraints", "get_check_constraints", tt.CheckConstraintsRequest),
)
whole_requests(
    ("AddPrimaryKey", "add_primary_key", tt.AddPrimaryKeyRequest),
    ("AddForeignKey", "add_foreign_key", tt.AddForeignKeyRequest),
    ("AddUniqueConstraint", "add_unique_constraint", tt.AddUniqueConstraintRequest),
    ("AddNotNullConstraint", "add_not_null_constraint", tt.AddNotNullConstraintRequest),
    ("AddDefaultConstraint", "add_default_constraint", tt.AddDefaultConstraintRequest),
    ("AddCheckConstraint", "add_check_constraint", tt.AddCheckConstraintRequest),
    ("DropConstraint", "drop_constraint", tt.DropConstraintRequest),
    answers=False,
)
