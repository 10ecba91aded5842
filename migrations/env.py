"""Alembic environment for the catalog's PostgreSQL store.

Driven programmatically from :mod:`catalog.store.migrate` (no ``alembic.ini`` needed). The database URL
comes from ``config.attributes["database_url"]`` (or, failing that, the ``sqlalchemy.url`` main option,
so the stock ``alembic`` CLI still works with an ini file). The URL is never logged.

Layout:
  * Hive's tables live in the ``public`` schema, exactly as Hive's ``schematool`` creates them.
  * Alembic's own version table lives in our schema ``catalog`` (created here if missing), so it never
    collides with anything Hive or DataNucleus owns.

Concurrency: several replicas / Kubernetes Jobs may run ``upgrade`` at the same time. Each one takes a
session-level ``pg_advisory_lock`` with a fixed key before reading the current revision, so exactly one
runner migrates while the others wait, then find the database already at head and do nothing.

Atomicity: PostgreSQL DDL is transactional and every revision runs in its own transaction
(``transaction_per_migration=True``), so a failing revision rolls back completely and leaves the schema
at the previous revision.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool, text

# Arbitrary but fixed: 'HMSCATLG' read as 8 ASCII bytes, kept within signed bigint range.
MIGRATION_LOCK_KEY = 0x484D53434154_4C47
VERSION_TABLE_SCHEMA = "catalog"
VERSION_TABLE = "alembic_version"
HIVE_SCHEMA = "public"

config = context.config


def _database_url() -> str:
    url = config.attributes.get("database_url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database URL given to the migration environment")
    return str(url)


def run_migrations_offline() -> None:
    """Emit SQL to stdout (``alembic upgrade --sql``) instead of touching a database."""
    context.configure(
        url=_database_url(),
        literal_binds=True,
        version_table=VERSION_TABLE,
        version_table_schema=VERSION_TABLE_SCHEMA,
        transaction_per_migration=True,
    )
    context.execute(f'CREATE SCHEMA IF NOT EXISTS "{VERSION_TABLE_SCHEMA}"')
    context.execute(f'SET search_path TO "{HIVE_SCHEMA}", pg_catalog')
    with context.begin_transaction():
        context.run_migrations()


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        version_table=VERSION_TABLE,
        version_table_schema=VERSION_TABLE_SCHEMA,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    external = config.attributes.get("connection")
    if external is not None:  # caller owns the connection, its locking and its transaction
        _configure_and_run(external)
        return

    # NullPool: the session (and with it the advisory lock and search_path) ends when we close it.
    engine = create_engine(_database_url(), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
            try:
                connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{VERSION_TABLE_SCHEMA}"'))
                # Hive's script runs with `SET search_path = public, pg_catalog`; unqualified names in
                # the revisions therefore land in public whatever the role's default search_path is.
                connection.execute(text(f'SET search_path TO "{HIVE_SCHEMA}", pg_catalog'))
                connection.commit()  # alembic must start from a connection that is not in a transaction
                _configure_and_run(connection)
            finally:
                if connection.in_transaction():
                    connection.rollback()
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
                connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
