"""ThriftHiveMetastore's table-constraint methods (add_*, drop_constraint, get_*_constraints,
get_primary_keys, get_foreign_keys, create_table_with_constraints) as thin translators over
catalog.constraints (mixed into MetastoreHandler)."""

from __future__ import annotations

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


def _from(kind: str, x, name: str | None, column: str | None, **extra) -> Constraint:
    return Constraint(
        kind=kind,
        catalog=_cat(getattr(x, "catName", None)),
        db=_db(x.table_db),
        table=x.table_name or "",
        column=column or "",
        name=name,
        enable=bool(x.enable_cstr),
        validate=bool(x.validate_cstr),
        rely=bool(x.rely_cstr),
        **extra,
    )


def primary_keys(xs) -> list[Constraint]:
    return [_from("PRIMARY_KEY", x, x.pk_name, x.column_name, position=x.key_seq or 1) for x in xs or []]


def unique_constraints(xs) -> list[Constraint]:
    return [_from("UNIQUE", x, x.uk_name, x.column_name, position=x.key_seq or 1) for x in xs or []]


def not_nulls(xs) -> list[Constraint]:
    return [_from("NOT_NULL", x, x.nn_name, x.column_name) for x in xs or []]


def defaults(xs) -> list[Constraint]:
    return [_from("DEFAULT", x, x.dc_name, x.column_name, value=x.default_value) for x in xs or []]


def checks(xs) -> list[Constraint]:
    return [_from("CHECK", x, x.dc_name, x.column_name, value=x.check_expression) for x in xs or []]


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

    def get_primary_keys(self, request):
        rows = self.constraints.read(
            "PRIMARY_KEY", _cat(request.catName), _db(request.db_name), request.tbl_name or ""
        )
        return tt.PrimaryKeysResponse(
            primaryKeys=[
                tt.SQLPrimaryKey(
                    table_db=r.db,
                    table_name=r.table,
                    column_name=r.column,
                    key_seq=r.position,
                    pk_name=r.name,
                    catName=r.catalog,
                    **_flags(r),
                )
                for r in rows
            ]
        )

    def get_unique_constraints(self, request):
        rows = self.constraints.read(
            "UNIQUE", _cat(request.catName), _db(request.db_name), request.tbl_name or ""
        )
        return tt.UniqueConstraintsResponse(
            uniqueConstraints=[
                tt.SQLUniqueConstraint(
                    catName=r.catalog,
                    table_db=r.db,
                    table_name=r.table,
                    column_name=r.column,
                    key_seq=r.position,
                    uk_name=r.name,
                    **_flags(r),
                )
                for r in rows
            ]
        )

    def get_not_null_constraints(self, request):
        rows = self.constraints.read(
            "NOT_NULL", _cat(request.catName), _db(request.db_name), request.tbl_name or ""
        )
        return tt.NotNullConstraintsResponse(
            notNullConstraints=[
                tt.SQLNotNullConstraint(
                    catName=r.catalog,
                    table_db=r.db,
                    table_name=r.table,
                    column_name=r.column,
                    nn_name=r.name,
                    **_flags(r),
                )
                for r in rows
            ]
        )

    def get_default_constraints(self, request):
        rows = self.constraints.read(
            "DEFAULT", _cat(request.catName), _db(request.db_name), request.tbl_name or ""
        )
        return tt.DefaultConstraintsResponse(
            defaultConstraints=[
                tt.SQLDefaultConstraint(
                    catName=r.catalog,
                    table_db=r.db,
                    table_name=r.table,
                    column_name=r.column,
                    default_value=r.value,
                    dc_name=r.name,
                    **_flags(r),
                )
                for r in rows
            ]
        )

    def get_check_constraints(self, request):
        rows = self.constraints.read(
            "CHECK", _cat(request.catName), _db(request.db_name), request.tbl_name or ""
        )
        return tt.CheckConstraintsResponse(
            checkConstraints=[
                tt.SQLCheckConstraint(
                    catName=r.catalog,
                    table_db=r.db,
                    table_name=r.table,
                    column_name=r.column,
                    check_expression=r.value,
                    dc_name=r.name,
                    **_flags(r),
                )
                for r in rows
            ]
        )

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
