"""Change events: Hive's notification log (NOTIFICATION_LOG) and the change feed."""
