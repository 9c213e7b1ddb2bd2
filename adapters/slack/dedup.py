"""Which Slack event ids were already answered: in this process's memory, or in the database.

Both have the same interface, `await first_time(event_id) -> bool`, which `SkipRepeatedEvents`
(app.py) calls. The database one lets any number of HTTP replicas share the answer: an insert
with a unique key on event_id wins once, whichever replica a retry lands on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Protocol

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from adapters import telemetry
from adapters.db import events

if TYPE_CHECKING:
    from adapters.db import Database

TTL = 3600.0  # Slack retries within minutes; an hour is plenty
PURGE_EVERY = 60.0

log = logging.getLogger("pariscall.slack")


class EventIds(Protocol):
    async def first_time(self, key: str) -> bool: ...


class RecentIds:
    """A bounded, time-limited set of event ids: the first delivery wins, retries are dropped."""

    def __init__(self, maxsize: int = 10_000, ttl: float = TTL) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self.maxsize = maxsize
        self.ttl = ttl

    async def first_time(self, key: str) -> bool:
        now = time.monotonic()
        while self._seen and (
            len(self._seen) >= self.maxsize or next(iter(self._seen.values())) < now - self.ttl
        ):
            self._seen.popitem(last=False)
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


class DatabaseEventIds:
    """Event ids in the shared database, so replicas behind a load balancer answer each once.

    If the database cannot be reached the event is answered (a rare duplicate beats silence)
    and the failure is logged and counted.
    """

    def __init__(self, db: Database, ttl: float = TTL) -> None:
        self.db = db
        self.ttl = ttl
        self._next_purge = 0.0
        dialect = postgresql if db.is_postgresql else sqlite
        self._insert = (
            dialect.insert(events)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(events.c.event_id)  # a row back = inserted (rowcount is -1 on psycopg)
        )

    async def first_time(self, key: str) -> bool:
        try:
            return await asyncio.to_thread(self._claim, key)
        except SQLAlchemyError as e:
            log.error("event de-duplication: the database failed (%s)", type(e).__name__)
            telemetry.error("slack", "database")
            return True

    def _claim(self, key: str) -> bool:
        now = time.time()
        # Autocommit: each statement stands alone, one round trip instead of three.
        with self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if now >= self._next_purge:
                self._next_purge = now + PURGE_EVERY
                conn.execute(events.delete().where(events.c.seen_at < now - self.ttl))
            if conn.execute(self._insert.values(event_id=key, seen_at=now)).first() is not None:
                return True
            # Already there: a retry, unless the row outlived the TTL before a purge.
            stale = conn.execute(
                sa.update(events)
                .where(events.c.event_id == key, events.c.seen_at < now - self.ttl)
                .values(seen_at=now)
                .returning(events.c.event_id)
            )
            return stale.first() is not None
