"""ThriftHiveMetastore's notification methods and get_config_value, as thin translators over the
service's change events (mixed into MetastoreHandler)."""

from __future__ import annotations

import re

from catalog.errors import InvalidInputError
from catalog.service import CatalogService
from catalog.store.notifications import EventRow
from catalog.thrift.binding import split_db_name
from catalog.thrift_gen.hive_metastore import ttypes as tt

# get_config_value answers keys of these families only, as Hive's HMSHandler does
_CONFIG_KEY = re.compile(r"(hive|hdfs|mapred|metastore).*")


def event_to(r: EventRow) -> tt.NotificationEvent:
    return tt.NotificationEvent(
        eventId=r.event_id,
        eventTime=r.event_time,
        eventType=r.event_type,
        dbName=r.db,
        tableName=r.table,
        message=r.message or "",
        messageFormat=r.message_format,
        catName=r.catalog,
    )


class EventsHandler:
    s: CatalogService  # provided by MetastoreHandler, like `conf` (what getMetaConf answers too)
    conf: dict[str, str]

    def get_next_notification(self, rqst):
        rows = self.s.next_notifications(
            rqst.lastEvent or 0, rqst.maxEvents, list(getattr(rqst, "eventTypeSkipList", None) or [])
        )
        return tt.NotificationEventResponse(events=[event_to(r) for r in rows])

    def get_current_notificationEventId(self):
        return tt.CurrentNotificationEventId(eventId=self.s.current_notification_event_id())

    def get_notification_events_count(self, rqst):
        n = self.s.notification_events_count(rqst.fromEventId or 0, rqst.dbName, rqst.catName)
        return tt.NotificationEventsCountResponse(eventsCount=n)

    def fire_listener_event(self, rqst):
        data = rqst.data
        insert = data.insertData if data is not None else None
        if insert is None:
            raise InvalidInputError(
                "fire_listener_event needs insertData (the only event an engine can fire)"
            )
        if not rqst.successful:
            return tt.FireEventResponse()  # Hive fires nothing for a failed insert
        catalog, db = split_db_name(rqst.dbName)
        self.s.fire_insert_event(
            (rqst.catName or catalog).lower(),
            db or "",
            rqst.tableName or "",
            list(rqst.partitionVals or []),
            bool(insert.replace),
            list(insert.filesAdded or []),
            list(insert.filesAddedChecksum or []),
        )
        return tt.FireEventResponse()

    def get_config_value(self, name, defaultValue):
        if not name or not _CONFIG_KEY.fullmatch(name):
            raise InvalidInputError(f"For security reasons, the config key {name} cannot be accessed")
        return self.conf.get(name, defaultValue)


__all__ = ["EventsHandler", "event_to"]
