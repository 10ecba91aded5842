"""The change events' queue (OURS, not Hive's): events wait here until the sequencer numbers them.

A write transaction inserts its events here, in its own transaction, under one `txn` key (one
value of `catalog.event_queue_txn` per transaction, taken as its last statement, so a transaction
that starts after another committed has a larger key); the sequencer (catalog/events/sequencer.py)
moves committed rows into "NOTIFICATION_LOG" with the next dense EVENT_IDs. Writers therefore
never take "NOTIFICATION_SEQUENCE". The columns have NOTIFICATION_LOG's types, so a row that
could be queued can always be moved. The sequence has CACHE 1: values follow the order in which
sessions take them (a per-session cache would not).

Revision ID: 0008_event_queue
Revises: 0007_import_progress
"""

from __future__ import annotations

from alembic import op

revision = "0008_event_queue"
down_revision = "0007_import_progress"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE SEQUENCE IF NOT EXISTS catalog.event_queue_txn AS bigint CACHE 1")
    # A queue: rows are deleted as fast as they come; vacuum it often so the sequencer's and the
    # readers' look at its head does not walk dead rows.
    op.execute("""
CREATE TABLE IF NOT EXISTS catalog.event_queue (
    txn             bigint        NOT NULL,
    pos             integer       NOT NULL,
    event_time      integer       NOT NULL,
    event_type      varchar(32)   NOT NULL,
    cat_name        varchar(256),
    db_name         varchar(128),
    tbl_name        varchar(256),
    message         text,
    message_format  varchar(16),
    PRIMARY KEY (txn, pos)
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000)""")


def downgrade() -> None:
    op.execute("DROP TABLE catalog.event_queue")
    op.execute("DROP SEQUENCE catalog.event_queue_txn")
