"""`catalog import --from postgresql://…`: the Java metastore's Hive 2.3 database on PostgreSQL copied
into another database (the original left as it was); every object reads back as the Java metastore
answered."""

from __future__ import annotations

from catalog.importer.run import import_metastore
from tests.adopt import hive_catalog
from tests.adopt.test_adopt import _diff, _renamed_serde_key, _schema
from tests.conftest import start_service, thrift_client


def test_import_from_postgresql(hive23_database, database_url, tmp_path):
    _, source = hive23_database.copy()
    before = _schema(source)
    summary = import_metastore(source, database_url)
    assert summary.mismatches == [] and summary.kinds["partitions"] == (609, 609)
    assert _schema(source) == before  # only read
    rt = start_service(database_url, tmp_path / "wh")
    try:
        with thrift_client(rt.thrift.port) as c:
            c.set_ugi("admin", ["admins"])
            ours = hive_catalog.snapshot(c)
    finally:
        rt.stop()
    assert _diff(_renamed_serde_key(hive23_database.snapshot), ours) == []
