"""What the PostgreSQL server allows: the connections left for us under its `max_connections`."""

from __future__ import annotations

from sqlalchemy import Connection, text

_FREE_SQL = """SELECT current_setting('max_connections')::int
       - current_setting('superuser_reserved_connections')::int
       - coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0)
       - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int"""


def free_connections(conn: Connection) -> int:
    """Connections other clients leave free now (`max_connections` less the reserved ones and every
    client connection open at this moment, this one included)."""
    return int(conn.execute(text(_FREE_SQL)).scalar_one())
