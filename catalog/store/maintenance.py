"""SQL the service runs for itself: liveness, planner statistics, start-up serialisation."""

from __future__ import annotations

from sqlalchemy import Connection, text

# The tables whose planner statistics go stale after a bulk partition add.
PARTITION_TABLES = '"PARTITIONS", "PARTITION_KEY_VALS", "PARTITION_PARAMS", "SDS", "SERDES", "SERDE_PARAMS"'


def ping(conn: Connection) -> None:
    conn.execute(text("SELECT 1"))


def analyze_partition_tables(conn: Connection) -> None:
    conn.execute(text(f"ANALYZE {PARTITION_TABLES}"))


def lock_for_bootstrap(conn: Connection, what: str) -> None:
    """Serialise a start-up step between replicas (held until the transaction ends)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"hms-catalog.{what}"})
