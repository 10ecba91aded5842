"""`catalog db adopt`: take over an existing Hive metastore database on PostgreSQL in place."""
