"""Apache Hive Metastore 3.1.0 schema (PostgreSQL flavour).

Creates the same 74 tables, columns, column types, nullability, defaults, primary keys, unique
constraints, foreign keys, indexes and seed rows as Hive's ``hive-schema-3.1.0.postgres.sql``, under the
same identifiers, so that a Java metastore, ``schematool -info`` and Hive/Spark tooling can share the
database with this service.

Identifier rules (they matter: Postgres folds unquoted names to lower case):
  * 57 tables are quoted upper case (``"DBS"``, ``"TBLS"`` ...), as DataNucleus and MetaStoreDirectSql
    address them;
  * the 17 ACID tables (``txns``, ``hive_locks`` ...) are unquoted, hence stored in lower case, as
    TxnHandler addresses them.
Constraint and index names are Hive's; where Hive left a name to Postgres (inline ``PRIMARY KEY``,
``UNIQUE`` and ``REFERENCES``) the name Postgres would generate is spelled out.

Hive's cosmetic ``DEFAULT NULL::character varying`` clauses are omitted (a nullable column defaults to
NULL anyway); every real default is kept. The pg_dump preamble and the ``REVOKE/GRANT ... ON SCHEMA
public`` lines of Hive's script are not reproduced: schema privileges belong to the deployment.

Revision ID: 0001_hive_3_1_0_schema
Revises:
"""

from __future__ import annotations

from alembic import op

revision = "0001_hive_3_1_0_schema"
down_revision = None
branch_labels = None
depends_on = None

# ---------------------------------------------------------------------------------------------------
# Tables. Column order follows Hive's script (Hive's own scripts INSERT without column lists).
# Primary keys and unique constraints are declared with their tables; foreign keys come afterwards
# because WM_RESOURCEPLAN and WM_POOL reference each other.
# ---------------------------------------------------------------------------------------------------

CATALOGS_AND_DATABASES = """
CREATE TABLE "CTLGS" (
    "CTLG_ID"         bigint        NOT NULL,
    "NAME"            varchar(256),
    "DESC"            varchar(4000),
    "LOCATION_URI"    varchar(4000) NOT NULL,
    CONSTRAINT "CTLGS_pkey" PRIMARY KEY ("CTLG_ID"),
    CONSTRAINT "CTLGS_NAME_key" UNIQUE ("NAME")
);

CREATE TABLE "DBS" (
    "DB_ID"           bigint        NOT NULL,
    "DESC"            varchar(4000),
    "DB_LOCATION_URI" varchar(4000) NOT NULL,
    "NAME"            varchar(128),
    "OWNER_NAME"      varchar(128),
    "OWNER_TYPE"      varchar(10),
    "CTLG_NAME"       varchar(256)  DEFAULT 'hive',
    CONSTRAINT "DBS_pkey" PRIMARY KEY ("DB_ID"),
    CONSTRAINT "UNIQUE_DATABASE" UNIQUE ("NAME", "CTLG_NAME")
);

CREATE TABLE "DATABASE_PARAMS" (
    "DB_ID"           bigint        NOT NULL,
    "PARAM_KEY"       varchar(180)  NOT NULL,
    "PARAM_VALUE"     varchar(4000),
    CONSTRAINT "DATABASE_PARAMS_pkey" PRIMARY KEY ("DB_ID", "PARAM_KEY")
);
"""

STORAGE_DESCRIPTORS = """
CREATE TABLE "SERDES" (
    "SERDE_ID"           bigint        NOT NULL,
    "NAME"               varchar(128),
    "SLIB"               varchar(4000),
    "DESCRIPTION"        varchar(4000),
    "SERIALIZER_CLASS"   varchar(4000),
    "DESERIALIZER_CLASS" varchar(4000),
    "SERDE_TYPE"         integer,
    CONSTRAINT "SERDES_pkey" PRIMARY KEY ("SERDE_ID")
);

CREATE TABLE "SERDE_PARAMS" (
    "SERDE_ID"        bigint        NOT NULL,
    "PARAM_KEY"       varchar(256)  NOT NULL,
    "PARAM_VALUE"     text,
    CONSTRAINT "SERDE_PARAMS_pkey" PRIMARY KEY ("SERDE_ID", "PARAM_KEY")
);

CREATE TABLE "CDS" (
    "CD_ID"           bigint        NOT NULL,
    CONSTRAINT "CDS_pkey" PRIMARY KEY ("CD_ID")
);

CREATE TABLE "COLUMNS_V2" (
    "CD_ID"           bigint        NOT NULL,
    "COMMENT"         varchar(4000),
    "COLUMN_NAME"     varchar(767)  NOT NULL,
    "TYPE_NAME"       text,
    "INTEGER_IDX"     integer       NOT NULL,
    CONSTRAINT "COLUMNS_V2_pkey" PRIMARY KEY ("CD_ID", "COLUMN_NAME")
);

CREATE TABLE "SDS" (
    "SD_ID"                     bigint        NOT NULL,
    "INPUT_FORMAT"              varchar(4000),
    "IS_COMPRESSED"             boolean       NOT NULL,
    "LOCATION"                  varchar(4000),
    "NUM_BUCKETS"               bigint        NOT NULL,
    "OUTPUT_FORMAT"             varchar(4000),
    "SERDE_ID"                  bigint,
    "CD_ID"                     bigint,
    "IS_STOREDASSUBDIRECTORIES" boolean       NOT NULL,
    CONSTRAINT "SDS_pkey" PRIMARY KEY ("SD_ID")
);

CREATE TABLE "SD_PARAMS" (
    "SD_ID"           bigint        NOT NULL,
    "PARAM_KEY"       varchar(256)  NOT NULL,
    "PARAM_VALUE"     text,
    CONSTRAINT "SD_PARAMS_pkey" PRIMARY KEY ("SD_ID", "PARAM_KEY")
);

CREATE TABLE "BUCKETING_COLS" (
    "SD_ID"           bigint        NOT NULL,
    "BUCKET_COL_NAME" varchar(256),
    "INTEGER_IDX"     bigint        NOT NULL,
    CONSTRAINT "BUCKETING_COLS_pkey" PRIMARY KEY ("SD_ID", "INTEGER_IDX")
);

CREATE TABLE "SORT_COLS" (
    "SD_ID"           bigint        NOT NULL,
    "COLUMN_NAME"     varchar(767),
    "ORDER"           bigint        NOT NULL,
    "INTEGER_IDX"     bigint        NOT NULL,
    CONSTRAINT "SORT_COLS_pkey" PRIMARY KEY ("SD_ID", "INTEGER_IDX")
);

CREATE TABLE "SKEWED_STRING_LIST" (
    "STRING_LIST_ID"  bigint        NOT NULL,
    CONSTRAINT "SKEWED_STRING_LIST_pkey" PRIMARY KEY ("STRING_LIST_ID")
);

CREATE TABLE "SKEWED_STRING_LIST_VALUES" (
    "STRING_LIST_ID"    bigint       NOT NULL,
    "STRING_LIST_VALUE" varchar(256),
    "INTEGER_IDX"       bigint       NOT NULL,
    CONSTRAINT "SKEWED_STRING_LIST_VALUES_pkey" PRIMARY KEY ("STRING_LIST_ID", "INTEGER_IDX")
);

CREATE TABLE "SKEWED_COL_NAMES" (
    "SD_ID"           bigint        NOT NULL,
    "SKEWED_COL_NAME" varchar(256),
    "INTEGER_IDX"     bigint        NOT NULL,
    CONSTRAINT "SKEWED_COL_NAMES_pkey" PRIMARY KEY ("SD_ID", "INTEGER_IDX")
);

CREATE TABLE "SKEWED_COL_VALUE_LOC_MAP" (
    "SD_ID"              bigint        NOT NULL,
    "STRING_LIST_ID_KID" bigint        NOT NULL,
    "LOCATION"           varchar(4000),
    CONSTRAINT "SKEWED_COL_VALUE_LOC_MAP_pkey" PRIMARY KEY ("SD_ID", "STRING_LIST_ID_KID")
);

CREATE TABLE "SKEWED_VALUES" (
    "SD_ID_OID"          bigint NOT NULL,
    "STRING_LIST_ID_EID" bigint NOT NULL,
    "INTEGER_IDX"        bigint NOT NULL,
    CONSTRAINT "SKEWED_VALUES_pkey" PRIMARY KEY ("SD_ID_OID", "INTEGER_IDX")
);
"""

TABLES_AND_VIEWS = """
CREATE TABLE "TBLS" (
    "TBL_ID"             bigint        NOT NULL,
    "CREATE_TIME"        bigint        NOT NULL,
    "DB_ID"              bigint,
    "LAST_ACCESS_TIME"   bigint        NOT NULL,
    "OWNER"              varchar(767),
    "OWNER_TYPE"         varchar(10),
    "RETENTION"          bigint        NOT NULL,
    "SD_ID"              bigint,
    "TBL_NAME"           varchar(256),
    "TBL_TYPE"           varchar(128),
    "VIEW_EXPANDED_TEXT" text,
    "VIEW_ORIGINAL_TEXT" text,
    "IS_REWRITE_ENABLED" boolean       NOT NULL DEFAULT false,
    CONSTRAINT "TBLS_pkey" PRIMARY KEY ("TBL_ID"),
    CONSTRAINT "UNIQUETABLE" UNIQUE ("TBL_NAME", "DB_ID")
);

CREATE TABLE "TABLE_PARAMS" (
    "TBL_ID"          bigint        NOT NULL,
    "PARAM_KEY"       varchar(256)  NOT NULL,
    "PARAM_VALUE"     text,
    CONSTRAINT "TABLE_PARAMS_pkey" PRIMARY KEY ("TBL_ID", "PARAM_KEY")
);

CREATE TABLE "PARTITION_KEYS" (
    "TBL_ID"          bigint        NOT NULL,
    "PKEY_COMMENT"    varchar(4000),
    "PKEY_NAME"       varchar(128)  NOT NULL,
    "PKEY_TYPE"       varchar(767)  NOT NULL,
    "INTEGER_IDX"     bigint        NOT NULL,
    CONSTRAINT "PARTITION_KEYS_pkey" PRIMARY KEY ("TBL_ID", "PKEY_NAME")
);

CREATE TABLE "MV_CREATION_METADATA" (
    "MV_CREATION_METADATA_ID" bigint       NOT NULL,
    "CAT_NAME"                varchar(256) NOT NULL,
    "DB_NAME"                 varchar(128) NOT NULL,
    "TBL_NAME"                varchar(256) NOT NULL,
    "TXN_LIST"                text,
    "MATERIALIZATION_TIME"    bigint       NOT NULL,
    CONSTRAINT "MV_CREATION_METADATA_PK" PRIMARY KEY ("MV_CREATION_METADATA_ID")
);

CREATE TABLE "MV_TABLES_USED" (
    "MV_CREATION_METADATA_ID" bigint NOT NULL,
    "TBL_ID"                  bigint NOT NULL
);

CREATE TABLE "KEY_CONSTRAINTS" (
    "CHILD_CD_ID"          bigint,
    "CHILD_INTEGER_IDX"    bigint,
    "CHILD_TBL_ID"         bigint,
    "PARENT_CD_ID"         bigint,
    "PARENT_INTEGER_IDX"   bigint       NOT NULL,
    "PARENT_TBL_ID"        bigint       NOT NULL,
    "POSITION"             bigint       NOT NULL,
    "CONSTRAINT_NAME"      varchar(400) NOT NULL,
    "CONSTRAINT_TYPE"      smallint     NOT NULL,
    "UPDATE_RULE"          smallint,
    "DELETE_RULE"          smallint,
    "ENABLE_VALIDATE_RELY" smallint     NOT NULL,
    "DEFAULT_VALUE"        varchar(400),
    CONSTRAINT "KEY_CONSTRAINTS_pkey" PRIMARY KEY ("CONSTRAINT_NAME", "POSITION")
);
"""

PARTITIONS = """
CREATE TABLE "PARTITIONS" (
    "PART_ID"          bigint       NOT NULL,
    "CREATE_TIME"      bigint       NOT NULL,
    "LAST_ACCESS_TIME" bigint       NOT NULL,
    "PART_NAME"        varchar(767),
    "SD_ID"            bigint,
    "TBL_ID"           bigint,
    CONSTRAINT "PARTITIONS_pkey" PRIMARY KEY ("PART_ID"),
    CONSTRAINT "UNIQUEPARTITION" UNIQUE ("PART_NAME", "TBL_ID")
);

CREATE TABLE "PARTITION_KEY_VALS" (
    "PART_ID"         bigint       NOT NULL,
    "PART_KEY_VAL"    varchar(256),
    "INTEGER_IDX"     bigint       NOT NULL,
    CONSTRAINT "PARTITION_KEY_VALS_pkey" PRIMARY KEY ("PART_ID", "INTEGER_IDX")
);

CREATE TABLE "PARTITION_PARAMS" (
    "PART_ID"         bigint        NOT NULL,
    "PARAM_KEY"       varchar(256)  NOT NULL,
    "PARAM_VALUE"     varchar(4000),
    CONSTRAINT "PARTITION_PARAMS_pkey" PRIMARY KEY ("PART_ID", "PARAM_KEY")
);

CREATE TABLE "PARTITION_EVENTS" (
    "PART_NAME_ID"    bigint       NOT NULL,
    "CAT_NAME"        varchar(256),
    "DB_NAME"         varchar(128),
    "EVENT_TIME"      bigint       NOT NULL,
    "EVENT_TYPE"      integer      NOT NULL,
    "PARTITION_NAME"  varchar(767),
    "TBL_NAME"        varchar(256),
    CONSTRAINT "PARTITION_EVENTS_pkey" PRIMARY KEY ("PART_NAME_ID")
);
"""

COLUMN_STATISTICS = """
CREATE TABLE "TAB_COL_STATS" (
    "CS_ID"                  bigint           NOT NULL,
    "CAT_NAME"               varchar(256),
    "DB_NAME"                varchar(128),
    "TABLE_NAME"             varchar(256),
    "COLUMN_NAME"            varchar(767),
    "COLUMN_TYPE"            varchar(128),
    "TBL_ID"                 bigint           NOT NULL,
    "LONG_LOW_VALUE"         bigint,
    "LONG_HIGH_VALUE"        bigint,
    "DOUBLE_LOW_VALUE"       double precision,
    "DOUBLE_HIGH_VALUE"      double precision,
    "BIG_DECIMAL_LOW_VALUE"  varchar(4000),
    "BIG_DECIMAL_HIGH_VALUE" varchar(4000),
    "NUM_NULLS"              bigint           NOT NULL,
    "NUM_DISTINCTS"          bigint,
    "BIT_VECTOR"             bytea,
    "AVG_COL_LEN"            double precision,
    "MAX_COL_LEN"            bigint,
    "NUM_TRUES"              bigint,
    "NUM_FALSES"             bigint,
    "LAST_ANALYZED"          bigint           NOT NULL,
    CONSTRAINT "TAB_COL_STATS_pkey" PRIMARY KEY ("CS_ID")
);

CREATE TABLE "PART_COL_STATS" (
    "CS_ID"                  bigint           NOT NULL,
    "CAT_NAME"               varchar(256),
    "DB_NAME"                varchar(128),
    "TABLE_NAME"             varchar(256),
    "PARTITION_NAME"         varchar(767),
    "COLUMN_NAME"            varchar(767),
    "COLUMN_TYPE"            varchar(128),
    "PART_ID"                bigint           NOT NULL,
    "LONG_LOW_VALUE"         bigint,
    "LONG_HIGH_VALUE"        bigint,
    "DOUBLE_LOW_VALUE"       double precision,
    "DOUBLE_HIGH_VALUE"      double precision,
    "BIG_DECIMAL_LOW_VALUE"  varchar(4000),
    "BIG_DECIMAL_HIGH_VALUE" varchar(4000),
    "NUM_NULLS"              bigint           NOT NULL,
    "NUM_DISTINCTS"          bigint,
    "BIT_VECTOR"             bytea,
    "AVG_COL_LEN"            double precision,
    "MAX_COL_LEN"            bigint,
    "NUM_TRUES"              bigint,
    "NUM_FALSES"             bigint,
    "LAST_ANALYZED"          bigint           NOT NULL,
    CONSTRAINT "PART_COL_STATS_pkey" PRIMARY KEY ("CS_ID")
);
"""

LEGACY_INDEXES_AND_TYPES = """
CREATE TABLE "IDXS" (
    "INDEX_ID"            bigint        NOT NULL,
    "CREATE_TIME"         bigint        NOT NULL,
    "DEFERRED_REBUILD"    boolean       NOT NULL,
    "INDEX_HANDLER_CLASS" varchar(4000),
    "INDEX_NAME"          varchar(128),
    "INDEX_TBL_ID"        bigint,
    "LAST_ACCESS_TIME"    bigint        NOT NULL,
    "ORIG_TBL_ID"         bigint,
    "SD_ID"               bigint,
    CONSTRAINT "IDXS_pkey" PRIMARY KEY ("INDEX_ID"),
    CONSTRAINT "UNIQUEINDEX" UNIQUE ("INDEX_NAME", "ORIG_TBL_ID")
);

CREATE TABLE "INDEX_PARAMS" (
    "INDEX_ID"        bigint        NOT NULL,
    "PARAM_KEY"       varchar(256)  NOT NULL,
    "PARAM_VALUE"     varchar(4000),
    CONSTRAINT "INDEX_PARAMS_pkey" PRIMARY KEY ("INDEX_ID", "PARAM_KEY")
);

CREATE TABLE "TYPES" (
    "TYPES_ID"        bigint       NOT NULL,
    "TYPE_NAME"       varchar(128),
    "TYPE1"           varchar(767),
    "TYPE2"           varchar(767),
    CONSTRAINT "TYPES_pkey" PRIMARY KEY ("TYPES_ID"),
    CONSTRAINT "UNIQUE_TYPE" UNIQUE ("TYPE_NAME")
);

CREATE TABLE "TYPE_FIELDS" (
    "TYPE_NAME"       bigint       NOT NULL,
    "COMMENT"         varchar(256),
    "FIELD_NAME"      varchar(128) NOT NULL,
    "FIELD_TYPE"      varchar(767) NOT NULL,
    "INTEGER_IDX"     bigint       NOT NULL,
    CONSTRAINT "TYPE_FIELDS_pkey" PRIMARY KEY ("TYPE_NAME", "FIELD_NAME")
);
"""

ROLES_AND_PRIVILEGES = """
CREATE TABLE "ROLES" (
    "ROLE_ID"         bigint       NOT NULL,
    "CREATE_TIME"     bigint       NOT NULL,
    "OWNER_NAME"      varchar(128),
    "ROLE_NAME"       varchar(128),
    CONSTRAINT "ROLES_pkey" PRIMARY KEY ("ROLE_ID"),
    CONSTRAINT "ROLEENTITYINDEX" UNIQUE ("ROLE_NAME")
);

CREATE TABLE "ROLE_MAP" (
    "ROLE_GRANT_ID"   bigint       NOT NULL,
    "ADD_TIME"        bigint       NOT NULL,
    "GRANT_OPTION"    smallint     NOT NULL,
    "GRANTOR"         varchar(128),
    "GRANTOR_TYPE"    varchar(128),
    "PRINCIPAL_NAME"  varchar(128),
    "PRINCIPAL_TYPE"  varchar(128),
    "ROLE_ID"         bigint,
    CONSTRAINT "ROLE_MAP_pkey" PRIMARY KEY ("ROLE_GRANT_ID"),
    CONSTRAINT "USERROLEMAPINDEX" UNIQUE ("PRINCIPAL_NAME", "ROLE_ID", "GRANTOR", "GRANTOR_TYPE")
);

CREATE TABLE "GLOBAL_PRIVS" (
    "USER_GRANT_ID"   bigint       NOT NULL,
    "CREATE_TIME"     bigint       NOT NULL,
    "GRANT_OPTION"    smallint     NOT NULL,
    "GRANTOR"         varchar(128),
    "GRANTOR_TYPE"    varchar(128),
    "PRINCIPAL_NAME"  varchar(128),
    "PRINCIPAL_TYPE"  varchar(128),
    "USER_PRIV"       varchar(128),
    "AUTHORIZER"      varchar(128),
    CONSTRAINT "GLOBAL_PRIVS_pkey" PRIMARY KEY ("USER_GRANT_ID"),
    CONSTRAINT "GLOBALPRIVILEGEINDEX"
        UNIQUE ("AUTHORIZER", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "USER_PRIV", "GRANTOR", "GRANTOR_TYPE")
);

CREATE TABLE "DB_PRIVS" (
    "DB_GRANT_ID"     bigint       NOT NULL,
    "CREATE_TIME"     bigint       NOT NULL,
    "DB_ID"           bigint,
    "GRANT_OPTION"    smallint     NOT NULL,
    "GRANTOR"         varchar(128),
    "GRANTOR_TYPE"    varchar(128),
    "PRINCIPAL_NAME"  varchar(128),
    "PRINCIPAL_TYPE"  varchar(128),
    "DB_PRIV"         varchar(128),
    "AUTHORIZER"      varchar(128),
    CONSTRAINT "DB_PRIVS_pkey" PRIMARY KEY ("DB_GRANT_ID"),
    CONSTRAINT "DBPRIVILEGEINDEX" UNIQUE
        ("AUTHORIZER", "DB_ID", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "DB_PRIV", "GRANTOR", "GRANTOR_TYPE")
);

CREATE TABLE "TBL_PRIVS" (
    "TBL_GRANT_ID"    bigint       NOT NULL,
    "CREATE_TIME"     bigint       NOT NULL,
    "GRANT_OPTION"    smallint     NOT NULL,
    "GRANTOR"         varchar(128),
    "GRANTOR_TYPE"    varchar(128),
    "PRINCIPAL_NAME"  varchar(128),
    "PRINCIPAL_TYPE"  varchar(128),
    "TBL_PRIV"        varchar(128),
    "TBL_ID"          bigint,
    "AUTHORIZER"      varchar(128),
    CONSTRAINT "TBL_PRIVS_pkey" PRIMARY KEY ("TBL_GRANT_ID")
);

CREATE TABLE "TBL_COL_PRIVS" (
    "TBL_COLUMN_GRANT_ID" bigint       NOT NULL,
    "COLUMN_NAME"         varchar(767),
    "CREATE_TIME"         bigint       NOT NULL,
    "GRANT_OPTION"        smallint     NOT NULL,
    "GRANTOR"             varchar(128),
    "GRANTOR_TYPE"        varchar(128),
    "PRINCIPAL_NAME"      varchar(128),
    "PRINCIPAL_TYPE"      varchar(128),
    "TBL_COL_PRIV"        varchar(128),
    "TBL_ID"              bigint,
    "AUTHORIZER"          varchar(128),
    CONSTRAINT "TBL_COL_PRIVS_pkey" PRIMARY KEY ("TBL_COLUMN_GRANT_ID")
);

CREATE TABLE "PART_PRIVS" (
    "PART_GRANT_ID"   bigint       NOT NULL,
    "CREATE_TIME"     bigint       NOT NULL,
    "GRANT_OPTION"    smallint     NOT NULL,
    "GRANTOR"         varchar(128),
    "GRANTOR_TYPE"    varchar(128),
    "PART_ID"         bigint,
    "PRINCIPAL_NAME"  varchar(128),
    "PRINCIPAL_TYPE"  varchar(128),
    "PART_PRIV"       varchar(128),
    "AUTHORIZER"      varchar(128),
    CONSTRAINT "PART_PRIVS_pkey" PRIMARY KEY ("PART_GRANT_ID")
);

CREATE TABLE "PART_COL_PRIVS" (
    "PART_COLUMN_GRANT_ID" bigint       NOT NULL,
    "COLUMN_NAME"          varchar(767),
    "CREATE_TIME"          bigint       NOT NULL,
    "GRANT_OPTION"         smallint     NOT NULL,
    "GRANTOR"              varchar(128),
    "GRANTOR_TYPE"         varchar(128),
    "PART_ID"              bigint,
    "PRINCIPAL_NAME"       varchar(128),
    "PRINCIPAL_TYPE"       varchar(128),
    "PART_COL_PRIV"        varchar(128),
    "AUTHORIZER"           varchar(128),
    CONSTRAINT "PART_COL_PRIVS_pkey" PRIMARY KEY ("PART_COLUMN_GRANT_ID")
);
"""

FUNCTIONS = """
CREATE TABLE "FUNCS" (
    "FUNC_ID"         bigint        NOT NULL,
    "CLASS_NAME"      varchar(4000),
    "CREATE_TIME"     integer       NOT NULL,
    "DB_ID"           bigint,
    "FUNC_NAME"       varchar(128),
    "FUNC_TYPE"       integer       NOT NULL,
    "OWNER_NAME"      varchar(128),
    "OWNER_TYPE"      varchar(10),
    CONSTRAINT "FUNCS_pkey" PRIMARY KEY ("FUNC_ID")
);

CREATE TABLE "FUNC_RU" (
    "FUNC_ID"         bigint        NOT NULL,
    "RESOURCE_TYPE"   integer       NOT NULL,
    "RESOURCE_URI"    varchar(4000),
    "INTEGER_IDX"     integer       NOT NULL,
    CONSTRAINT "FUNC_RU_pkey" PRIMARY KEY ("FUNC_ID", "INTEGER_IDX")
);
"""

NOTIFICATIONS = """
CREATE TABLE "NOTIFICATION_LOG" (
    "NL_ID"           bigint       NOT NULL,
    "EVENT_ID"        bigint       NOT NULL,
    "EVENT_TIME"      integer      NOT NULL,
    "EVENT_TYPE"      varchar(32)  NOT NULL,
    "CAT_NAME"        varchar(256),
    "DB_NAME"         varchar(128),
    "TBL_NAME"        varchar(256),
    "MESSAGE"         text,
    "MESSAGE_FORMAT"  varchar(16),
    CONSTRAINT "NOTIFICATION_LOG_pkey" PRIMARY KEY ("NL_ID")
);

CREATE TABLE "NOTIFICATION_SEQUENCE" (
    "NNI_ID"          bigint NOT NULL,
    "NEXT_EVENT_ID"   bigint NOT NULL,
    CONSTRAINT "NOTIFICATION_SEQUENCE_pkey" PRIMARY KEY ("NNI_ID")
);
"""

SECURITY_TOKENS = """
CREATE TABLE "MASTER_KEYS" (
    "KEY_ID"          serial,
    "MASTER_KEY"      varchar(767) NULL,
    CONSTRAINT "MASTER_KEYS_pkey" PRIMARY KEY ("KEY_ID")
);

CREATE TABLE "DELEGATION_TOKENS" (
    "TOKEN_IDENT"     varchar(767) NOT NULL,
    "TOKEN"           varchar(767) NULL,
    CONSTRAINT "DELEGATION_TOKENS_pkey" PRIMARY KEY ("TOKEN_IDENT")
);
"""

METASTORE_BOOKKEEPING = """
CREATE TABLE "VERSION" (
    "VER_ID"          bigint,
    "SCHEMA_VERSION"  varchar(127) NOT NULL,
    "VERSION_COMMENT" varchar(255) NOT NULL,
    CONSTRAINT "VERSION_pkey" PRIMARY KEY ("VER_ID")
);

CREATE TABLE "SEQUENCE_TABLE" (
    "SEQUENCE_NAME"   varchar(255) NOT NULL,
    "NEXT_VAL"        bigint       NOT NULL,
    CONSTRAINT "SEQUENCE_TABLE_pkey" PRIMARY KEY ("SEQUENCE_NAME")
);

CREATE TABLE "NUCLEUS_TABLES" (
    "CLASS_NAME"      varchar(128) NOT NULL,
    "TABLE_NAME"      varchar(128) NOT NULL,
    "TYPE"            varchar(4)   NOT NULL,
    "OWNER"           varchar(2)   NOT NULL,
    "VERSION"         varchar(20)  NOT NULL,
    "INTERFACE_NAME"  varchar(255),
    CONSTRAINT "NUCLEUS_TABLES_pkey" PRIMARY KEY ("CLASS_NAME")
);

CREATE TABLE "METASTORE_DB_PROPERTIES" (
    "PROPERTY_KEY"    varchar(255)  NOT NULL,
    "PROPERTY_VALUE"  varchar(1000) NOT NULL,
    "DESCRIPTION"     varchar(1000),
    CONSTRAINT "PROPERTY_KEY_PK" PRIMARY KEY ("PROPERTY_KEY")
);
"""

WORKLOAD_MANAGEMENT = """
CREATE TABLE "WM_RESOURCEPLAN" (
    "RP_ID"             bigint       NOT NULL,
    "NAME"              varchar(128) NOT NULL,
    "QUERY_PARALLELISM" integer,
    "STATUS"            varchar(20)  NOT NULL,
    "DEFAULT_POOL_ID"   bigint,
    CONSTRAINT "WM_RESOURCEPLAN_pkey" PRIMARY KEY ("RP_ID"),
    CONSTRAINT "UNIQUE_WM_RESOURCEPLAN" UNIQUE ("NAME")
);

CREATE TABLE "WM_POOL" (
    "POOL_ID"           bigint           NOT NULL,
    "RP_ID"             bigint           NOT NULL,
    "PATH"              varchar(1024)    NOT NULL,
    "ALLOC_FRACTION"    double precision,
    "QUERY_PARALLELISM" integer,
    "SCHEDULING_POLICY" varchar(1024),
    CONSTRAINT "WM_POOL_pkey" PRIMARY KEY ("POOL_ID"),
    CONSTRAINT "UNIQUE_WM_POOL" UNIQUE ("RP_ID", "PATH")
);

CREATE TABLE "WM_TRIGGER" (
    "TRIGGER_ID"         bigint        NOT NULL,
    "RP_ID"              bigint        NOT NULL,
    "NAME"               varchar(128)  NOT NULL,
    "TRIGGER_EXPRESSION" varchar(1024),
    "ACTION_EXPRESSION"  varchar(1024),
    "IS_IN_UNMANAGED"    smallint      NOT NULL DEFAULT 0,
    CONSTRAINT "WM_TRIGGER_pkey" PRIMARY KEY ("TRIGGER_ID"),
    CONSTRAINT "UNIQUE_WM_TRIGGER" UNIQUE ("RP_ID", "NAME")
);

CREATE TABLE "WM_POOL_TO_TRIGGER" (
    "POOL_ID"         bigint NOT NULL,
    "TRIGGER_ID"      bigint NOT NULL,
    CONSTRAINT "WM_POOL_TO_TRIGGER_pkey" PRIMARY KEY ("POOL_ID", "TRIGGER_ID")
);

CREATE TABLE "WM_MAPPING" (
    "MAPPING_ID"      bigint       NOT NULL,
    "RP_ID"           bigint       NOT NULL,
    "ENTITY_TYPE"     varchar(128) NOT NULL,
    "ENTITY_NAME"     varchar(128) NOT NULL,
    "POOL_ID"         bigint,
    "ORDERING"        integer,
    CONSTRAINT "WM_MAPPING_pkey" PRIMARY KEY ("MAPPING_ID"),
    CONSTRAINT "UNIQUE_WM_MAPPING" UNIQUE ("RP_ID", "ENTITY_TYPE", "ENTITY_NAME")
);
"""

SCHEMA_REGISTRY = """
CREATE TABLE "I_SCHEMA" (
    "SCHEMA_ID"        bigint        NOT NULL,
    "SCHEMA_TYPE"      integer       NOT NULL,
    "NAME"             varchar(256),
    "DB_ID"            bigint,
    "COMPATIBILITY"    integer       NOT NULL,
    "VALIDATION_LEVEL" integer       NOT NULL,
    "CAN_EVOLVE"       boolean       NOT NULL,
    "SCHEMA_GROUP"     varchar(256),
    "DESCRIPTION"      varchar(4000),
    CONSTRAINT "I_SCHEMA_pkey" PRIMARY KEY ("SCHEMA_ID"),
    CONSTRAINT "I_SCHEMA_NAME_key" UNIQUE ("NAME")
);

CREATE TABLE "SCHEMA_VERSION" (
    "SCHEMA_VERSION_ID"   bigint        NOT NULL,
    "SCHEMA_ID"           bigint,
    "VERSION"             integer       NOT NULL,
    "CREATED_AT"          bigint        NOT NULL,
    "CD_ID"               bigint,
    "STATE"               integer       NOT NULL,
    "DESCRIPTION"         varchar(4000),
    "SCHEMA_TEXT"         text,
    "FINGERPRINT"         varchar(256),
    "SCHEMA_VERSION_NAME" varchar(256),
    "SERDE_ID"            bigint,
    CONSTRAINT "SCHEMA_VERSION_pkey" PRIMARY KEY ("SCHEMA_VERSION_ID"),
    CONSTRAINT "SCHEMA_VERSION_SCHEMA_ID_VERSION_key" UNIQUE ("SCHEMA_ID", "VERSION")
);
"""

# Transaction and lock tables: deliberately UNQUOTED, so Postgres stores them (and their columns,
# constraints and indexes) in lower case, which is how TxnHandler's direct SQL addresses them.
ACID = """
CREATE TABLE TXNS (
    TXN_ID              bigint       NOT NULL,
    TXN_STATE           char(1)      NOT NULL,
    TXN_STARTED         bigint       NOT NULL,
    TXN_LAST_HEARTBEAT  bigint       NOT NULL,
    TXN_USER            varchar(128) NOT NULL,
    TXN_HOST            varchar(128) NOT NULL,
    TXN_AGENT_INFO      varchar(128),
    TXN_META_INFO       varchar(128),
    TXN_HEARTBEAT_COUNT integer,
    TXN_TYPE            integer,
    CONSTRAINT TXNS_pkey PRIMARY KEY (TXN_ID)
);

CREATE TABLE TXN_COMPONENTS (
    TC_TXNID            bigint       NOT NULL,
    TC_DATABASE         varchar(128) NOT NULL,
    TC_TABLE            varchar(128),
    TC_PARTITION        varchar(767),
    TC_OPERATION_TYPE   char(1)      NOT NULL,
    TC_WRITEID          bigint,
    CONSTRAINT TXN_COMPONENTS_tc_txnid_fkey FOREIGN KEY (TC_TXNID) REFERENCES TXNS (TXN_ID)
);

CREATE TABLE COMPLETED_TXN_COMPONENTS (
    CTC_TXNID           bigint       NOT NULL,
    CTC_DATABASE        varchar(128) NOT NULL,
    CTC_TABLE           varchar(256),
    CTC_PARTITION       varchar(767),
    CTC_TIMESTAMP       timestamp    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CTC_WRITEID         bigint,
    CTC_UPDATE_DELETE   char(1)      NOT NULL
);

CREATE TABLE NEXT_TXN_ID (
    NTXN_NEXT           bigint NOT NULL
);

CREATE TABLE HIVE_LOCKS (
    HL_LOCK_EXT_ID      bigint       NOT NULL,
    HL_LOCK_INT_ID      bigint       NOT NULL,
    HL_TXNID            bigint       NOT NULL,
    HL_DB               varchar(128) NOT NULL,
    HL_TABLE            varchar(128),
    HL_PARTITION        varchar(767),
    HL_LOCK_STATE       char(1)      NOT NULL,
    HL_LOCK_TYPE        char(1)      NOT NULL,
    HL_LAST_HEARTBEAT   bigint       NOT NULL,
    HL_ACQUIRED_AT      bigint,
    HL_USER             varchar(128) NOT NULL,
    HL_HOST             varchar(128) NOT NULL,
    HL_HEARTBEAT_COUNT  integer,
    HL_AGENT_INFO       varchar(128),
    HL_BLOCKEDBY_EXT_ID bigint,
    HL_BLOCKEDBY_INT_ID bigint,
    CONSTRAINT HIVE_LOCKS_pkey PRIMARY KEY (HL_LOCK_EXT_ID, HL_LOCK_INT_ID)
);

CREATE TABLE NEXT_LOCK_ID (
    NL_NEXT             bigint NOT NULL
);

CREATE TABLE COMPACTION_QUEUE (
    CQ_ID               bigint        NOT NULL,
    CQ_DATABASE         varchar(128)  NOT NULL,
    CQ_TABLE            varchar(128)  NOT NULL,
    CQ_PARTITION        varchar(767),
    CQ_STATE            char(1)       NOT NULL,
    CQ_TYPE             char(1)       NOT NULL,
    CQ_TBLPROPERTIES    varchar(2048),
    CQ_WORKER_ID        varchar(128),
    CQ_START            bigint,
    CQ_RUN_AS           varchar(128),
    CQ_HIGHEST_WRITE_ID bigint,
    CQ_META_INFO        bytea,
    CQ_HADOOP_JOB_ID    varchar(32),
    CONSTRAINT COMPACTION_QUEUE_pkey PRIMARY KEY (CQ_ID)
);

CREATE TABLE NEXT_COMPACTION_QUEUE_ID (
    NCQ_NEXT            bigint NOT NULL
);

CREATE TABLE COMPLETED_COMPACTIONS (
    CC_ID               bigint        NOT NULL,
    CC_DATABASE         varchar(128)  NOT NULL,
    CC_TABLE            varchar(128)  NOT NULL,
    CC_PARTITION        varchar(767),
    CC_STATE            char(1)       NOT NULL,
    CC_TYPE             char(1)       NOT NULL,
    CC_TBLPROPERTIES    varchar(2048),
    CC_WORKER_ID        varchar(128),
    CC_START            bigint,
    CC_END              bigint,
    CC_RUN_AS           varchar(128),
    CC_HIGHEST_WRITE_ID bigint,
    CC_META_INFO        bytea,
    CC_HADOOP_JOB_ID    varchar(32),
    CONSTRAINT COMPLETED_COMPACTIONS_pkey PRIMARY KEY (CC_ID)
);

CREATE TABLE AUX_TABLE (
    MT_KEY1             varchar(128) NOT NULL,
    MT_KEY2             bigint       NOT NULL,
    MT_COMMENT          varchar(255),
    CONSTRAINT AUX_TABLE_pkey PRIMARY KEY (MT_KEY1, MT_KEY2)
);

CREATE TABLE WRITE_SET (
    WS_DATABASE         varchar(128) NOT NULL,
    WS_TABLE            varchar(128) NOT NULL,
    WS_PARTITION        varchar(767),
    WS_TXNID            bigint       NOT NULL,
    WS_COMMIT_ID        bigint       NOT NULL,
    WS_OPERATION_TYPE   char(1)      NOT NULL
);

CREATE TABLE TXN_TO_WRITE_ID (
    T2W_TXNID           bigint       NOT NULL,
    T2W_DATABASE        varchar(128) NOT NULL,
    T2W_TABLE           varchar(256) NOT NULL,
    T2W_WRITEID         bigint       NOT NULL
);

CREATE TABLE NEXT_WRITE_ID (
    NWI_DATABASE        varchar(128) NOT NULL,
    NWI_TABLE           varchar(256) NOT NULL,
    NWI_NEXT            bigint       NOT NULL
);

CREATE TABLE MIN_HISTORY_LEVEL (
    MHL_TXNID           bigint NOT NULL,
    MHL_MIN_OPEN_TXNID  bigint NOT NULL,
    CONSTRAINT MIN_HISTORY_LEVEL_pkey PRIMARY KEY (MHL_TXNID)
);

CREATE TABLE MATERIALIZATION_REBUILD_LOCKS (
    MRL_TXN_ID          bigint       NOT NULL,
    MRL_DB_NAME         varchar(128) NOT NULL,
    MRL_TBL_NAME        varchar(256) NOT NULL,
    MRL_LAST_HEARTBEAT  bigint       NOT NULL,
    CONSTRAINT MATERIALIZATION_REBUILD_LOCKS_pkey PRIMARY KEY (MRL_TXN_ID)
);

CREATE TABLE REPL_TXN_MAP (
    RTM_REPL_POLICY     varchar(256) NOT NULL,
    RTM_SRC_TXN_ID      bigint       NOT NULL,
    RTM_TARGET_TXN_ID   bigint       NOT NULL,
    CONSTRAINT REPL_TXN_MAP_pkey PRIMARY KEY (RTM_REPL_POLICY, RTM_SRC_TXN_ID)
);

CREATE TABLE RUNTIME_STATS (
    RS_ID               bigint NOT NULL,
    CREATE_TIME         bigint NOT NULL,
    WEIGHT              bigint NOT NULL,
    PAYLOAD             bytea,
    CONSTRAINT RUNTIME_STATS_pkey PRIMARY KEY (RS_ID)
);

CREATE INDEX TC_TXNID_INDEX ON TXN_COMPONENTS USING hash (TC_TXNID);
CREATE INDEX COMPLETED_TXN_COMPONENTS_INDEX
    ON COMPLETED_TXN_COMPONENTS USING btree (CTC_DATABASE, CTC_TABLE, CTC_PARTITION);
CREATE INDEX HL_TXNID_INDEX ON HIVE_LOCKS USING hash (HL_TXNID);
CREATE UNIQUE INDEX TBL_TO_TXN_ID_IDX ON TXN_TO_WRITE_ID (T2W_DATABASE, T2W_TABLE, T2W_TXNID);
CREATE UNIQUE INDEX TBL_TO_WRITE_ID_IDX ON TXN_TO_WRITE_ID (T2W_DATABASE, T2W_TABLE, T2W_WRITEID);
CREATE UNIQUE INDEX NEXT_WRITE_ID_IDX ON NEXT_WRITE_ID (NWI_DATABASE, NWI_TABLE);
CREATE INDEX MIN_HISTORY_LEVEL_IDX ON MIN_HISTORY_LEVEL (MHL_MIN_OPEN_TXNID);
CREATE INDEX IDX_RUNTIME_STATS_CREATE_TIME ON RUNTIME_STATS (CREATE_TIME);
"""

# ---------------------------------------------------------------------------------------------------
# Non-unique indexes of the quoted tables (Hive's names; btree unless stated).
# ---------------------------------------------------------------------------------------------------
INDEXES = """
CREATE INDEX "DATABASE_PARAMS_N49" ON "DATABASE_PARAMS" ("DB_ID");
CREATE INDEX "SERDE_PARAMS_N49"    ON "SERDE_PARAMS" ("SERDE_ID");
CREATE INDEX "SDS_N49"             ON "SDS" ("SERDE_ID");
CREATE INDEX "SD_PARAMS_N49"       ON "SD_PARAMS" ("SD_ID");
CREATE INDEX "BUCKETING_COLS_N49"  ON "BUCKETING_COLS" ("SD_ID");
CREATE INDEX "SORT_COLS_N49"       ON "SORT_COLS" ("SD_ID");

CREATE INDEX "TBLS_N49"            ON "TBLS" ("DB_ID");
CREATE INDEX "TBLS_N50"            ON "TBLS" ("SD_ID");
CREATE INDEX "TABLE_PARAMS_N49"    ON "TABLE_PARAMS" ("TBL_ID");
CREATE INDEX "PARTITION_KEYS_N49"  ON "PARTITION_KEYS" ("TBL_ID");
CREATE INDEX "MV_UNIQUE_TABLE"     ON "MV_CREATION_METADATA" ("TBL_NAME", "DB_NAME");
CREATE INDEX "CONSTRAINTS_PARENT_TBLID_INDEX"    ON "KEY_CONSTRAINTS" ("PARENT_TBL_ID");
CREATE INDEX "CONSTRAINTS_CONSTRAINT_TYPE_INDEX" ON "KEY_CONSTRAINTS" ("CONSTRAINT_TYPE");

CREATE INDEX "PARTITIONS_N49"         ON "PARTITIONS" ("TBL_ID");
CREATE INDEX "PARTITIONS_N50"         ON "PARTITIONS" ("SD_ID");
CREATE INDEX "PARTITION_KEY_VALS_N49" ON "PARTITION_KEY_VALS" ("PART_ID");
CREATE INDEX "PARTITION_PARAMS_N49"   ON "PARTITION_PARAMS" ("PART_ID");
CREATE INDEX "PARTITIONEVENTINDEX"    ON "PARTITION_EVENTS" ("PARTITION_NAME");

CREATE INDEX "TAB_COL_STATS_IDX"  ON "TAB_COL_STATS" ("CAT_NAME", "DB_NAME", "TABLE_NAME", "COLUMN_NAME");
CREATE INDEX "TAB_COL_STATS_N49"  ON "TAB_COL_STATS" ("TBL_ID");
CREATE INDEX "PCS_STATS_IDX"
    ON "PART_COL_STATS" ("CAT_NAME", "DB_NAME", "TABLE_NAME", "COLUMN_NAME", "PARTITION_NAME");
CREATE INDEX "PART_COL_STATS_N49" ON "PART_COL_STATS" ("PART_ID");

CREATE INDEX "IDXS_N49"          ON "IDXS" ("ORIG_TBL_ID");
CREATE INDEX "IDXS_N50"          ON "IDXS" ("INDEX_TBL_ID");
CREATE INDEX "IDXS_N51"          ON "IDXS" ("SD_ID");
CREATE INDEX "INDEX_PARAMS_N49"  ON "INDEX_PARAMS" ("INDEX_ID");
CREATE INDEX "TYPE_FIELDS_N49"   ON "TYPE_FIELDS" ("TYPE_NAME");

CREATE INDEX "ROLE_MAP_N49"      ON "ROLE_MAP" ("ROLE_ID");
CREATE INDEX "DB_PRIVS_N49"      ON "DB_PRIVS" ("DB_ID");
CREATE INDEX "TBL_PRIVS_N49"     ON "TBL_PRIVS" ("TBL_ID");
CREATE INDEX "TABLEPRIVILEGEINDEX" ON "TBL_PRIVS"
    ("AUTHORIZER", "TBL_ID", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "TBL_PRIV", "GRANTOR", "GRANTOR_TYPE");
CREATE INDEX "TBL_COL_PRIVS_N49" ON "TBL_COL_PRIVS" ("TBL_ID");
CREATE INDEX "TABLECOLUMNPRIVILEGEINDEX" ON "TBL_COL_PRIVS"
    ("AUTHORIZER", "TBL_ID", "COLUMN_NAME", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "TBL_COL_PRIV",
     "GRANTOR", "GRANTOR_TYPE");
CREATE INDEX "PART_PRIVS_N49"    ON "PART_PRIVS" ("PART_ID");
CREATE INDEX "PARTPRIVILEGEINDEX" ON "PART_PRIVS"
    ("AUTHORIZER", "PART_ID", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "PART_PRIV", "GRANTOR", "GRANTOR_TYPE");
CREATE INDEX "PART_COL_PRIVS_N49" ON "PART_COL_PRIVS" ("PART_ID");
CREATE INDEX "PARTITIONCOLUMNPRIVILEGEINDEX" ON "PART_COL_PRIVS"
    ("AUTHORIZER", "PART_ID", "COLUMN_NAME", "PRINCIPAL_NAME", "PRINCIPAL_TYPE", "PART_COL_PRIV",
     "GRANTOR", "GRANTOR_TYPE");

CREATE UNIQUE INDEX "UNIQUEFUNCTION" ON "FUNCS" ("FUNC_NAME", "DB_ID");
CREATE INDEX "FUNCS_N49"   ON "FUNCS" ("DB_ID");
CREATE INDEX "FUNC_RU_N49" ON "FUNC_RU" ("FUNC_ID");
"""

# ---------------------------------------------------------------------------------------------------
# Foreign keys: (constraint, table, columns, referenced table, referenced columns, deferrable).
# Hive declares all but DBS_FK1 and the inline REFERENCES of I_SCHEMA / SCHEMA_VERSION DEFERRABLE.
# ---------------------------------------------------------------------------------------------------
FOREIGN_KEYS: list[tuple[str, str, str, str, str, bool]] = [
    ("DBS_FK1", "DBS", "CTLG_NAME", "CTLGS", "NAME", False),
    ("DATABASE_PARAMS_DB_ID_fkey", "DATABASE_PARAMS", "DB_ID", "DBS", "DB_ID", True),
    ("SERDE_PARAMS_SERDE_ID_fkey", "SERDE_PARAMS", "SERDE_ID", "SERDES", "SERDE_ID", True),
    ("COLUMNS_V2_CD_ID_fkey", "COLUMNS_V2", "CD_ID", "CDS", "CD_ID", True),
    ("SDS_CD_ID_fkey", "SDS", "CD_ID", "CDS", "CD_ID", True),
    ("SDS_SERDE_ID_fkey", "SDS", "SERDE_ID", "SERDES", "SERDE_ID", True),
    ("SD_PARAMS_SD_ID_fkey", "SD_PARAMS", "SD_ID", "SDS", "SD_ID", True),
    ("BUCKETING_COLS_SD_ID_fkey", "BUCKETING_COLS", "SD_ID", "SDS", "SD_ID", True),
    ("SORT_COLS_SD_ID_fkey", "SORT_COLS", "SD_ID", "SDS", "SD_ID", True),
    (
        "SKEWED_STRING_LIST_VALUES_fkey",
        "SKEWED_STRING_LIST_VALUES",
        "STRING_LIST_ID",
        "SKEWED_STRING_LIST",
        "STRING_LIST_ID",
        True,
    ),
    ("SKEWED_COL_NAMES_fkey", "SKEWED_COL_NAMES", "SD_ID", "SDS", "SD_ID", True),
    ("SKEWED_COL_VALUE_LOC_MAP_fkey1", "SKEWED_COL_VALUE_LOC_MAP", "SD_ID", "SDS", "SD_ID", True),
    (
        "SKEWED_COL_VALUE_LOC_MAP_fkey2",
        "SKEWED_COL_VALUE_LOC_MAP",
        "STRING_LIST_ID_KID",
        "SKEWED_STRING_LIST",
        "STRING_LIST_ID",
        True,
    ),
    (
        "SKEWED_VALUES_fkey1",
        "SKEWED_VALUES",
        "STRING_LIST_ID_EID",
        "SKEWED_STRING_LIST",
        "STRING_LIST_ID",
        True,
    ),
    ("SKEWED_VALUES_fkey2", "SKEWED_VALUES", "SD_ID_OID", "SDS", "SD_ID", True),
    ("TBLS_DB_ID_fkey", "TBLS", "DB_ID", "DBS", "DB_ID", True),
    ("TBLS_SD_ID_fkey", "TBLS", "SD_ID", "SDS", "SD_ID", True),
    ("TABLE_PARAMS_TBL_ID_fkey", "TABLE_PARAMS", "TBL_ID", "TBLS", "TBL_ID", True),
    ("PARTITION_KEYS_TBL_ID_fkey", "PARTITION_KEYS", "TBL_ID", "TBLS", "TBL_ID", True),
    (
        "MV_TABLES_USED_FK1",
        "MV_TABLES_USED",
        "MV_CREATION_METADATA_ID",
        "MV_CREATION_METADATA",
        "MV_CREATION_METADATA_ID",
        True,
    ),
    ("MV_TABLES_USED_FK2", "MV_TABLES_USED", "TBL_ID", "TBLS", "TBL_ID", True),
    ("PARTITIONS_SD_ID_fkey", "PARTITIONS", "SD_ID", "SDS", "SD_ID", True),
    ("PARTITIONS_TBL_ID_fkey", "PARTITIONS", "TBL_ID", "TBLS", "TBL_ID", True),
    ("PARTITION_KEY_VALS_PART_ID_fkey", "PARTITION_KEY_VALS", "PART_ID", "PARTITIONS", "PART_ID", True),
    ("PARTITION_PARAMS_PART_ID_fkey", "PARTITION_PARAMS", "PART_ID", "PARTITIONS", "PART_ID", True),
    ("TAB_COL_STATS_fkey", "TAB_COL_STATS", "TBL_ID", "TBLS", "TBL_ID", True),
    ("PART_COL_STATS_fkey", "PART_COL_STATS", "PART_ID", "PARTITIONS", "PART_ID", True),
    ("IDXS_INDEX_TBL_ID_fkey", "IDXS", "INDEX_TBL_ID", "TBLS", "TBL_ID", True),
    ("IDXS_ORIG_TBL_ID_fkey", "IDXS", "ORIG_TBL_ID", "TBLS", "TBL_ID", True),
    ("IDXS_SD_ID_fkey", "IDXS", "SD_ID", "SDS", "SD_ID", True),
    ("INDEX_PARAMS_INDEX_ID_fkey", "INDEX_PARAMS", "INDEX_ID", "IDXS", "INDEX_ID", True),
    ("TYPE_FIELDS_TYPE_NAME_fkey", "TYPE_FIELDS", "TYPE_NAME", "TYPES", "TYPES_ID", True),
    ("ROLE_MAP_ROLE_ID_fkey", "ROLE_MAP", "ROLE_ID", "ROLES", "ROLE_ID", True),
    ("DB_PRIVS_DB_ID_fkey", "DB_PRIVS", "DB_ID", "DBS", "DB_ID", True),
    ("TBL_PRIVS_TBL_ID_fkey", "TBL_PRIVS", "TBL_ID", "TBLS", "TBL_ID", True),
    ("TBL_COL_PRIVS_TBL_ID_fkey", "TBL_COL_PRIVS", "TBL_ID", "TBLS", "TBL_ID", True),
    ("PART_PRIVS_PART_ID_fkey", "PART_PRIVS", "PART_ID", "PARTITIONS", "PART_ID", True),
    ("PART_COL_PRIVS_PART_ID_fkey", "PART_COL_PRIVS", "PART_ID", "PARTITIONS", "PART_ID", True),
    ("FUNCS_FK1", "FUNCS", "DB_ID", "DBS", "DB_ID", True),
    ("FUNC_RU_FK1", "FUNC_RU", "FUNC_ID", "FUNCS", "FUNC_ID", True),
    ("WM_POOL_FK1", "WM_POOL", "RP_ID", "WM_RESOURCEPLAN", "RP_ID", True),
    ("WM_RESOURCEPLAN_FK1", "WM_RESOURCEPLAN", "DEFAULT_POOL_ID", "WM_POOL", "POOL_ID", True),
    ("WM_TRIGGER_FK1", "WM_TRIGGER", "RP_ID", "WM_RESOURCEPLAN", "RP_ID", True),
    ("WM_POOL_TO_TRIGGER_FK1", "WM_POOL_TO_TRIGGER", "POOL_ID", "WM_POOL", "POOL_ID", True),
    ("WM_POOL_TO_TRIGGER_FK2", "WM_POOL_TO_TRIGGER", "TRIGGER_ID", "WM_TRIGGER", "TRIGGER_ID", True),
    ("WM_MAPPING_FK1", "WM_MAPPING", "RP_ID", "WM_RESOURCEPLAN", "RP_ID", True),
    ("WM_MAPPING_FK2", "WM_MAPPING", "POOL_ID", "WM_POOL", "POOL_ID", True),
    ("I_SCHEMA_DB_ID_fkey", "I_SCHEMA", "DB_ID", "DBS", "DB_ID", False),
    ("SCHEMA_VERSION_SCHEMA_ID_fkey", "SCHEMA_VERSION", "SCHEMA_ID", "I_SCHEMA", "SCHEMA_ID", False),
    ("SCHEMA_VERSION_CD_ID_fkey", "SCHEMA_VERSION", "CD_ID", "CDS", "CD_ID", False),
    ("SCHEMA_VERSION_SERDE_ID_fkey", "SCHEMA_VERSION", "SERDE_ID", "SERDES", "SERDE_ID", False),
]

# ---------------------------------------------------------------------------------------------------
# Seed rows (Hive's script inserts exactly these).
# ---------------------------------------------------------------------------------------------------
SEED_ROWS = """
-- The location is TBD: HMSHandler.createDefaultCatalog rewrites it to the warehouse root at startup.
INSERT INTO "CTLGS" ("CTLG_ID", "NAME", "DESC", "LOCATION_URI")
    VALUES (1, 'hive', 'Default catalog for Hive', 'TBD');
-- DbNotificationListener reads this row directly (NL_ID allocation), bypassing DataNucleus.
INSERT INTO "SEQUENCE_TABLE" ("SEQUENCE_NAME", "NEXT_VAL")
    VALUES ('org.apache.hadoop.hive.metastore.model.MNotificationLog', 1);
INSERT INTO "NOTIFICATION_SEQUENCE" ("NNI_ID", "NEXT_EVENT_ID")
    SELECT 1, 1 WHERE NOT EXISTS (SELECT "NEXT_EVENT_ID" FROM "NOTIFICATION_SEQUENCE");
INSERT INTO NEXT_TXN_ID VALUES (1);
INSERT INTO NEXT_LOCK_ID VALUES (1);
INSERT INTO NEXT_COMPACTION_QUEUE_ID VALUES (1);
-- Hive records the schema version last.
INSERT INTO "VERSION" ("VER_ID", "SCHEMA_VERSION", "VERSION_COMMENT")
    VALUES (1, '3.1.0', 'Hive release version 3.1.0');
"""

TABLE_SECTIONS = [
    CATALOGS_AND_DATABASES,
    STORAGE_DESCRIPTORS,
    TABLES_AND_VIEWS,
    PARTITIONS,
    COLUMN_STATISTICS,
    LEGACY_INDEXES_AND_TYPES,
    ROLES_AND_PRIVILEGES,
    FUNCTIONS,
    NOTIFICATIONS,
    SECURITY_TOKENS,
    METASTORE_BOOKKEEPING,
    WORKLOAD_MANAGEMENT,
    SCHEMA_REGISTRY,
    ACID,
]

# Every table this revision creates, as Postgres stores the name.
HIVE_TABLES = [
    "CTLGS",
    "DBS",
    "DATABASE_PARAMS",
    "SERDES",
    "SERDE_PARAMS",
    "CDS",
    "COLUMNS_V2",
    "SDS",
    "SD_PARAMS",
    "BUCKETING_COLS",
    "SORT_COLS",
    "SKEWED_STRING_LIST",
    "SKEWED_STRING_LIST_VALUES",
    "SKEWED_COL_NAMES",
    "SKEWED_COL_VALUE_LOC_MAP",
    "SKEWED_VALUES",
    "TBLS",
    "TABLE_PARAMS",
    "PARTITION_KEYS",
    "MV_CREATION_METADATA",
    "MV_TABLES_USED",
    "KEY_CONSTRAINTS",
    "PARTITIONS",
    "PARTITION_KEY_VALS",
    "PARTITION_PARAMS",
    "PARTITION_EVENTS",
    "TAB_COL_STATS",
    "PART_COL_STATS",
    "IDXS",
    "INDEX_PARAMS",
    "TYPES",
    "TYPE_FIELDS",
    "ROLES",
    "ROLE_MAP",
    "GLOBAL_PRIVS",
    "DB_PRIVS",
    "TBL_PRIVS",
    "TBL_COL_PRIVS",
    "PART_PRIVS",
    "PART_COL_PRIVS",
    "FUNCS",
    "FUNC_RU",
    "NOTIFICATION_LOG",
    "NOTIFICATION_SEQUENCE",
    "MASTER_KEYS",
    "DELEGATION_TOKENS",
    "VERSION",
    "SEQUENCE_TABLE",
    "NUCLEUS_TABLES",
    "METASTORE_DB_PROPERTIES",
    "WM_RESOURCEPLAN",
    "WM_POOL",
    "WM_TRIGGER",
    "WM_POOL_TO_TRIGGER",
    "WM_MAPPING",
    "I_SCHEMA",
    "SCHEMA_VERSION",
    # ACID tables (created unquoted, stored lower case)
    "txns",
    "txn_components",
    "completed_txn_components",
    "next_txn_id",
    "hive_locks",
    "next_lock_id",
    "compaction_queue",
    "next_compaction_queue_id",
    "completed_compactions",
    "aux_table",
    "write_set",
    "txn_to_write_id",
    "next_write_id",
    "min_history_level",
    "materialization_rebuild_locks",
    "repl_txn_map",
    "runtime_stats",
]


def _foreign_key_ddl(
    name: str, table: str, cols: str, ref_table: str, ref_cols: str, deferrable: bool
) -> str:
    return (
        f'ALTER TABLE ONLY "{table}" ADD CONSTRAINT "{name}" FOREIGN KEY ("{cols}") '
        f'REFERENCES "{ref_table}" ("{ref_cols}"){" DEFERRABLE" if deferrable else ""}'
    )


def upgrade() -> None:
    for section in TABLE_SECTIONS:
        op.execute(section)
    op.execute(INDEXES)
    for fk in FOREIGN_KEYS:
        op.execute(_foreign_key_ddl(*fk))
    op.execute(SEED_ROWS)


def downgrade() -> None:
    # One statement: Postgres resolves the foreign keys among the dropped tables itself (including the
    # WM_RESOURCEPLAN <-> WM_POOL cycle). The MASTER_KEYS serial sequence goes with its column.
    op.execute("DROP TABLE " + ", ".join(f'"{t}"' for t in HIVE_TABLES))
