"""SQL that tells which catalogs, databases and tables the Unity Catalog mirror owns: catalogs
listed in catalog.mirrored_catalogs, databases and tables carrying `catalog.mirror.source`."""

from __future__ import annotations

from sqlalchemy import Connection, text

from catalog.domain.model import DEFAULT_CATALOG

SOURCE_KEY = "catalog.mirror.source"

_CATALOGS_SQL = """
SELECT m.name, NULL, NULL, m.source FROM catalog.mirrored_catalogs m WHERE m.name = ANY(CAST(:cats AS text[]))
UNION ALL
"""

_SQL = """
SELECT d."CTLG_NAME", d."NAME", NULL, p."PARAM_VALUE"
  FROM unnest(CAST(:dcats AS text[]), CAST(:dnames AS text[])) AS w(cat, name)
  JOIN "DBS" d ON d."CTLG_NAME" = w.cat AND d."NAME" = w.name
  JOIN "DATABASE_PARAMS" p ON p."DB_ID" = d."DB_ID" AND p."PARAM_KEY" = :key
UNION ALL
SELECT d."CTLG_NAME", d."NAME", t."TBL_NAME", p."PARAM_VALUE"
  FROM unnest(CAST(:tcats AS text[]), CAST(:tdbs AS text[]), CAST(:tnames AS text[])) AS w(cat, db, name)
  JOIN "DBS" d ON d."CTLG_NAME" = w.cat AND d."NAME" = w.db
  JOIN "TBLS" t ON t."DB_ID" = d."DB_ID" AND t."TBL_NAME" = w.name
  JOIN "TABLE_PARAMS" p ON p."TBL_ID" = t."TBL_ID" AND p."PARAM_KEY" = :key
"""


def mirror_sources(
    conn: Connection,
    catalogs: list[str],
    databases: list[tuple[str, str]],
    tables: list[tuple[str, str, str]],
) -> dict[tuple[str, str | None, str | None], str]:
    """{(catalog, db or None, table or None): source} of those objects that are mirrored, in one
    round trip."""
    catalogs = [c for c in catalogs if c != DEFAULT_CATALOG]  # the mirror never owns Hive's own catalog
    rows = conn.execute(
        text(_CATALOGS_SQL + _SQL if catalogs else _SQL),
        {
            "cats": catalogs,
            "dcats": [d[0] for d in databases],
            "dnames": [d[1] for d in databases],
            "tcats": [t[0] for t in tables],
            "tdbs": [t[1] for t in tables],
            "tnames": [t[2] for t in tables],
            "key": SOURCE_KEY,
        },
    ).all()
    return {(r[0], r[1], r[2]): r[3] for r in rows}
