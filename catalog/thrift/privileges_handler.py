"""ThriftHiveMetastore's role and privilege methods, as thin translators over the service's role
and privilege operations (catalog/service/privileges.py); a base of MetastoreHandler."""

from __future__ import annotations

from catalog.errors import InvalidInputError
from catalog.privileges import GLOBAL, Grant, ObjectRef, Role
from catalog.service import CatalogService
from catalog.thrift.binding import split_db_name
from catalog.thrift_gen.hive_metastore import ttypes as tt

_OBJ_NAMES = tt.HiveObjectType._VALUES_TO_NAMES
_OBJ_VALUES = tt.HiveObjectType._NAMES_TO_VALUES
_P_NAMES = tt.PrincipalType._VALUES_TO_NAMES
_P_VALUES = tt.PrincipalType._NAMES_TO_VALUES


def _principal_type(v) -> str:
    """A principal's type the call needs: "" when absent (the service refuses it with Hive's message)."""
    return _ptype(v) or ""


def _ptype(v) -> str | None:
    if v is None:
        return None
    if v not in _P_NAMES:
        raise InvalidInputError(f"unknown principal type {v}")
    return _P_NAMES[v]


def _pvalue(name: str | None):
    return _P_VALUES.get((name or "").upper())


def object_from(ref) -> ObjectRef | None:
    if ref is None or ref.objectType is None:
        return None
    if ref.objectType not in _OBJ_NAMES:
        raise InvalidInputError(f"unknown object type {ref.objectType}")
    otype = _OBJ_NAMES[ref.objectType]
    cat, db = split_db_name(ref.dbName)
    cat = (getattr(ref, "catName", None) or cat).lower()
    if otype == GLOBAL:
        return ObjectRef(GLOBAL)
    return ObjectRef(
        otype,
        cat,
        (db or "").lower() or None,
        (ref.objectName or "").lower() or None,
        tuple(ref.partValues) if ref.partValues else None,
        ref.columnName.lower() if ref.columnName else None,
    )


def object_to(o: ObjectRef):
    return tt.HiveObjectRef(
        objectType=_OBJ_VALUES[o.type],
        dbName=o.db,
        objectName=o.table,
        partValues=list(o.part_values) if o.part_values else None,
        columnName=o.column,
        catName=o.catalog if o.type != GLOBAL else None,
    )


def _grant_from(p) -> Grant:
    info = p.grantInfo or tt.PrivilegeGrantInfo()
    obj = object_from(p.hiveObject)
    if obj is None:
        raise InvalidInputError("a privilege needs an object (hiveObject.objectType)")
    return Grant(
        obj,
        p.principalName,
        _principal_type(p.principalType),
        info.privilege,
        info.grantor,
        _ptype(info.grantorType),
        bool(info.grantOption),
        info.createTime or 0,
        p.authorizer,
    )


def _info_to(g: Grant):
    return tt.PrivilegeGrantInfo(
        privilege=g.privilege,
        createTime=g.create_time,
        grantor=g.grantor,
        grantorType=_pvalue(g.grantor_type),
        grantOption=g.grant_option,
    )


def _grant_to(g: Grant):
    return tt.HiveObjectPrivilege(
        hiveObject=object_to(g.object),
        principalName=g.principal_name,
        principalType=_pvalue(g.principal_type),
        grantInfo=_info_to(g),
        authorizer=g.authorizer,
    )


def _role_grant_to(g):
    return tt.RolePrincipalGrant(
        roleName=g.role,
        principalName=g.principal_name,
        principalType=_pvalue(g.principal_type),
        grantOption=g.grant_option,
        grantTime=g.grant_time,
        grantorName=g.grantor,
        grantorPrincipalType=_pvalue(g.grantor_type),
    )


class PrivilegesHandler:
    s: CatalogService  # provided by MetastoreHandler

    def create_role(self, role):
        self.s.create_role(Role(role.roleName, role.createTime or 0, role.ownerName))
        return True

    def drop_role(self, role_name):
        self.s.drop_role(role_name)
        return True

    def get_role_names(self):
        return self.s.get_role_names()

    def grant_role(self, role_name, principal_name, principal_type, grantor, grantorType, grant_option):
        self.s.grant_role(
            role_name,
            principal_name,
            _principal_type(principal_type),
            grantor,
            _ptype(grantorType),
            bool(grant_option),
        )
        return True

    def revoke_role(self, role_name, principal_name, principal_type):
        self.s.revoke_role(role_name, principal_name, _principal_type(principal_type))
        return True

    def list_roles(self, principal_name, principal_type):
        return [
            tt.Role(roleName=r.name, createTime=r.create_time, ownerName=r.owner)
            for r in self.s.list_roles(principal_name, _principal_type(principal_type))
        ]

    def grant_revoke_role(self, request):
        if request.requestType == tt.GrantRevokeType.GRANT:
            self.s.grant_role(
                request.roleName,
                request.principalName,
                _principal_type(request.principalType),
                request.grantor,
                _ptype(request.grantorType),
                bool(request.grantOption),
            )
        elif request.requestType == tt.GrantRevokeType.REVOKE:
            self.s.revoke_role(
                request.roleName,
                request.principalName,
                _principal_type(request.principalType),
                grant_option_only=bool(request.grantOption),
            )
        else:
            raise InvalidInputError(f"unknown request type {request.requestType}")
        return tt.GrantRevokeRoleResponse(success=True)

    def get_principals_in_role(self, request):
        return tt.GetPrincipalsInRoleResponse(
            principalGrants=[_role_grant_to(g) for g in self.s.get_principals_in_role(request.roleName)]
        )

    def get_role_grants_for_principal(self, request):
        grants = self.s.get_role_grants_for_principal(
            request.principal_name, _principal_type(request.principal_type)
        )
        return tt.GetRoleGrantsForPrincipalResponse(principalGrants=[_role_grant_to(g) for g in grants])

    def get_privilege_set(self, hiveObject, user_name, group_names):
        obj = object_from(hiveObject) or ObjectRef(GLOBAL)
        ps = self.s.get_privilege_set(obj, user_name, list(group_names or []))

        def infos(d):
            return {k: [_info_to(g) for g in v] for k, v in d.items()}

        return tt.PrincipalPrivilegeSet(
            userPrivileges=infos(ps.user), groupPrivileges=infos(ps.group), rolePrivileges=infos(ps.role)
        )

    def list_privileges(self, principal_name, principal_type, hiveObject):
        grants = self.s.list_privileges(principal_name, _ptype(principal_type), object_from(hiveObject))
        return [_grant_to(g) for g in grants]

    def grant_privileges(self, privileges):
        self.s.grant_privileges([_grant_from(p) for p in (privileges.privileges or [])] if privileges else [])
        return True

    def revoke_privileges(self, privileges):
        self.s.revoke_privileges(
            [_grant_from(p) for p in (privileges.privileges or [])] if privileges else []
        )
        return True

    def grant_revoke_privileges(self, request):
        grants = [_grant_from(p) for p in ((request.privileges and request.privileges.privileges) or [])]
        if request.requestType == tt.GrantRevokeType.GRANT:
            self.s.grant_privileges(grants)
        elif request.requestType == tt.GrantRevokeType.REVOKE:
            self.s.revoke_privileges(grants, grant_option_only=bool(request.revokeGrantOption))
        else:
            raise InvalidInputError(f"unknown request type {request.requestType}")
        return tt.GrantRevokePrivilegeResponse(success=True)

    def refresh_privileges(self, objToRefresh, authorizer, grantRequest):
        obj = object_from(objToRefresh)
        if obj is None:
            raise InvalidInputError("refresh_privileges needs an object")
        grants = [
            _grant_from(p)
            for p in ((grantRequest and grantRequest.privileges and grantRequest.privileges.privileges) or [])
        ]
        self.s.refresh_privileges(obj, authorizer, grants)
        return tt.GrantRevokePrivilegeResponse(success=True)


__all__ = ["PrivilegesHandler", "object_from", "object_to"]
