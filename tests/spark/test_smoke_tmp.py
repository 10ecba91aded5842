def test_smoke(spark_env):
    env = spark_env
    print(env.rows("SHOW DATABASES"))
    env.sql("CREATE DATABASE smk")
    env.sql("CREATE TABLE smk.t1 (id INT, name STRING) USING parquet")
    env.sql("INSERT INTO smk.t1 VALUES (1,'a')")
    print(env.rows("SELECT * FROM smk.t1"))
    with env.client() as c:
        print(c.get_table("smk", "t1"))
    env.sql("DROP DATABASE smk CASCADE")
