"""Progress of `catalog import` (OURS, not Hive's).

One row per source and Hive table copied: rows copied so far and the last key, written in the
same transaction as each batch, so an interrupted import resumes where it stopped and a re-run of
a finished one writes nothing.

Revision ID: 0007_import_progress
Revises: 0006_partition_wire
"""

from __future__ import annotations

from alembic import op

revision = "0007_import_progress"
down_revision = "0006_partition_wire"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # IF NOT EXISTS: imports made before this revision created the table themselves.
    op.execute("""
CREATE TABLE IF NOT EXISTS catalog.import_progress (
    source       text    NOT NULL,
    tbl          text    NOT NULL,
    rows_copied  bigint  NOT NULL DEFAULT 0,
    last_key     text,
    done         boolean NOT NULL DEFAULT false,
    PRIMARY KEY (source, tbl)
)""")


def downgrade() -> None:
    op.execute("DROP TABLE catalog.import_progress")
