"""SQLAlchemy Core handles on the Hive 3.1.0 tables the catalog reads and writes.

These describe tables that Alembic migrations create (see `migrations/versions/`); they are
never used to emit DDL. Upper-case names are quoted by SQLAlchemy, exactly as Hive created them.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

CTLGS = Table(
    "CTLGS",
    metadata,
    Column("CTLG_ID", BigInteger, primary_key=True),
    Column("NAME", String(256)),
    Column("DESC", String(4000)),
    Column("LOCATION_URI", String(4000)),
)

DBS = Table(
    "DBS",
    metadata,
    Column("DB_ID", BigInteger, primary_key=True),
    Column("DESC", String(4000)),
    Column("DB_LOCATION_URI", String(4000)),
    Column("NAME", String(128)),
    Column("OWNER_NAME", String(128)),
    Column("OWNER_TYPE", String(10)),
    Column("CTLG_NAME", String(256)),
)

DATABASE_PARAMS = Table(
    "DATABASE_PARAMS",
    metadata,
    Column("DB_ID", BigInteger, primary_key=True),
    Column("PARAM_KEY", String(180), primary_key=True),
    Column("PARAM_VALUE", String(4000)),
)

CDS = Table("CDS", metadata, Column("CD_ID", BigInteger, primary_key=True))

COLUMNS_V2 = Table(
    "COLUMNS_V2",
    metadata,
    Column("CD_ID", BigInteger, primary_key=True),
    Column("COMMENT", String(4000)),
    Column("COLUMN_NAME", String(767), primary_key=True),
    Column("TYPE_NAME", Text),
    Column("INTEGER_IDX", Integer),
)

SERDES = Table(
    "SERDES",
    metadata,
    Column("SERDE_ID", BigInteger, primary_key=True),
    Column("NAME", String(128)),
    Column("SLIB", String(4000)),
    Column("DESCRIPTION", String(4000)),
    Column("SERIALIZER_CLASS", String(4000)),
    Column("DESERIALIZER_CLASS", String(4000)),
    Column("SERDE_TYPE", Integer),
)

SERDE_PARAMS = Table(
    "SERDE_PARAMS",
    metadata,
    Column("SERDE_ID", BigInteger, primary_key=True),
    Column("PARAM_KEY", String(256), primary_key=True),
    Column("PARAM_VALUE", Text),
)

SDS = Table(
    "SDS",
    metadata,
    Column("SD_ID", BigInteger, primary_key=True),
    Column("INPUT_FORMAT", String(4000)),
    Column("IS_COMPRESSED", Boolean),
    Column("LOCATION", String(4000)),
    Column("NUM_BUCKETS", BigInteger),
    Column("OUTPUT_FORMAT", String(4000)),
    Column("SERDE_ID", BigInteger),
    Column("CD_ID", BigInteger),
    Column("IS_STOREDASSUBDIRECTORIES", Boolean),
)

SD_PARAMS = Table(
    "SD_PARAMS",
    metadata,
    Column("SD_ID", BigInteger, primary_key=True),
    Column("PARAM_KEY", String(256), primary_key=True),
    Column("PARAM_VALUE", Text),
)

BUCKETING_COLS = Table(
    "BUCKETING_COLS",
    metadata,
    Column("SD_ID", BigInteger, primary_key=True),
    Column("BUCKET_COL_NAME", String(256)),
    Column("INTEGER_IDX", BigInteger, primary_key=True),
)

SORT_COLS = Table(
    "SORT_COLS",
    metadata,
    Column("SD_ID", BigInteger, primary_key=True),
    Column("COLUMN_NAME", String(767)),
    Column("ORDER", BigInteger),
    Column("INTEGER_IDX", BigInteger, primary_key=True),
)

# Skewed (list-bucketed) storage: value lists are "SKEWED_STRING_LIST" rows (DataNucleus' MStringList).
SKEWED_STRING_LIST = Table(
    "SKEWED_STRING_LIST", metadata, Column("STRING_LIST_ID", BigInteger, primary_key=True)
)

SKEWED_STRING_LIST_VALUES = Table(
    "SKEWED_STRING_LIST_VALUES",
    metadata,
    Column("STRING_LIST_ID", BigInteger, primary_key=True),
    Column("STRING_LIST_VALUE", String(256)),
    Column("INTEGER_IDX", BigInteger, primary_key=True),
)

SKEWED_COL_NAMES = Table(
    "SKEWED_COL_NAMES",
    metadata,
    Column("SD_ID", BigInteger, primary_key=True),
    Column("SKEWED_COL_NAME", String(256)),
    Column("INTEGER_IDX", BigInteger, primary_key=True),
)

SKEWED_VALUES = Table(
    "SKEWED_VALUES",
    metadata,
    Column("SD_ID_OID", BigInteger, primary_key=True),
    Column("STRING_LIST_ID_EID", BigInteger),
    Column("INTEGER_IDX", BigInteger, primary_key=True),
)

SKEWED_COL_VALUE_LOC_MAP = Table(
    "SKEWED_COL_VALUE_LOC_MAP",
    metadata,
    Column("SD_ID", BigInteger, primary_key=True),
    Column("STRING_LIST_ID_KID", BigInteger, primary_key=True),
    Column("LOCATION", String(4000)),
)

TBLS = Table(
    "TBLS",
    metadata,
    Column("TBL_ID", BigInteger, primary_key=True),
    Column("CREATE_TIME", BigInteger),
    Column("DB_ID", BigInteger),
    Column("LAST_ACCESS_TIME", BigInteger),
    Column("OWNER", String(767)),
    Column("OWNER_TYPE", String(10)),
    Column("RETENTION", BigInteger),
    Column("SD_ID", BigInteger),
    Column("TBL_NAME", String(256)),
    Column("TBL_TYPE", String(128)),
    Column("VIEW_EXPANDED_TEXT", Text),
    Column("VIEW_ORIGINAL_TEXT", Text),
    Column("IS_REWRITE_ENABLED", Boolean),
)

TABLE_PARAMS = Table(
    "TABLE_PARAMS",
    metadata,
    Column("TBL_ID", BigInteger, primary_key=True),
    Column("PARAM_KEY", String(256), primary_key=True),
    Column("PARAM_VALUE", Text),
)

PARTITION_KEYS = Table(
    "PARTITION_KEYS",
    metadata,
    Column("TBL_ID", BigInteger, primary_key=True),
    Column("PKEY_COMMENT", String(4000)),
    Column("PKEY_NAME", String(128), primary_key=True),
    Column("PKEY_TYPE", String(767)),
    Column("INTEGER_IDX", BigInteger),
)

PARTITIONS = Table(
    "PARTITIONS",
    metadata,
    Column("PART_ID", BigInteger, primary_key=True),
    Column("CREATE_TIME", BigInteger),
    Column("LAST_ACCESS_TIME", BigInteger),
    Column("PART_NAME", String(767)),
    Column("SD_ID", BigInteger),
    Column("TBL_ID", BigInteger),
)

PARTITION_KEY_VALS = Table(
    "PARTITION_KEY_VALS",
    metadata,
    Column("PART_ID", BigInteger, primary_key=True),
    Column("PART_KEY_VAL", String(256)),
    Column("INTEGER_IDX", BigInteger, primary_key=True),
)

PARTITION_PARAMS = Table(
    "PARTITION_PARAMS",
    metadata,
    Column("PART_ID", BigInteger, primary_key=True),
    Column("PARAM_KEY", String(256), primary_key=True),
    Column("PARAM_VALUE", String(4000)),
)

FUNCS = Table(
    "FUNCS",
    metadata,
    Column("FUNC_ID", BigInteger, primary_key=True),
    Column("CLASS_NAME", String(4000)),
    Column("CREATE_TIME", BigInteger),
    Column("DB_ID", BigInteger),
    Column("FUNC_NAME", String(128)),
    Column("FUNC_TYPE", Integer),
    Column("OWNER_NAME", String(128)),
    Column("OWNER_TYPE", String(10)),
)

FUNC_RU = Table(
    "FUNC_RU",
    metadata,
    Column("FUNC_ID", BigInteger, primary_key=True),
    Column("RESOURCE_TYPE", Integer),
    Column("RESOURCE_URI", String(4000)),
    Column("INTEGER_IDX", Integer, primary_key=True),
)

NOTIFICATION_SEQUENCE = Table(
    "NOTIFICATION_SEQUENCE",
    metadata,
    Column("NNI_ID", BigInteger, primary_key=True),
    Column("NEXT_EVENT_ID", BigInteger),
)

SEQUENCE_TABLE = Table(
    "SEQUENCE_TABLE",
    metadata,
    Column("SEQUENCE_NAME", String(255), primary_key=True),
    Column("NEXT_VAL", BigInteger),
)

# DataNucleus sequence names (fully-qualified root class) and the id column they allocate for.
MODEL = "org.apache.hadoop.hive.metastore.model."
SEQ_DATABASE = (MODEL + "MDatabase", DBS, "DB_ID")
SEQ_TABLE = (MODEL + "MTable", TBLS, "TBL_ID")
SEQ_PARTITION = (MODEL + "MPartition", PARTITIONS, "PART_ID")
SEQ_SD = (MODEL + "MStorageDescriptor", SDS, "SD_ID")
SEQ_SERDE = (MODEL + "MSerDeInfo", SERDES, "SERDE_ID")
SEQ_CD = (MODEL + "MColumnDescriptor", CDS, "CD_ID")
SEQ_FUNCTION = (MODEL + "MFunction", FUNCS, "FUNC_ID")
SEQ_CATALOG = (MODEL + "MCatalog", CTLGS, "CTLG_ID")
SEQ_STRING_LIST = (MODEL + "MStringList", SKEWED_STRING_LIST, "STRING_LIST_ID")
