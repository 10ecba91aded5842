"""The `catalog` command line: serve, db upgrade/current. Every option also reads a CATALOG_* variable."""

from __future__ import annotations

import logging
import sys

import click

from catalog.app import Runtime, Settings


def _setup_logging(level: str) -> None:
    logging.basicConfig(level=getattr(logging, level.upper(), logging.INFO),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


@click.group(context_settings={"auto_envvar_prefix": "CATALOG", "show_default": True})
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]))
def main(log_level: str) -> None:
    """A Hive-metastore-compatible catalog service on PostgreSQL."""
    _setup_logging(log_level)


@main.command()
@click.option("--database-url", default=None, help="PostgreSQL URL; without it an embedded PostgreSQL runs in --data-dir.")
@click.option("--data-dir", default=".catalog", help="Directory for the embedded PostgreSQL and the default warehouse.")
@click.option("--host", default="127.0.0.1", help="Address to bind.")
@click.option("--thrift-port", default=9083, type=int)
@click.option("--warehouse", default=None, help="Warehouse root URI (default: <data-dir>/warehouse as a file: URI).")
@click.option("--framed/--unframed", default=False, help="Thrift framed transport (Hive's default is unframed).")
@click.option("--workers", default=256, type=int, help="Maximum concurrently served Thrift connections.")
@click.option("--pool-size", default=16, type=int, help="PostgreSQL connections in the pool.")
@click.option("--pool-timeout", default=10.0, type=float, help="Seconds a call waits for a pooled connection.")
@click.option("--statement-timeout-ms", default=60000, type=int, help="PostgreSQL statement timeout (0 = none).")
@click.option("--idle-timeout", default=1800.0, type=float, help="Seconds before an idle Thrift connection is closed.")
@click.option("--max-partitions-per-request", default=-1, type=int,
              help="Hive's metastore.limit.partition.request (-1 = unlimited).")
@click.option("--migrate/--no-migrate", default=True, help="Upgrade the schema to head before serving.")
@click.option("--processes", default=1, type=int,
              help="Worker processes sharing the Thrift port (0 = one per CPU core).")
def serve(**kw) -> None:
    """Serve the Hive Metastore Thrift API."""
    if kw["processes"] == 0:
        import os

        kw["processes"] = os.cpu_count() or 1
    rt = Runtime(Settings(**kw))
    try:
        rt.start()
    except Exception as e:  # noqa: BLE001
        rt.stop()
        raise click.ClickException(str(e)) from e
    click.echo(f"catalog: thrift://{rt.settings.host}:{rt.thrift_port} (warehouse {rt.settings.warehouse_root()})",
               err=True)
    rt.serve_forever()


@main.group()
def db() -> None:
    """Database schema commands (Alembic)."""


def _url(database_url: str | None, data_dir: str) -> tuple[str, object]:
    if database_url:
        return database_url, None
    from pathlib import Path

    from catalog.embedded_pg import EmbeddedPostgres

    pg = EmbeddedPostgres(Path(data_dir) / "postgres").start()
    return pg.url, pg


@db.command("upgrade")
@click.option("--database-url", default=None)
@click.option("--data-dir", default=".catalog")
@click.option("--revision", default="head")
def db_upgrade(database_url: str | None, data_dir: str, revision: str) -> None:
    """Upgrade the schema (safe to run from several replicas at once)."""
    from catalog.store import migrate

    url, pg = _url(database_url, data_dir)
    try:
        migrate.upgrade(url, revision)
        click.echo(f"schema at {migrate.current(url)}")
    finally:
        if pg is not None:
            pg.stop()


@db.command("current")
@click.option("--database-url", default=None)
@click.option("--data-dir", default=".catalog")
def db_current(database_url: str | None, data_dir: str) -> None:
    """Print the schema revision of the database (and the code's head)."""
    from catalog.store import migrate

    url, pg = _url(database_url, data_dir)
    try:
        click.echo(f"current: {migrate.current(url) or '(none)'}\nhead:    {migrate.head()}")
    finally:
        if pg is not None:
            pg.stop()


@main.group()
def sync() -> None:
    """Mirror another catalog into this one (`catalog sync unity`)."""


from catalog.sync.cli import unity as _sync_unity  # noqa: E402

sync.add_command(_sync_unity)


if __name__ == "__main__":  # pragma: no cover
    main()
