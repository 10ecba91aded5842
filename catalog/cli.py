"""The `catalog` command line: serve, db upgrade/current. Every option also reads a CATALOG_* variable."""

from __future__ import annotations

import logging
import sys

import click

from catalog.app import Runtime, Settings
from catalog.cli_database import database_url_for
from catalog.sync.cli import unity as sync_unity
from catalog.token_cli import token


def _setup_logging(level: str) -> None:
    logging.basicConfig(
        level=getattr(logging, level.upper(), logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    import warnings

    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


@click.group(context_settings={"auto_envvar_prefix": "CATALOG", "show_default": True})
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]))
@click.option(
    "--log-format",
    default="text",
    type=click.Choice(["text", "json"]),
    envvar="CATALOG_LOG_FORMAT",
    help="json: one JSON object a line, with request_id, caller, method (secrets are always redacted).",
)
def main(log_level: str, log_format: str = "text") -> None:
    """A Hive-metastore-compatible catalog service on PostgreSQL."""
    _setup_logging(log_level)
    from catalog.observability.logging import configure as _configure_logging

    _configure_logging(log_level, log_format)


@main.command()
@click.option(
    "--database-url",
    default=None,
    help="PostgreSQL URL; without it an embedded PostgreSQL runs in --data-dir.",
)
@click.option(
    "--data-dir", default=".catalog", help="Directory for the embedded PostgreSQL and the default warehouse."
)
@click.option("--host", default="127.0.0.1", help="Address to bind.")
@click.option("--thrift-port", default=9083, type=int)
@click.option(
    "--warehouse", default=None, help="Warehouse root URI (default: <data-dir>/warehouse as a file: URI)."
)
@click.option(
    "--framed/--unframed", default=False, help="Thrift framed transport (Hive's default is unframed)."
)
@click.option("--workers", default=256, type=int, help="Maximum concurrently served Thrift connections.")
@click.option(
    "--pool-size",
    default=None,
    type=int,
    help="PostgreSQL connections in each process' pool (+ as many overflow). Default: 16, or less so that "
    "all processes stay within the connections the server has free at start.",
)
@click.option(
    "--pool-timeout", default=10.0, type=float, help="Seconds a call waits for a pooled connection."
)
@click.option(
    "--statement-timeout-ms", default=60000, type=int, help="PostgreSQL statement timeout (0 = none)."
)
@click.option(
    "--idle-timeout", default=1800.0, type=float, help="Seconds before an idle Thrift connection is closed."
)
@click.option(
    "--max-partitions-per-request",
    default=-1,
    type=int,
    help="Hive's metastore.limit.partition.request (-1 = unlimited).",
)
@click.option("--migrate/--no-migrate", default=True, help="Upgrade the schema to head before serving.")
@click.option(
    "--processes",
    default=0,
    type=int,
    help="Worker processes sharing the Thrift port. 0: one per CPU available to the process "
    "(affinity and cgroup CPU quota); 1 with --thrift-port 0.",
)
@click.option(
    "--http-port",
    default=8080,
    type=int,
    envvar="CATALOG_HTTP_PORT",
    help="REST API port on --host (0 = any free port, -1 = no REST API).",
)
@click.option(
    "--authorization",
    default="off",
    type=click.Choice(["off", "enforce"]),
    envvar="CATALOG_AUTHORIZATION",
    help="Enforce Hive privileges on both doors (see docs/security.md).",
)
@click.option(
    "--admin-user",
    "admin_users",
    multiple=True,
    envvar="CATALOG_ADMIN_USERS",
    help="User put in the admin role at start (Hive's hive.users.in.admin.role); repeatable.",
)
@click.option(
    "--oidc-issuer", default=None, envvar="CATALOG_OIDC_ISSUER", help="Accept OIDC JWTs from this issuer."
)
@click.option("--oidc-audience", default=None, envvar="CATALOG_OIDC_AUDIENCE", help="Required JWT audience.")
@click.option(
    "--oidc-jwks-url",
    default=None,
    envvar="CATALOG_OIDC_JWKS_URL",
    help="The issuer's JWKS (default: <issuer>/.well-known/jwks.json).",
)
@click.option(
    "--oidc-principal-claim",
    default="sub",
    envvar="CATALOG_OIDC_PRINCIPAL_CLAIM",
    help="JWT claim naming the principal.",
)
@click.option(
    "--oidc-client-id",
    default=None,
    envvar="CATALOG_OIDC_CLIENT_ID",
    help="Client id of the explorer's OIDC sign-in (default: --oidc-audience, else hms-catalog).",
)
@click.option(
    "--oidc-client-secret",
    default=None,
    envvar="CATALOG_OIDC_CLIENT_SECRET",
    help="Client secret, for an issuer that treats the explorer as a confidential client.",
)
@click.option(
    "--metrics-port",
    default=None,
    type=int,
    envvar="CATALOG_METRICS_PORT",
    help="Also serve Prometheus /metrics on this port (the REST port always has /metrics).",
)
@click.option(
    "--slow-call-ms",
    default=1000.0,
    type=float,
    envvar="CATALOG_SLOW_CALL_MS",
    help="Log calls slower than this (logger catalog.slow; 0 = never).",
)
@click.option(
    "--access-log/--no-access-log",
    default=False,
    envvar="CATALOG_ACCESS_LOG",
    help="Log every call (logger catalog.access).",
)
@click.option(
    "--shutdown-timeout",
    default=30.0,
    type=float,
    envvar="CATALOG_SHUTDOWN_TIMEOUT",
    help="On SIGTERM/SIGINT, seconds in-flight calls get to finish before their connections are closed.",
)
@click.option(
    "--lock-timeout",
    default=300.0,
    type=float,
    envvar="CATALOG_LOCK_TIMEOUT",
    help="Seconds after which a lock that is not heartbeated expires (Hive's hive.txn.timeout).",
)
@click.option(
    "--grpc-port",
    default=9084,
    type=int,
    envvar="CATALOG_GRPC_PORT",
    help="gRPC port (Hive's GrpcHiveMetastore, bearer tokens) on --host (0 = any free port, -1 = no gRPC).",
)
@click.option("--grpc-workers", default=32, type=int, help="Threads serving gRPC calls.")
@click.option(
    "--grpc-max-message-mb", default=100, type=int, help="Largest gRPC request or response, in MiB."
)
@click.option(
    "--grpc-tls-cert",
    default=None,
    envvar="CATALOG_GRPC_TLS_CERT",
    help="PEM certificate (chain) file: serve gRPC over TLS (with --grpc-tls-key).",
)
@click.option(
    "--grpc-tls-key", default=None, envvar="CATALOG_GRPC_TLS_KEY", help="PEM private key of --grpc-tls-cert."
)
@click.option(
    "--events/--no-events",
    default=True,
    envvar="CATALOG_EVENTS",
    help="Write Hive's notification log (one event per change, for get_next_notification and the change "
    "feed); Hive's hive.metastore.transactional.event.listeners=DbNotificationListener.",
)
@click.option(
    "--event-ttl",
    default=86400.0,
    type=float,
    envvar="CATALOG_EVENT_TTL",
    help="Seconds events are kept (Hive's hive.metastore.event.db.listener.timetolive; 0 = forever).",
)
def serve(**kw) -> None:
    """Serve the Hive Metastore Thrift API (and the REST API and gRPC door)."""
    if kw["processes"] <= 0:
        from catalog.capacity import available_cpus

        # Worker processes share a fixed port (SO_REUSEPORT); an ephemeral port means one process.
        kw["processes"] = available_cpus() if kw["thrift_port"] else 1
    rt = Runtime(Settings(**kw))
    rt.install_signal_handlers()
    try:
        rt.start()
    except Exception as e:
        rt.stop()
        from catalog.observability.logging import redact

        raise click.ClickException(redact(str(e))) from e
    click.echo(
        f"catalog: thrift://{rt.settings.host}:{rt.thrift_port} (warehouse {rt.settings.warehouse_root()})",
        err=True,
    )
    if rt.http:
        click.echo(f"catalog: REST API {rt.http.url}/api/v1 (docs {rt.http.url}/docs)", err=True)
        click.echo(f"catalog: explorer {rt.http.url}/", err=True)
    if rt.grpc:
        scheme = "grpcs" if rt.grpc.tls else "grpc"
        click.echo(
            f"catalog: gRPC {scheme}://{rt.settings.host}:{rt.grpc.port} (GrpcHiveMetastore)", err=True
        )
    rt.serve_forever()
    if getattr(rt.thrift, "stuck_calls", 0):  # calls past --shutdown-timeout: exit without waiting for them
        import os as _os

        logging.shutdown()
        _os._exit(0)


@main.group()
def db() -> None:
    """Database schema commands (Alembic)."""


@db.command("upgrade")
@click.option("--database-url", default=None)
@click.option("--data-dir", default=".catalog")
@click.option("--revision", default="head")
def db_upgrade(database_url: str | None, data_dir: str, revision: str) -> None:
    """Upgrade the schema (safe to run from several replicas at once)."""
    from catalog.store import migrate

    with database_url_for(database_url, data_dir) as url:
        migrate.upgrade(url, revision)
        click.echo(f"schema at {migrate.current(url)}")


@db.command("downgrade")
@click.option("--database-url", default=None)
@click.option("--data-dir", default=".catalog")
@click.option(
    "--revision", required=True, help="Revision to go back to (see `catalog db current`), or 'base'."
)
@click.option("--yes", is_flag=True, help="Confirm: a downgrade drops what later revisions added.")
def db_downgrade(database_url: str | None, data_dir: str, revision: str, yes: bool) -> None:
    """Roll the schema back to REVISION (stop every replica of the newer version first)."""
    from catalog.store import migrate

    if not yes:
        raise click.UsageError("a downgrade drops the objects later revisions created; pass --yes to confirm")
    with database_url_for(database_url, data_dir) as url:
        migrate.downgrade(url, revision)
        click.echo(f"schema at {migrate.current(url)}")


@db.command("current")
@click.option("--database-url", default=None)
@click.option("--data-dir", default=".catalog")
def db_current(database_url: str | None, data_dir: str) -> None:
    """Print the schema revision of the database (and the code's head)."""
    from catalog.store import migrate

    with database_url_for(database_url, data_dir) as url:
        click.echo(f"current: {migrate.current(url) or '(none)'}\nhead:    {migrate.head()}")


@db.command("adopt")
@click.option(
    "--database-url", required=True, help="PostgreSQL database holding a Hive metastore (1.2 .. 3.1)."
)
@click.option("--dry-run", is_flag=True, help="Print what was found and the plan; change nothing.")
@click.option("--yes", is_flag=True, help="Apply the plan (one transaction).")
def db_adopt(database_url: str, dry_run: bool, yes: bool) -> None:
    """Take over a Hive metastore database in place: upgrade it to Hive 3.1.0's schema and add ours."""
    from catalog.adopt.run import AdoptError, adopt, render

    apply = yes and not dry_run
    try:
        out = adopt(database_url, apply=apply)
    except AdoptError as e:
        raise click.ClickException(f"cannot adopt this database: {e}") from e
    click.echo(render(out, apply))
    if not apply and not dry_run and out.plan is not None:
        click.echo("(nothing changed: pass --yes to apply, or --dry-run to only print the plan)")


@main.command("import")
@click.option(
    "--from",
    "source",
    required=True,
    help="The Hive metastore database to copy (mysql://, mariadb://, postgresql://, derby:, sqlserver://).",
)
@click.option(
    "--database-url", default=None, help="Our PostgreSQL database (default: the embedded one in --data-dir)."
)
@click.option("--data-dir", default=".catalog")
@click.option("--batch-size", default=5000, type=int, help="Rows per batch (memory is bounded by one batch).")
def import_(source: str, database_url: str | None, data_dir: str, batch_size: int) -> None:
    """Copy a Hive metastore (schema 1.2 .. 3.1) into this catalog; safe to re-run after an interruption."""
    from catalog.importer.run import ImportFailed, SourceError, import_metastore

    bar: list = []

    def on_total(n: int) -> None:
        bar.append(click.progressbar(length=n, label="importing rows", file=sys.stderr, show_pos=True))
        bar[0].__enter__()

    try:
        with database_url_for(database_url, data_dir) as url:
            summary = import_metastore(
                source, url, batch_size, on_total, lambda n: bar[0].update(n) if bar else None
            )
    except (ImportFailed, SourceError) as e:
        raise click.ClickException(str(e)) from e
    finally:
        if bar:
            bar[0].__exit__(None, None, None)
    click.echo(f"imported from {summary.source} (Hive schema {summary.version or 'unrecorded'})")
    for kind, (theirs, ours) in summary.kinds.items():
        click.echo(
            f"  {kind:<28} {theirs:>10,} in the source {ours:>10,} here" + ("" if theirs == ours else "  <-")
        )
    click.echo(
        f"  rows written by this run: {sum(t.copied for t in summary.tables):,} in {len(summary.tables)} tables"
    )
    if summary.skipped:
        click.echo(
            "  not copied (transaction and lock state, id counters merged): " + ", ".join(summary.skipped)
        )
    if summary.mismatches:
        raise click.ClickException("counts differ from the source: " + "; ".join(summary.mismatches))
    click.echo("every count matches the source")


@main.group()
def sync() -> None:
    """Mirror another catalog into this one (`catalog sync unity`)."""


sync.add_command(sync_unity)
main.add_command(token)


def _flat_envvars(cmd: click.Command) -> None:
    """Every option reads CATALOG_<OPTION> (as the README says) in every subcommand: click's own
    auto_envvar_prefix would nest it (CATALOG_DB_CURRENT_DATABASE_URL)."""
    for p in cmd.params:
        if isinstance(p, click.Option) and not p.envvar and p.name:
            p.envvar = f"CATALOG_{p.name.upper()}"
    for sub in getattr(cmd, "commands", {}).values():
        _flat_envvars(sub)


_flat_envvars(main)

if __name__ == "__main__":  # pragma: no cover
    main()
