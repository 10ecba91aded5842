"""SQL for "METASTORE_DB_PROPERTIES": the metastore database's GUID (Hive's ObjectStore
getMetastoreDbUuid: key 'guid', created on first access)."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, text

GUID_KEY = "guid"


def ensure_guid(conn: Connection) -> None:
    """Create the GUID if absent; concurrent replicas agree (the primary key keeps one)."""
    conn.execute(
        text(
            'INSERT INTO "METASTORE_DB_PROPERTIES" ("PROPERTY_KEY", "PROPERTY_VALUE", "DESCRIPTION")'
            " VALUES (:k, :v, 'Metastore DB GUID generated on first access') ON CONFLICT DO NOTHING"
        ),
        {"k": GUID_KEY, "v": str(uuid.uuid4())},
    )


def db_guid(conn: Connection) -> str:
    return conn.execute(
        text('SELECT "PROPERTY_VALUE" FROM "METASTORE_DB_PROPERTIES" WHERE "PROPERTY_KEY" = :k'),
        {"k": GUID_KEY},
    ).scalar_one()
