"""The catalog's domain: plain data objects and rules, free of Thrift, HTTP and SQL."""
