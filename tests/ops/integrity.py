"""SQL checks that nothing is half-written: every row a table or partition needs is there, and no
storage descriptor, column set or serde is left without an owner."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url

CHECKS = {
    "table without its storage descriptor": (
        'SELECT count(*) FROM "TBLS" t LEFT JOIN "SDS" s ON s."SD_ID" = t."SD_ID" '
        'WHERE t."SD_ID" IS NOT NULL AND s."SD_ID" IS NULL'
    ),
    "partition without its storage descriptor": (
        'SELECT count(*) FROM "PARTITIONS" p LEFT JOIN "SDS" s ON s."SD_ID" = p."SD_ID" '
        'WHERE p."SD_ID" IS NOT NULL AND s."SD_ID" IS NULL'
    ),
    "storage descriptor nobody uses": (
        'SELECT count(*) FROM "SDS" s WHERE NOT EXISTS (SELECT 1 FROM "TBLS" t WHERE t."SD_ID" = s."SD_ID") '
        'AND NOT EXISTS (SELECT 1 FROM "PARTITIONS" p WHERE p."SD_ID" = s."SD_ID")'
    ),
    "serde nobody uses": (
        'SELECT count(*) FROM "SERDES" x WHERE NOT EXISTS (SELECT 1 FROM "SDS" s WHERE s."SERDE_ID" = x."SERDE_ID")'
    ),
    "column set nobody uses": (
        'SELECT count(*) FROM "CDS" c WHERE NOT EXISTS (SELECT 1 FROM "SDS" s WHERE s."CD_ID" = c."CD_ID")'
    ),
    "table without columns": (
        'SELECT count(*) FROM "TBLS" t JOIN "SDS" s ON s."SD_ID" = t."SD_ID" '
        'WHERE NOT EXISTS (SELECT 1 FROM "COLUMNS_V2" c WHERE c."CD_ID" = s."CD_ID")'
    ),
    "duplicate table names": (
        'SELECT count(*) FROM (SELECT 1 FROM "TBLS" GROUP BY "DB_ID", "TBL_NAME" HAVING count(*) > 1) d'
    ),
    "duplicate partition names": (
        'SELECT count(*) FROM (SELECT 1 FROM "PARTITIONS" GROUP BY "TBL_ID", "PART_NAME" '
        "HAVING count(*) > 1) d"
    ),
}


def connect(database_url: str) -> psycopg.Connection:
    u = make_url(database_url)
    return psycopg.connect(
        host=u.host,
        port=u.port or 5432,
        user=u.username,
        password=u.password,
        dbname=u.database,
        autocommit=True,
    )


def problems(database_url: str) -> dict[str, int]:
    with connect(database_url) as conn:
        found = {name: conn.execute(sql).fetchone()[0] for name, sql in CHECKS.items()}
    return {k: v for k, v in found.items() if v}


def scalar(database_url: str, sql: str, params=()) -> object:
    with connect(database_url) as conn:
        return conn.execute(sql, params).fetchone()[0]
