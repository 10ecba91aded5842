"""Schema migrations for the catalog's PostgreSQL store, driven by Alembic in code (no alembic.ini).

The revisions live in the installable ``migrations`` package: 0001 creates Apache Hive Metastore
3.1.0's schema verbatim, later revisions add what this service needs on top. Alembic's version table is
``catalog.alembic_version``; Hive's tables are in ``public``.

Safe to call from several processes at once (replicas, Kubernetes Jobs): ``migrations/env.py``
serialises runners with a PostgreSQL advisory lock. Alembic's ``context`` proxy is process-global, so
calls within one process are additionally serialised by a thread lock here.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import make_url

import migrations

log = logging.getLogger(__name__)

VERSION_TABLE_SCHEMA = "catalog"
VERSION_TABLE = "alembic_version"

_process_lock = threading.Lock()


def _script_location() -> str:
    return str(Path(migrations.__file__).resolve().parent)


def _config(database_url: str | None = None) -> Config:
    cfg = Config()  # in-memory; no ini file
    # configparser interpolates '%'; the location is a filesystem path, so escape just in case.
    cfg.set_main_option("script_location", _script_location().replace("%", "%%"))
    if database_url is not None:
        # Passed as an attribute, not a main option: never written into (or interpolated by) the
        # config parser and never logged by alembic.
        cfg.attributes["database_url"] = database_url
    return cfg


def _safe(database_url: str) -> str:
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - never let a malformed URL leak through an error path
        return "<database url>"


def head() -> str:
    """The revision id the code base expects (the single head of the revision graph)."""
    rev = ScriptDirectory.from_config(_config()).get_current_head()
    if rev is None:  # pragma: no cover - there is always at least one revision
        raise RuntimeError("migration scripts define no head revision")
    return rev


def current(database_url: str) -> str | None:
    """The database's current revision id, or None if it was never migrated."""
    engine = create_engine(database_url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(
                conn, opts={"version_table": VERSION_TABLE, "version_table_schema": VERSION_TABLE_SCHEMA}
            )
            return ctx.get_current_revision()
    finally:
        engine.dispose()


def upgrade(database_url: str, revision: str = "head") -> None:
    """Migrate the database forward to ``revision`` (default: head). A no-op when already there."""
    log.info("upgrading schema of %s to %s", _safe(database_url), revision)
    with _process_lock:
        command.upgrade(_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    """Migrate the database back to ``revision`` (``"base"`` removes everything the revisions created)."""
    log.info("downgrading schema of %s to %s", _safe(database_url), revision)
    with _process_lock:
        command.downgrade(_config(database_url), revision)


# The key migrations/env.py locks with (pg_advisory_lock), so a transaction holding it with
# pg_advisory_xact_lock excludes every migration runner.
MIGRATION_LOCK_KEY = 0x484D53434154_4C47


def stamp_and_upgrade(connection, stamp: str, revision: str = "head") -> None:
    """Record ``stamp`` as applied, then migrate to ``revision``, on the caller's connection and in its
    transaction (used by ``catalog db adopt``: Hive's schema is already there, ours is added)."""
    cfg = _config()
    cfg.attributes["connection"] = connection
    with _process_lock:
        command.stamp(cfg, stamp)
        command.upgrade(cfg, revision)
