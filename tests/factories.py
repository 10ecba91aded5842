"""Thrift objects shaped like the ones stock Spark sends (see shared/reference/spark-hms-samples.md)."""

from __future__ import annotations

from catalog.thrift_gen.hive_metastore import ttypes as tt

PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
PARQUET_IN = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat"
PARQUET_OUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat"


def sd(cols=(("id", "int"), ("name", "string")), location=None, serde_params=None) -> tt.StorageDescriptor:
    return tt.StorageDescriptor(
        cols=[tt.FieldSchema(name=n, type=t, comment=None) for n, t in cols],
        location=location,
        inputFormat=PARQUET_IN,
        outputFormat=PARQUET_OUT,
        compressed=False,
        numBuckets=-1,
        serdeInfo=tt.SerDeInfo(
            name=None,
            serializationLib=PARQUET_SERDE,
            parameters=dict(serde_params or {"serialization.format": "1"}),
        ),
        bucketCols=[],
        sortCols=[],
        parameters={},
        skewedInfo=tt.SkewedInfo(skewedColNames=[], skewedColValues=[], skewedColValueLocationMaps={}),
        storedAsSubDirectories=False,
    )


def table(
    db: str,
    name: str,
    cols=(("id", "int"), ("name", "string")),
    part_keys=(),
    location=None,
    table_type="MANAGED_TABLE",
    params=None,
) -> tt.Table:
    return tt.Table(
        tableName=name,
        dbName=db,
        owner="tester",
        createTime=0,
        lastAccessTime=0,
        retention=0,
        sd=sd(cols, location),
        partitionKeys=[tt.FieldSchema(name=n, type=t) for n, t in part_keys],
        parameters=dict(params or {"spark.sql.create.version": "4.0.1"}),
        tableType=table_type,
    )


def partition(t: tt.Table, values: list[str], location: str | None = None) -> tt.Partition:
    s = sd([(c.name, c.type) for c in t.sd.cols], location)
    return tt.Partition(
        values=list(values),
        dbName=t.dbName,
        tableName=t.tableName,
        createTime=0,
        lastAccessTime=0,
        sd=s,
        parameters={},
    )


def database(name: str, location: str | None = None, params=None, description=None) -> tt.Database:
    return tt.Database(
        name=name,
        description=description,
        locationUri=location,
        parameters=dict(params or {}),
        ownerName="tester",
        ownerType=tt.PrincipalType.USER,
    )
