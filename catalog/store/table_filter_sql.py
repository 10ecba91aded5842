"""get_table_names_by_filter in SQL: a parsed table filter (catalog.domain.table_filter) compiled to
a WHERE clause over "TBLS" and "TABLE_PARAMS"; one statement per call."""

from __future__ import annotations

import datetime as _dt
import re

from sqlalchemy import Connection, text

from catalog.domain import partition_filter as f
from catalog.domain.table_filter import TableFilter
from catalog.errors import InvalidInputError

_OPS = {"=": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


class _Compiler:
    def __init__(self, flt: TableFilter):
        self.fields = flt.fields
        self.params: dict[str, object] = {}

    def bind(self, v: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = v
        return f":{name}"

    def col(self, key: int) -> str:
        fld = self.fields[key]
        if fld.kind == "owner":
            return 't."OWNER"'
        if fld.kind == "last_access":
            return 't."LAST_ACCESS_TIME"'
        return (
            '(SELECT p."PARAM_VALUE" FROM "TABLE_PARAMS" p WHERE p."TBL_ID" = t."TBL_ID"'
            f' AND p."PARAM_KEY" = {self.bind(fld.param)})'
        )

    def value(self, key: int, lit: f.Literal) -> str:
        v = lit.value
        if self.fields[key].kind == "last_access":
            if not isinstance(v, int):
                raise InvalidInputError("hive_filter_field_last_access__ compares with integers only")
            return self.bind(v)
        if self.fields[key].kind == "param" or isinstance(v, str):
            return self.bind(v.isoformat() if isinstance(v, _dt.date) else str(v))  # parameters are strings
        return self.bind(str(v))

    def sql(self, node) -> str:
        if isinstance(node, f.And):
            return "(" + " AND ".join(self.sql(p) for p in node.parts) + ")"
        if isinstance(node, f.Or):
            return "(" + " OR ".join(self.sql(p) for p in node.parts) + ")"
        if isinstance(node, f.Not):
            return f"(NOT {self.sql(node.part)})"
        if isinstance(node, f.Compare):
            if self.fields[node.key].kind != "last_access" and node.op not in ("=", "!="):
                raise InvalidInputError(
                    f"operator {node.op} is only supported on hive_filter_field_last_access__"
                )
            return f"{self.col(node.key)} {_OPS[node.op]} {self.value(node.key, node.value)}"
        if isinstance(node, f.Like):
            if self.fields[node.key].kind == "last_access":
                raise InvalidInputError("LIKE is not supported on hive_filter_field_last_access__")
            # As in Hive's metastore filters, LIKE's pattern is a regular expression for the whole value.
            try:
                re.compile(node.pattern)
            except re.error as e:
                raise InvalidInputError(
                    f"invalid LIKE pattern '{node.pattern}' (a regular expression): {e}"
                ) from None
            expr = f"{self.col(node.key)} ~ {self.bind('^(?:' + node.pattern + ')$')}"
            return f"(NOT coalesce({expr}, false))" if node.negated else expr
        if isinstance(node, f.In):
            ors = " OR ".join(f"{self.col(node.key)} = {self.value(node.key, v)}" for v in node.values)
            return f"(NOT coalesce({ors}, false))" if node.negated else f"({ors})"
        if isinstance(node, f.Between):
            c = self.col(node.key)
            expr = f"{c} BETWEEN {self.value(node.key, node.low)} AND {self.value(node.key, node.high)}"
            return f"(NOT coalesce({expr}, false))" if node.negated else expr
        raise InvalidInputError("unsupported table filter")


def table_names(conn: Connection, db_id: int, flt: TableFilter | None, limit: int) -> list[str]:
    c = _Compiler(flt) if flt is not None else None
    where = c.sql(flt.tree) if c is not None and flt is not None else "true"
    params = dict(c.params) if c is not None else {}
    params["db"] = db_id
    sql = f'SELECT t."TBL_NAME" FROM "TBLS" t WHERE t."DB_ID" = :db AND {where} ORDER BY t."TBL_NAME"'
    if limit >= 0:
        sql += " LIMIT :lim"
        params["lim"] = limit
    return [r[0] for r in conn.execute(text(sql), params)]
