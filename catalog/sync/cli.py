"""`catalog sync unity`: one mirror run for cron (registered on the `catalog` command in catalog/cli.py)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from catalog.warehouse import Warehouse

log = logging.getLogger(__name__)

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later


@click.command("unity")
@click.option(
    "--url",
    envvar="CATALOG_UC_URL",
    required=True,
    help="Unity Catalog server: the OSS server's base URL or a Databricks workspace URL "
    "(with or without /api/2.1/unity-catalog).",
)
@click.option(
    "--token", envvar="CATALOG_UC_TOKEN", default=None, help="Bearer token (OSS token or Databricks PAT)."
)
@click.option(
    "--client-id", envvar="CATALOG_UC_CLIENT_ID", default=None, help="Databricks OAuth M2M client id."
)
@click.option(
    "--client-secret",
    envvar="CATALOG_UC_CLIENT_SECRET",
    default=None,
    help="Databricks OAuth M2M client secret.",
)
@click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    envvar="CATALOG_UC_CATALOGS",
    help="UC catalog to mirror (repeatable); default: every catalog but `system`.",
)
@click.option("--dry-run", is_flag=True, default=False, help="Print the plan; change nothing.")
@click.option(
    "--name-template",
    envvar="CATALOG_SYNC_NAME_TEMPLATE",
    default="{catalog}__{schema}",
    show_default=True,
    help="Hive database name of a UC schema.",
)
@click.option(
    "--grace-period",
    envvar="CATALOG_SYNC_GRACE_PERIOD",
    default=24.0,
    type=float,
    show_default=True,
    help="Hours an object stays marked missing before it is purged.",
)
@click.option(
    "--grants/--no-grants",
    default=True,
    show_default=True,
    help="Fetch UC permissions and record them on each mirrored object.",
)
@click.option(
    "--hive-catalog",
    envvar="CATALOG_SYNC_HIVE_CATALOG",
    default="hive",
    show_default=True,
    help="Hive (3.x) catalog the databases are created in.",
)
@click.option(
    "--hive3-catalogs/--no-hive3-catalogs",
    default=True,
    show_default=True,
    help="Also mirror each UC catalog into a Hive 3 catalog of the same name, its schemas under "
    "their own names (for clients that speak Hive 3 catalogs).",
)
@click.option("--timeout", default=30.0, type=float, show_default=True, help="HTTP timeout (seconds).")
@click.option("--retries", default=5, type=int, show_default=True, help="Retries on 429/5xx/timeouts.")
@click.option(
    "--database-url",
    envvar="CATALOG_DATABASE_URL",
    default=None,
    help="PostgreSQL URL; without it the embedded PostgreSQL in --data-dir.",
)
@click.option("--data-dir", envvar="CATALOG_DATA_DIR", default=".catalog", show_default=True)
@click.option(
    "--warehouse",
    envvar="CATALOG_WAREHOUSE",
    default=None,
    help="The service's warehouse root (mirrored databases' nominal locations).",
)
@click.option(
    "--migrate/--no-migrate",
    default=True,
    show_default=True,
    help="Upgrade the schema to head first (as `catalog serve` does).",
)
def unity(
    url,
    token,
    client_id,
    client_secret,
    catalogs,
    dry_run,
    name_template,
    grace_period,
    grants,
    hive_catalog,
    hive3_catalogs,
    timeout,
    retries,
    database_url,
    data_dir,
    warehouse,
    migrate,
) -> None:
    """Mirror a Unity Catalog server into the catalog once, then exit.

    Exit status: 0 when the run succeeded, 1 when it failed or was incomplete (the reason is
    printed), 75 when another run holds the lock."""
    from catalog.app import Settings, build_service
    from catalog.store import migrate as mig
    from catalog.sync.mirror import SyncOptions, run_sync
    from catalog.sync.runs import RunLockBusy
    from catalog.sync.unity_client import UnityClient

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per GET otherwise
    if client_id and token:
        raise click.UsageError("give either --token or --client-id/--client-secret, not both")
    try:
        client = UnityClient(
            url,
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            timeout=timeout,
            retries=retries,
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    pg = None
    db = None
    try:
        if not database_url:
            from catalog.embedded_pg import EmbeddedPostgres

            Path(data_dir).mkdir(parents=True, exist_ok=True)
            pg = EmbeddedPostgres(Path(data_dir) / "postgres").start()
            database_url = pg.url
        if migrate:
            mig.upgrade(database_url)
        settings = Settings(database_url=database_url, data_dir=data_dir, warehouse=warehouse, pool_size=2)
        service, db = build_service(settings, database_url)
        service.warehouse = _NoFilesWarehouse(settings.warehouse_root())
        options = SyncOptions(
            catalogs=list(catalogs) or None,
            dry_run=dry_run,
            name_template=name_template,
            grace_period_hours=grace_period,
            hive_catalog=hive_catalog.lower(),
            grants=grants,
            hive3_catalogs=hive3_catalogs,
        )
        try:
            result = run_sync(service, client, options, progress=lambda line: click.echo(line, err=True))
        except RunLockBusy as e:
            click.echo(f"catalog sync unity: {e}", err=True)
            sys.exit(EXIT_LOCKED)
        except ValueError as e:
            raise click.UsageError(str(e)) from e
        click.echo(result.summary())
        if result.exit_code:
            click.echo(f"catalog sync unity: run {result.run_id} {result.status}: {result.error}", err=True)
        sys.exit(result.exit_code)
    finally:
        client.close()
        if db is not None:
            db.dispose()
        if pg is not None and getattr(pg, "_started_here", False):
            pg.stop()  # never a server `catalog serve` started on the same --data-dir


class _NoFilesWarehouse(Warehouse):
    """The sync never creates, moves or deletes files: mirrored tables are external, and mirrored
    databases only get a nominal location under the service's warehouse root."""

    def mkdirs(self, uri: str) -> bool:
        return False

    def delete(self, uri: str) -> None:
        return None

    def quick_stats(self, uri: str):
        return None
