"""PostgreSQL storage in Apache Hive Metastore 3.1.0's schema (SQLAlchemy Core, psycopg 3)."""
