"""Provenance of the Hive 3 catalogs the Unity Catalog mirror creates (OURS, not Hive's).

Hive's `"CTLGS"` has no parameters, so the mirror's marker for a catalog lives here: a catalog
listed in `catalog.mirrored_catalogs` was created by `catalog sync unity` for one UC catalog of
one source; the sync only ever changes or drops catalogs listed here, and the service refuses
`alter_catalog` / `drop_catalog` on them from any other door.

Revision ID: 0005_mirrored_catalogs
Revises: 0004_rest_catalog
"""

from __future__ import annotations

from alembic import op

revision = "0005_mirrored_catalogs"
down_revision = "0004_rest_catalog"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
CREATE TABLE catalog.mirrored_catalogs (
    name           varchar(256)  PRIMARY KEY,
    source         varchar(1024) NOT NULL,
    uc_catalog     varchar(1024) NOT NULL,
    uc_id          varchar(256),
    created_at     timestamptz   NOT NULL DEFAULT now(),
    missing_since  timestamptz
)""")


def downgrade() -> None:
    op.execute("DROP TABLE catalog.mirrored_catalogs")
