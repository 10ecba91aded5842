"""Every partition kept in Thrift's binary encoding (OURS, derived from Hive's tables).

`catalog.partition_wire` holds one row per partition: its Thrift `Partition` struct without the
fields naming its table (catalog/store/partition_wire.py). Statement-level triggers on every Hive
table the encoding derives from re-encode the partitions a statement touched, in that statement's
transaction, whoever runs it (this service or a Java metastore on the same database). The rows
are then encoded once, for the partitions already there.

The functions are created from the code's current encoding; a later change to the encoding needs
a revision that replaces them and runs the rebuild again.

Revision ID: 0006_partition_wire
Revises: 0005_mirrored_catalogs
"""

from __future__ import annotations

from alembic import op

from catalog.store import partition_wire

revision = "0006_partition_wire"
down_revision = "0005_mirrored_catalogs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE TABLE catalog.partition_wire (part_id bigint PRIMARY KEY, enc bytea NOT NULL) "
        "WITH (fillfactor = 90)"
    )
    for stmt in partition_wire.install_statements():
        op.execute(stmt)
    op.execute(partition_wire.REBUILD)


def downgrade() -> None:
    for stmt in partition_wire.uninstall_statements():
        op.execute(stmt)
    op.execute("DROP TABLE catalog.partition_wire")
