"""The Hive Metastore Thrift door: socket server, handler and wire conversions."""
