"""`catalog token create|list|revoke`: REST API bearer tokens. A token is printed once, at creation;
only its SHA-256 digest is stored."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

import click


@contextlib.contextmanager
def _tokens(database_url: str | None, data_dir: str) -> Iterator:
    from catalog.auth.tokens import TokenManager
    from catalog.cli_database import database_url_for
    from catalog.db import Database, make_engine
    from catalog.store import migrate

    with database_url_for(database_url, data_dir) as url:
        if migrate.current(url) != migrate.head():
            migrate.upgrade(url)
        engine = make_engine(url, pool_size=1, max_overflow=1)
        try:
            yield TokenManager(Database(engine))
        finally:
            engine.dispose()


def _db_options(f):
    f = click.option("--data-dir", default=".catalog", envvar="CATALOG_DATA_DIR")(f)
    return click.option("--database-url", default=None, envvar="CATALOG_DATABASE_URL")(f)


@click.group()
def token() -> None:
    """REST API bearer tokens."""


@token.command("create")
@click.option("--principal", required=True, help="Who the token acts as.")
@click.option("--admin", is_flag=True, help="An admin token: may do anything.")
@click.option("--description", default=None)
@click.option("--expires-in-days", type=float, default=None)
@_db_options
def create(principal, admin, description, expires_in_days, database_url, data_dir) -> None:
    """Create a token and print it (once: it is not stored)."""
    from catalog.errors import CatalogError

    with _tokens(database_url, data_dir) as tm:
        try:
            secret, rec = tm.create(
                principal, is_admin=admin, description=description, expires_in_days=expires_in_days
            )
        except CatalogError as e:
            raise click.ClickException(e.message) from None
    click.echo(secret)
    expires = rec.expires_at.isoformat() if rec.expires_at else "never"
    click.echo(
        f"token {rec.id} for {rec.principal}{' (admin)' if rec.is_admin else ''}, expires {expires}; "
        "it is shown only now",
        err=True,
    )


@token.command("list")
@click.option("--principal", default=None)
@_db_options
def list_(principal, database_url, data_dir) -> None:
    """List tokens (never the tokens themselves)."""
    with _tokens(database_url, data_dir) as tm:
        recs = tm.list(principal)
    click.echo("id\tprincipal\tadmin\tstatus\tcreated\texpires\tlast_used\tdescription")
    for r in recs:
        status = "revoked" if r.revoked_at else ("active" if r.active else "expired")
        click.echo(
            "\t".join(
                str(x)
                for x in (
                    r.id,
                    r.principal,
                    "yes" if r.is_admin else "no",
                    status,
                    r.created_at.isoformat(timespec="seconds"),
                    r.expires_at.isoformat(timespec="seconds") if r.expires_at else "-",
                    r.last_used_at.isoformat(timespec="seconds") if r.last_used_at else "-",
                    r.description or "",
                )
            )
        )


@token.command("revoke")
@click.argument("token_id", required=False, type=int)
@click.option("--token", "secret", default=None, help="The token itself (read from stdin when '-').")
@_db_options
def revoke(token_id, secret, database_url, data_dir) -> None:
    """Revoke a token by its id, or by the token itself."""
    from catalog.errors import CatalogError

    if (token_id is None) == (secret is None):
        raise click.UsageError("give a token id or --token, not both")
    if secret == "-":
        secret = sys.stdin.readline().strip()
    with _tokens(database_url, data_dir) as tm:
        try:
            rid = tm.revoke(token_id=token_id, token=secret)
        except CatalogError as e:
            raise click.ClickException(e.message) from None
    click.echo(f"revoked token {rid}")
