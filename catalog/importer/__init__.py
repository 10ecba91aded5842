"""`catalog import --from URL`: copy an existing Hive metastore database into ours."""
