"""The service's own tables, in the `catalog` schema (never in Hive's `public`).

- catalog.api_tokens: REST bearer tokens; only a SHA-256 hash of each token is stored.
- catalog.audit_log: one record per change through any door (thrift, rest, sync), written in the
  same transaction as the change; failures are recorded too.
- catalog.sync_runs / catalog.sync_events: what each Unity Catalog mirror run saw and did.

Revision ID: 0003_catalog_service_tables
Revises: 0002_catalog_indexes
"""

from __future__ import annotations

from alembic import op

revision = "0003_catalog_service_tables"
down_revision = "0002_catalog_indexes"
branch_labels = None
depends_on = None

UPGRADE = """
CREATE SCHEMA IF NOT EXISTS catalog;

CREATE TABLE catalog.api_tokens (
    id           bigserial    PRIMARY KEY,
    principal    varchar(256) NOT NULL,
    token_hash   char(64)     NOT NULL UNIQUE,
    is_admin     boolean      NOT NULL DEFAULT false,
    description  varchar(1000),
    created_at   timestamptz  NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_tokens_principal ON catalog.api_tokens (principal);

CREATE TABLE catalog.audit_log (
    id          bigserial    PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    principal   varchar(256),
    door        varchar(16)  NOT NULL,
    action      varchar(128) NOT NULL,
    object_type varchar(32),
    object_name varchar(1024),
    outcome     varchar(16)  NOT NULL,
    detail      jsonb
);
CREATE INDEX audit_log_at ON catalog.audit_log (at);
CREATE INDEX audit_log_principal_at ON catalog.audit_log (principal, at);
CREATE INDEX audit_log_object_at ON catalog.audit_log (object_name, at);
CREATE INDEX audit_log_action_at ON catalog.audit_log (action, at);

CREATE TABLE catalog.sync_runs (
    id          bigserial    PRIMARY KEY,
    source      varchar(1024) NOT NULL,
    started_at  timestamptz  NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status      varchar(16)  NOT NULL,
    dry_run     boolean      NOT NULL DEFAULT false,
    counts      jsonb        NOT NULL DEFAULT '{}'::jsonb,
    error       text
);
CREATE INDEX sync_runs_started_at ON catalog.sync_runs (started_at);

CREATE TABLE catalog.sync_events (
    id          bigserial    PRIMARY KEY,
    run_id      bigint       NOT NULL REFERENCES catalog.sync_runs (id) ON DELETE CASCADE,
    at          timestamptz  NOT NULL DEFAULT now(),
    object_type varchar(32)  NOT NULL,
    source_id   varchar(256),
    object_name varchar(1024) NOT NULL,
    action      varchar(32)  NOT NULL,
    reason      text
);
CREATE INDEX sync_events_run ON catalog.sync_events (run_id);
"""

DOWNGRADE = """
DROP TABLE IF EXISTS catalog.sync_events;
DROP TABLE IF EXISTS catalog.sync_runs;
DROP TABLE IF EXISTS catalog.audit_log;
DROP TABLE IF EXISTS catalog.api_tokens;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
