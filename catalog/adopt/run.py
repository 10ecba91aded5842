"""Adopt a Hive metastore database in place: recognise it, upgrade it to Hive 3.1.0's schema, add ours.

Everything happens in one PostgreSQL transaction (DDL is transactional there): the inspection, the
reference schema built to compare with, Hive's data changes, the structure, the `VERSION` row, and
our Alembic revisions (0001 stamped, since Hive's schema is there now; the later ones run). A failure
anywhere leaves the database exactly as it was. The transaction holds the migration lock, so no
`catalog serve` or `catalog db upgrade` runs beside it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import Connection, create_engine, pool, text

from catalog.adopt.detect import TARGET, Finding, inspect
from catalog.adopt.introspect import describe
from catalog.adopt.plan import Plan, build_reference, make_plan
from catalog.db import normalize_url
from catalog.store import migrate

log = logging.getLogger(__name__)

HIVE_REVISION = "0001_hive_3_1_0_schema"


class AdoptError(RuntimeError):
    """The database cannot be adopted (the message says why); nothing was changed."""


@dataclass
class Outcome:
    finding: Finding
    plan: Plan | None = None
    applied: bool = False
    skipped: list[str] = field(default_factory=list)  # steps whose condition was false at run time
    revision: str | None = None
    remaining: list[str] = field(default_factory=list)  # differences from 3.1.0 still there afterwards


def adopt(database_url: str, apply: bool) -> Outcome:
    """Inspect the database and plan the upgrade; with `apply`, run it and commit."""
    engine = create_engine(normalize_url(database_url), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            with conn.begin() as tx:
                out = _adopt(conn, apply)
                if not out.applied:
                    tx.rollback()  # a dry run leaves nothing behind, not even the reference schema
                return out
    finally:
        engine.dispose()


def _adopt(conn: Connection, apply: bool) -> Outcome:
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": migrate.MIGRATION_LOCK_KEY})
    conn.execute(text("SELECT set_config('search_path', 'public, pg_catalog', true)"))
    conn.execute(text("SELECT set_config('statement_timeout', '0', true)"))
    have = describe(conn, "public")
    finding = inspect(conn, have)
    out = Outcome(finding)
    if not finding.adoptable:
        raise AdoptError(finding.refusal or "not adoptable")
    if finding.already_ours:
        out.revision = finding.already_ours
        return out
    ref = build_reference(conn)
    assert finding.version is not None
    out.plan = make_plan(finding.version, have, ref)
    if not apply:
        return out
    for step in out.plan.steps:
        if step.only_if is not None and not conn.execute(text(step.only_if)).scalar():
            out.skipped.append(step.what)
            continue
        log.info("adopt: %s", step.what)
        try:
            conn.execute(text(step.sql))
        except Exception as e:
            raise AdoptError(f"step failed, nothing was changed: {step.what}: {e}") from e
    after = describe(conn, "public")
    missing = [f"table {t}" for t in sorted(ref.tables - after.tables)]
    missing += [
        f"column {t}.{c}"
        for t in sorted(ref.tables & after.tables)
        for c in ref.columns[t]
        if c not in after.columns[t]
    ]
    if missing:
        raise AdoptError(
            "after the upgrade the schema still lacks " + ", ".join(missing) + "; nothing was changed"
        )
    conn.execute(text('CREATE SCHEMA IF NOT EXISTS "catalog"'))
    migrate.stamp_and_upgrade(conn, HIVE_REVISION)
    out.revision = conn.execute(text("SELECT version_num FROM catalog.alembic_version")).scalar()
    out.applied = True
    return out


def render(out: Outcome, apply: bool) -> str:
    """The report `catalog db adopt` prints."""
    f = out.finding
    lines = [f"Hive metastore schema {f.version} ({f.version_source})"]
    if f.version_comment:
        lines[0] += f": {f.version_comment}"
    for kind, n in f.counts.items():
        lines.append(f"  {kind:<28} {n:>10,}")
    for note in f.notes:
        lines.append(f"  note: {note}")
    if f.already_ours:
        lines.append(f"already managed by hms-catalog (revision {f.already_ours}); use `catalog db upgrade`")
        return "\n".join(lines)
    plan = out.plan
    if plan is None:
        return "\n".join(lines)
    lines.append(f"plan to reach Hive {TARGET} ({len(plan.steps)} steps, one transaction):")
    lines += [f"  - {s.what}" + (" (if needed)" if s.only_if else "") for s in plan.steps]
    lines.append(
        "  - stamp hms-catalog's migration 0001 (Hive's schema) and run the later ones (schema catalog)"
    )
    for note in plan.notes:
        lines.append(f"  kept: {note}")
    if out.applied:
        lines.append(f"adopted: schema {TARGET}, hms-catalog revision {out.revision}")
    elif not apply:
        lines.append("dry run: nothing was changed (pass --yes to apply)")
    return "\n".join(lines)
