"""ThriftHiveMetastore's table-constraint methods (add_*, drop_constraint, get_*_constraints,
get_primary_keys, get_foreign_keys, create_table_with_constraints) as thin translators over
catalog.constraints (mixed into MetastoreHandler)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from catalog.constraints import Constraint, ConstraintService
from catalog.domain.model import DEFAULT_CATALOG
from catalog.service import CatalogService
from catalog.service.constraints import add_with_events
from catalog.store.constraints import ConstraintRow
from catalog.thrift import convert as cv
from catalog.thrift_gen.hive_metastore import ttypes as tt


def _cat(c: str | None) -> str:
    return (c or DEFAULT_CATALOG).lower()


def _db(name: str | None) -> str:
    from catalog.thrift.binding import split_db_name

    return split_db_name(name)[1] or ""


def _flags(r: ConstraintRow) -> dict[str, bool]:
    v = r.enable_validate_rely
    return {"enable_cstr": bool(v & 4), "validate_cstr": bool(v & 2), "rely_cstr": bool(v & 1)}


@dataclass(frozen=True)
class _KindWire:
    """How one kind of single-table constraint looks on the wire: its Thrift struct, the field
    holding the constraint's name, whether it has a key position, and the field holding its value."""

    struct: type
    name_field: str
    keyed: bool = False
    value_field: str | None = None


_WIRE = {
    "PRIMARY_KEY": _KindWire(tt.SQLPrimaryKey, "pk_name", keyed=True),
    "UNIQUE": _KindWire(tt.SQLUniqueConstraint, "uk_name", keyed=True),
    "NOT_NULL": _KindWire(tt.SQLNotNullConstraint, "nn_name"),
    "DEFAULT": _KindWire(tt.SQLDefaultConstraint, "dc_name", value_field="default_value"),
    "CHECK": _KindWire(tt.SQLCheckConstraint, "dc_name", value_field="check_expression"),
}


def _from_thrift(kind: str, xs) -> list[Constraint]:
    """Thrift structs of one single-table kind (`_WIRE`) -> constraints."""
    wire = _WIRE[kind]
    out = []
    for x in xs or []:
        extra: dict[str, Any] = {}
        if wire.keyed:
            extra["position"] = x.key_seq or 1
        if wire.value_field:
            extra["value"] = getattr(x, wire.value_field)
        out.append(
            Constraint(
                kind=kind,
                catalog=_cat(getattr(x, "catName", None)),
                db=_db(x.table_db),
                table=x.table_name or "",
                column=x.column_name or "",
                name=getattr(x, wire.name_field),
                enable=bool(x.enable_cstr),
                validate=bool(x.validate_cstr),
                rely=bool(x.rely_cstr),
                **extra,
            )
        )
    return out


def _to_thrift(kind: str, r: ConstraintRow):
    """A stored constraint of one single-table kind (`_WIRE`) -> its Thrift struct."""
    wire = _WIRE[kind]
    fields: dict[str, Any] = {
        "catName": r.catalog,
        "table_db": r.db,
        "table_name": r.table,
        "column_name": r.column,
        wire.name_field: r.name,
        **_flags(r),
    }
    if wire.keyed:
        fields["key_seq"] = r.position
    if wire.value_field:
        fields[wire.value_field] = r.value
    return wire.struct(**fields)


def primary_keys(xs) -> list[Constraint]:
    return _from_thrift("PRIMARY_KEY", xs)


def unique_constraints(xs) -> list[Constraint]:
    return _from_thrift("UNIQUE", xs)


def not_nulls(xs) -> list[Constraint]:
    return _from_thrift("NOT_NULL", xs)


def defaults(xs) -> list[Constraint]:
    return _from_thrift("DEFAULT", xs)


def checks(xs) -> list[Constraint]:
    return _from_thrift("CHECK", xs)


def foreign_keys(xs) -> list[Constraint]:
    return [
        Constraint(
            kind="FOREIGN_KEY",
            catalog=_cat(x.catName),
            db=_db(x.fktable_db),
            table=x.fktable_name or "",
            column=x.fkcolumn_name or "",
            name=x.fk_name,
            position=x.key_seq or 1,
            enable=bool(x.enable_cstr),
            validate=bool(x.validate_cstr),
            rely=bool(x.rely_cstr),
            ref_db=_db(x.pktable_db),
            ref_table=x.pktable_name,
            ref_column=x.pkcolumn_name,
            update_rule=x.update_rule,
            delete_rule=x.delete_rule,
        )
        for x in xs or []
    ]


class ConstraintsHandler:
    """Expects `self.s` (the catalog service, whose `db` holds the constraints)."""

    s: CatalogService
    state: Any

    @property
    def constraints(self) -> ConstraintService:
        return ConstraintService(self.s.db)

    def create_table_with_constraints(
        self,
        tbl,
        primaryKeys,
        foreignKeys,
        uniqueConstraints,
        notNullConstraints,
        defaultConstraints,
        checkConstraints,
    ):
        wanted = (
            primary_keys(primaryKeys)
            + unique_constraints(uniqueConstraints)
            + not_nulls(notNullConstraints)
            + defaults(defaultConstraints)
            + checks(checkConstraints)
            + foreign_keys(foreignKeys)
        )
        if not wanted:
            self.s.create_table(cv.table_from(tbl))
            return
        # the table and its constraints in one transaction, as Hive's createTableWithConstraints,
        # their events after CREATE_TABLE (the hook runs after create_table's statements)
        with self.s.db.also_in_each_write(lambda conn: add_with_events(self.s.core.events, conn, wanted)):
            self.s.create_table(cv.table_from(tbl))

    def add_primary_key(self, req):
        self.s.add_constraints(primary_keys(req.primaryKeyCols))

    def add_foreign_key(self, req):
        self.s.add_constraints(foreign_keys(req.foreignKeyCols))

    def add_unique_constraint(self, req):
        self.s.add_constraints(unique_constraints(req.uniqueConstraintCols))

    def add_not_null_constraint(self, req):
        self.s.add_constraints(not_nulls(req.notNullConstraintCols))

    def add_default_constraint(self, req):
        self.s.add_constraints(defaults(req.defaultConstraintCols))

    def add_check_constraint(self, req):
        self.s.add_constraints(checks(req.checkConstraintCols))

    def drop_constraint(self, req):
        self.s.drop_constraint(
            _cat(req.catName), _db(req.dbname), req.tablename or "", req.constraintname or ""
        )

    def _read(self, kind: str, request) -> list:
        rows = self.constraints.read(
            kind, _cat(request.catName), _db(request.db_name), request.tbl_name or ""
        )
        return [_to_thrift(kind, r) for r in rows]

    def get_primary_keys(self, request):
        return tt.PrimaryKeysResponse(primaryKeys=self._read("PRIMARY_KEY", request))

    def get_unique_constraints(self, request):
        return tt.UniqueConstraintsResponse(uniqueConstraints=self._read("UNIQUE", request))

    def get_not_null_constraints(self, request):
        return tt.NotNullConstraintsResponse(notNullConstraints=self._read("NOT_NULL", request))

    def get_default_constraints(self, request):
        return tt.DefaultConstraintsResponse(defaultConstraints=self._read("DEFAULT", request))

    def get_check_constraints(self, request):
        return tt.CheckConstraintsResponse(checkConstraints=self._read("CHECK", request))

    def get_foreign_keys(self, request):
        cat = _cat(request.catName)
        parent = (_db(request.parent_db_name), request.parent_tbl_name) if request.parent_tbl_name else None
        child = (_db(request.foreign_db_name), request.foreign_tbl_name) if request.foreign_tbl_name else None
        return tt.ForeignKeysResponse(
            foreignKeys=[
                tt.SQLForeignKey(
                    pktable_db=r.db,
                    pktable_name=r.table,
                    pkcolumn_name=r.column,
                    fktable_db=r.child_db,
                    fktable_name=r.child_table,
                    fkcolumn_name=r.child_column,
                    key_seq=r.position,
                    update_rule=r.update_rule,
                    delete_rule=r.delete_rule,
                    fk_name=r.name,
                    pk_name=pk_name,
                    catName=r.catalog,
                    **_flags(r),
                )
                for r, pk_name in self.constraints.foreign_keys(cat, parent, child)
            ]
        )

    def get_all_table_constraints(self, request):
        """Hive 4: every kind at once; foreign keys are those the table declares (it is the child)."""
        cat, db, tbl = _cat(request.catName), request.dbName, request.tblName
        kw = {"catName": cat, "db_name": db, "tbl_name": tbl}
        return tt.AllTableConstraintsResponse(
            allTableConstraints=tt.SQLAllTableConstraints(
                primaryKeys=self.get_primary_keys(tt.PrimaryKeysRequest(**kw)).primaryKeys,
                foreignKeys=self.get_foreign_keys(
                    tt.ForeignKeysRequest(foreign_db_name=db, foreign_tbl_name=tbl, catName=cat)
                ).foreignKeys,
                uniqueConstraints=self.get_unique_constraints(
                    tt.UniqueConstraintsRequest(**kw)
                ).uniqueConstraints,
                notNullConstraints=self.get_not_null_constraints(
                    tt.NotNullConstraintsRequest(**kw)
                ).notNullConstraints,
                defaultConstraints=self.get_default_constraints(
                    tt.DefaultConstraintsRequest(**kw)
                ).defaultConstraints,
                checkConstraints=self.get_check_constraints(
                    tt.CheckConstraintsRequest(**kw)
                ).checkConstraints,
            )
        )
