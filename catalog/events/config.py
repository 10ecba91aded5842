"""The configuration keys Hive clients read to learn how this metastore writes events.

Impala's event processor starts only when `get_config_value("hive.metastore.dml.events")` answers
"true" and `metastore.catalog.default` is "hive"; Hive's replication reads the message factory.
Both the Hive 3 `metastore.*` names and their `hive.metastore.*` aliases are answered, by
get_config_value and getMetaConf alike.
"""

from __future__ import annotations

from catalog.events.messages import MESSAGE_FACTORY

DB_NOTIFICATION_LISTENER = "org.apache.hive.hcatalog.listener.DbNotificationListener"


def hive_conf(enabled: bool, ttl_seconds: float) -> dict[str, str]:
    on = "true" if enabled else "false"
    values = {
        "dml.events": on,
        "event.message.factory": MESSAGE_FACTORY,
        "transactional.event.listeners": DB_NOTIFICATION_LISTENER if enabled else "",
        "event.db.listener.timetolive": f"{int(ttl_seconds)}s",
        "notifications.add.thrift.objects": "true",
    }
    conf = {f"{prefix}.{k}": v for k, v in values.items() for prefix in ("metastore", "hive.metastore")}
    conf["metastore.catalog.default"] = "hive"
    conf["hive.metastore.catalog.default"] = "hive"
    return conf


__all__ = ["DB_NOTIFICATION_LISTENER", "hive_conf"]
