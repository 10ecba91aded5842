"""A realistic Hive catalog, written through Thrift into any metastore (the Java one first), and a
snapshot of everything a metastore answers about it, to compare two metastores field by field.

What it holds: several databases (one with an odd name, parameters, an owner role), managed and
external tables, a partitioned table with many partitions whose values need escaping, a two-key
partitioned table, views, a bucketed and sorted table, a skewed (list-bucketed) table, column
statistics for tables and partitions, functions with resources, roles granted to users and roles,
and privileges on the global, database, table, partition and column levels.
"""

from __future__ import annotations

from collections.abc import Callable

from catalog.thrift_gen.hive_metastore import ttypes as tt
from tests import factories as f

ODD_VALUES = ["a/b", "x=y", "100%", "é ü ß", "sp ace", "q'uote", "tab\there", "#hash", "c:d", "[x]", "^"]
USER, ROLE = tt.PrincipalType.USER, tt.PrincipalType.ROLE
FIRST = "2024-01-01"  # the first partition of sales.orders


def _stats_obj(col: str, kind: str, i: int) -> tt.ColumnStatisticsObj:
    if kind == "bigint":
        data = tt.ColumnStatisticsData(
            longStats=tt.LongColumnStatsData(lowValue=i, highValue=i * 10 + 5, numNulls=i, numDVs=i + 3)
        )
    elif kind == "double":
        data = tt.ColumnStatisticsData(
            doubleStats=tt.DoubleColumnStatsData(lowValue=0.5, highValue=i + 0.25, numNulls=1, numDVs=7)
        )
    else:
        data = tt.ColumnStatisticsData(
            stringStats=tt.StringColumnStatsData(maxColLen=40 + i, avgColLen=12.5, numNulls=2, numDVs=9)
        )
    return tt.ColumnStatisticsObj(colName=col, colType=kind, statsData=data)


def fill(
    c, warehouse: str, partitions: int = 600, tables: int = 60, progress: Callable | None = None
) -> None:
    """Write the catalog through the Thrift client `c` (a Hive 2.3-compatible call set)."""
    say = progress or (lambda msg: None)
    for name, params in (
        ("sales", {"team": "revenue", "created-by": "adopt test"}),
        ("odd_db_2024", {}),
        ("_underscore", {"k": "v é"}),
        ("empty_db", {}),
    ):
        d = f.database(name, location=f"{warehouse}/{name}.db", params=params, description=f"{name} data")
        c.create_database(d)
    say("databases")
    # many plain tables, managed and external, with parameters and comments
    for i in range(tables):
        db = ("sales", "odd_db_2024", "_underscore")[i % 3]
        t = f.table(
            db,
            f"t_{i:03d}",
            cols=(("id", "bigint"), ("amount", "double"), ("note", "string"), ("odd col é", "string")),
            location=f"{warehouse}/{db}.db/t_{i:03d}",
            table_type="EXTERNAL_TABLE" if i % 4 == 0 else "MANAGED_TABLE",
            params={"comment": f"table {i}", "numRows": str(i * 100), "EXTERNAL": "TRUE"}
            if i % 4 == 0
            else {"comment": f"table {i}", "numRows": str(i * 100)},
        )
        t.sd.cols[2].comment = "a note — ünïcode"
        t.owner = ("alice", "bob")[i % 2]
        c.create_table(t)
    say("tables")
    # a bucketed, sorted, text-serde table
    t = f.table(
        "sales", "bucketed", cols=(("id", "int"), ("name", "string")), location=f"{warehouse}/sales.db/b"
    )
    t.sd.bucketCols, t.sd.numBuckets = ["id"], 8
    t.sd.sortCols = [tt.Order(col="id", order=1), tt.Order(col="name", order=0)]
    t.sd.inputFormat = "org.apache.hadoop.mapred.TextInputFormat"
    t.sd.outputFormat = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"
    t.sd.serdeInfo = tt.SerDeInfo(
        name="lazy",
        serializationLib="org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
        parameters={"field.delim": ",", "serialization.format": ",", "colelction.delim": "|"},
    )
    t.sd.parameters = {"sd.param": "x"}
    c.create_table(t)
    # a skewed (list-bucketed) table
    t = f.table(
        "sales", "skewed", cols=(("id", "int"), ("name", "string")), location=f"{warehouse}/sales.db/sk"
    )
    t.sd.skewedInfo = tt.SkewedInfo(
        skewedColNames=["id", "name"],
        skewedColValues=[["1", "a"], ["2", "b"]],
        skewedColValueLocationMaps={("1", "a"): f"{warehouse}/sales.db/sk/id=1/name=a"},
    )
    t.sd.storedAsSubDirectories = True
    c.create_table(t)
    # views
    for i, text in enumerate(("SELECT id FROM sales.t_000", "SELECT * FROM sales.t_003 WHERE amount > 1")):
        v = f.table("sales", f"v_{i}", cols=(("id", "bigint"),), table_type="VIRTUAL_VIEW")
        v.sd.location = None
        v.viewOriginalText = text
        v.viewExpandedText = text.replace("sales.", "`sales`.")
        c.create_table(v)
    say("views")
    # partitioned tables: many partitions with values that need escaping, and a two-key table
    pt = f.table(
        "sales",
        "orders",
        cols=(("id", "bigint"), ("amount", "double"), ("note", "string")),
        part_keys=[("ds", "string")],
        location=f"{warehouse}/sales.db/orders",
    )
    c.create_table(pt)
    pt = c.get_table("sales", "orders")
    values = [f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}" for i in range(partitions - len(ODD_VALUES))]
    assert values[0] == FIRST
    values += ODD_VALUES
    for start in range(0, len(values), 200):
        batch = []
        for v in values[start : start + 200]:
            p = f.partition(pt, [v])
            p.parameters = {"numRows": str(len(v)), "totalSize": "1024"}
            p.createTime = 1_700_000_000
            batch.append(p)
        c.add_partitions(batch)
    say("partitions")
    t2 = f.table(
        "odd_db_2024",
        "events",
        cols=(("payload", "string"),),
        part_keys=[("year", "int"), ("region", "string")],
        location=f"{warehouse}/odd_db_2024.db/events",
    )
    c.create_table(t2)
    t2 = c.get_table("odd_db_2024", "events")
    c.add_partitions(
        [f.partition(t2, [str(y), r]) for y in (2022, 2023, 2024) for r in ("eu", "us/east", "ap")]
    )
    # statistics: table level on the partitioned table's columns, partition level on a few partitions
    desc = tt.ColumnStatisticsDesc(isTblLevel=True, dbName="sales", tableName="orders")
    c.update_table_column_statistics(
        tt.ColumnStatistics(
            statsDesc=desc,
            statsObj=[
                _stats_obj("id", "bigint", 1),
                _stats_obj("amount", "double", 2),
                _stats_obj("note", "string", 3),
            ],
        )
    )
    for i, v in enumerate(values[:5] + ODD_VALUES[:3]):
        pname = "ds=" + _escape(v)
        pd = tt.ColumnStatisticsDesc(isTblLevel=False, dbName="sales", tableName="orders", partName=pname)
        c.update_partition_column_statistics(
            tt.ColumnStatistics(statsDesc=pd, statsObj=[_stats_obj("id", "bigint", i + 1)])
        )
    say("statistics")
    # functions
    for i, db in enumerate(("sales", "sales", "odd_db_2024")):
        c.create_function(
            tt.Function(
                functionName=f"fn_{i}",
                dbName=db,
                className=f"com.example.Fn{i}",
                ownerName="alice",
                ownerType=USER,
                createTime=1_700_000_000 + i,
                functionType=tt.FunctionType.JAVA,
                resourceUris=[
                    tt.ResourceUri(tt.ResourceType.JAR, f"hdfs:///lib/fn{i}.jar"),
                    tt.ResourceUri(tt.ResourceType.FILE, f"s3a://b/fn{i}.txt"),
                ],
            )
        )
    # roles, role grants and privileges
    for r in ("analysts", "engineers", "odd role"):
        c.create_role(tt.Role(roleName=r, ownerName="admin"))
    c.grant_role("analysts", "alice", USER, "admin", USER, False)
    c.grant_role("engineers", "bob", USER, "admin", USER, True)
    c.grant_role("analysts", "engineers", ROLE, "admin", USER, False)

    def priv(
        obj: tt.HiveObjectRef, who: str, kind: int, p: str, grant: bool = False
    ) -> tt.HiveObjectPrivilege:
        return tt.HiveObjectPrivilege(
            hiveObject=obj,
            principalName=who,
            principalType=kind,
            grantInfo=tt.PrivilegeGrantInfo(
                privilege=p, createTime=1_700_000_000, grantor="admin", grantorType=USER, grantOption=grant
            ),
        )

    glob = tt.HiveObjectRef(objectType=tt.HiveObjectType.GLOBAL)
    dbo = tt.HiveObjectRef(objectType=tt.HiveObjectType.DATABASE, dbName="sales")
    tbo = tt.HiveObjectRef(objectType=tt.HiveObjectType.TABLE, dbName="sales", objectName="t_000")
    pao = tt.HiveObjectRef(
        objectType=tt.HiveObjectType.PARTITION, dbName="sales", objectName="orders", partValues=[values[0]]
    )
    coo = tt.HiveObjectRef(
        objectType=tt.HiveObjectType.COLUMN, dbName="sales", objectName="t_003", columnName="amount"
    )
    c.grant_privileges(
        tt.PrivilegeBag(
            privileges=[
                priv(glob, "admin", USER, "ALL", True),
                priv(dbo, "analysts", ROLE, "SELECT"),
                priv(tbo, "alice", USER, "SELECT", True),
                priv(tbo, "engineers", ROLE, "INSERT"),
                priv(pao, "bob", USER, "SELECT"),
                priv(coo, "alice", USER, "SELECT"),
            ]
        )
    )
    say("functions, roles, grants")


def _escape(v: str) -> str:
    out = []
    for ch in v:
        if ord(ch) < 128 and (ord(ch) < 0x20 or ch in "\"#%'*/:=?\\\x7f{[]^"):
            out.append(f"%{ord(ch):02X}")
        else:
            out.append(ch)
    return "".join(out)


# Fields Hive 2.3's IDL does not have: a 2.3 metastore never sends them, a 3.1 one may.
NOT_IN_HIVE_2_3 = {
    ("Database", "catalogName"),
    ("Table", "catName"),
    ("Table", "ownerType"),
    ("Table", "creationMetadata"),
    ("Partition", "catName"),
    ("Function", "catName"),
    ("ColumnStatisticsDesc", "catName"),
    ("HiveObjectRef", "catName"),
    ("HiveObjectPrivilege", "authorizer"),
    ("SerDeInfo", "description"),
    ("SerDeInfo", "serializerClass"),
    ("SerDeInfo", "deserializerClass"),
    ("SerDeInfo", "serdeType"),
}


def strip(obj):
    """A Thrift reply as plain data, without the fields Hive 2.3 does not know (recursively)."""
    if isinstance(obj, list):
        return [strip(x) for x in obj]
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items()}
    if hasattr(obj, "thrift_spec"):
        kind = type(obj).__name__
        return {
            kind: {
                spec[2]: strip(getattr(obj, spec[2]))
                for spec in obj.thrift_spec
                if spec is not None and (kind, spec[2]) not in NOT_IN_HIVE_2_3
            }
        }
    return obj


def snapshot(c) -> dict:
    """Everything the metastore behind `c` answers about the catalog, as plain data."""
    snap: dict = {}
    dbs = sorted(c.get_all_databases())
    snap["databases"] = dbs
    for d in dbs:
        snap[f"db {d}"] = strip(c.get_database(d))
        tables = sorted(c.get_all_tables(d))
        snap[f"tables {d}"] = tables
        snap[f"functions {d}"] = sorted(c.get_functions(d, "*"))
        for fn in snap[f"functions {d}"]:
            snap[f"function {d}.{fn}"] = strip(c.get_function(d, fn))
        for t in tables:
            tb = c.get_table(d, t)
            snap[f"table {d}.{t}"] = strip(tb)
            if tb.partitionKeys:
                names = c.get_partition_names(d, t, -1)
                snap[f"partition names {d}.{t}"] = names
                snap[f"partitions {d}.{t}"] = strip(c.get_partitions(d, t, -1))
                cols = [x.name for x in tb.sd.cols]
                req = tt.PartitionsStatsRequest(dbName=d, tblName=t, colNames=cols, partNames=names)
                stats = c.get_partitions_statistics_req(req).partStats
                snap[f"partition stats {d}.{t}"] = {
                    k: strip(sorted(v, key=lambda o: o.colName)) for k, v in stats.items()
                }
            cols = [x.name for x in tb.sd.cols]
            ts = c.get_table_statistics_req(
                tt.TableStatsRequest(dbName=d, tblName=t, colNames=cols)
            ).tableStats
            snap[f"table stats {d}.{t}"] = strip(sorted(ts, key=lambda o: o.colName))
    snap["roles"] = sorted(c.get_role_names())
    for who, kind in (
        ("alice", USER),
        ("bob", USER),
        ("engineers", ROLE),
        ("admin", USER),
        ("analysts", ROLE),
    ):
        snap[f"roles of {who}"] = sorted((r.roleName, r.ownerName) for r in c.list_roles(who, kind))
        privs = c.list_privileges(who, kind, tt.HiveObjectRef(objectType=tt.HiveObjectType.GLOBAL))
        snap[f"global privileges of {who}"] = strip(privs)
        for obj in (
            tt.HiveObjectRef(objectType=tt.HiveObjectType.DATABASE, dbName="sales"),
            tt.HiveObjectRef(objectType=tt.HiveObjectType.TABLE, dbName="sales", objectName="t_000"),
            tt.HiveObjectRef(
                objectType=tt.HiveObjectType.PARTITION,
                dbName="sales",
                objectName="orders",
                partValues=[FIRST],
            ),
            tt.HiveObjectRef(
                objectType=tt.HiveObjectType.COLUMN, dbName="sales", objectName="t_003", columnName="amount"
            ),
        ):
            if obj.objectName and obj.objectName not in snap.get(f"tables {obj.dbName}", []):
                continue  # (a smaller catalog, as in the Derby test)
            snap[f"privileges of {who} on {obj.objectType}"] = strip(
                sorted(c.list_privileges(who, kind, obj), key=lambda p: p.grantInfo.privilege)
            )
    return snap
