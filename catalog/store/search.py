"""Ranked search over database, table and column names, comments and table properties.

Every branch is an `ILIKE '%term%'` on one column that migration 0004 indexed with a trigram GIN
index (`pg_trgm`), with the very predicates of the partial indexes, so PostgreSQL answers each from
its index. Each hit is scored `weight(field) × quality(match)`:

    field weights   table name 10, database name 9, column name 6, table comment 4,
                    database comment 3, column comment 3, table property 2
    match quality   exact 1.0, prefix 0.8, whole word 0.65, else 0.4 + 0.2 × trigram similarity

so an exact table-name match always ranks above any comment match. One object (database, table or
column) appears once, with its best hit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

# Must match migrations/versions/0004_rest_catalog.py (partial-index predicates included).
_NOT_SEARCHED_PARAM = (
    'p."PARAM_KEY" NOT LIKE \'spark.sql.sources.schema%\' AND p."PARAM_KEY" NOT IN '
    "('comment', 'transient_lastDdlTime', 'numFiles', 'numRows', 'totalSize', "
    "'rawDataSize', 'numFilesErasureCoded', 'COLUMN_STATS_ACCURATE', "
    "'spark.sql.create.version', 'spark.sql.sources.provider')"
)
_PROPERTY_TEXT = "(p.\"PARAM_KEY\" || ' ' || coalesce(p.\"PARAM_VALUE\", ''))"

_TBL = 'JOIN "TBLS" t ON t."TBL_ID" = {src} JOIN "DBS" d ON d."DB_ID" = t."DB_ID"'

_BRANCHES = {
    "database": [
        """SELECT 'database' AS kind, d."CTLG_NAME" AS cat, d."NAME" AS db, NULL::text AS tbl, NULL::text AS col,
                  'name' AS field, d."NAME"::text AS txt, 9.0 AS w
             FROM "DBS" d WHERE d."NAME" ILIKE :pat""",
        """SELECT 'database', d."CTLG_NAME", d."NAME", NULL, NULL, 'comment', d."DESC"::text, 3.0
             FROM "DBS" d WHERE d."DESC" ILIKE :pat""",
    ],
    "table": [
        """SELECT 'table', d."CTLG_NAME", d."NAME", t."TBL_NAME", NULL, 'name', t."TBL_NAME"::text, 10.0
             FROM "TBLS" t JOIN "DBS" d ON d."DB_ID" = t."DB_ID" WHERE t."TBL_NAME" ILIKE :pat""",
        f"""SELECT 'table', d."CTLG_NAME", d."NAME", t."TBL_NAME", NULL, 'comment', p."PARAM_VALUE", 4.0
             FROM "TABLE_PARAMS" p {_TBL.format(src='p."TBL_ID"')}
            WHERE p."PARAM_KEY" = 'comment' AND p."PARAM_VALUE" ILIKE :pat""",
        f"""SELECT 'table', d."CTLG_NAME", d."NAME", t."TBL_NAME", NULL, 'property', {_PROPERTY_TEXT}, 2.0
             FROM "TABLE_PARAMS" p {_TBL.format(src='p."TBL_ID"')}
            WHERE {_NOT_SEARCHED_PARAM} AND {_PROPERTY_TEXT} ILIKE :pat""",
    ],
    "column": [
        """SELECT 'column', d."CTLG_NAME", d."NAME", t."TBL_NAME", c."COLUMN_NAME", 'name', c."COLUMN_NAME"::text, 6.0
             FROM "COLUMNS_V2" c JOIN "SDS" s ON s."CD_ID" = c."CD_ID"
             JOIN "TBLS" t ON t."SD_ID" = s."SD_ID" JOIN "DBS" d ON d."DB_ID" = t."DB_ID"
            WHERE c."COLUMN_NAME" ILIKE :pat""",
        """SELECT 'column', d."CTLG_NAME", d."NAME", t."TBL_NAME", c."COLUMN_NAME", 'comment', c."COMMENT"::text, 3.0
             FROM "COLUMNS_V2" c JOIN "SDS" s ON s."CD_ID" = c."CD_ID"
             JOIN "TBLS" t ON t."SD_ID" = s."SD_ID" JOIN "DBS" d ON d."DB_ID" = t."DB_ID"
            WHERE c."COMMENT" ILIKE :pat""",
        f"""SELECT 'column', d."CTLG_NAME", d."NAME", t."TBL_NAME", k."PKEY_NAME", 'name', k."PKEY_NAME"::text, 6.0
             FROM "PARTITION_KEYS" k {_TBL.format(src='k."TBL_ID"')} WHERE k."PKEY_NAME" ILIKE :pat""",
    ],
}
KINDS = tuple(_BRANCHES)

_RANKED = """
WITH hits(kind, cat, db, tbl, col, field, txt, w) AS ({branches}),
scored AS (
  SELECT kind, cat, db, tbl, col, field, txt,
         w * CASE WHEN lower(txt) = lower(:q) THEN 1.0
                  WHEN left(lower(txt), length(:q)) = lower(:q) THEN 0.8
                  WHEN ' ' || regexp_replace(lower(txt), '[^[:alnum:]]+', ' ', 'g') || ' '
                       LIKE '% ' || :word || ' %' THEN 0.65
                  ELSE 0.4 + 0.2 * similarity(lower(txt), lower(:q)) END AS score
    FROM hits WHERE (CAST(:cat_filter AS text) IS NULL OR cat = :cat_filter)
),
best AS (
  SELECT DISTINCT ON (kind, cat, db, tbl, col) kind, cat, db, tbl, col, field, txt, score
    FROM scored ORDER BY kind, cat, db, tbl, col, score DESC, field
)
SELECT kind, cat, db, tbl, col, field, txt, round(score::numeric, 4)::float8 AS score
  FROM best ORDER BY score DESC, kind, cat, db, tbl NULLS FIRST, col NULLS FIRST
 LIMIT :limit OFFSET :offset"""


@dataclass
class SearchHit:
    kind: str  # database | table | column
    catalog: str
    database: str
    table: str | None
    column: str | None
    field: str  # name | comment | property
    text: str
    score: float


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _word(term: str) -> str:
    """The term as the LIKE pattern of a whole word in the normalised text (wildcards escaped)."""
    import re

    norm = re.sub(r"[^0-9a-z]+", " ", term.lower()).strip()
    return norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def ranked_sql(kinds: tuple[str, ...] = KINDS) -> str:
    branches = "\nUNION ALL\n".join(b for k in kinds for b in _BRANCHES[k])
    return _RANKED.format(branches=branches)


def search(
    conn: Connection,
    term: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    catalog: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[SearchHit]:
    rows = conn.execute(
        text(ranked_sql(kinds)),
        {
            "pat": like_pattern(term),
            "q": term,
            "word": _word(term),
            "cat_filter": catalog,
            "limit": limit,
            "offset": offset,
        },
    )
    return [SearchHit(*r) for r in rows]


__all__ = ["KINDS", "SearchHit", "like_pattern", "ranked_sql", "search"]
